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
    "merge_nothing": {
        Lang.SV: "Fel: ingen av de {count} filerna kunde slås samman; inget skrevs",
        Lang.EN: "Error: none of the {count} files could be merged; nothing was written",
    },
    "merge_conflict": {
        Lang.SV: "KONFLIKT {municipality} {year}: {count} olika utvärderingar, ingen av dem är medräknad:",
        Lang.EN: "CONFLICT {municipality} {year}: {count} different evaluations, none of them counted:",
    },
    "merge_conflict_file": {Lang.SV: "  {path}", Lang.EN: "  {path}"},
    "merge_conflict_team": {
        Lang.SV: "  De ser ut att vara utvärderarnas egna arbetsböcker för samma utvärdering. Slå ihop dem till en konsensusarbetsbok:",
        Lang.EN: "  They look like the evaluators' own workbooks of one evaluation. Combine them into a consensus workbook:",
    },
    "merge_conflict_command": {Lang.SV: "    {command}", Lang.EN: "    {command}"},
    "merge_conflict_team_after": {
        Lang.SV: "  Gå igenom de flaggade frågorna och slå sedan samman med bara konsensusarbetsboken.",
        Lang.EN: "  Go through the flagged questions, then merge with the consensus workbook only.",
    },
    "merge_conflict_other": {
        Lang.SV: "  Behåll den fil som gäller, flytta de andra ur mappen och slå samman igen.",
        Lang.EN: "  Keep the file that is right, move the others out of the folder and merge again.",
    },
    "merge_wrote": {
        Lang.SV: "Skrev {path}: {files}, {merged} sammanslagna, {rejected}, {duplicates}, {conflicts}",
        Lang.EN: "Wrote {path}: {files}, {merged} merged, {rejected}, {duplicates}, {conflicts}",
    },
    "merge_files_one": {Lang.SV: "1 fil", Lang.EN: "1 file"},
    "merge_files": {Lang.SV: "{count} filer", Lang.EN: "{count} files"},
    "merge_rejected_one": {Lang.SV: "1 avvisad", Lang.EN: "1 rejected"},
    "merge_rejected": {Lang.SV: "{count} avvisade", Lang.EN: "{count} rejected"},
    "merge_duplicates_one": {Lang.SV: "1 dubblett", Lang.EN: "1 duplicate"},
    "merge_duplicates": {Lang.SV: "{count} dubbletter", Lang.EN: "{count} duplicates"},
    "merge_conflicts_one": {Lang.SV: "1 konflikt", Lang.EN: "1 conflict"},
    "merge_conflicts": {Lang.SV: "{count} konflikter", Lang.EN: "{count} conflicts"},


    # --- reading files, signals, faults ---


}
