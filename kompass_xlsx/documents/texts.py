"""Every text the Word draft writes, in Swedish and English, in one table (as labels.py for workbooks).

The draft holds no placeholder text except the prompts (keys `prompt_*`), which are marked and
highlighted so that the evaluators find them; `count` of the draft says how many there are.
"""

from __future__ import annotations

from ..labels import Lang

TEXTS: dict[str, dict[Lang, str]] = {
    # title page
    "title": {Lang.SV: "Kommunkompassen", Lang.EN: "Kommunkompassen"},
    "subtitle": {Lang.SV: "Analys av {municipality} {year}", Lang.EN: "Analysis of {municipality} {year}"},
    "title_framework": {Lang.SV: "Utvärdering enligt {framework}", Lang.EN: "Evaluation under {framework}"},
    "title_evaluators": {Lang.SV: "Utvärderare: {names}", Lang.EN: "Evaluators: {names}"},
    "title_date": {Lang.SV: "Utvärderad i {date}", Lang.EN: "Evaluated in {date}"},
    "framework_name": {Lang.SV: "{title} (version {version})", Lang.EN: "{title} (version {version})"},
    "contents": {Lang.SV: "Innehåll", Lang.EN: "Contents"},
    # 1 Inledning
    "h_intro": {Lang.SV: "1 Inledning", Lang.EN: "1 Introduction"},
    "h_what": {Lang.SV: "Vad är Kommunkompassen?", Lang.EN: "What is Kommunkompassen?"},
    "what": {
        Lang.SV: (
            "Kommunkompassen är ett verktyg för att utvärdera och analysera hur en kommun styrs och leds. "
            "Den utvärderar inte verksamhetens resultat i sig, utan sättet att leda den och samspelet i "
            "organisationen: mellan förtroendevalda och medborgare, mellan politik och förvaltning och mellan "
            "kommunen och dess omvärld. Resultatet är en poängbedömning och en kvalitativ beskrivning av "
            "kommunens styrkor och förbättringsområden, som kan jämföras med kommunens tidigare utvärderingar "
            "och med andra utvärderade kommuner."
        ),
        Lang.EN: (
            "Kommunkompassen (the Municipal Compass) is a tool for evaluating and analysing how a municipality "
            "is governed and led. It does not evaluate the results of the services themselves but the way they "
            "are led and the interplay within the organisation: between elected representatives and citizens, "
            "between politics and administration, and between the municipality and its surroundings. The result "
            "is a score and a qualitative description of the municipality's strengths and areas for improvement, "
            "which can be compared with its earlier evaluations and with other evaluated municipalities."
        ),
    },
    "h_areas": {Lang.SV: "Kommunkompassens åtta områden", Lang.EN: "The eight areas of Kommunkompassen"},
    "areas_lead": {
        Lang.SV: "Utvärderingen följer {framework}. Varje område ger högst {area_max} poäng, totalt {max} poäng. Områdena är:",
        Lang.EN: "The evaluation follows {framework}. Each area gives at most {area_max} points, {max} points in all. The areas are:",
    },
    "areas_lead_mixed": {
        Lang.SV: "Utvärderingen följer {framework}, totalt {max} poäng. Områdena och deras högsta poäng är:",
        Lang.EN: "The evaluation follows {framework}, {max} points in all. The areas and their maximum points are:",
    },
    "area_item": {Lang.SV: "{number} {title}", Lang.EN: "{number} {title}"},
    "area_item_max": {Lang.SV: "{number} {title} ({max} poäng)", Lang.EN: "{number} {title} ({max} points)"},
    "h_method": {Lang.SV: "Så genomfördes utvärderingen", Lang.EN: "How the evaluation was made"},
    "h_this_evaluation": {Lang.SV: "Kommunen och utvärderingen", Lang.EN: "The municipality and the evaluation"},
    "facts_when": {Lang.SV: "Utvärderingen av {municipality} gjordes {when}.", Lang.EN: "The evaluation of {municipality} was made {when}."},
    "facts_when_by": {
        Lang.SV: "Utvärderingen av {municipality} gjordes {when} av {names}.",
        Lang.EN: "The evaluation of {municipality} was made {when} by {names}.",
    },
    "facts_in_month": {Lang.SV: "i {month}", Lang.EN: "in {month}"},
    "facts_in_year": {Lang.SV: "{year}", Lang.EN: "in {year}"},
    "facts_population": {Lang.SV: "{municipality} har {population} invånare.", Lang.EN: "{municipality} has {population} inhabitants."},
    "facts_population_group": {
        Lang.SV: "{municipality} har {population} invånare och hör till kommungruppen {group}.",
        Lang.EN: "{municipality} has {population} inhabitants and belongs to the municipality group {group}.",
    },
    "facts_group": {Lang.SV: "{municipality} hör till kommungruppen {group}.", Lang.EN: "{municipality} belongs to the municipality group {group}."},
    "and": {Lang.SV: "och", Lang.EN: "and"},
    # 2 Resultat
    "h_result": {Lang.SV: "2 Resultat", Lang.EN: "2 Results"},
    "result_total": {
        Lang.SV: "{municipality} fick {points} av {max} poäng ({percent} %) i Kommunkompassen {version}.",
        Lang.EN: "{municipality} scored {points} of {max} points ({percent} %) under Kommunkompassen {version}.",
    },
    "change_same": {
        Lang.SV: "Vid den förra jämförbara utvärderingen, {who}, fick kommunen {earlier} poäng: en förändring med {difference} poäng ({verdict}).",
        Lang.EN: "At the last comparable evaluation, {who}, the municipality scored {earlier} points: a change of {difference} points ({verdict}).",
    },
    "change_partial": {
        Lang.SV: (
            "Den senaste jämförbara utvärderingen, {who}, gjordes enligt Kommunkompassen {earlier_version} och gav {earlier} poäng. "
            "Totalpoängen kan inte jämföras mellan versionerna, men {areas} av {count} områden kan jämföras helt eller delvis ({verdict}); "
            "se tabellen och avsnitt 3."
        ),
        Lang.EN: (
            "The most recent comparable evaluation, {who}, was made under Kommunkompassen {earlier_version} and scored {earlier} points. "
            "Totals cannot be compared across versions, but {areas} of {count} areas can be compared fully or partly ({verdict}); "
            "see the table and section 3."
        ),
    },
    "change_partial_no_total": {
        Lang.SV: (
            "Den senaste jämförbara utvärderingen, {who}, gjordes enligt Kommunkompassen {earlier_version}. "
            "Totalpoängen kan inte jämföras, men {areas} av {count} områden kan jämföras helt eller delvis ({verdict}); se tabellen och avsnitt 3."
        ),
        Lang.EN: (
            "The most recent comparable evaluation, {who}, was made under Kommunkompassen {earlier_version}. "
            "Totals cannot be compared, but {areas} of {count} areas can be compared fully or partly ({verdict}); see the table and section 3."
        ),
    },
    "change_none_comparable": {
        Lang.SV: (
            "Den senaste tidigare utvärderingen, {who}, gjordes enligt Kommunkompassen {earlier_version} och gav {earlier} poäng. "
            "Varken totalen eller något område kan jämföras med detta resultat ({verdict})."
        ),
        Lang.EN: (
            "The most recent earlier evaluation, {who}, was made under Kommunkompassen {earlier_version} and scored {earlier} points. "
            "Neither the total nor any area can be compared with this result ({verdict})."
        ),
    },
    "change_none_comparable_no_total": {
        Lang.SV: (
            "Den senaste tidigare utvärderingen, {who}, gjordes enligt Kommunkompassen {earlier_version}. "
            "Varken totalen eller något område kan jämföras med detta resultat ({verdict})."
        ),
        Lang.EN: (
            "The most recent earlier evaluation, {who}, was made under Kommunkompassen {earlier_version}. "
            "Neither the total nor any area can be compared with this result ({verdict})."
        ),
    },
    "change_none": {
        Lang.SV: "Ingen tidigare utvärdering av kommunen ingår i jämförelsen.",
        Lang.EN: "No earlier evaluation of the municipality is part of the comparison.",
    },
    "h_area_table": {Lang.SV: "Poäng per område", Lang.EN: "Points per area"},
    "col_area": {Lang.SV: "Område", Lang.EN: "Area"},
    "col_points": {Lang.SV: "Poäng", Lang.EN: "Points"},
    "col_max": {Lang.SV: "Max", Lang.EN: "Max"},
    "col_percent": {Lang.SV: "Procent", Lang.EN: "Percent"},
    "col_difference": {Lang.SV: "Skillnad", Lang.EN: "Difference"},
    "col_question": {Lang.SV: "Fråga", Lang.EN: "Question"},
    "col_question_title": {Lang.SV: "Frågeställning", Lang.EN: "Sub-question"},
    "total": {Lang.SV: "Totalt", Lang.EN: "Total"},
    "area_sum": {Lang.SV: "Summa område {number}", Lang.EN: "Total area {number}"},
    "no_figure": {Lang.SV: "–", Lang.EN: "–"},
    "table_note_earlier": {
        Lang.SV: "Poäng från {who} visas bara för områden som är jämförbara eller delvis jämförbara; skillnaden räknas exakt.",
        Lang.EN: "Points from {who} are shown only for areas that are comparable or partly comparable; the difference is exact.",
    },
    "h_profile": {Lang.SV: "Områdesprofil", Lang.EN: "Area profile"},
    "chart_title": {Lang.SV: "Poäng per område", Lang.EN: "Points per area"},
    "chart_caption": {
        Lang.SV: "Diagrammet är ett Word-diagram: högerklicka och välj Redigera data för att se eller ändra siffrorna.",
        Lang.EN: "The chart is a Word chart: right-click it and choose Edit Data to see or change its figures.",
    },
    "reference_shown_national": {
        Lang.SV: "Riket: riksgenomsnittet, medelvärdet av {count} utvärderingar enligt Kommunkompassen {version}, avrundat en gång till en decimal.",
        Lang.EN: "Nation: the national average, the mean of {count} evaluations under Kommunkompassen {version}, rounded once to one decimal.",
    },
    "reference_shown_group": {
        Lang.SV: "Gruppen: snittet för kommungruppen {group}, medelvärdet av {count} utvärderingar enligt Kommunkompassen {version}, avrundat en gång till en decimal.",
        Lang.EN: "Group: the average of the municipality group {group}, the mean of {count} evaluations under Kommunkompassen {version}, rounded once to one decimal.",
    },
    "reference_hidden": {
        Lang.SV: "{label} visas inte: {count} andra utvärderingar enligt Kommunkompassen {version}, minst {minimum} behövs.",
        Lang.EN: "{label} is not shown: {count} other evaluations under Kommunkompassen {version}, at least {minimum} are needed.",
    },
    "reference_national": {Lang.SV: "Riksgenomsnitt", Lang.EN: "National average"},
    "reference_group": {Lang.SV: "Snitt {group}", Lang.EN: "Average {group}"},
    "reference_national_short": {Lang.SV: "Riket", Lang.EN: "Nation"},
    "reference_group_short": {Lang.SV: "Gruppen", Lang.EN: "Group"},
    "h_strongest": {Lang.SV: "Starkaste och svagaste områden", Lang.EN: "Strongest and weakest areas"},
    "strongest_lead": {Lang.SV: "Starkast, med utvärderarnas första styrka:", Lang.EN: "Strongest, with the evaluators' first strength:"},
    "weakest_lead": {Lang.SV: "Svagast, med utvärderarnas första förbättringsområde:", Lang.EN: "Weakest, with the evaluators' first area for improvement:"},
    "strongest_lead_plain": {Lang.SV: "Starkast:", Lang.EN: "Strongest:"},
    "weakest_lead_plain": {Lang.SV: "Svagast:", Lang.EN: "Weakest:"},
    "highlight": {Lang.SV: "{number} {title} ({percent} %).", Lang.EN: "{number} {title} ({percent} %)."},
    "h_summary": {Lang.SV: "Sammanfattande kommentarer", Lang.EN: "Summary comments"},
    # 3 Detaljerad genomgång
    "h_details": {Lang.SV: "3 Detaljerad genomgång per område", Lang.EN: "3 Detailed review per area"},
    "h_area": {Lang.SV: "Område {number} {title}", Lang.EN: "Area {number} {title}"},
    "area_points": {Lang.SV: "{points} av {max} poäng ({percent} %).", Lang.EN: "{points} of {max} points ({percent} %)."},
    "area_change": {
        Lang.SV: "{who}: {earlier} poäng, skillnad {difference} ({verdict}).",
        Lang.EN: "{who}: {earlier} points, difference {difference} ({verdict}).",
    },
    "area_change_no_difference": {
        Lang.SV: "{who}: {earlier} poäng; ingen skillnad räknas ({verdict}).",
        Lang.EN: "{who}: {earlier} points; no difference is computed ({verdict}).",
    },
    "area_no_counterpart": {
        Lang.SV: "{who}: området har ingen motsvarighet att jämföra med ({verdict}).",
        Lang.EN: "{who}: the area has no counterpart to compare with ({verdict}).",
    },
    "area_no_earlier_figure": {
        Lang.SV: "{who}: inga poäng kända för motsvarande område, så ingen jämförelse (området är {verdict} enligt ramverket).",
        Lang.EN: "{who}: no points known for the corresponding area, so no comparison (the area is {verdict} by the framework).",
    },
    "h_comments": {Lang.SV: "Utvärderarnas kommentarer", Lang.EN: "The evaluators' comments"},
    "h_strengths": {Lang.SV: "Styrkor", Lang.EN: "Strengths"},
    "h_improvements": {Lang.SV: "Förbättringsområden", Lang.EN: "Areas for improvement"},
    # 4 Poängsammanställning
    "h_scores": {Lang.SV: "4 Poängsammanställning", Lang.EN: "4 Score summary"},
    "scores_lead": {
        Lang.SV: "Alla delfrågors poäng, områdenas summor och totalen. Poängen är exakta och summerar till de visade summorna; procent är avrundade en gång till en decimal.",
        Lang.EN: "Every sub-question's points, the area totals and the total. Points are exact and add up to the totals shown; percentages are rounded once to one decimal.",
    },
    # 5 Om underlaget
    "h_about": {Lang.SV: "5 Om underlaget", Lang.EN: "5 About the sources"},
    "about_lead": {
        Lang.SV: "Utkastet är skapat av kompass-xlsx ur utvärderarnas poängsättningsbok. Alla tal och tabeller kommer därifrån; ändra dem i arbetsboken och skapa utkastet på nytt hellre än i texten.",
        Lang.EN: "The draft was made by kompass-xlsx from the evaluators' scoring workbook. Every figure and table comes from it; change them in the workbook and make the draft again rather than in the text.",
    },
    "about_source": {Lang.SV: "Källfil", Lang.EN: "Source file"},
    "about_sha256": {Lang.SV: "SHA-256 (källfil)", Lang.EN: "SHA-256 (source file)"},
    "about_workbook_id": {Lang.SV: "Arbetsboks-id", Lang.EN: "Workbook id"},
    "about_tool": {Lang.SV: "Verktyg", Lang.EN: "Tool"},
    "about_framework": {Lang.SV: "Ramverk", Lang.EN: "Framework"},
    "about_framework_file": {Lang.SV: "Ramverksfil", Lang.EN: "Framework file"},
    "about_previous": {Lang.SV: "Tidigare utvärdering", Lang.EN: "Earlier evaluation"},
    "about_national": {Lang.SV: "Nationell sammanställning", Lang.EN: "National summary"},
    "about_intro": {Lang.SV: "Metodtext", Lang.EN: "Method text"},
    "about_intro_standard": {Lang.SV: "standardtext ({name})", Lang.EN: "standard text ({name})"},
    "about_created": {Lang.SV: "Skapad", Lang.EN: "Created"},
    "published_report": {Lang.SV: "publicerad rapport", Lang.EN: "published report"},
    # prompts: the only text the evaluators must replace; marked and highlighted
    "prompt_mark": {Lang.SV: "ATT SKRIVA: ", Lang.EN: "TO WRITE: "},
    "prompt_summary": {
        Lang.SV: "Sammanfattande kommentarer om kommunens resultat: vad som har utvecklats, vad som drar ned resultatet och vad kommunen bör prioritera. Ersätt hela detta stycke.",
        Lang.EN: "Summary comments on the municipality's result: what has developed, what pulls the result down and what the municipality should prioritise. Replace this whole paragraph.",
    },
    "prompt_municipality": {
        Lang.SV: "Kort om kommunen (organisation, politisk majoritet, särskilda förutsättningar) och om utvärderingen (vilka som intervjuades och hur många, vilka dokument som lästes). Ersätt hela detta stycke.",
        Lang.EN: "A short note on the municipality (organisation, political majority, particular circumstances) and on the evaluation (who was interviewed and how many, which documents were read). Replace this whole paragraph.",
    },
    "prompt_area": {
        Lang.SV: "Utvärderarnas beskrivning av område {number}: arbetssätt, exempel och bedömning (arbetsboken har inga kommentarer för området). Ersätt hela detta stycke.",
        Lang.EN: "The evaluators' description of area {number}: ways of working, examples and assessment (the workbook has no comments for the area). Replace this whole paragraph.",
    },
    "prompt_area_lists": {
        Lang.SV: " Arbetsboken anger inga {missing} för området; skriv dem i arbetsboken och skapa utkastet igen, eller här.",
        Lang.EN: " The workbook gives no {missing} for the area; write them in the workbook and make the draft again, or here.",
    },
    "missing_strengths": {Lang.SV: "styrkor", Lang.EN: "strengths"},
    "missing_improvements": {Lang.SV: "förbättringsområden", Lang.EN: "areas for improvement"},
    "missing_both": {Lang.SV: "styrkor eller förbättringsområden", Lang.EN: "strengths or areas for improvement"},
    # verdicts (comparability), as the result workbook words them
    "verdict_full": {Lang.SV: "jämförbart", Lang.EN: "comparable"},
    "verdict_partial": {Lang.SV: "delvis jämförbart", Lang.EN: "partly comparable"},
    "verdict_none": {Lang.SV: "ej jämförbart", Lang.EN: "not comparable"},
    # document properties
    "subject": {Lang.SV: "Rapportutkast", Lang.EN: "Report draft"},
    "header": {Lang.SV: "Kommunkompassen – {municipality} {year}", Lang.EN: "Kommunkompassen – {municipality} {year}"},
    "footer_page": {Lang.SV: "Sida ", Lang.EN: "Page "},
}

MONTHS: dict[Lang, tuple[str, ...]] = {
    Lang.SV: ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"),
    Lang.EN: ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def text(key: str, lang: Lang | str, **values: object) -> str:
    """The draft text `key` in `lang`, with {placeholders} filled from `values`."""
    template = TEXTS[key][Lang(lang)]
    return template.format(**values) if values else template
