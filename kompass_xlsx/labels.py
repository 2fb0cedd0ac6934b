"""Every text the tool writes into workbooks, in Swedish and English, in one table."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class Lang(StrEnum):
    SV = "sv"
    EN = "en"


LABELS: dict[str, dict[Lang, str]] = {
    # sheet names (at most 31 characters)
    "sheet_instructions": {Lang.SV: "Instruktioner", Lang.EN: "Instructions"},
    "sheet_details": {Lang.SV: "Uppgifter", Lang.EN: "Details"},
    "sheet_summary": {Lang.SV: "Sammanfattning", Lang.EN: "Summary"},
    # instructions
    "instructions_title": {Lang.SV: "Kommunkompassen {version}: poängsättning", Lang.EN: "Kommunkompassen {version}: scoring"},
    "instructions_body": {
        Lang.SV: (
            "Kommunkompassen utvärderar hur en kommun styrs och leds. Utvärderingen har åtta områden "
            "med högst 100 poäng vardera, 800 poäng totalt. Varje område är indelat i delfrågor med egna maxpoäng.\n"
            "1. Fyll i bladet \"{details}\": kommun, år, utvärderingsdatum, utvärderare och kortfakta om kommunen.\n"
            "2. Gå igenom områdesbladen 1–8. Skriv poängen för varje delfråga i kolumnen \"{score}\": "
            "ett tal från 0 till frågans max, {step_rule}. Gula celler saknar ännu poäng; röda celler har en ogiltig poäng.\n"
            "3. Skriv en kort motivering i kolumnen \"{comment}\", särskilt vid låga och höga poäng.\n"
            "4. Skriv områdets styrkor och förbättringsområden i de stora rutorna under frågorna.\n"
            "5. Bladet \"{summary}\" räknar ut poäng per område och totalt medan du skriver.\n"
            "6. Spara filen som .xlsx och skicka den till samordnaren. Den kontrolleras med kommandot "
            "\"kompass check\", som pekar ut varje cell som behöver rättas.\n"
            "Bladen är skyddade utan lösenord så att bara inmatningscellerna kan ändras; Tab flyttar mellan dem."
        ),
        Lang.EN: (
            "Kommunkompassen evaluates how a municipality is governed and led. The evaluation has eight areas "
            "of at most 100 points each, 800 points in all. Each area is divided into sub-questions with their own max points.\n"
            "1. Fill in the sheet \"{details}\": municipality, year, evaluation date, evaluators and short facts.\n"
            "2. Go through the area sheets 1–8. Enter each sub-question's score in the column \"{score}\": "
            "a number from 0 to the question's max, {step_rule}. Yellow cells have no score yet; red cells hold an invalid score.\n"
            "3. Write a short justification in the column \"{comment}\", especially for low and high scores.\n"
            "4. Write the area's strengths and areas for improvement in the large boxes below the questions.\n"
            "5. The sheet \"{summary}\" adds up the points per area and in total as you type.\n"
            "6. Save the file as .xlsx and send it to the coordinator. It is checked with the command "
            "\"kompass check\", which points at every cell that needs correcting.\n"
            "The sheets are protected without a password so that only input cells can be changed; Tab moves between them."
        ),
    },
    "step_half": {Lang.SV: "halva poäng tillåtna", Lang.EN: "half points allowed"},
    "step_other": {Lang.SV: "i steg om {step}", Lang.EN: "in steps of {step}"},
    # details
    "details_title": {Lang.SV: "Uppgifter om utvärderingen", Lang.EN: "About the evaluation"},
    "municipality": {Lang.SV: "Kommun", Lang.EN: "Municipality"},
    "year": {Lang.SV: "År", Lang.EN: "Year"},
    "evaluation_date": {Lang.SV: "Utvärderingsdatum", Lang.EN: "Evaluation date"},
    "evaluators": {Lang.SV: "Utvärderare (separera med komma)", Lang.EN: "Evaluators (separate with commas)"},
    "population": {Lang.SV: "Antal invånare", Lang.EN: "Population"},
    "municipality_group": {Lang.SV: "Kommungrupp", Lang.EN: "Municipality group"},
    "framework": {Lang.SV: "Ramverk (version)", Lang.EN: "Framework (version)"},
    "year_prompt": {Lang.SV: "Ett årtal, t.ex. 2024.", Lang.EN: "A year, e.g. 2024."},
    "population_prompt": {Lang.SV: "Ett heltal, t.ex. 13000.", Lang.EN: "A whole number, e.g. 13000."},
    "date_prompt": {Lang.SV: "Ett datum, t.ex. 2024-03-15.", Lang.EN: "A date, e.g. 2024-03-15."},
    "invalid_title": {Lang.SV: "Ogiltigt värde", Lang.EN: "Invalid value"},
    "municipality_code": {Lang.SV: "Kommunkod", Lang.EN: "Municipality code"},
    "municipality_prompt": {
        Lang.SV: "Kommunens namn, t.ex. Kalix. Listan har Sveriges 290 kommuner; ett annat namn går att spara.",
        Lang.EN: "The municipality's name, e.g. Kalix. The list has Sweden's 290 municipalities; another name can be kept.",
    },
    "municipality_unknown_title": {Lang.SV: "Okänd kommun", Lang.EN: "Unknown municipality"},
    "municipality_unknown": {
        Lang.SV: "Namnet finns inte bland Sveriges 290 kommuner. Välj Ja för att behålla det (t.ex. en norsk kommun), Nej för att rätta.",
        Lang.EN: "The name is not one of Sweden's 290 municipalities. Choose Yes to keep it (a Norwegian one, say), No to correct it.",
    },
    "group_prompt": {
        Lang.SV: "Välj en av SKR:s nio kommungrupper i listan.",
        Lang.EN: "Choose one of SKR's nine municipality groups from the list.",
    },
    "group_error": {
        Lang.SV: "Kommungruppen ska vara en av de nio i listan; en felstavad grupp delar gruppen i den nationella sammanställningen.",
        Lang.EN: "The group must be one of the nine in the list; a misspelt group splits the group in the national summary.",
    },
    # area sheets
    "area_title": {Lang.SV: "Område {number}: {title}", Lang.EN: "Area {number}: {title}"},
    "area_subtitle": {
        Lang.SV: "Högst {max} poäng. Skriv poäng (0 till max, {step_rule}) och en kommentar för varje delfråga.",
        Lang.EN: "At most {max} points. Enter a score (0 to max, {step_rule}) and a comment for each sub-question.",
    },
    "col_id": {Lang.SV: "Fråga", Lang.EN: "Question"},
    "col_question": {Lang.SV: "Frågeställning", Lang.EN: "Sub-question"},
    "col_max": {Lang.SV: "Max", Lang.EN: "Max"},
    "col_score": {Lang.SV: "Poäng", Lang.EN: "Score"},
    "col_comment": {Lang.SV: "Kommentar", Lang.EN: "Comment"},
    "area_sum": {Lang.SV: "Summa område {number}", Lang.EN: "Total area {number}"},
    "strengths": {Lang.SV: "Styrkor", Lang.EN: "Strengths"},
    "improvements": {Lang.SV: "Förbättringsområden", Lang.EN: "Areas for improvement"},
    "score_prompt_title": {Lang.SV: "Poäng {id}", Lang.EN: "Score {id}"},
    "score_prompt": {Lang.SV: "0–{max} poäng, {step_rule}.", Lang.EN: "0–{max} points, {step_rule}."},
    "score_error_title": {Lang.SV: "Ogiltig poäng", Lang.EN: "Invalid score"},
    "score_error": {
        Lang.SV: "Fråga {id}: skriv ett tal från 0 till {max}, {step_rule}.",
        Lang.EN: "Question {id}: enter a number from 0 to {max}, {step_rule}.",
    },
    # summary
    "summary_title": {Lang.SV: "Kommunkompassen {version}", Lang.EN: "Kommunkompassen {version}"},
    "col_area": {Lang.SV: "Område", Lang.EN: "Area"},
    "col_title": {Lang.SV: "Rubrik", Lang.EN: "Title"},
    "col_points": {Lang.SV: "Poäng", Lang.EN: "Points"},
    "col_percent": {Lang.SV: "Procent", Lang.EN: "Percent"},
    "col_unscored": {Lang.SV: "Ej bedömda", Lang.EN: "Unscored"},
    "total": {Lang.SV: "Totalt", Lang.EN: "Total"},
    "all_scored": {Lang.SV: "Alla delfrågor har poäng.", Lang.EN: "Every sub-question has a score."},
    "some_unscored": {Lang.SV: " delfrågor saknar poäng.", Lang.EN: " sub-questions have no score yet."},
    "chart_title": {Lang.SV: "Poäng per område", Lang.EN: "Points per area"},
    "group_from_register": {Lang.SV: " (enligt SKR:s register)", Lang.EN: " (from SKR's register)"},
    "not_filled": {Lang.SV: "Ej ifyllt: ingen delfråga har poäng ännu.", Lang.EN: "Not filled in: no sub-question has a score yet."},
    "chart_later": {
        Lang.SV: "Ett diagram över poängen per område finns i resultatboken (kompass report).",
        Lang.EN: "A chart of the points per area is in the result workbook (kompass report).",
    },
    # printing
    "page_footer": {Lang.SV: "Sida &P av &N", Lang.EN: "Page &P of &N"},
    # document properties
    "subject": {Lang.SV: "Poängsättning", Lang.EN: "Scoring"},
    "blank_form": {Lang.SV: "Tom mall", Lang.EN: "Blank template"},
    # parts of check messages (findings.py holds the messages themselves)
    "why_no_meta": {Lang.SV: "den har inget blad '_kompass' och inga poängceller", Lang.EN: "it has no '_kompass' sheet and no score cells"},
    "why_other_kind": {
        Lang.SV: "det är en {kind} från kompass, inte en utvärderings poängbok",
        Lang.EN: "it is a {kind} made by kompass, not an evaluation's scoring workbook",
    },
    "kind_national": {Lang.SV: "nationell sammanställning", Lang.EN: "national summary"},
    "kind_result": {Lang.SV: "resultatbok", Lang.EN: "result workbook"},
    "nothing": {Lang.SV: "ingenting", Lang.EN: "nothing"},
    "did_you_mean": {Lang.SV: " Menade du {version}?", Lang.EN: " Did you mean {version}?"},
    "rule_name_text": {Lang.SV: "ett namn är text, inte ett tal", Lang.EN: "a name is text, not a number"},
    "rule_name_length": {Lang.SV: "högst {max} tecken", Lang.EN: "at most {max} characters"},
    "rule_population": {Lang.SV: "ett heltal, antal invånare", Lang.EN: "a whole number of inhabitants"},
    "rule_date": {Lang.SV: "ett datum som 2024-03-15", Lang.EN: "a date such as 2024-03-15"},
    "did_you_mean_name": {Lang.SV: " Menade du {name}?", Lang.EN: " Did you mean {name}?"},
    "group_counted_as": {
        Lang.SV: "Den nationella sammanställningen räknar {municipality} till '{group}' enligt SKR:s register. ",
        Lang.EN: "The national summary counts {municipality} as '{group}', from SKR's register. ",
    },
    "group_counted_alone": {
        Lang.SV: "I den nationella sammanställningen blir den en egen grupp. ",
        Lang.EN: "In the national summary it makes a group of its own. ",
    },
    "version_in_use": {Lang.SV: "{start}–{end}", Lang.EN: "{start}–{end}"},
    "version_in_use_since": {Lang.SV: "från {start}", Lang.EN: "from {start}"},
    "rule_name_control": {
        Lang.SV: "ett namn får inte innehålla styrtecken (som tabb, radbrytning eller ESC, visade här som \\u001b)",
        Lang.EN: "a name may not hold control characters (such as tab, line break or ESC, shown here as \\u001b)",
    },
    # national summary (kompass merge)
    "nat_sheet_evaluations": {Lang.SV: "Utvärderingar", Lang.EN: "Evaluations"},
    "nat_sheet_averages": {Lang.SV: "Medelvärden", Lang.EN: "Averages"},
    "nat_sheet_distribution": {Lang.SV: "Fördelning", Lang.EN: "Distribution"},
    "nat_sheet_groups": {Lang.SV: "Grupper", Lang.EN: "Groups"},
    "nat_sheet_questions": {Lang.SV: "Delfrågor", Lang.EN: "Questions"},
    "nat_sheet_rejected": {Lang.SV: "Avvisade", Lang.EN: "Rejected"},
    "nat_sheet_conflicts": {Lang.SV: "Konflikter och dubbletter", Lang.EN: "Conflicts and duplicates"},
    "nat_sheet_about": {Lang.SV: "Om sammanställningen", Lang.EN: "About"},
    "nat_title": {Lang.SV: "Kommunkompassen – nationell sammanställning", Lang.EN: "Kommunkompassen – national summary"},
    "nat_subject": {Lang.SV: "Nationell sammanställning", Lang.EN: "National summary"},
    "nat_evaluations_title": {Lang.SV: "Sammanslagna utvärderingar", Lang.EN: "Merged evaluations"},
    "nat_evaluations_note": {
        Lang.SV: "En rad per godkänd utvärdering. Poängen är exakta. Avvisade filer, dubbletter och utvärderingar i konflikt finns på egna blad och ingår inte här.",
        Lang.EN: "One row per accepted evaluation. Points are exact. Rejected files, duplicates and evaluations in conflict are on their own sheets and are not included here.",
    },
    "nat_col_municipality": {Lang.SV: "Kommun", Lang.EN: "Municipality"},
    "nat_col_year": {Lang.SV: "År", Lang.EN: "Year"},
    "nat_col_framework": {Lang.SV: "Ramverk", Lang.EN: "Framework"},
    "nat_col_evaluators": {Lang.SV: "Utvärderare", Lang.EN: "Evaluators"},
    "nat_col_group": {Lang.SV: "Kommungrupp", Lang.EN: "Municipality group"},
    "nat_col_population": {Lang.SV: "Invånare", Lang.EN: "Population"},
    "nat_col_population_class": {Lang.SV: "Storleksklass", Lang.EN: "Size class"},
    "nat_col_area_n": {Lang.SV: "Område {number}", Lang.EN: "Area {number}"},
    "nat_col_total": {Lang.SV: "Totalt", Lang.EN: "Total"},
    "nat_col_file": {Lang.SV: "Fil", Lang.EN: "File"},
    "nat_col_sha256": {Lang.SV: "SHA-256", Lang.EN: "SHA-256"},
    "nat_col_workbook_id": {Lang.SV: "Arbetsboks-id", Lang.EN: "Workbook id"},
    "nat_col_scope": {Lang.SV: "Urval", Lang.EN: "Selection"},
    "nat_col_dimension": {Lang.SV: "Indelning", Lang.EN: "Grouping"},
    "nat_col_grouping_value": {Lang.SV: "Grupp", Lang.EN: "Group"},
    "nat_col_level": {Lang.SV: "Nivå", Lang.EN: "Level"},
    "nat_col_id": {Lang.SV: "Id", Lang.EN: "Id"},
    "nat_col_title": {Lang.SV: "Rubrik", Lang.EN: "Title"},
    "nat_col_max_points": {Lang.SV: "Maxpoäng", Lang.EN: "Max points"},
    "nat_col_count": {Lang.SV: "Antal", Lang.EN: "Count"},
    "nat_col_mean": {Lang.SV: "Medelvärde", Lang.EN: "Mean"},
    "nat_col_median": {Lang.SV: "Median", Lang.EN: "Median"},
    "nat_col_min": {Lang.SV: "Lägsta", Lang.EN: "Minimum"},
    "nat_col_max": {Lang.SV: "Högsta", Lang.EN: "Maximum"},
    "nat_col_q1": {Lang.SV: "Nedre kvartil", Lang.EN: "Lower quartile"},
    "nat_col_q3": {Lang.SV: "Övre kvartil", Lang.EN: "Upper quartile"},
    "nat_col_mean_exact": {Lang.SV: "Medelvärde, oavrundat", Lang.EN: "Mean, unrounded"},
    "nat_col_area": {Lang.SV: "Område", Lang.EN: "Area"},
    "nat_col_question": {Lang.SV: "Fråga", Lang.EN: "Question"},
    "nat_col_question_title": {Lang.SV: "Frågeställning", Lang.EN: "Sub-question"},
    "nat_col_score": {Lang.SV: "Poäng", Lang.EN: "Score"},
    "nat_col_comment": {Lang.SV: "Kommentar", Lang.EN: "Comment"},
    "nat_col_code": {Lang.SV: "Kod", Lang.EN: "Code"},
    "nat_col_severity": {Lang.SV: "Allvarlighet", Lang.EN: "Severity"},
    "nat_col_location": {Lang.SV: "Plats", Lang.EN: "Location"},
    "nat_col_message": {Lang.SV: "Meddelande", Lang.EN: "Message"},
    "nat_col_band": {Lang.SV: "Andel av maxpoäng", Lang.EN: "Share of max points"},
    "nat_col_duplicate_of": {Lang.SV: "Dubblett av", Lang.EN: "Duplicate of"},
    "nat_col_reason": {Lang.SV: "Skäl", Lang.EN: "Reason"},
    "nat_col_conflict": {Lang.SV: "Konflikt", Lang.EN: "Conflict"},
    "nat_col_evaluations": {Lang.SV: "Utvärderingar", Lang.EN: "Evaluations"},
    "nat_col_best_total": {Lang.SV: "Bästa totalpoäng", Lang.EN: "Best total"},
    "nat_col_best_who": {Lang.SV: "Kommun och år", Lang.EN: "Municipality and year"},
    "nat_col_total_points": {Lang.SV: "Totalpoäng", Lang.EN: "Total points"},
    "nat_level_area": {Lang.SV: "Område", Lang.EN: "Area"},
    "nat_level_question": {Lang.SV: "Delfråga", Lang.EN: "Sub-question"},
    "nat_level_total": {Lang.SV: "Totalt", Lang.EN: "Total"},
    "nat_scope_all": {Lang.SV: "Alla år", Lang.EN: "All years"},
    "nat_scope_year": {Lang.SV: "År {year}", Lang.EN: "Year {year}"},
    "nat_dimension_group": {Lang.SV: "Kommungrupp", Lang.EN: "Municipality group"},
    "nat_dimension_population": {Lang.SV: "Storleksklass", Lang.EN: "Size class"},
    "nat_pop_under_10000": {Lang.SV: "under 10 000 invånare", Lang.EN: "under 10,000 inhabitants"},
    "nat_pop_10000_24999": {Lang.SV: "10 000–24 999 invånare", Lang.EN: "10,000–24,999 inhabitants"},
    "nat_pop_25000_49999": {Lang.SV: "25 000–49 999 invånare", Lang.EN: "25,000–49,999 inhabitants"},
    "nat_pop_50000_99999": {Lang.SV: "50 000–99 999 invånare", Lang.EN: "50,000–99,999 inhabitants"},
    "nat_pop_100000_plus": {Lang.SV: "100 000 invånare eller fler", Lang.EN: "100,000 inhabitants or more"},
    "nat_averages_title": {Lang.SV: "Medelvärden per ramverksversion", Lang.EN: "Averages per framework version"},
    "nat_averages_note": {
        Lang.SV: "Per version: alla år och varje utvärderingsår, för varje område, delfråga och totalt. Visade värden är avrundade en gång till en decimal från exakta värden; kolumnen \"{exact}\" har det exakta medelvärdet. Kvartiler som Excels KVARTIL.INK.",
        Lang.EN: "Per version: all years and each evaluation year, for every area, sub-question and the total. Shown figures are rounded once to one decimal from exact values; the column \"{exact}\" holds the exact mean. Quartiles as Excel's QUARTILE.INC.",
    },
    "nat_groups_title": {Lang.SV: "Medelvärden per kommungrupp och storleksklass", Lang.EN: "Averages per municipality group and size class"},
    "nat_groups_note": {
        Lang.SV: "Bara utvärderingar som anger kommungrupp respektive antal invånare ingår i sin indelning.",
        Lang.EN: "Only evaluations that give a municipality group or a population are part of that grouping.",
    },
    "nat_questions_title": {Lang.SV: "Poäng per delfråga (för pivottabeller)", Lang.EN: "Points per sub-question (for pivot tables)"},
    "nat_distribution_title": {Lang.SV: "Fördelning av resultaten", Lang.EN: "Distribution of results"},
    "nat_best_title": {Lang.SV: "Bästa resultat hittills per version", Lang.EN: "Best result so far per version"},
    "nat_version_heading": {Lang.SV: "Kommunkompassen {version}: {count} utvärderingar", Lang.EN: "Kommunkompassen {version}: {count} evaluations"},
    "nat_quartiles_title": {Lang.SV: "Kvartiler", Lang.EN: "Quartiles"},
    "nat_bands_title": {Lang.SV: "Antal utvärderingar per tiondel av maxpoängen", Lang.EN: "Evaluations per tenth of the max points"},
    "nat_chart_data": {Lang.SV: "Diagramdata", Lang.EN: "Chart data"},
    "nat_chart_box_title": {Lang.SV: "Poäng per område {version}", Lang.EN: "Points per area {version}"},
    "nat_chart_bands_title": {Lang.SV: "Totalpoäng {version}: antal per tiondel av max", Lang.EN: "Total {version}: count per tenth of max"},
    "nat_chart_box_base": {Lang.SV: "Lägsta", Lang.EN: "Minimum"},
    "nat_chart_box_low": {Lang.SV: "Lägsta till nedre kvartil", Lang.EN: "Minimum to lower quartile"},
    "nat_chart_box_mid_low": {Lang.SV: "Nedre kvartil till median", Lang.EN: "Lower quartile to median"},
    "nat_chart_box_mid_high": {Lang.SV: "Median till övre kvartil", Lang.EN: "Median to upper quartile"},
    "nat_chart_box_high": {Lang.SV: "Övre kvartil till högsta", Lang.EN: "Upper quartile to maximum"},
    "nat_rejected_title": {Lang.SV: "Avvisade filer", Lang.EN: "Rejected files"},
    "nat_rejected_note": {
        Lang.SV: "Filer som inte klarade kontrollen, med varje fynd. Rätta filen (kör \"kompass check\") och slå samman igen.",
        Lang.EN: "Files that failed the check, with every finding. Correct the file (run \"kompass check\") and merge again.",
    },
    "nat_rejected_none": {Lang.SV: "Inga filer avvisades.", Lang.EN: "No file was rejected."},
    "nat_rejected_no_totals": {
        Lang.SV: "Filen saknar fullständiga poäng och har därför ingen totalpoäng.",
        Lang.EN: "The file has incomplete scores and so no total.",
    },
    "nat_conflicts_title": {Lang.SV: "Konflikter", Lang.EN: "Conflicts"},
    "nat_conflicts_note": {
        Lang.SV: "Olika utvärderingar av samma kommun och år. Ingen av dem har valts: alla är utelämnade ur utvärderingarna och statistiken tills samordnaren har bestämt sig. Rader med samma nummer i kolumnen \"Konflikt\" gäller samma kommun och år; vad som ska göras står under tabellen.",
        Lang.EN: "Different evaluations of the same municipality and year. None of them was chosen: all are left out of the evaluations and the statistics until the coordinator decides. Rows with the same number in the column \"Conflict\" are of the same municipality and year; what to do is below the table.",
    },
    "nat_conflicts_none": {Lang.SV: "Inga konflikter.", Lang.EN: "No conflicts."},
    "nat_duplicates_title": {Lang.SV: "Dubbletter", Lang.EN: "Duplicates"},
    "nat_duplicates_note": {
        Lang.SV: "Kopior av en utvärdering som redan ingår; varje utvärdering räknas en gång. Den fil som behålls är den vars namn inte är en kopias (\"kopia\", \"copy\", \"(1)\"), annars den äldsta, annars den första i namnordning.",
        Lang.EN: "Copies of an evaluation already included; every evaluation counts once. The file kept is the one whose name is not a copy's (\"kopia\", \"copy\", \"(1)\"), else the oldest, else the first in name order.",
    },
    "nat_duplicates_none": {Lang.SV: "Inga dubbletter.", Lang.EN: "No duplicates."},
    "nat_reason_same_file": {Lang.SV: "Identisk fil (samma SHA-256)", Lang.EN: "Identical file (same SHA-256)"},
    "nat_reason_same_workbook": {Lang.SV: "Samma arbetsbok och samma innehåll", Lang.EN: "Same workbook and same content"},
    "nat_about_title": {Lang.SV: "Om sammanställningen", Lang.EN: "About this summary"},
    "nat_about_created": {Lang.SV: "Skapad", Lang.EN: "Created"},
    "nat_about_tool": {Lang.SV: "Verktygsversion", Lang.EN: "Tool version"},
    "nat_about_inputs": {Lang.SV: "Filer lästa", Lang.EN: "Files read"},
    "nat_about_merged": {Lang.SV: "Sammanslagna utvärderingar", Lang.EN: "Evaluations merged"},
    "nat_about_rejected": {Lang.SV: "Avvisade filer", Lang.EN: "Files rejected"},
    "nat_about_duplicates": {Lang.SV: "Dubbletter", Lang.EN: "Duplicates"},
    "nat_about_conflicts": {Lang.SV: "Filer i konflikt", Lang.EN: "Files in conflict"},
    "nat_about_versions": {Lang.SV: "Ramverksversioner", Lang.EN: "Framework versions"},
    "nat_about_version_count": {Lang.SV: "{version} ({count} st)", Lang.EN: "{version} ({count})"},
    "nat_about_rules_title": {Lang.SV: "Regler", Lang.EN: "Rules"},
    "nat_about_rules": {
        Lang.SV: (
            "En fil som inte klarar kontrollen avvisas och redovisas med sina fynd; övriga filer slås ändå samman.\n"
            "Identiska filer, och kopior av samma arbetsbok med samma innehåll, räknas en gång: som den fil vars namn inte är en kopias (\"kopia\", \"copy\", \"(1)\"), annars den äldsta, annars den första i namnordning.\n"
            "Olika utvärderingar av samma kommun och år är en konflikt: ingen av dem ingår i utvärderingarna eller statistiken.\n"
            "Statistiken räknas per ramverksversion, eftersom områden och delfrågor skiljer sig mellan versionerna.\n"
            "Alla beräkningar är exakta; visade medelvärden, medianer och kvartiler är avrundade en gång till en decimal.\n"
            "Ordningen är alltid ramverk, kommun, år och fil, oavsett i vilken ordning filerna lästes."
        ),
        Lang.EN: (
            "A file that fails the check is rejected and listed with its findings; the other files still merge.\n"
            "Identical files, and copies of one workbook with the same content, count once: as the file whose name is not a copy's (\"kopia\", \"copy\", \"(1)\"), else the oldest, else the first in name order.\n"
            "Different evaluations of the same municipality and year are a conflict: none of them is part of the evaluations or the statistics.\n"
            "Statistics are per framework version, since areas and sub-questions differ between versions.\n"
            "Every calculation is exact; shown means, medians and quartiles are rounded once to one decimal.\n"
            "The order is always framework, municipality, year and file, whatever order the files were read in."
        ),
    },
    "nat_none": {Lang.SV: "inga", Lang.EN: "none"},
    # result workbook (kompass report)
    "res_sheet_summary": {Lang.SV: "Sammanfattning", Lang.EN: "Summary"},
    "res_sheet_charts": {Lang.SV: "Diagram", Lang.EN: "Charts"},
    "res_sheet_comparison": {Lang.SV: "Jämförelser", Lang.EN: "Comparison"},
    "res_sheet_about": {Lang.SV: "Om rapporten", Lang.EN: "About"},
    "res_subject": {Lang.SV: "Resultat", Lang.EN: "Result"},
    "res_title": {Lang.SV: "Kommunkompassen {version}: resultat", Lang.EN: "Kommunkompassen {version}: result"},
    "res_framework_line": {Lang.SV: "Utvärderad enligt {title} (version {version}).", Lang.EN: "Evaluated under {title} (version {version})."},
    "res_col_area": {Lang.SV: "Område", Lang.EN: "Area"},
    "res_col_title": {Lang.SV: "Rubrik", Lang.EN: "Title"},
    "res_col_points": {Lang.SV: "Poäng", Lang.EN: "Points"},
    "res_col_max": {Lang.SV: "Max", Lang.EN: "Max"},
    "res_col_percent": {Lang.SV: "Procent", Lang.EN: "Percent"},
    "res_col_national": {Lang.SV: "Riksgenomsnitt", Lang.EN: "National average"},
    "res_col_group": {Lang.SV: "Snitt kommungrupp", Lang.EN: "Group average"},
    "res_col_best": {Lang.SV: "Bästa hittills", Lang.EN: "Best so far"},
    "res_col_quartile": {Lang.SV: "Kvartil", Lang.EN: "Quartile"},
    "res_total": {Lang.SV: "Totalt", Lang.EN: "Total"},
    "res_position": {Lang.SV: "Placering efter totalpoäng: {position} av {count}", Lang.EN: "Position by total points: {position} of {count}"},
    "res_quartile_names": {Lang.SV: "1 = lägsta fjärdedelen, 4 = högsta", Lang.EN: "1 = lowest quarter, 4 = highest"},
    "res_quartile_note": {
        Lang.SV: "Färgen visar kommunens placering i förhållande till andra utvärderade kommuner (samma version av ramverket), inte en absolut kvalitetsnivå.",
        Lang.EN: "The colour shows the municipality's position relative to other evaluated municipalities (same framework version), not absolute quality.",
    },
    "res_national_basis": {
        Lang.SV: "Nationella jämförelsetal: {count} utvärderingar enligt Kommunkompassen {version} ({source}).",
        Lang.EN: "National figures: {count} evaluations under Kommunkompassen {version} ({source}).",
    },
    "res_national_self_in": {Lang.SV: "Denna utvärdering ingår i jämförelsetalen.", Lang.EN: "This evaluation is part of the national figures."},
    "res_national_self_out": {
        Lang.SV: "Denna utvärdering ingår inte i jämförelsetalen; placering och kvartil räknas med den inräknad.",
        Lang.EN: "This evaluation is not part of the national figures; position and quartile count it in.",
    },
    "res_national_same_id": {
        Lang.SV: "Sammanställningen har en annan utvärdering med samma arbetsboks-id ({who}, {points} poäng): en kopierad arbetsbok eller en som ändrats efter sammanställningen. Den räknas inte som denna.",
        Lang.EN: "The summary holds another evaluation with the same workbook id ({who}, {points} points): a copied workbook or one changed after the summary was made. It is not counted as this one.",
    },
    "res_group_basis": {Lang.SV: "Kommungrupp: {group} ({count} utvärderingar).", Lang.EN: "Municipality group: {group} ({count} evaluations)."},
    "res_group_unknown": {
        Lang.SV: "Kommungruppen {group} finns inte bland jämförelsetalen; inget gruppgenomsnitt visas.",
        Lang.EN: "The municipality group {group} is not among the national figures; no group average is shown.",
    },
    "res_best_total": {Lang.SV: "Bästa totalresultat hittills: {points} poäng ({who}).", Lang.EN: "Best total so far: {points} points ({who})."},
    "res_rounding_note": {
        Lang.SV: "Genomsnitt visas avrundade en gång till en decimal; områdenas värden summerar till den visade totalen. Skillnader räknas exakt från de visade talen.",
        Lang.EN: "Averages are shown rounded once to one decimal; the areas add up to the shown total. Differences are computed exactly from the figures shown.",
    },
    "res_no_national": {
        Lang.SV: "Inga nationella jämförelsetal angavs (kompass report --national NATIONELL.xlsx).",
        Lang.EN: "No national figures were given (kompass report --national NATIONAL.xlsx).",
    },
    "res_area_title": {Lang.SV: "Område {number}: {title}", Lang.EN: "Area {number}: {title}"},
    "res_area_points": {Lang.SV: "{points} av {max} poäng", Lang.EN: "{points} of {max} points"},
    "res_col_question_id": {Lang.SV: "Fråga", Lang.EN: "Question"},
    "res_col_question": {Lang.SV: "Frågeställning", Lang.EN: "Sub-question"},
    "res_col_comment": {Lang.SV: "Utvärderarnas kommentar", Lang.EN: "Evaluators' comment"},
    "res_area_sum": {Lang.SV: "Summa område {number}", Lang.EN: "Total area {number}"},
    "res_strengths": {Lang.SV: "Styrkor", Lang.EN: "Strengths"},
    "res_improvements": {Lang.SV: "Förbättringsområden", Lang.EN: "Areas for improvement"},
    "res_none_given": {Lang.SV: "(inget angivet)", Lang.EN: "(none given)"},
    "res_comparison_title": {Lang.SV: "Jämförelser", Lang.EN: "Comparison"},
    "res_profile_title": {Lang.SV: "Områdesprofil (underlag för diagrammen)", Lang.EN: "Area profile (the charts' data)"},
    "res_profile_note": {
        Lang.SV: "Tidigare resultat visas här bara för områden som är jämförbara eller delvis jämförbara; tomma celler saknar jämförbar siffra.",
        Lang.EN: "Earlier results appear here only for areas that are comparable or partly comparable; empty cells have no comparable figure.",
    },
    "res_earlier_title": {Lang.SV: "Jämfört med {who} (Kommunkompassen {version})", Lang.EN: "Compared with {who} (Kommunkompassen {version})"},
    "res_earlier_source": {Lang.SV: "Källa: {source}.", Lang.EN: "Source: {source}."},
    "res_col_matches": {Lang.SV: "Motsvarar område ({version})", Lang.EN: "Matches area ({version})"},
    "res_col_year_points": {Lang.SV: "Poäng {year}", Lang.EN: "Points {year}"},
    "res_col_difference": {Lang.SV: "Skillnad", Lang.EN: "Difference"},
    "res_col_verdict": {Lang.SV: "Jämförbarhet", Lang.EN: "Comparability"},
    "res_col_note": {Lang.SV: "Förklaring", Lang.EN: "Explanation"},
    "res_verdict_full": {Lang.SV: "jämförbart", Lang.EN: "comparable"},
    "res_verdict_partial": {Lang.SV: "delvis jämförbart", Lang.EN: "partly comparable"},
    "res_verdict_none": {Lang.SV: "ej jämförbart", Lang.EN: "not comparable"},
    "res_no_match": {Lang.SV: "ingen motsvarighet", Lang.EN: "no match"},
    "res_no_figure": {Lang.SV: "uppgift saknas", Lang.EN: "no figure"},
    "res_reason_same_version": {Lang.SV: "Samma version av ramverket.", Lang.EN: "Same framework version."},
    "res_reason_several_areas": {
        Lang.SV: "Området bygger på flera områden ({areas}) i version {version}; ingen siffra kan jämföras.",
        Lang.EN: "The area draws on several areas ({areas}) of version {version}; no figure can be compared.",
    },
    "res_reason_no_area": {Lang.SV: "Området har ingen motsvarighet i version {version}.", Lang.EN: "The area has no counterpart in version {version}."},
    "res_reason_no_figure": {Lang.SV: "Resultatet {year} anger inga poäng för detta område.", Lang.EN: "The {year} result gives no points for this area."},
    "res_reason_lineage_none": {Lang.SV: "Ingen skillnad räknas ut.", Lang.EN: "No difference is computed."},
    "res_reason_version_changed": {
        Lang.SV: "Totalpoäng kan inte jämföras mellan olika versioner av ramverket ({earlier} och {current}).",
        Lang.EN: "Totals cannot be compared across framework versions ({earlier} and {current}).",
    },
    "res_reason_not_earlier": {
        Lang.SV: "Version {earlier} är inte en tidigare version av {current}; områdena kan inte matchas.",
        Lang.EN: "Version {earlier} is not an earlier version of {current}; the areas cannot be matched.",
    },
    "res_national_title": {Lang.SV: "Jämfört med riksgenomsnittet (Kommunkompassen {version})", Lang.EN: "Compared with the national average (Kommunkompassen {version})"},
    "res_group_title": {Lang.SV: "Jämfört med kommungruppen {group}", Lang.EN: "Compared with the municipality group {group}"},
    "res_col_average": {Lang.SV: "Genomsnitt", Lang.EN: "Average"},
    "res_no_comparisons": {
        Lang.SV: "Inga tidigare utvärderingar eller nationella jämförelsetal angavs (kompass report --previous ... --national ...).",
        Lang.EN: "No earlier evaluations or national figures were given (kompass report --previous ... --national ...).",
    },
    "res_charts_title": {Lang.SV: "Områdesprofil {who}", Lang.EN: "Area profile {who}"},
    "res_chart_earlier": {Lang.SV: "Poäng per område jämfört med tidigare utvärderingar", Lang.EN: "Points per area compared with earlier evaluations"},
    "res_chart_national": {Lang.SV: "Poäng per område jämfört med riksgenomsnittet", Lang.EN: "Points per area compared with the national average"},
    "res_chart_profile": {Lang.SV: "Poäng per område", Lang.EN: "Points per area"},
    "res_charts_note": {
        Lang.SV: "Tidigare utvärderingar visas bara för områden som är jämförbara eller delvis jämförbara; se bladet \"{sheet}\".",
        Lang.EN: "Earlier evaluations are shown only for areas that are comparable or partly comparable; see the sheet \"{sheet}\".",
    },
    "res_series_group": {Lang.SV: "Snitt {group}", Lang.EN: "Average {group}"},
    "res_about_title": {Lang.SV: "Om rapporten", Lang.EN: "About this report"},
    "res_about_municipality": {Lang.SV: "Kommun", Lang.EN: "Municipality"},
    "res_about_year": {Lang.SV: "År", Lang.EN: "Year"},
    "res_about_date": {Lang.SV: "Utvärderingsdatum", Lang.EN: "Evaluation date"},
    "res_about_evaluators": {Lang.SV: "Utvärderare", Lang.EN: "Evaluators"},
    "res_about_population": {Lang.SV: "Antal invånare", Lang.EN: "Population"},
    "res_about_group": {Lang.SV: "Kommungrupp", Lang.EN: "Municipality group"},
    "res_about_framework": {Lang.SV: "Ramverk", Lang.EN: "Framework"},
    "res_about_tool": {Lang.SV: "Verktyg", Lang.EN: "Tool"},
    "res_about_source": {Lang.SV: "Källfil", Lang.EN: "Source file"},
    "res_about_sha256": {Lang.SV: "SHA-256 (källfil)", Lang.EN: "SHA-256 (source file)"},
    "res_about_workbook_id": {Lang.SV: "Arbetsboks-id", Lang.EN: "Workbook id"},
    "res_about_created": {Lang.SV: "Skapad", Lang.EN: "Created"},
    "res_about_previous": {Lang.SV: "Tidigare utvärdering", Lang.EN: "Earlier evaluation"},
    "res_about_national": {Lang.SV: "Nationell sammanställning", Lang.EN: "National summary"},
    "res_about_numbers": {
        Lang.SV: "Alla poäng är exakta decimaltal ur poängsättningsboken. Avrundade tal avrundas en gång, från det exakta värdet.",
        Lang.EN: "All points are exact decimals from the scoring workbook. Rounded figures are rounded once, from the exact value.",
    },
    "res_published_report": {Lang.SV: "publicerad rapport", Lang.EN: "published report"},
    # singular forms (counted_label picks KEY_one for a count of 1), quartile rules, severities
    "nat_version_heading_one": {Lang.SV: "Kommunkompassen {version}: 1 utvärdering", Lang.EN: "Kommunkompassen {version}: 1 evaluation"},
    "res_national_basis_one": {
        Lang.SV: "Nationella jämförelsetal: 1 utvärdering enligt Kommunkompassen {version} ({source}).",
        Lang.EN: "National figures: 1 evaluation under Kommunkompassen {version} ({source}).",
    },
    "res_group_basis_one": {Lang.SV: "Kommungrupp: {group} (1 utvärdering).", Lang.EN: "Municipality group: {group} (1 evaluation)."},
    "res_framework_line_titled": {Lang.SV: "Utvärderad enligt {title}.", Lang.EN: "Evaluated under {title}."},
    "res_position_alone": {
        Lang.SV: "Ingen placering: jämförelsetalen har ingen annan utvärdering att jämföra med.",
        Lang.EN: "No position: the national figures hold no other evaluation to compare with.",
    },
    "res_quartile_rule": {
        Lang.SV: (
            "Kvartil efter placering bland utvärderingarna: 4 = den högsta fjärdedelen (färre än en fjärdedel har högre poäng), "
            "1 = den lägsta fjärdedelen. Lika poäng delar placering och får samma, den bättre, kvartilen."
        ),
        Lang.EN: (
            "Quartile by rank among the evaluations: 4 = the highest quarter (fewer than a quarter score higher), "
            "1 = the lowest quarter. Equal points share a rank and get the same, the better, quartile."
        ),
    },
    "res_quartile_too_few": {
        Lang.SV: "Ingen kvartil (–): för få utvärderingar för kvartil; det behövs minst {minimum}, jämförelsen har {count}.",
        Lang.EN: "No quartile (–): too few evaluations for a quartile; at least {minimum} are needed, the comparison has {count}.",
    },
    "res_quartile_all_equal": {
        Lang.SV: "Ingen kvartil (–) där alla utvärderingar har samma poäng.",
        Lang.EN: "No quartile (–) where every evaluation has the same points.",
    },
    # result workbook as the report: the one-page summary, only meaningful comparisons (report_figures.py)
    "res_total_line": {Lang.SV: "{points} av {max} poäng ({percent} %)", Lang.EN: "{points} of {max} points ({percent} %)"},
    "res_change_none": {Lang.SV: "Ingen tidigare utvärdering att jämföra med.", Lang.EN: "No earlier evaluation to compare with."},
    "res_change_full": {
        Lang.SV: "Förändring sedan {year}: {difference} poäng, från {earlier} till {points} ({verdict}: samma version av ramverket).",
        Lang.EN: "Change since {year}: {difference} points, from {earlier} to {points} ({verdict}: same framework version).",
    },
    "res_change_partial": {
        Lang.SV: "Förändring sedan {year} (Kommunkompassen {version}): {verdict} – {count} av {areas} områden kan jämföras, totalen inte (se kolumnen Förändring och bladet Jämförelser).",
        Lang.EN: "Change since {year} (Kommunkompassen {version}): {verdict} – {count} of {areas} areas can be compared, the total cannot (see the Change column and the Comparison sheet).",
    },
    "res_change_not_version": {
        Lang.SV: "Förändring sedan {year}: {verdict} – utvärderingen {year} gjordes enligt Kommunkompassen {version}, och ramverket har ändrats sedan dess, så ingen förändring räknas ut.",
        Lang.EN: "Change since {year}: {verdict} – the {year} evaluation was made under Kommunkompassen {version}, and the framework has changed since, so no change is computed.",
    },
    "res_change_not_figures": {
        Lang.SV: "Förändring sedan {year}: {verdict} – resultatet {year} anger inga poäng att jämföra med.",
        Lang.EN: "Change since {year}: {verdict} – the {year} result gives no points to compare with.",
    },
    "res_col_change_since": {Lang.SV: "Förändring sedan {year}", Lang.EN: "Change since {year}"},
    "res_col_national_short": {Lang.SV: "Snitt riket", Lang.EN: "National average"},
    "res_col_group_short": {Lang.SV: "Snitt grupp", Lang.EN: "Group average"},
    "res_strongest": {Lang.SV: "Starkaste områden", Lang.EN: "Strongest areas"},
    "res_weakest": {Lang.SV: "Svagaste områden", Lang.EN: "Weakest areas"},
    "res_summary_pointer": {
        Lang.SV: "Varje område har ett eget blad med delfrågor, kommentarer, styrkor och förbättringsområden; jämförelserna i detalj finns på bladet \"{sheet}\".",
        Lang.EN: "Each area has its own sheet with sub-questions, comments, strengths and areas for improvement; the comparisons in detail are on the sheet \"{sheet}\".",
    },
    "res_area_compared": {Lang.SV: "Jämförelse", Lang.EN: "Comparison"},
    "res_col_compared_with": {Lang.SV: "Jämfört med", Lang.EN: "Compared with"},
    "res_series_national_counted": {Lang.SV: "Riksgenomsnitt ({count} utvärderingar)", Lang.EN: "National average ({count} evaluations)"},
    "res_series_national_counted_one": {Lang.SV: "Riksgenomsnitt (1 utvärdering)", Lang.EN: "National average (1 evaluation)"},
    "res_series_group_counted": {Lang.SV: "Snitt {group} ({count} utvärderingar)", Lang.EN: "Average {group} ({count} evaluations)"},
    "res_series_group_counted_one": {Lang.SV: "Snitt {group} (1 utvärdering)", Lang.EN: "Average {group} (1 evaluation)"},
    "res_reference_hidden_national": {
        Lang.SV: "Riksgenomsnitt visas inte: {count} andra utvärderingar enligt Kommunkompassen {version}, minst {minimum} behövs.",
        Lang.EN: "National average not shown: {count} other evaluations under Kommunkompassen {version}, at least {minimum} are needed.",
    },
    "res_reference_hidden_national_one": {
        Lang.SV: "Riksgenomsnitt visas inte: 1 annan utvärdering enligt Kommunkompassen {version}, minst {minimum} behövs.",
        Lang.EN: "National average not shown: 1 other evaluation under Kommunkompassen {version}, at least {minimum} are needed.",
    },
    "res_reference_hidden_group": {
        Lang.SV: "Snitt för kommungruppen {group} visas inte: {count} andra utvärderingar i gruppen, minst {minimum} behövs.",
        Lang.EN: "Average of the municipality group {group} not shown: {count} other evaluations in the group, at least {minimum} are needed.",
    },
    "res_reference_hidden_group_one": {
        Lang.SV: "Snitt för kommungruppen {group} visas inte: 1 annan utvärdering i gruppen, minst {minimum} behövs.",
        Lang.EN: "Average of the municipality group {group} not shown: 1 other evaluation in the group, at least {minimum} are needed.",
    },
    "res_chart_group": {Lang.SV: "Poäng per område jämfört med kommungruppen", Lang.EN: "Points per area compared with the municipality group"},
    "nat_evaluations_note_print": {
        Lang.SV: (
            "En rad per godkänd utvärdering. Poängen är exakta. Avvisade filer, dubbletter och utvärderingar i konflikt finns på egna blad och ingår inte här. "
            "Utskriften visar kolumnerna till och med Totalt; fil, SHA-256 och arbetsboks-id finns i arbetsboken."
        ),
        Lang.EN: (
            "One row per accepted evaluation. Points are exact. Rejected files, duplicates and evaluations in conflict are on their own sheets and are not included here. "
            "The print shows the columns up to Total; file, SHA-256 and workbook id are in the workbook."
        ),
    },
    "nat_averages_note_sums": {
        Lang.SV: (
            "Per version: alla år och varje utvärderingsår, för varje område, delfråga och totalt. Visade värden är avrundade en gång till en decimal från exakta värden; "
            "visade medelvärden avrundas så att områdena summerar till totalen och delfrågorna till sitt område, som i kommunernas resultatrapporter. "
            "Kolumnen \"{exact}\" har medelvärdet med alla decimaler ett tal rymmer. Kvartiler som Excels KVARTIL.INK."
        ),
        Lang.EN: (
            "Per version: all years and each evaluation year, for every area, sub-question and the total. Shown figures are rounded once to one decimal from exact values; "
            "shown means are rounded so that the areas add up to the total and the sub-questions to their area, as in the municipalities' result reports. "
            "The column \"{exact}\" holds the mean with every decimal a number holds. Quartiles as Excel's QUARTILE.INC."
        ),
    },
    "nat_severity_error": {Lang.SV: "fel", Lang.EN: "error"},
    "nat_severity_warning": {Lang.SV: "varning", Lang.EN: "warning"},
    # national summary: the Overview sheet, conflicts as actions, print notes (issue 13)
    "nat_sheet_overview": {Lang.SV: "Översikt", Lang.EN: "Overview"},
    "nat_overview_title": {Lang.SV: "Nationell sammanställning: översikt", Lang.EN: "National summary: overview"},
    "nat_overview_note": {
        Lang.SV: (
            "Först filerna och vad som behöver åtgärdas, sedan en sida per ramverksversion: medelvärde, median, lägsta och högsta poäng "
            "per område och totalt, för alla år (samma siffror som på bladet \"{averages}\"). Varje utvärdering finns på bladet "
            "\"{evaluations}\", varje delfråga på bladet \"{questions}\". Medelvärdena är avrundade så att områdena summerar till totalen, "
            "så ett medelvärde kan skilja en tiondel från medianen fast de exakta värdena är lika."
        ),
        Lang.EN: (
            "First the files and what needs action, then one page per framework version: mean, median, lowest and highest points "
            "per area and in total, over all years (the same figures as on the sheet \"{averages}\"). Each evaluation is on the sheet "
            "\"{evaluations}\", each sub-question on the sheet \"{questions}\". The means are rounded so that the areas add up to the total, "
            "so a mean can differ by a tenth from the median where the exact values are equal."
        ),
    },
    "nat_overview_files_title": {Lang.SV: "Filerna", Lang.EN: "The files"},
    "nat_overview_files": {Lang.SV: "Filer lästa", Lang.EN: "Files read"},
    "nat_overview_merged": {Lang.SV: "Sammanslagna utvärderingar", Lang.EN: "Evaluations merged"},
    "nat_overview_rejected": {Lang.SV: "Avvisade filer", Lang.EN: "Files rejected"},
    "nat_overview_conflicts": {Lang.SV: "Filer i konflikt (ej medräknade)", Lang.EN: "Files in conflict (not counted)"},
    "nat_overview_duplicates": {Lang.SV: "Dubbletter (räknade en gång)", Lang.EN: "Duplicates (counted once)"},
    "nat_overview_see": {Lang.SV: "se bladet \"{sheet}\"", Lang.EN: "see the sheet \"{sheet}\""},
    "nat_overview_see_conflicts": {Lang.SV: "se bladet \"{sheet}\": vad som ska göras", Lang.EN: "see the sheet \"{sheet}\": what to do"},
    "nat_overview_evaluations": {Lang.SV: "Utvärderingar", Lang.EN: "Evaluations"},
    "nat_overview_municipalities": {Lang.SV: "Kommuner", Lang.EN: "Municipalities"},
    "nat_overview_years": {Lang.SV: "Utvärderingsår", Lang.EN: "Evaluation years"},
    "nat_col_best": {Lang.SV: "Högsta (bästa)", Lang.EN: "Maximum (best)"},
    "nat_chart_profile_title": {Lang.SV: "Områdesprofil {version}: medelvärde, lägsta och högsta", Lang.EN: "Area profile {version}: mean, lowest and highest"},
    "nat_col_number": {Lang.SV: "Nr", Lang.EN: "No."},
    "nat_questions_note_print": {
        Lang.SV: "En rad per utvärdering och delfråga, för filter och pivottabeller. Bladet skrivs inte ut (bara denna rad); skriv ut ett filtrerat urval eller en pivottabell i stället.",
        Lang.EN: "One row per evaluation and sub-question, for filters and pivot tables. The sheet is not printed (only this line); print a filtered selection or a pivot table instead.",
    },
    "nat_conflicts_actions_title": {Lang.SV: "Vad som ska göras", Lang.EN: "What to do"},
    "nat_conflict_heading": {Lang.SV: "Konflikt {number}: {municipality} {year} ({count} filer)", Lang.EN: "Conflict {number}: {municipality} {year} ({count} files)"},
    "nat_conflict_team": {
        Lang.SV: "Filerna ser ut att vara utvärderarnas egna arbetsböcker för samma utvärdering (olika utvärderare). Slå ihop dem till en konsensusarbetsbok med kommandot:",
        Lang.EN: "The files look like the evaluators' own workbooks of one evaluation (different evaluators). Combine them into a consensus workbook with the command:",
    },
    "nat_conflict_team_after": {
        Lang.SV: "Gå igenom de frågor som konsensusarbetsboken flaggar. Slå sedan samman igen med bara konsensusarbetsboken: flytta de enskilda arbetsböckerna ur mappen.",
        Lang.EN: "Go through the questions the consensus workbook flags. Then merge again with the consensus workbook only: move the individual workbooks out of the folder.",
    },
    "nat_conflict_other": {
        Lang.SV: "Olika versioner av samma utvärdering. Behåll den fil som gäller, flytta de andra ur mappen och slå samman igen.",
        Lang.EN: "Different versions of one evaluation. Keep the file that is right, move the others out of the folder and merge again.",
    },
    # consensus of several evaluators (kompass consensus)
    "con_sheet_differences": {Lang.SV: "Skillnader", Lang.EN: "Differences"},
    "con_sheet_texts": {Lang.SV: "Styrkor och förbättringar", Lang.EN: "Strengths and improvements"},
    "con_sheet_agreement": {Lang.SV: "Samstämmighet", Lang.EN: "Agreement"},
    "con_sheet_sources": {Lang.SV: "Underlag", Lang.EN: "Sources"},
    "con_instructions": {
        Lang.SV: (
            "Detta är en konsensusarbetsbok: poäng, kommentarer, styrkor och förbättringsområden är förifyllda "
            "med ett förslag byggt på {count} utvärderares arbetsböcker. Börja med bladet \"{differences}\", "
            "som listar frågorna att diskutera först. Ändra poäng och texter på områdesbladen när ni har enats; "
            "bladen \"{texts}\", \"{agreement}\" och \"{sources}\" visar underlaget."
        ),
        Lang.EN: (
            "This is a consensus workbook: scores, comments, strengths and areas for improvement are pre-filled "
            "with a proposal built from {count} evaluators' workbooks. Start with the sheet \"{differences}\", "
            "which lists the questions to discuss first. Change scores and texts on the area sheets once you agree; "
            "the sheets \"{texts}\", \"{agreement}\" and \"{sources}\" show the material."
        ),
    },
    "con_threshold_share": {Lang.SV: "{percent} % av frågans maxpoäng", Lang.EN: "{percent} % of the question's max points"},
    "con_threshold_points": {Lang.SV: "{points} poäng", Lang.EN: "{points} points"},
    "con_diff_title": {Lang.SV: "Skillnader mellan utvärderarna", Lang.EN: "Differences between the evaluators"},
    "con_diff_note": {
        Lang.SV: (
            "Spridning = högsta minus lägsta poäng. Frågor där spridningen är större än gränsen ({threshold}) står först, "
            "markerade \"{mark}\" och sorterade efter spridning i förhållande till frågans max; övriga frågor följer i ramverkets ordning. "
            "Förslaget är medianen av utvärderarnas poäng; vid ett jämnt antal utvärderare medelvärdet av de två mittersta, "
            "avrundat uppåt till närmaste tillåtna poäng ({step_rule}) när det hamnar mitt emellan. "
            "Förslaget är redan ifyllt på områdesbladen; kolumnen \"{current}\" visar poängen som står där nu."
        ),
        Lang.EN: (
            "Spread = highest minus lowest score. Questions whose spread exceeds the threshold ({threshold}) come first, "
            "marked \"{mark}\" and sorted by spread relative to the question's max; the other questions follow in framework order. "
            "The proposal is the median of the evaluators' scores; with an even number of evaluators the mean of the middle two, "
            "rounded half up to the nearest allowed score ({step_rule}) when it falls in between. "
            "The proposal is already filled in on the area sheets; the column \"{current}\" shows the score that stands there now."
        ),
    },
    "con_diff_count": {Lang.SV: "{flagged} av {count} delfrågor att diskutera.", Lang.EN: "{flagged} of {count} sub-questions to discuss."},
    "con_col_discuss": {Lang.SV: "Diskutera", Lang.EN: "Discuss"},
    "con_mark": {Lang.SV: "Ja", Lang.EN: "Yes"},
    "con_col_spread": {Lang.SV: "Spridning", Lang.EN: "Spread"},
    "con_col_spread_percent": {Lang.SV: "Spridning, % av max", Lang.EN: "Spread, % of max"},
    "con_col_threshold": {Lang.SV: "Gräns", Lang.EN: "Threshold"},
    "con_col_proposal": {Lang.SV: "Förslag", Lang.EN: "Proposal"},
    "con_col_current": {Lang.SV: "Poäng nu", Lang.EN: "Score now"},
    "con_col_score_of": {Lang.SV: "{name}: poäng", Lang.EN: "{name}: score"},
    "con_col_comment_of": {Lang.SV: "{name}: kommentar", Lang.EN: "{name}: comment"},
    "con_texts_title": {Lang.SV: "Styrkor och förbättringsområden per utvärderare", Lang.EN: "Strengths and areas for improvement per evaluator"},
    "con_col_kind": {Lang.SV: "Slag", Lang.EN: "Kind"},
    "con_agree_title": {Lang.SV: "Samstämmighet mellan utvärderarna", Lang.EN: "Agreement between the evaluators"},
    "con_agree_note": {
        Lang.SV: (
            "Andel inom gränsen: andelen delfrågor vars spridning är högst gränsen ({threshold}). "
            "Medelavvikelse: medelvärdet av skillnaden i poäng (utan tecken) mellan varje par av utvärderare, över områdets delfrågor. "
            "Allt räknas exakt; visade värden är avrundade en gång (andelen till hel procent, medelavvikelsen till två decimaler)."
        ),
        Lang.EN: (
            "Share within threshold: the share of sub-questions whose spread is at most the threshold ({threshold}). "
            "Mean difference: the mean of the absolute difference in points between every pair of evaluators, over the area's sub-questions. "
            "Everything is computed exactly; shown figures are rounded once (the share to a whole percent, the mean difference to two decimals)."
        ),
    },
    "con_col_questions": {Lang.SV: "Delfrågor", Lang.EN: "Sub-questions"},
    "con_col_within": {Lang.SV: "Inom gränsen", Lang.EN: "Within threshold"},
    "con_col_share": {Lang.SV: "Andel inom gränsen, %", Lang.EN: "Share within threshold, %"},
    "con_col_mean_difference": {Lang.SV: "Medelavvikelse, poäng", Lang.EN: "Mean difference, points"},
    "con_col_points_of": {Lang.SV: "{name}: poäng", Lang.EN: "{name}: points"},
    "con_col_proposal_points": {Lang.SV: "Förslag: poäng", Lang.EN: "Proposal: points"},
    "con_pairs_title": {Lang.SV: "Medelavvikelse per par av utvärderare, alla delfrågor", Lang.EN: "Mean difference per pair of evaluators, all sub-questions"},
    "con_col_pair": {Lang.SV: "Par", Lang.EN: "Pair"},
    "con_sources_title": {Lang.SV: "Underlag för konsensusförslaget", Lang.EN: "Sources of the consensus proposal"},
    "con_sources_note": {
        Lang.SV: "Förslaget bygger på dessa arbetsböcker. SHA-256 identifierar exakt den fil som lästes. Denna arbetsboks id: {workbook_id}.",
        Lang.EN: "The proposal is built from these workbooks. SHA-256 identifies exactly the file that was read. This workbook's id: {workbook_id}.",
    },
    "con_col_number": {Lang.SV: "Nr", Lang.EN: "No."},
    "con_col_evaluator": {Lang.SV: "Utvärderare", Lang.EN: "Evaluator"},
    "con_col_file": {Lang.SV: "Fil", Lang.EN: "File"},
    "con_col_workbook_id": {Lang.SV: "Arbetsboks-id", Lang.EN: "Workbook id"},
    "con_col_sha256": {Lang.SV: "SHA-256", Lang.EN: "SHA-256"},
    "con_col_named": {Lang.SV: "Utvärderare i filen", Lang.EN: "Evaluators named in the file"},
    "con_col_total": {Lang.SV: "Totalpoäng", Lang.EN: "Total points"},
    "con_shortened": {Lang.SV: " […] (förkortad; hela texterna finns på bladet \"{sheet}\")", Lang.EN: " […] (shortened; the full texts are on the sheet \"{sheet}\")"},
    # the plan of a round (kompass plan-template, read by kompass new --plan)
    "plan_sheet": {Lang.SV: "Plan", Lang.EN: "Plan"},
    "plan_sheet_instructions": {Lang.SV: "Instruktioner", Lang.EN: "Instructions"},
    "plan_col_municipality": {Lang.SV: "Kommun", Lang.EN: "Municipality"},
    "plan_col_year": {Lang.SV: "År", Lang.EN: "Year"},
    "plan_col_framework": {Lang.SV: "Ramverk", Lang.EN: "Framework"},
    "plan_col_evaluators": {Lang.SV: "Utvärderare", Lang.EN: "Evaluators"},
    "plan_tip_municipality": {Lang.SV: "Kommunens namn, t.ex. Kalix.", Lang.EN: "The municipality's name, e.g. Kalix."},
    "plan_tip_year": {Lang.SV: "Utvärderingens år med fyra siffror, 2000–2100.", Lang.EN: "The evaluation's year, four digits, 2000–2100."},
    "plan_tip_framework": {Lang.SV: "Lämna tomt: den version som gällde det året.", Lang.EN: "Leave empty: the version in use that year."},
    "plan_tip_evaluators": {Lang.SV: "Namnen åtskilda med semikolon: Anna Berg; Per Ek", Lang.EN: "Names separated by semicolons: Anna Berg; Per Ek"},
    "plan_error_year": {Lang.SV: "Skriv ett årtal mellan 2000 och 2100, t.ex. 2024.", Lang.EN: "Enter a year from 2000 to 2100, e.g. 2024."},
    "plan_error_framework": {Lang.SV: "Välj en version i listan eller lämna tomt.", Lang.EN: "Choose a version from the list or leave it empty."},
    "plan_error_title": {Lang.SV: "Ogiltigt värde", Lang.EN: "Invalid value"},
    "plan_instructions_title": {Lang.SV: "Plan för en utvärderingsomgång", Lang.EN: "Plan of a round of evaluations"},
    "plan_instructions_body": {
        Lang.SV: (
            "En rad per utvärdering på bladet \"{sheet}\", med början på rad 2:\n"
            "Kommun: kommunens namn.\n"
            "År: utvärderingens år, t.ex. 2024.\n"
            "Ramverk: lämna tomt för den version som gällde det året, eller välj 2002, 2010, 2016 eller 2020.\n"
            "Utvärderare: namnen åtskilda med semikolon, förnamn först: Anna Berg; Per Ek; Lisa Holm.\n\n"
            "Skapa sedan en poängbok per utvärderare med\n"
            "kompass new --plan plan.xlsx -o omgang-2024\n"
            "Filerna får namn som kalix-2024-anna-berg.xlsx.\n"
            "Alla rader kontrolleras först; "
            "finns ett fel skrivs ingenting och felet anges med radnummer."
        ),
        Lang.EN: (
            "One row per evaluation on the sheet \"{sheet}\", starting on row 2:\n"
            "Municipality: the municipality's name.\n"
            "Year: the evaluation's year, e.g. 2024.\n"
            "Framework: leave it empty for the version in use that year, or choose 2002, 2010, 2016 or 2020.\n"
            "Evaluators: the names separated by semicolons, first name first: Anna Berg; Per Ek; Lisa Holm.\n\n"
            "Then make one scoring workbook per evaluator with\n"
            "kompass new --plan plan.xlsx -o round-2024\n"
            "The files get names such as kalix-2024-anna-berg.xlsx.\n"
            "Every row is checked first; "
            "if one is wrong nothing is written and the error names the row."
        ),
    },
}


def label(key: str, lang: Lang | str, **values: object) -> str:
    """The label `key` in `lang`, with {placeholders} filled from `values`."""
    text = LABELS[key][Lang(lang)]
    return text.format(**values) if values else text


def counted_label(key: str, lang: Lang | str, count: int, **values: object) -> str:
    """The label `key` for a count: its singular form `key`_one when count is 1 and there is one."""
    singular = f"{key}_one"
    return label(singular if count == 1 and singular in LABELS else key, lang, count=count, **values)


def number_text(value: Decimal | int, lang: Lang | str) -> str:
    """A number as people write it: decimal comma in Swedish ("0,5"), point in English."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") if Lang(lang) is Lang.SV else text


def step_rule(step: Decimal, lang: Lang | str) -> str:
    """'halva poäng tillåtna' for half points, else 'i steg om 0,1'."""
    if step == Decimal("0.5"):
        return label("step_half", lang)
    return label("step_other", lang, step=number_text(step, lang))
