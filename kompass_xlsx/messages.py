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


def help_text(key: str, english: str | None) -> str | None:
    """A `--help` text or a text of click's own in the current language.

    These texts are written in English where they are declared (a command's docstring, an option's
    `help=`, click's messages), so the English text is their source, as in gettext; the catalogue holds
    their Swedish under `key` ("help new", "help new --year", "click Missing option").
    """
    entry = MESSAGES.get(key)
    if entry is None or english is None:
        return english
    return entry.get(language(), english)


def number(value) -> str:
    """Points as people write them in the current language: "457,5" in Swedish, "457.5" in English."""
    from .labels import number_text

    return number_text(value, language())


def say_count(key: str, count: int, **fields: object) -> str:
    """The message `key` for a number of things: `key`_one when the count is 1 and the catalogue has it
    ("1 dubblett", "2 dubbletter"); the count is the field {count}, beside `fields`."""
    chosen = f"{key}_one" if count == 1 and f"{key}_one" in MESSAGES else key
    return say(chosen, **{"count": count, **fields})


def plural(count: int, one: str, many: str) -> str:
    """`count` with the word in the right number: plural(1, "fil", "filer") -> "1 fil"."""
    return f"{count} {one if count == 1 else many}"


# Sections by topic keep additions apart; add a message to its topic's section.
MESSAGES: dict[str, dict[Lang, str]] = {  # help and click texts have Swedish only (see help_text)
    # --- general: errors every command can give ---
    "error_prefix": {Lang.SV: "Fel: {message}", Lang.EN: "Error: {message}"},
    "warning_prefix": {Lang.SV: "Varning: {message}", Lang.EN: "Warning: {message}"},
    "wrote": {Lang.SV: "Skrev {path}", Lang.EN: "Wrote {path}"},
    "os_error": {Lang.SV: 'en fil kunde inte läsas eller skrivas: {reason}{where}', Lang.EN: 'a file could not be read or written: {reason}{where}'},
    "path_missing": {Lang.SV: '{path} finns inte; kontrollera stavningen och vilken mapp du står i', Lang.EN: '{path} does not exist; check the spelling and the folder you are in'},
    "path_not_regular": {Lang.SV: '{path} är varken en vanlig fil eller en mapp', Lang.EN: '{path} is not a regular file or folder'},
    "output_is_input": {Lang.SV: '{path} är en av indatafilerna; indatafiler skrivs aldrig över, så välj ett annat namn', Lang.EN: '{path} is one of the inputs; input files are never overwritten, so choose another name'},
    "output_is_folder": {Lang.SV: '{path} är en mapp; ange ett filnamn, t.ex. {example}', Lang.EN: '{path} is a folder; give a file name such as {example}'},
    "output_not_regular": {Lang.SV: '{path} är ingen vanlig fil; ange namnet på en fil att skriva', Lang.EN: '{path} is not a regular file; give the name of a file to write'},
    "output_exists": {Lang.SV: '{path} finns redan; lägg till --force för att skriva över den', Lang.EN: '{path} already exists; use --force to overwrite it'},
    "output_folder_missing": {Lang.SV: 'mappen {folder} finns inte; skapa den först eller ange en annan', Lang.EN: 'the folder {folder} does not exist; create it first or give another'},
    "output_not_xlsx": {Lang.SV: '{path}: utdata är en Excel-arbetsbok, så namnet måste sluta på .xlsx (t.ex. {example})', Lang.EN: '{path}: the output is an Excel workbook, so its name must end in .xlsx (for example {example})'},
    "outputs_same": {Lang.SV: 'utdatafilerna måste vara olika filer: {paths}', Lang.EN: 'the outputs must be different files: {paths}'},
    "output_cannot_write": {Lang.SV: 'kan inte skriva {path}: {reason}', Lang.EN: 'cannot write {path}: {reason}'},
    "output_cannot_make_folder": {Lang.SV: 'kan inte skapa mappen {folder}: {reason}', Lang.EN: 'cannot create the folder {folder}: {reason}'},
    "severity_error": {Lang.SV: 'fel', Lang.EN: 'error'},
    "severity_warning": {Lang.SV: 'varning', Lang.EN: 'warning'},
    "word_error": {Lang.SV: 'fel', Lang.EN: 'error'},
    "word_errors": {Lang.SV: 'fel', Lang.EN: 'errors'},
    "word_warning": {Lang.SV: 'varning', Lang.EN: 'warning'},
    "word_warnings": {Lang.SV: 'varningar', Lang.EN: 'warnings'},



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
    "frameworks_header": {Lang.SV: 'version|gäller från|områden|frågor|max|steg|titel', Lang.EN: 'version|in use from|areas|questions|max|step|title'},
    "framework_title": {Lang.SV: '{title} (version {version}, gäller från {year})', Lang.EN: '{title} (version {version}, in use from {year})'},
    "framework_max": {Lang.SV: 'högst {max} poäng, poäng i steg om {step}', Lang.EN: 'max {max} points, scores in steps of {step}'},
    "framework_revises": {Lang.SV: 'ersätter version {previous}', Lang.EN: 'revises version {previous}'},
    "framework_area": {Lang.SV: '{number} {title}  (max {max})', Lang.EN: '{number} {title}  (max {max})'},
    "framework_no_area": {Lang.SV: 'inget', Lang.EN: 'none'},
    "framework_lineage": {Lang.SV: '   fortsätter område {areas} i {previous}, jämförbarhet {comparability}{note}', Lang.EN: '   continues area {areas} of {previous}, comparability {comparability}{note}'},
    "comparability_full": {Lang.SV: 'full', Lang.EN: 'full'},
    "comparability_partial": {Lang.SV: 'delvis', Lang.EN: 'partial'},
    "comparability_none": {Lang.SV: 'ingen', Lang.EN: 'none'},
    "framework_unknown": {Lang.SV: "ramverksversion '{version}' finns inte; kända versioner: {known}.{hint}", Lang.EN: "unknown framework version '{version}'; known versions: {known}.{hint}"},
    "framework_did_you_mean": {Lang.SV: ' Menade du {versions}?', Lang.EN: ' Did you mean {versions}?'},
    "framework_or": {Lang.SV: ' eller ', Lang.EN: ' or '},
    "year_plain": {Lang.SV: "'{value}' är inget årtal; skriv året med fyra siffror mellan 2000 och 2100, t.ex. 2024", Lang.EN: "'{value}' is not a year; write the year as four digits from 2000 to 2100, e.g. 2024"},
    "date_plain": {Lang.SV: "'{value}' är inget datum som kan läsas; skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-12", Lang.EN: "'{value}' is not a date that can be read; write the date as YYYY-MM-DD, e.g. 2024-03-12"},
    "new_missing_option": {Lang.SV: 'ange {option} (kompass new behöver bara --municipality och --year; eller --plan för en hel omgång)', Lang.EN: 'give {option} (kompass new needs only --municipality and --year; or --plan for a whole round)'},
    "municipality_empty": {Lang.SV: 'får inte vara tom', Lang.EN: 'must not be empty'},
    "municipality_long": {Lang.SV: 'får vara högst 100 tecken', Lang.EN: 'must be at most 100 characters'},
    "evaluator_separator": {Lang.SV: '\'{name}\' innehåller komma eller semikolon, som skiljer namn åt i arbetsboken; skriv ett namn per --evaluator, förnamn först ("Anna Berg")', Lang.EN: '\'{name}\' contains a comma or semicolon, which separate names in the workbook; write one name per --evaluator, first name first ("Anna Berg")'},
    "new_wrote": {Lang.SV: 'Skrev {path} (ramverk {version}, {municipality} {year})', Lang.EN: 'Wrote {path} (framework {version}, {municipality} {year})'},
    "plan_option_conflict": {Lang.SV: '{option} hör inte ihop med --plan: planen anger kommun, år, ramverk och utvärderare per rad', Lang.EN: '{option} does not go with --plan: the plan gives municipality, year, framework and evaluators per row'},
    "plan_needs_folder": {Lang.SV: 'ange mappen för poängböckerna med -o, t.ex. -o omgang-2024', Lang.EN: 'give the folder for the scoring workbooks with -o, e.g. -o round-2024'},
    "plan_refused": {Lang.SV: 'Fel: planen {path} kan inte användas ({problems}); ingenting skrevs:', Lang.EN: 'Error: the plan {path} cannot be used ({problems}); nothing was written:'},
    "plan_row": {Lang.SV: 'rad {row}: {problem}', Lang.EN: 'row {row}: {problem}'},
    "plan_municipality_missing": {Lang.SV: 'kommun saknas; skriv kommunens namn i kolumnen Kommun', Lang.EN: 'the municipality is missing; write its name in the column Kommun'},
    "plan_municipality_long": {Lang.SV: 'kommunens namn är längre än {max} tecken', Lang.EN: "the municipality's name is longer than {max} characters"},
    "plan_year_missing": {Lang.SV: 'året saknas; skriv utvärderingens år i kolumnen År, t.ex. 2024', Lang.EN: "the year is missing; write the evaluation's year in the column År, e.g. 2024"},
    "plan_year_invalid": {Lang.SV: "'{value}' är inget årtal; skriv året med fyra siffror mellan 2000 och 2100, t.ex. 2024", Lang.EN: "'{value}' is not a year; write four digits from 2000 to 2100, e.g. 2024"},
    "plan_framework_unknown": {Lang.SV: "ramverk '{value}' finns inte; skriv en av {known} eller lämna tomt för den version som gällde året", Lang.EN: "framework '{value}' does not exist; write one of {known} or leave it empty for the version in use that year"},
    "plan_evaluators_missing": {Lang.SV: 'ingen utvärderare; skriv namnen i kolumnen Utvärderare, åtskilda med semikolon (Anna Berg; Per Ek)', Lang.EN: 'no evaluator; write the names in the column Utvärderare, separated by semicolons (Anna Berg; Per Ek)'},
    "plan_evaluator_comma": {Lang.SV: "'{name}' innehåller ett komma; skilj namnen åt med semikolon (Anna Berg; Per Ek)", Lang.EN: "'{name}' contains a comma; separate the names with semicolons (Anna Berg; Per Ek)"},
    "plan_evaluator_long": {Lang.SV: "namnet '{name}…' är längre än {max} tecken", Lang.EN: "the name '{name}…' is longer than {max} characters"},
    "plan_row_overflow": {Lang.SV: "raden har värden till höger om rubrikraden ({values}); i en CSV-fil med semikolon mellan kolumnerna ska utvärderarna stå inom citattecken (\"Anna Berg; Per Ek\"), eller spara planen som .xlsx", Lang.EN: "the row has values right of the header row ({values}); in a CSV file with semicolons between columns put the evaluators in quotes (\"Anna Berg; Per Ek\"), or save the plan as .xlsx"},
    "plan_evaluator_twice": {Lang.SV: '{name} står två gånger', Lang.EN: '{name} is named twice'},
    "plan_same_file": {Lang.SV: 'filen {name} kommer redan från rad {other}; samma kommun och år står två gånger', Lang.EN: 'the file {name} already comes from row {other}; the same municipality and year are there twice'},
    "plan_file_exists": {Lang.SV: '{path} finns redan; lägg till --force för att skriva över, eller välj en annan mapp', Lang.EN: '{path} already exists; use --force to overwrite it, or choose another folder'},
    "plan_folder_is_file": {Lang.SV: '{path} är en fil; ange en mapp för poängböckerna med -o', Lang.EN: '{path} is a file; give a folder for the scoring workbooks with -o'},
    "plan_empty": {Lang.SV: '{path}: planen har inga utvärderingar under rubrikraden; skriv en rad per utvärdering från rad 2', Lang.EN: '{path}: the plan has no evaluations below the header row; write one row per evaluation from row 2'},
    "plan_columns_missing": {Lang.SV: '{path}: rubrikraden (rad 1) saknar {columns}; kolumnerna är Kommun, År, Ramverk (valfri) och Utvärderare. En tom plan: kompass plan-template -o plan.xlsx', Lang.EN: '{path}: the header row (row 1) lacks {columns}; the columns are Kommun, År, Ramverk (optional) and Utvärderare. A blank plan: kompass plan-template -o plan.xlsx'},
    "plan_column_municipality": {Lang.SV: 'Kommun', Lang.EN: 'Kommun (municipality)'},
    "plan_column_year": {Lang.SV: 'År', Lang.EN: 'År (year)'},
    "plan_column_framework": {Lang.SV: 'Ramverk', Lang.EN: 'Ramverk (framework)'},
    "plan_column_evaluators": {Lang.SV: 'Utvärderare', Lang.EN: 'Utvärderare (evaluators)'},
    "plan_kind": {Lang.SV: '{path}: en plan är en .xlsx- eller .csv-fil; spara den som Excel-arbetsbok (.xlsx)', Lang.EN: '{path}: a plan is an .xlsx or .csv file; save it as an Excel workbook (.xlsx)'},
    "plan_not_file": {Lang.SV: '{path} är ingen vanlig fil', Lang.EN: '{path} is not a regular file'},
    "plan_too_large": {Lang.SV: '{path} är större än {max} MB, för stor för en plan', Lang.EN: '{path} is larger than {max} MB, too large for a plan'},
    "plan_wrote": {Lang.SV: 'Skrev {count} för {evaluations} i {folder}:', Lang.EN: 'Wrote {count} for {evaluations} in {folder}:'},
    "plan_workbooks": {Lang.SV: '{count} poängböcker', Lang.EN: '{count} scoring workbooks'},
    "plan_workbooks_one": {Lang.SV: '{count} poängbok', Lang.EN: '{count} scoring workbook'},
    "plan_evaluations": {Lang.SV: '{count} utvärderingar', Lang.EN: '{count} evaluations'},
    "plan_evaluations_one": {Lang.SV: '{count} utvärdering', Lang.EN: '{count} evaluation'},
    "plan_wrote_line": {Lang.SV: '  {municipality} {year} (ramverk {version}): {files}', Lang.EN: '  {municipality} {year} (framework {version}): {files}'},
    "plan_problems": {Lang.SV: '{count} fel', Lang.EN: '{count} problems'},
    "plan_problems_one": {Lang.SV: '1 fel', Lang.EN: '1 problem'},
    "plan_name_unknown": {Lang.SV: "'{name}' finns inte bland Sveriges 290 kommuner.{hint} Rätta namnet i planen, eller lägg till --force-name för att behålla det", Lang.EN: "'{name}' is not one of Sweden's 290 municipalities.{hint} Correct the name in the plan, or add --force-name to keep it"},
    "plan_then": {Lang.SV: 'Skicka filerna till utvärderarna, lägg de ifyllda i samma mapp och se läget med: {command}', Lang.EN: 'Send the files to the evaluators, put the filled ones in the same folder and see where it stands with: {command}'},
    "plan_csv_broken": {Lang.SV: '{path} kan inte läsas som CSV från rad {row}: ett fält är för långt eller ett citattecken stängs aldrig; spara planen som .xlsx', Lang.EN: '{path} cannot be read as CSV from row {row}: a field is too long or a quote is never closed; save the plan as .xlsx'},
    "plan_csv_binary": {Lang.SV: '{path} är ingen textfil (den innehåller nolltecken); spara planen som CSV (UTF-8) eller som Excel-arbetsbok (.xlsx)', Lang.EN: '{path} is not a text file (it holds NUL characters); save the plan as CSV (UTF-8) or as an Excel workbook (.xlsx)'},
    "plan_control_characters": {Lang.SV: "kolumnen {column} innehåller styrtecken ('{value}', visade som \\u…); skriv med vanliga bokstäver", Lang.EN: "the column {column} holds control characters ('{value}', shown as \\u…); write it in plain letters"},
    "plan_cell_error": {Lang.SV: "kolumnen {column} visar felet {value} (en formel som inte går att räkna ut); skriv värdet i stället för formeln", Lang.EN: "the column {column} shows the error {value} (a formula that cannot be calculated); type the value instead of the formula"},
    "plan_year_date": {Lang.SV: "'{value}' är ett datum ({date}) och inget årtal; skriv bara året, t.ex. 2024, och formatera cellen som tal eller text", Lang.EN: "'{value}' is a date ({date}), not a year; write only the year, e.g. 2024, and format the cell as a number or text"},
    "plan_too_many": {Lang.SV: '{path}: planen ger {count} poängböcker, fler än {max} i en omgång; dela upp planen i flera filer', Lang.EN: '{path}: the plan gives {count} scoring workbooks, more than {max} in one round; split the plan into several files'},
    "status_head": {Lang.SV: '{municipality} {year}: {back} av {count} tillbaka', Lang.EN: '{municipality} {year}: {back} of {count} back'},
    "state_missing": {Lang.SV: 'finns inte i mappen', Lang.EN: 'not in the folder'},
    "state_not_started": {Lang.SV: 'inte tillbaka (inga poäng ännu)', Lang.EN: 'not back (no scores yet)'},
    "state_complete": {Lang.SV: 'klar', Lang.EN: 'complete'},
    "state_unusable": {Lang.SV: 'kan inte läsas', Lang.EN: 'cannot be read'},
    "status_invalid": {Lang.SV: '{errors} fel', Lang.EN: '{errors} errors'},
    "status_invalid_one": {Lang.SV: '1 fel', Lang.EN: '1 error'},
    "status_missing_scores": {Lang.SV: 'poäng saknas i {areas}', Lang.EN: 'scores missing in {areas}'},
    "status_area_missing": {Lang.SV: 'område {area} ({missing} av {of})', Lang.EN: 'area {area} ({missing} of {of})'},
    "status_no_consensus": {Lang.SV: 'ingen konsensus', Lang.EN: 'no consensus'},
    "status_consensus_name": {Lang.SV: 'konsensus', Lang.EN: 'consensus'},
    "status_next": {Lang.SV: 'nästa: {command}', Lang.EN: 'next: {command}'},
    "status_waiting": {Lang.SV: 'väntar på {names}', Lang.EN: 'waiting for {names}'},
    "status_result_made": {Lang.SV: 'resultatboken är skriven: {path}', Lang.EN: 'the result workbook is written: {path}'},
    "plan_template_then": {Lang.SV: 'Skriv en rad per utvärdering (kommun, år, ramverk eller tomt, utvärderare åtskilda med semikolon), spara och kör sedan: {command}', Lang.EN: 'Write one row per evaluation (municipality, year, framework or blank, evaluators separated by semicolons), save, then run: {command}'},
    "plan_template_folder": {Lang.SV: 'omgang-2024', Lang.EN: 'round-2024'},
    "status_older_copy": {Lang.SV: '{path} är en kopia av {kept} (samma poängbok, med lika många eller färre poäng) och räknas inte; flytta den ur mappen', Lang.EN: '{path} is a copy of {kept} (the same workbook, with as many scores or fewer) and is not counted; move it out of the folder'},
    "status_not_folder": {Lang.SV: "{path} är en fil; status läser en mapp med poängböcker, och en plan ges med --plan: kompass status MAPP --plan {plan}", Lang.EN: "{path} is a file; status reads a folder of scoring workbooks, and a plan is given with --plan: kompass status FOLDER --plan {plan}"},
    "status_plan_refused": {Lang.SV: 'Fel: planen {path} kan inte användas ({problems}):', Lang.EN: 'Error: the plan {path} cannot be used ({problems}):'},
    "status_summary": {Lang.SV: '{done} av {count} utvärderingar klara och giltiga', Lang.EN: '{done} of {count} evaluations complete and valid'},
    "status_copy": {Lang.SV: 'en kopia av {original} (samma utvärderare och samma poäng); ta bort den ena, annars räknas utvärderaren två gånger', Lang.EN: 'a copy of {original} (the same evaluator and the same scores); remove one of them, or the evaluator counts twice'},



    # --- kompass check ---
    "check_unusable": {Lang.SV: 'KAN INTE ANVÄNDAS', Lang.EN: 'UNUSABLE'},
    "check_valid": {Lang.SV: 'giltig, totalt {total} av {max}', Lang.EN: 'valid, total {total} of {max}'},
    "check_invalid": {Lang.SV: 'OGILTIG, {errors}, {warnings}', Lang.EN: 'INVALID, {errors}, {warnings}'},
    "check_area_missing": {Lang.SV: 'Område {area}: {missing} av {of} delfrågor saknar poäng', Lang.EN: 'Area {area}: {missing} of {of} sub-questions have no score'},
    "check_summary": {Lang.SV: '{files} filer: {valid} giltiga, {invalid} ogiltiga, {unusable} kan inte användas', Lang.EN: '{files} files: {valid} valid, {invalid} invalid, {unusable} unusable'},



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
    "national_not_summary": {Lang.SV: "{name}: ingen nationell sammanställning (bladet '{sheet}' saknas); gör en med: kompass merge MAPP -o NATIONELL.xlsx", Lang.EN: "{name}: not a national summary workbook (it has no sheet '{sheet}'); make one with: kompass merge FOLDER -o NATIONAL.xlsx"},
    "national_columns_missing": {Lang.SV: "{name}: ingen nationell sammanställning: rad 1 på '{sheet}' saknar kolumnerna {columns}", Lang.EN: "{name}: not a national summary workbook: row 1 of '{sheet}' lacks the column(s) {columns}"},
    "national_no_framework": {Lang.SV: 'den nationella sammanställningen{where} har ingen utvärdering enligt ramverk {framework}; {held}', Lang.EN: 'the national summary{where} has no evaluation of framework {framework}; {held}'},
    "national_holds": {Lang.SV: 'den har utvärderingar enligt version {versions}', Lang.EN: 'it holds evaluations of version(s) {versions}'},
    "national_holds_none": {Lang.SV: 'den har inga utvärderingar', Lang.EN: 'it holds no evaluations'},
    "report_invalid": {Lang.SV: '{path}: {role} är inte giltig ({errors}); rätta den ({command}) och gör rapporten igen', Lang.EN: '{path}: the {role} is not valid ({errors}); correct it ({command}) and run the report again'},
    "role_scoring workbook": {Lang.SV: 'poängboken', Lang.EN: 'scoring workbook'},
    "role_earlier workbook": {Lang.SV: 'den tidigare poängboken', Lang.EN: 'earlier workbook'},
    "report_unreadable": {Lang.SV: '{path} kan inte läsas', Lang.EN: '{path}: cannot be read'},
    "report_previous_twice": {Lang.SV: '--previous anger {names}: {how}; ange varje tidigare utvärdering en gång', Lang.EN: '--previous is given {names}: {how}; give each earlier evaluation once'},
    "report_previous_itself": {Lang.SV: '{source} är själva utvärderingen, ingen tidigare', Lang.EN: '{source} is the evaluation itself, not an earlier one'},
    "report_previous_other": {Lang.SV: '{source} är en utvärdering av {other}, inte av {municipality}; --previous tar tidigare utvärderingar av samma kommun', Lang.EN: '{source} is an evaluation of {other}, not of {municipality}; --previous takes earlier evaluations of the same municipality'},
    "report_previous_later": {Lang.SV: '{source} är från {year}, inte tidigare än den här utvärderingen ({this_year})', Lang.EN: '{source} is from {year}, not earlier than this evaluation ({this_year})'},


    # --- kompass consensus ---
    "consensus_unreadable": {Lang.SV: '{path} kan inte läsas som arbetsbok', Lang.EN: '{path} cannot be read as a workbook'},
    "consensus_not_scoring": {Lang.SV: '{path} är ingen poängbok; ange utvärderarnas poängböcker', Lang.EN: "{path} is not a scoring workbook; give the evaluators' scoring workbooks"},
    "consensus_invalid": {Lang.SV: '{path} är ingen giltig poängbok ({errors}); rätta den ({command}) och gör konsensus igen', Lang.EN: '{path} is not a valid scoring workbook ({errors}); correct it ({command}) and run the consensus again'},
    "consensus_check_count": {Lang.SV: 'ange {min} till {max} utvärderares poängböcker för samma utvärdering, inte {count}', Lang.EN: "give {min} to {max} evaluators' workbooks of the same evaluation, not {count}"},
    "consensus_same_file": {Lang.SV: '{first} och {second} är samma fil (SHA-256 {sha}…); ange varje utvärderares egen poängbok en gång', Lang.EN: "{first} and {second} are the same file (SHA-256 {sha}…); give each evaluator's own workbook once"},
    "consensus_not_one": {Lang.SV: 'poängböckerna är inte utvärderingar av samma kommun, år och ramverksversion: {differing}', Lang.EN: 'the workbooks are not evaluations of the same municipality, year and framework version: {differing}'},
    "consensus_differs": {Lang.SV: '{field} skiljer sig ({values})', Lang.EN: '{field} differs ({values})'},
    "field_framework version": {Lang.SV: 'ramverksversion', Lang.EN: 'framework version'},
    "field_municipality": {Lang.SV: 'kommun', Lang.EN: 'municipality'},
    "field_year": {Lang.SV: 'år', Lang.EN: 'year'},
    "value_none": {Lang.SV: '(ingen)', Lang.EN: '(none)'},
    "consensus_from_source": {Lang.SV: '{consensus} är en konsensus gjord av {source}; ange bara utvärderarnas egna poängböcker', Lang.EN: "{consensus} is a consensus made from {source}; give the evaluators' own workbooks only"},
    "consensus_copy": {Lang.SV: '{a} och {b} är samma utvärdering av {names} (samma utvärderare och samma poäng, en kopia sparad igen); ange varje utvärderares egen poängbok en gång', Lang.EN: "{a} and {b} are the same evaluation by {names} (the same evaluator and the same scores, a copy saved again); give each evaluator's own workbook once"},
    "consensus_same_evaluator": {Lang.SV: '{a} och {b} anger båda {names} som utvärderare; kontrollera att ingen av dem är en äldre kopia av den andra', Lang.EN: '{a} and {b} both name {names} as evaluator; check that neither is an older copy of the other'},
    "consensus_count": {Lang.SV: 'ange {min} till {max} utvärderares poängböcker, inte {count}', Lang.EN: "give {min} to {max} evaluators' workbooks, not {count}"},
    "consensus_wrote": {Lang.SV: 'Skrev {path}: konsensus av {sources} utvärderare, {flagged} av {questions} delfrågor att diskutera', Lang.EN: 'Wrote {path}: consensus of {sources} evaluators, {flagged} of {questions} sub-questions to discuss'},
    "consensus_then": {Lang.SV: 'Diskutera de flaggade delfrågorna (bladet Skillnader), skriv de gemensamma poängen på områdesbladen, spara och kör sedan: {command}', Lang.EN: 'Discuss the flagged sub-questions (the sheet Differences), enter the agreed scores on the area sheets, save, then run: {command}'},
    "points_not_number": {Lang.SV: "'{value}' är inget poängtal", Lang.EN: '{value!r} is not a number of points'},
    "points_negative": {Lang.SV: "'{value}' måste vara ett poängtal som är 0 eller mer", Lang.EN: '{value!r} must be a number of points >= 0'},
    "points_too_many": {Lang.SV: "'{value}' är fler poäng än någon fråga har (högst 100)", Lang.EN: '{value!r} is more points than any question has (at most 100)'},



    # --- kompass merge ---
    "merge_cache_both": {Lang.SV: '--cache och --no-cache kan inte användas tillsammans', Lang.EN: '--cache and --no-cache cannot be used together'},
    "merge_reading": {Lang.SV: 'Läser', Lang.EN: 'Reading'},
    "merge_output_is_input": {Lang.SV: '{path} är en av arbetsböckerna som ska sammanställas; skriv utdata någon annanstans', Lang.EN: '{path} is one of the workbooks to merge; write the output somewhere else'},
    "demo_scoring": {Lang.SV: 'Poängböcker ({count}), kontrollerade:', Lang.EN: 'Scoring workbooks ({count}), checked:'},
    "demo_checked": {Lang.SV: '{path}: {municipality} {year}, ramverk {version}, totalt {total} av {max}', Lang.EN: '{path}: {municipality} {year}, framework {version}, total {total} of {max}'},
    "demo_national": {Lang.SV: 'Nationell sammanställning: {path}', Lang.EN: 'National summary: {path}'},
    "demo_results": {Lang.SV: 'Resultatböcker:', Lang.EN: 'Result workbooks:'},
    "merge_nothing": {
        Lang.SV: "ingen av filerna kunde slås samman (lästa: {count}); inget skrevs",
        Lang.EN: "none of the files could be merged (read: {count}); nothing was written",
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
        Lang.SV: "Skrev {path}: {files}, {merged}, {rejected}, {duplicates}, {conflicts}",
        Lang.EN: "Wrote {path}: {files}, {merged}, {rejected}, {duplicates}, {conflicts}",
    },
    "merge_files_one": {Lang.SV: "1 fil", Lang.EN: "1 file"},
    "merge_files": {Lang.SV: "{count} filer", Lang.EN: "{count} files"},
    "merge_rejected_one": {Lang.SV: "1 avvisad", Lang.EN: "1 rejected"},
    "merge_rejected": {Lang.SV: "{count} avvisade", Lang.EN: "{count} rejected"},
    "merge_duplicates_one": {Lang.SV: "1 dubblett", Lang.EN: "1 duplicate"},
    "merge_duplicates": {Lang.SV: "{count} dubbletter", Lang.EN: "{count} duplicates"},
    "merge_conflicts_one": {Lang.SV: "1 konflikt", Lang.EN: "1 conflict"},
    "merge_conflicts": {Lang.SV: "{count} konflikter", Lang.EN: "{count} conflicts"},
    "merge_merged_one": {Lang.SV: "1 sammanslagen", Lang.EN: "1 merged"},
    "merge_merged": {Lang.SV: "{count} sammanslagna", Lang.EN: "{count} merged"},


    # --- reading files, signals, faults ---
    "read_save_as_xlsx": {Lang.SV: 'Öppna den i Excel eller LibreOffice Calc och spara den som Excel-arbetsbok (.xlsx)', Lang.EN: 'Open it in Excel or LibreOffice Calc and save it as an Excel workbook (.xlsx)'},
    "read_folder": {Lang.SV: '{where} är en mapp, ingen arbetsboksfil', Lang.EN: '{where} is a folder, not a workbook file'},
    "read_not_regular": {Lang.SV: '{where} är ingen vanlig fil (utan en enhet, en pipe eller en socket), så den är ingen arbetsbok', Lang.EN: '{where} is not a regular file (it is a device, a pipe or a socket), so it is not a workbook'},
    "read_missing": {Lang.SV: '{where} finns inte; kontrollera stavningen och vilken mapp du står i', Lang.EN: '{where} does not exist'},
    "read_cannot": {Lang.SV: '{where} kan inte läsas: {reason}', Lang.EN: '{where} cannot be read: {reason}'},
    "read_empty": {Lang.SV: '{where} är tom (0 byte); den sparades troligen inte färdigt. Spara arbetsboken igen', Lang.EN: '{where} is empty (0 bytes); it was probably not saved completely. Save the workbook again'},
    "read_encrypted": {Lang.SV: '{where} är lösenordsskyddad (krypterad) och kan inte läsas. Öppna den i Excel, ta bort lösenordet (Arkiv > Information > Skydda arbetsbok > Kryptera med lösenord) och spara den igen', Lang.EN: '{where} is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again'},
    "read_xls": {Lang.SV: '{where} är en gammal Excel 97-2003-arbetsbok (.xls), ingen .xlsx-arbetsbok. {save_as}', Lang.EN: '{where} is an old Excel 97-2003 workbook (.xls), not an .xlsx workbook. {save_as}'},
    "read_not_zip": {Lang.SV: '{where} är ingen Excel-arbetsbok (.xlsx): innehållet är inget zip-paket. {save_as}', Lang.EN: '{where} is not an Excel workbook (.xlsx): its content is not a zip package. {save_as}'},
    "read_too_large": {Lang.SV: '{where} är {size} MB, för stor för en arbetsbok (gränsen är {limit} MB)', Lang.EN: '{where} is {size} MB, too large for a workbook (the limit is {limit} MB)'},
    "read_too_many_parts": {Lang.SV: '{where} avvisas: den har {entries} delar, fler än de {limit} som tillåts', Lang.EN: '{where} is refused: it has {entries} parts, more than the {limit} allowed'},
    "read_zip_damaged": {Lang.SV: '{where} är skadad eller ofullständig: zip-paketet kan inte läsas ({reason}). Den kan ha klippts av vid kopiering eller nedladdning; använd en ny kopia eller spara den igen', Lang.EN: '{where} is damaged or incomplete: its zip package cannot be read ({reason}). It may have been cut off while copying or downloading; use a fresh copy or save it again'},
    "read_zip_format": {Lang.SV: '{where} använder ett zip-format som Excel inte skriver ({reason}). {save_as}', Lang.EN: '{where} uses a zip format Excel does not write ({reason}). {save_as}'},
    "read_zip_bomb_part": {Lang.SV: "{where} avvisas: delen '{part}' skulle packas upp till {size:,} byte från {packed:,}, mer än {ratio} gånger sin storlek (en zip-bomb?)", Lang.EN: "{where} is refused: part '{part}' would unpack to {size:,} bytes from {packed:,}, more than {ratio} times its size (a zip bomb?)"},
    "read_zip_password": {Lang.SV: '{where} är en lösenordsskyddad zip-fil, ingen vanlig arbetsbok. {save_as}', Lang.EN: '{where} is a password-protected zip file, not a normal workbook. {save_as}'},
    "read_zip_bomb": {Lang.SV: '{where} avvisas: den skulle packas upp till {size:,} byte, mer än de {limit} MB som tillåts (en zip-bomb?)', Lang.EN: '{where} is refused: it would unpack to {size:,} bytes, more than the {limit} MB allowed (a zip bomb?)'},
    "read_part_damaged": {Lang.SV: "{where} är skadad: delen '{part}' kan inte packas upp ({reason}). Använd en ny kopia eller spara den igen", Lang.EN: "{where} is damaged: part '{part}' cannot be unpacked ({reason}). Use a fresh copy or save it again"},
    "read_part_size": {Lang.SV: "{where} är skadad: delen '{part}' har inte den storlek som zip-huvudet anger", Lang.EN: "{where} is damaged: part '{part}' does not have the size its zip header declares"},
    "read_damaged": {Lang.SV: '{where} är skadad: {detail}', Lang.EN: '{where} is damaged: {detail}'},
    "read_unsafe": {Lang.SV: '{where} avvisas: {what} innehåller en XML-deklaration DOCTYPE eller ENTITY, som Excel och LibreOffice aldrig skriver och som kan användas för att angripa läsaren', Lang.EN: '{where} is refused: {what} contains an XML DOCTYPE or ENTITY declaration, which Excel and LibreOffice never write and which can be used to attack the reader'},
    "read_ods": {Lang.SV: "{where} är ett OpenDocument-kalkylark (.ods), ingen .xlsx-arbetsbok. Öppna det i LibreOffice Calc och spara som 'Excel 2007-365 (.xlsx)'", Lang.EN: "{where} is an OpenDocument spreadsheet (.ods), not an .xlsx workbook. Open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)'"},
    "read_odf": {Lang.SV: '{where} är en OpenDocument-fil, inget kalkylark', Lang.EN: '{where} is an OpenDocument file, not a spreadsheet workbook'},
    "read_xlsb": {Lang.SV: '{where} är en binär Excel-arbetsbok (.xlsb), ingen .xlsx-arbetsbok. {save_as}', Lang.EN: '{where} is an Excel binary workbook (.xlsb), not an .xlsx workbook. {save_as}'},
    "read_other_zip": {Lang.SV: '{where} är en zip-fil men ingen Excel-arbetsbok{hint}: den har ingen arbetsboksdel (xl/workbook.xml)', Lang.EN: '{where} is a zip file but not an Excel workbook{hint}: it holds no workbook part (xl/workbook.xml)'},
    "read_hint_word": {Lang.SV: ' (den liknar ett Word-dokument)', Lang.EN: ' (it looks like a Word document)'},
    "read_hint_powerpoint": {Lang.SV: ' (den liknar en PowerPoint-presentation)', Lang.EN: ' (it looks like a PowerPoint presentation)'},
    "read_macros": {Lang.SV: '{where} är en makroaktiverad arbetsbok (.xlsm); arbetsböcker med makron läses inte. Öppna den i Excel och spara som vanlig Excel-arbetsbok (.xlsx) (Arkiv > Spara som > Excel-arbetsbok)', Lang.EN: '{where} is a macro-enabled workbook (.xlsm); workbooks with macros are not read. Open it in Excel and save it as a normal Excel workbook (.xlsx) (File > Save As > Excel Workbook)'},
    "folder_no_workbooks": {Lang.SV: '{path}: inga arbetsböcker (.xlsx) i mappen eller under den', Lang.EN: '{path}: no workbooks (.xlsx) in this folder or below it'},
    "unusable_line": {Lang.SV: '{path}: kan inte användas: {advice}', Lang.EN: '{path}: cannot be used: {advice}'},
    "ignored_files": {Lang.SV: 'Andra filer (t.ex. PDF, Word) som lämnades därhän: {count}', Lang.EN: 'Other files (PDF, Word, ...) left aside: {count}'},
    "unusable_lock": {Lang.SV: 'en låsfil: Excel eller LibreOffice har {name} öppen. Spara och stäng den; låsfilen försvinner då', Lang.EN: 'a lock file: Excel or LibreOffice has {name} open. Save and close it; the lock file then goes away'},
    "unusable_xlsb": {Lang.SV: 'en binär Excel-arbetsbok (.xlsb). Öppna den i Excel och spara som Excel-arbetsbok (.xlsx)', Lang.EN: 'an Excel binary workbook (.xlsb). Open it in Excel and save it as an Excel workbook (.xlsx)'},
    "unusable_template": {Lang.SV: 'en Excel-mall, ingen arbetsbok. Skapa en poängbok med kompass new, eller öppna mallen och spara som Excel-arbetsbok (.xlsx)', Lang.EN: 'an Excel template, not a workbook. Make a scoring workbook with kompass new, or open the template and save it as an Excel workbook (.xlsx)'},
    "unusable_numbers": {Lang.SV: 'ett Numbers-dokument. Exportera det i Numbers till Excel (.xlsx)', Lang.EN: 'a Numbers document. Export it from Numbers to Excel (.xlsx)'},
    "unusable_csv": {Lang.SV: 'en CSV-fil, som inte kan rymma en poängbok. Använd .xlsx-filen från kompass new (en plan läses med kompass new --plan)', Lang.EN: 'a CSV file, which cannot hold a scoring workbook. Use the .xlsx file from kompass new (a plan is read by kompass new --plan)'},
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
    "read_what_part": {Lang.SV: "delen '{part}'", Lang.EN: "part '{part}'"},
    "read_what_sheet": {Lang.SV: "bladet '{sheet}'", Lang.EN: "sheet '{sheet}'"},
    "read_not_xml": {Lang.SV: "{what} är inte giltig XML ({reason})", Lang.EN: "{what} is not well-formed XML ({reason})"},
    "read_bad_encoding": {
        Lang.SV: "{what} anger en teckenkodning som inte kan läsas ({reason}); arbetsbokens delar är UTF-8 eller UTF-16",
        Lang.EN: "{what} declares a character encoding that cannot be read ({reason}); workbook parts are UTF-8 or UTF-16",
    },
    "read_sheet_no_part": {Lang.SV: "bladet '{sheet}' har ingen del (relationen '{id}' saknas)", Lang.EN: "sheet '{sheet}' has no part (relationship '{id}' is missing)"},
    "read_sheet_part_missing": {Lang.SV: "bladet '{sheet}' pekar på delen '{part}', som saknas", Lang.EN: "sheet '{sheet}' points to part '{part}', which is missing"},
    "read_no_sheets": {Lang.SV: "arbetsboksdelen räknar inte upp några blad", Lang.EN: "its workbook part lists no sheets"},
    "read_not_a_number": {Lang.SV: "har '{text}' i cell {cell}, där ett tal ska stå", Lang.EN: "holds '{text}' in cell {cell}, where a number belongs"},
    "read_number_too_large": {Lang.SV: "har '{text}' i cell {cell}, bortom vad ett tal kan vara", Lang.EN: "holds '{text}' in cell {cell}, beyond what a number can be"},
    "read_bad_row": {Lang.SV: "har en rad med nummer '{row}', som inte är ett radnummer (1 till {max})", Lang.EN: "has a row numbered '{row}', which is not a row number (1 to {max})"},
    "read_two_cells": {Lang.SV: "har två celler på {cell}", Lang.EN: "has two cells at {cell}"},
    "read_missing_shared_string": {
        Lang.SV: "hänvisar till den delade texten '{index}' i cell {cell}, som inte finns",
        Lang.EN: "refers to shared string '{index}' in cell {cell}, which does not exist",
    },
    "read_unknown_cell_type": {Lang.SV: "har cellen {cell} av okänd typ t='{kind}'", Lang.EN: "has cell {cell} of unknown type t='{kind}'"},
    "read_bad_cell_reference": {
        Lang.SV: "har en cell på '{cell}', som inte är en cellreferens (A1 till XFD{max})",
        Lang.EN: "has a cell at '{cell}', which is not a cell reference (A1 to XFD{max})",
    },
    "read_inline_with_value": {
        Lang.SV: "har ett sparat värde <v> i textcellen {cell} (typ inlineStr), som Excel och LibreOffice visar olika",
        Lang.EN: "has a stored value <v> in the inline-text cell {cell}, which Excel and LibreOffice show differently",
    },




    # --- --help texts: Swedish only; the English is where click declares them (the cli package) ---
    'help cli': {Lang.SV: 'Kommunkompassen i Excel: tomma poängböcker, kontroller, resultat och nationella sammanställningar.\n\nAllt skrivs på svenska; kompass --lang en … (eller KOMPASS_LANG=en) ger engelska.\n\nExempel: kompass frameworks show 2020'},
    'help cli --lang': {Lang.SV: 'Språk för allt som skrivs ut  [standard: sv, eller KOMPASS_LANG].'},
    'help check': {Lang.SV: 'Kontrollera ifyllda poängböcker: varje poäng mot ramverket, varje problem med sin cell.\n\nMappar genomsöks med undermappar. Saknade poäng sammanfattas i en rad per område (--verbose visar varje cell). Slutkod 0: alla giltiga; 1: någon ogiltig; 2: någon kan inte användas.\n\nExempel: kompass check utvarderingar/ --strict'},
    'help check --json': {Lang.SV: 'Skriv ut ett JSON-objekt med varje fils rapport.'},
    'help check --strict': {Lang.SV: 'Räkna varningar som fel.'},
    'help check --verbose': {Lang.SV: 'Visa varje saknad poäng med sin cell, inte en rad per område.'},
    'help consensus': {Lang.SV: 'Föreslå en gemensam poängbok (konsensus) av 2 till 5 utvärderares poängböcker för samma utvärdering.\n\nVarje indatafil måste vara en giltig poängbok med samma ramverk, kommun och år. Den nya arbetsboken är en vanlig poängbok (check, report och merge läser den) där varje poäng är medianen av utvärderarnas poäng (med ett jämnt antal utvärderare medelvärdet av de två mittersta, avrundat uppåt till steget), kommentarer och texter sammanfogade, och extra blad: skillnaderna per delfråga (de att diskutera först), styrkor och förbättringar sida vid sida, samstämmighet och underlaget. Avgör de flaggade frågorna, kontrollera och gör rapport; skicka bara konsensusboken till den nationella sammanställningen. Slutkod 1 när en indatafil är ogiltig eller filerna inte är samma utvärdering; 2 när en inte kan läsas.\n\nExempel: kompass consensus anna.xlsx per.xlsx lisa.xlsx -o olofstrom-2022-konsensus.xlsx'},
    'help consensus --output': {Lang.SV: 'Konsensusboken (.xlsx) som ska skrivas.'},
    'help consensus --threshold': {Lang.SV: 'Flagga en delfråga för diskussion när poängen skiljer mer än POÄNG  [standard: 20 % av frågans max].'},
    'help consensus --lang': {Lang.SV: 'Språk för etiketterna  [standard: den första arbetsbokens].'},
    'help consensus --force': {Lang.SV: 'Skriv över en befintlig utdatafil.'},
    'help demo': {Lang.SV: 'Kör hela flödet på de fem publicerade utvärderingarna som följer med som exempel.\n\nSkriver ifyllda poängböcker (MAPP/scoring), kontrollerar dem, sammanställer dem nationellt och skriver varje kommuns resultatbok (MAPP/results), jämförd med de tidigare utvärderingar som rapporten anger siffror för och med riksgenomsnittet.\n\nExempel: kompass demo demo-output'},
    'help demo --force': {Lang.SV: 'Skriv över filer från en tidigare demo i MAPP.'},
    'help frameworks': {Lang.SV: 'Lista ramverkets versioner (2002, 2010, 2016, 2020).\n\nExempel: kompass frameworks'},
    'help frameworks_show': {Lang.SV: 'Visa en version av ramverket: dess områden, frågor och maxpoäng.\n\nExempel: kompass frameworks show 2020 --json'},
    'help frameworks_show --json': {Lang.SV: 'Skriv ut ramverket som JSON.'},
    'help merge': {Lang.SV: 'Sammanställ många kontrollerade poängböcker till en nationell sammanställning.\n\nEn fil som inte klarar kontrollen listas som avvisad med skälen; resten sammanställs ändå. Två olika arbetsböcker för samma kommun och år lämnas båda utanför och listas som en konflikt. Slutkod 0: allt sammanställt; 1: något avvisat eller i konflikt; 2: ingenting kunde sammanställas.\n\nExempel: kompass merge utvarderingar/ -o nationell-sammanstallning.xlsx --json merge.json'},
    'help merge --output': {Lang.SV: 'Den nationella arbetsboken (.xlsx) som ska skrivas.'},
    'help merge --json': {Lang.SV: 'Skriv också sammanställningen som JSON till den här filen.'},
    'help merge --jobs': {Lang.SV: 'Antal processer som läser parallellt  [standard: antalet kärnor].'},
    'help merge --cache': {Lang.SV: 'Mapp för cache  [standard: användarens cachemapp].'},
    'help merge --no-cache': {Lang.SV: 'Läs varje fil på nytt; använd och spara ingen cache.'},
    'help merge --lang': {Lang.SV: 'Språk för etiketterna.'},
    'help merge --force': {Lang.SV: 'Skriv över befintliga utdatafiler.'},
    'help new': {Lang.SV: 'Skriv en tom poängbok för en utvärdering, eller med --plan en per utvärderare för en hel omgång.\n\nBara --municipality och --year behövs: ramverket blir den version som gällde året och filen får ett namn som olofstrom-2022.xlsx i aktuell mapp. Kommunkod och kommungrupp hämtas ur registret över Sveriges 290 kommuner.\n\nExempel: kompass new --municipality Olofström --year 2022 --evaluator "Anna Berg"'},
    'help new --framework': {Lang.SV: 'Ramverkets version, t.ex. 2020  [standard: den version som gällde --year].'},
    'help new --municipality': {Lang.SV: 'Kommunen som utvärderas.'},
    'help new --year': {Lang.SV: 'Utvärderingens år, t.ex. 2024.'},
    'help new --evaluator': {Lang.SV: 'En utvärderares namn; upprepa för varje.'},
    'help new --date': {Lang.SV: 'Utvärderingens datum, ÅÅÅÅ-MM-DD, t.ex. 2024-03-12.'},
    'help new --lang': {Lang.SV: 'Språk för etiketterna  [standard: utskriftens språk, sv].'},
    'help new --plan': {Lang.SV: 'En plan (.xlsx eller .csv, se plan-template): en poängbok per utvärderare på varje rad, skrivna i mappen -o.'},
    'help new --output': {Lang.SV: 'Filen (.xlsx) som ska skrivas  [standard: t.ex. kalix-2024.xlsx i aktuell mapp]; med --plan mappen.'},
    'help new --force': {Lang.SV: 'Skriv över en befintlig utdatafil.'},
    'help new --group': {Lang.SV: 'SKR:s kommungrupp  [standard: kommunens grupp i registret].'},
    'help new --force-name': {Lang.SV: 'Behåll ett kommunnamn som inte finns i registret (med --plan: varje sådant namn i planen).'},
    'help plan_template': {Lang.SV: 'Skriv en tom plan för en omgång: en rad per utvärdering (kommun, år, ramverk, utvärderare).\n\nFyll i den och kör sedan kompass new --plan PLAN.xlsx -o MAPP. Samma kolumner i en .csv-fil fungerar också.\n\nExempel: kompass plan-template -o plan.xlsx'},
    'help plan_template --output': {Lang.SV: 'Planen (.xlsx) som ska skrivas.'},
    'help plan_template --lang': {Lang.SV: 'Språk för kolumnnamnen  [standard: utskriftens språk, sv].'},
    'help plan_template --force': {Lang.SV: 'Skriv över en befintlig utdatafil.'},
    'help report': {Lang.SV: 'Skriv kommunens resultatbok (-o) och/eller utkastet till den skrivna rapporten i Word (--docx).\n\nUtkastet följer de publicerade rapporterna: titelsida, inledning, resultat med områdesprofilen, ett avsnitt per område, poängsammanställningen och underlaget. Varje siffra kommer från poängboken; ställena för utvärderarnas egen text är markerade och räknade. En ogiltig poängbok (eller tidigare poängbok) avvisas med sina fel (slutkod 1).\n\nExempel: kompass report olofstrom-2022.xlsx --previous olofstrom-2017.xlsx --national nationell.xlsx -o olofstrom-2022-resultat.xlsx --docx olofstrom-2022-rapport.docx'},
    'help report --docx': {Lang.SV: 'Rapportutkastet (.docx, Word) som ska skrivas.'},
    'help report --intro': {Lang.SV: 'En .txt- eller .md-fil med utkastets metodtext  [standard: standardtexten].'},
    'help report --output': {Lang.SV: 'Resultatboken (.xlsx) som ska skrivas.'},
    'help report --previous': {Lang.SV: 'En poängbok från en tidigare utvärdering att jämföra med; upprepa för varje.'},
    'help report --national': {Lang.SV: 'En nationell sammanställning (kompass merge) för riksgenomsnitt, placering och kvartiler.'},
    'help report --lang': {Lang.SV: 'Språk för etiketterna  [standard: poängbokens].'},
    'help report --force': {Lang.SV: 'Skriv över en befintlig utdatafil.'},
    'help status': {Lang.SV: 'Visa var en omgång står: en rad per utvärdering med varje utvärderares poängbok (tillbaka, klar eller vilka poäng som saknas per område; giltig eller antal fel), konsensus och nästa kommando att köra. Slutkod 0 bara när varje utvärdering är klar och giltig.\n\nExempel: kompass status omgang-2024 --plan plan.xlsx'},
    'help status --plan': {Lang.SV: 'Omgångens plan: utvärderare vars poängbok inte finns i mappen visas som saknade.'},
    'help status --json': {Lang.SV: 'Skriv ut ett JSON-objekt i stället för rader.'},
    'help templates': {Lang.SV: 'Skriv om den tomma poängboken för varje version av ramverket (standard: workbook_templates/).\n\nExempel: kompass templates workbook_templates --force'},
    'help templates --force': {Lang.SV: 'Skriv över befintliga mallar.'},

    # --- click's own texts: Swedish only, keyed by click's English (see cli/group.py, _translate_click) ---
    'click Usage:': {Lang.SV: 'Användning:'},
    'click Options': {Lang.SV: 'Flaggor'},
    'click Commands': {Lang.SV: 'Kommandon'},
    'click Positional arguments': {Lang.SV: 'Argument'},
    'click Show this message and exit.': {Lang.SV: 'Visa den här hjälpen och avsluta.'},
    'click Show the version and exit.': {Lang.SV: 'Visa versionen och avsluta.'},
    'click %(prog)s, version %(version)s': {Lang.SV: '%(prog)s, version %(version)s'},
    'click Error: {message}': {Lang.SV: 'Fel: {message}'},
    "click Try '{command} {option}' for help.": {Lang.SV: "Skriv '{command} {option}' för hjälp."},
    'click Missing option': {Lang.SV: 'Flagga saknas'},
    'click Missing argument': {Lang.SV: 'Argument saknas'},
    'click Missing parameter': {Lang.SV: 'Värde saknas'},
    'click Missing {param_type}': {Lang.SV: 'Saknas: {param_type}'},
    'click Missing parameter: {param_name}': {Lang.SV: 'Värde saknas: {param_name}'},
    'click Missing command.': {Lang.SV: 'Kommando saknas.'},
    'click Invalid value for {param_hint}: {message}': {Lang.SV: 'Ogiltigt värde för {param_hint}: {message}'},
    'click Invalid value: {message}': {Lang.SV: 'Ogiltigt värde: {message}'},
    'click No such command {name!r}.': {Lang.SV: 'Kommandot {name!r} finns inte.'},
    'click No such option {name!r}.': {Lang.SV: 'Flaggan {name!r} finns inte.'},
    'click Did you mean {possibility}?': {Lang.SV: 'Menade du {possibility}?'},
    'click (Did you mean one of: {possibilities}?)': {Lang.SV: '(Menade du någon av: {possibilities}?)'},
    'click Got unexpected extra argument ({args})': {Lang.SV: 'Oväntat extra argument ({args})'},
    'click Got unexpected extra arguments ({args})': {Lang.SV: 'Oväntade extra argument ({args})'},
    'click Option {name!r} requires an argument.': {Lang.SV: 'Flaggan {name!r} behöver ett värde.'},
    'click Option {name!r} requires {nargs} arguments.': {Lang.SV: 'Flaggan {name!r} behöver {nargs} värden.'},
    'click Option {name!r} does not take a value.': {Lang.SV: 'Flaggan {name!r} tar inget värde.'},
    'click {value!r} is not {choice}.': {Lang.SV: '{value!r} är inte {choice}.'},
    'click {value!r} is not one of {choices}.': {Lang.SV: '{value!r} är inte ett av {choices}.'},
    'click {value!r} is not a valid {number_type}.': {Lang.SV: '{value!r} är inget giltigt tal.'},
    'click {value} is not in the range {range}.': {Lang.SV: '{value} ligger inte inom {range}.'},
    'click {value!r} does not match the format {format}.': {Lang.SV: '{value!r} följer inte formatet {format}.'},
    'click {value!r} does not match the formats {formats}.': {Lang.SV: '{value!r} följer inte formaten {formats}.'},
    'click {name} {filename!r} does not exist.': {Lang.SV: '{filename!r} finns inte; kontrollera stavningen och vilken mapp du står i.'},
    'click {name} {filename!r} is a file.': {Lang.SV: '{filename!r} är en fil, inte en mapp.'},
    'click {name} {filename!r} is a directory.': {Lang.SV: '{filename!r} är en mapp, inte en fil.'},
    'click {name} {filename!r} is not readable.': {Lang.SV: '{filename!r} kan inte läsas (behörighet saknas).'},
    'click {name} {filename!r} is not writable.': {Lang.SV: '{filename!r} kan inte skrivas (behörighet saknas).'},
    'click {name} {filename!r} is not executable.': {Lang.SV: '{filename!r} kan inte köras.'},
    'click Could not open file {filename!r}: {message}': {Lang.SV: 'Kunde inte öppna filen {filename!r}: {message}'},
    'click default: {default}': {Lang.SV: 'standard: {default}'},
    'click required': {Lang.SV: 'krävs'},
    'click Aborted!': {Lang.SV: 'Avbrutet!'},
    'click Value must be an iterable.': {Lang.SV: 'Värdet måste vara en lista.'},
    'click {value!r} is not a valid boolean. Recognized values: {states}': {Lang.SV: '{value!r} är inget sant/falskt-värde. Tillåtna: {states}'},
    'click Choose from:\n\t{choices}': {Lang.SV: 'Välj bland:\n\t{choices}'},
    'click Argument {name!r} takes {nargs} values.': {Lang.SV: 'Argumentet {name!r} tar {nargs} värden.'},
    'click Takes {nargs} values but 1 was given.': {Lang.SV: 'Tar {nargs} värden men 1 angavs.'},
    'click Takes {nargs} values but {len} were given.': {Lang.SV: 'Tar {nargs} värden men {len} angavs.'},
    'click unknown error': {Lang.SV: 'okänt fel'},
    'metavar OPTIONS': {Lang.SV: 'FLAGGOR'},
    'metavar COMMAND': {Lang.SV: 'KOMMANDO'},
    'metavar ARGS': {Lang.SV: 'ARGUMENT'},
    'metavar PATHS': {Lang.SV: 'SÖKVÄGAR'},
    'metavar PATH': {Lang.SV: 'SÖKVÄG'},
    'metavar FILE': {Lang.SV: 'FIL'},
    'metavar FOLDER': {Lang.SV: 'MAPP'},
    'metavar OUTDIR': {Lang.SV: 'MAPP'},
    'metavar SOURCE': {Lang.SV: 'POÄNGBOK'},
    'metavar POINTS': {Lang.SV: 'POÄNG'},
    'metavar INTEGER RANGE': {Lang.SV: 'ANTAL'},
    'metavar YYYY': {Lang.SV: 'ÅÅÅÅ'},
}
