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


    # --- kompass check ---


    # --- kompass report (result workbook and Word draft) ---


    # --- kompass consensus ---


    # --- kompass merge ---


    # --- reading files, signals, faults ---
    "read_foreign_root": {
        Lang.SV: "är inte SpreadsheetML (rotelementet hör till namnrymden '{namespace}')",
        Lang.EN: "is not SpreadsheetML (its root element is in the namespace '{namespace}')",
    },
    "read_repeated_relationship": {
        Lang.SV: "har två relationer med id '{id}' (ett id får bara finnas en gång)",
        Lang.EN: "has two relationships with the id '{id}' (an id may occur only once)",
    },
    "interrupted": {
        Lang.SV: "Avbrutet (Ctrl-C); inga halvfärdiga filer lämnades kvar.",
        Lang.EN: "Interrupted (Ctrl-C); no half-written files were left behind.",
    },
    "terminated": {
        Lang.SV: "Avslutat (SIGTERM); inga halvfärdiga filer lämnades kvar.",
        Lang.EN: "Terminated (SIGTERM); no half-written files were left behind.",
    },
    "name_control_characters": {
        Lang.SV: "{option} '{value}' innehåller styrtecken eller tecken som inte är UTF-8 (visade som \\u…); skriv namnet med vanliga bokstäver",
        Lang.EN: "{option} '{value}' holds control characters or characters that are not UTF-8 (shown as \\u…); type the name in ordinary letters",
    },
    "comment_cut": {
        Lang.SV: "{path}: kommentaren till fråga {question} är längre än en cell rymmer (32 767 tecken) och kortades i sammanställningen",
        Lang.EN: "{path}: the comment on question {question} is longer than a cell holds (32,767 characters) and was cut in the summary",
    },
    "read_repeated_part": {
        Lang.SV: "{where} är skadad: delen '{part}' finns två gånger i zip-paketet, så det går inte att veta vilken som gäller. Spara arbetsboken på nytt i Excel eller LibreOffice",
        Lang.EN: "{where} is damaged: part '{part}' is in its zip package twice, so which one counts cannot be known. Save the workbook again in Excel or LibreOffice",
    },
    "read_compression": {
        Lang.SV: "{where} använder en zip-komprimering (metod {method} i delen '{part}') som Excel inte kan öppna. {advice}",
        Lang.EN: "{where} uses a zip compression (method {method} in part '{part}') that Excel cannot open. {advice}",
    },
    "read_no_package_relationships": {
        Lang.SV: "{where} är skadad: zip-paketet saknar _rels/.rels, som säger var arbetsboken finns, så Excel öppnar den inte. {advice}",
        Lang.EN: "{where} is damaged: its zip package has no _rels/.rels, which says where the workbook is, so Excel does not open it. {advice}",
    },
    "read_no_office_document": {
        Lang.SV: "{where} är skadad: _rels/.rels pekar inte ut någon arbetsbok, så Excel öppnar den inte. {advice}",
        Lang.EN: "{where} is damaged: _rels/.rels names no workbook part, so Excel does not open it. {advice}",
    },
    "read_missing_office_document": {
        Lang.SV: "{where} är skadad: arbetsboksdelen '{part}' som _rels/.rels pekar på saknas. Använd en hel kopia eller spara den på nytt",
        Lang.EN: "{where} is damaged: the workbook part '{part}' that _rels/.rels points to is missing. Use a whole copy or save it again",
    },
    "read_no_content_types": {
        Lang.SV: "{where} är skadad: zip-paketet saknar [Content_Types].xml, så Excel öppnar den inte. {advice}",
        Lang.EN: "{where} is damaged: its zip package has no [Content_Types].xml, so Excel does not open it. {advice}",
    },
    "read_inline_with_value": {
        Lang.SV: "har ett sparat värde <v> i textcellen {cell} (typ inlineStr), som Excel och LibreOffice visar olika",
        Lang.EN: "has a stored value <v> in the inline-text cell {cell}, which Excel and LibreOffice show differently",
    },


}
