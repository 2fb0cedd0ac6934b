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
    # printing
    "page_footer": {Lang.SV: "Sida &P av &N", Lang.EN: "Page &P of &N"},
    # document properties
    "subject": {Lang.SV: "Poängsättning", Lang.EN: "Scoring"},
    "blank_form": {Lang.SV: "Tom mall", Lang.EN: "Blank template"},
}


def label(key: str, lang: Lang | str, **values: object) -> str:
    """The label `key` in `lang`, with {placeholders} filled from `values`."""
    text = LABELS[key][Lang(lang)]
    return text.format(**values) if values else text


def number_text(value: Decimal | int, lang: Lang | str) -> str:
    """A number as people write it: decimal comma in Swedish ("0,5"), point in English."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") if Lang(lang) is Lang.SV else text


def step_rule(step: Decimal, lang: Lang | str) -> str:
    """'halva poäng tillåtna' for half points, else 'i steg om 0,1'."""
    if step == Decimal("0.5"):
        return label("step_half", lang)
    return label("step_other", lang, step=number_text(step, lang))
