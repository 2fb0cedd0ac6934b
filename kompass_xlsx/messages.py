"""Every text the tool prints on the terminal, in Swedish and English, in one catalogue.

Workbook labels live in `labels.py` and finding messages in `findings.py`; this module holds the
rest: status lines, summaries, errors, warnings and hints. The language is Swedish unless the
command group's `--lang` or the environment variable KOMPASS_LANG says otherwise.
"""

from __future__ import annotations

import os

from .labels import Lang

LANGUAGE_VARIABLE = "KOMPASS_LANG"

_chosen: Lang | None = None


def set_language(lang: str | Lang | None) -> None:
    """Fix the language of printed text for this process (None: back to KOMPASS_LANG or Swedish)."""
    global _chosen
    _chosen = Lang(lang) if lang else None


def language() -> Lang:
    """The language of printed text: the one set, else KOMPASS_LANG when it names one, else Swedish."""
    if _chosen is not None:
        return _chosen
    value = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return Lang(value) if value in {lang.value for lang in Lang} else Lang.SV


def say(key: str, **fields: object) -> str:
    """The message `key` in the current language, its {placeholders} filled from `fields`."""
    return MESSAGES[key][language()].format(**fields)


def plural(count: int, one: str, many: str) -> str:
    """`count` with the word in the right number: plural(1, "fil", "filer") -> "1 fil"."""
    return f"{count} {one if count == 1 else many}"


# Sections by topic keep additions apart; add a message to its topic's section.
MESSAGES: dict[str, dict[Lang, str]] = {
    # --- general: errors every command can give ---
    "error_prefix": {Lang.SV: "Fel: {message}", Lang.EN: "Error: {message}"},
    "warning_prefix": {Lang.SV: "Varning: {message}", Lang.EN: "Warning: {message}"},
    "wrote": {Lang.SV: "Skrev {path}", Lang.EN: "Wrote {path}"},


    # --- kompass new, templates, plan, status ---
    "new_name_unknown": {
        Lang.SV: "'{name}' finns inte bland Sveriges 290 kommuner.{hint} Skriv namnet som registret gör, eller lägg till --force-name för att behålla det.",
        Lang.EN: "'{name}' is not one of Sweden's 290 municipalities.{hint} Write the name as the register does, or add --force-name to keep it.",
    },
    "new_did_you_mean": {Lang.SV: " Menade du {names}", Lang.EN: " Did you mean {names}"},
    "new_group_unknown": {
        Lang.SV: "'{group}' är inte en av SKR:s kommungrupper: {groups}",
        Lang.EN: "'{group}' is not one of SKR's municipality groups: {groups}",
    },
    "new_year_mismatch": {
        Lang.SV: "året {year} passar inte ramverksversion {version} (används från {start}); den version som användes {year} var {fitting}.",
        Lang.EN: "the year {year} does not fit framework version {version} (in use from {start}); the version in use in {year} was {fitting}.",
    },


    # --- kompass check ---


    # --- kompass report (result workbook and Word draft) ---
    "draft_wrote": {
        Lang.SV: "Skrev {path}: rapportutkast, {prompts} markerade ställen (\"ATT SKRIVA\") kvar för utvärderarnas egen text",
        Lang.EN: "Wrote {path}: report draft, {prompts} marked places (\"TO WRITE\") left for the evaluators' own text",
    },
    "draft_wrote_one": {
        Lang.SV: "Skrev {path}: rapportutkast, 1 markerat ställe (\"ATT SKRIVA\") kvar för utvärderarnas egen text",
        Lang.EN: "Wrote {path}: report draft, 1 marked place (\"TO WRITE\") left for the evaluators' own text",
    },
    "draft_no_output": {
        Lang.SV: "ange minst en utdatafil: -o RESULTAT.xlsx (resultatbok) och/eller --docx RAPPORT.docx (rapportutkast)",
        Lang.EN: "give at least one output: -o RESULT.xlsx (result workbook) and/or --docx REPORT.docx (report draft)",
    },
    "draft_intro_without_docx": {
        Lang.SV: "--intro är metodtexten i rapportutkastet; ange också --docx RAPPORT.docx",
        Lang.EN: "--intro is the report draft's method text; give --docx REPORT.docx too",
    },
    "draft_docx_name": {
        Lang.SV: "{path}: rapportutkastet är ett Word-dokument, så namnet måste sluta på .docx (till exempel {example})",
        Lang.EN: "{path}: the report draft is a Word document, so its name must end in .docx (for example {example})",
    },
    "draft_intro_not_file": {
        Lang.SV: "{path}: metodtexten (--intro) måste vara en vanlig textfil (.txt eller .md)",
        Lang.EN: "{path}: the method text (--intro) must be a regular text file (.txt or .md)",
    },
    "draft_intro_kind": {
        Lang.SV: "{path}: metodtexten (--intro) ska vara en .txt- eller .md-fil",
        Lang.EN: "{path}: the method text (--intro) must be a .txt or .md file",
    },
    "draft_intro_too_big": {
        Lang.SV: "{path}: metodtexten (--intro) är {size} byte; högst {limit} byte är tillåtet",
        Lang.EN: "{path}: the method text (--intro) is {size} bytes; at most {limit} bytes are allowed",
    },
    "draft_intro_encoding": {
        Lang.SV: "{path}: metodtexten (--intro) är inte UTF-8 (byte {position}); spara den som UTF-8 och försök igen",
        Lang.EN: "{path}: the method text (--intro) is not UTF-8 (byte {position}); save it as UTF-8 and try again",
    },
    "draft_intro_empty": {
        Lang.SV: "{path}: metodtexten (--intro) är tom",
        Lang.EN: "{path}: the method text (--intro) is empty",
    },
    "draft_demo_heading": {Lang.SV: "Rapportutkast (Word):", Lang.EN: "Report drafts (Word):"},
    "draft_demo_line": {Lang.SV: "  {path}: {prompts} ställen att skriva", Lang.EN: "  {path}: {prompts} places to write"},
    "draft_demo_line_one": {Lang.SV: "  {path}: 1 ställe att skriva", Lang.EN: "  {path}: 1 place to write"},
    "draft_intro_unreadable": {
        Lang.SV: "{path}: metodtexten (--intro) kan inte läsas: {reason}",
        Lang.EN: "{path}: the method text (--intro) cannot be read: {reason}",
    },


    # --- kompass consensus ---


    # --- kompass merge ---


    # --- reading files, signals, faults ---


}
