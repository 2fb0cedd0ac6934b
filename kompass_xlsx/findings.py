"""The catalogue of findings: stable codes, their severity and message templates.

A finding is a problem in the user's workbook; it is data, never raised. Codes are never renumbered
or renamed; the README lists each with what it means and how to fix it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class FindingCode(StrEnum):
    # the file and the form
    FILE_UNREADABLE = "FILE_UNREADABLE"
    NOT_KOMPASS_WORKBOOK = "NOT_KOMPASS_WORKBOOK"
    FRAMEWORK_MISSING = "FRAMEWORK_MISSING"
    FRAMEWORK_UNKNOWN = "FRAMEWORK_UNKNOWN"
    QUESTION_MISSING = "QUESTION_MISSING"
    NAME_BROKEN = "NAME_BROKEN"
    # identity
    MUNICIPALITY_MISSING = "MUNICIPALITY_MISSING"
    MUNICIPALITY_INVALID = "MUNICIPALITY_INVALID"
    YEAR_MISSING = "YEAR_MISSING"
    YEAR_INVALID = "YEAR_INVALID"
    DETAIL_INVALID = "DETAIL_INVALID"
    # scores
    SCORE_MISSING = "SCORE_MISSING"
    SCORE_NOT_A_NUMBER = "SCORE_NOT_A_NUMBER"
    SCORE_IS_DATE = "SCORE_IS_DATE"
    SCORE_ERROR_VALUE = "SCORE_ERROR_VALUE"
    SCORE_NEGATIVE = "SCORE_NEGATIVE"
    SCORE_ABOVE_MAX = "SCORE_ABOVE_MAX"
    SCORE_OFF_STEP = "SCORE_OFF_STEP"
    SCORE_FORMULA_UNCALCULATED = "SCORE_FORMULA_UNCALCULATED"
    SCORE_FORMULA = "SCORE_FORMULA"
    SCORE_TEXT = "SCORE_TEXT"
    SCORE_DECIMAL_COMMA = "SCORE_DECIMAL_COMMA"
    MAX_CHANGED = "MAX_CHANGED"
    # plausibility
    FULL_SCORE_NO_STRENGTHS = "FULL_SCORE_NO_STRENGTHS"
    TOP_SCORE_WITH_IMPROVEMENTS = "TOP_SCORE_WITH_IMPROVEMENTS"
    ZERO_WITHOUT_COMMENT = "ZERO_WITHOUT_COMMENT"
    # reference data: the municipality register and the years of each framework version
    MUNICIPALITY_NOT_IN_REGISTER = "MUNICIPALITY_NOT_IN_REGISTER"
    GROUP_UNKNOWN = "GROUP_UNKNOWN"
    YEAR_FRAMEWORK_MISMATCH = "YEAR_FRAMEWORK_MISMATCH"
    # reading: what a spreadsheet program shows
    SCORE_IN_MERGED_CELLS = "SCORE_IN_MERGED_CELLS"
    META_KEY_REPEATED = "META_KEY_REPEATED"
    COMMENT_TOO_LONG = "COMMENT_TOO_LONG"


class Finding(BaseModel):
    """One problem in a workbook, with the place to fix it."""

    model_config = ConfigDict(frozen=True)

    code: FindingCode
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    question: str | None = None
    message: str

    @property
    def location(self) -> str:
        """'Sheet name'!D7 as Excel writes a reference, or the sheet alone, or ''."""
        if self.sheet is None:
            return ""
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{self.cell}" if self.cell else sheet

    def to_json_dict(self) -> dict:
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "question": self.question,
            "message": self.message,
        }


_E, _W = Severity.ERROR, Severity.WARNING

# code -> (severity, English template, Swedish template). Each message says what is wrong, the rule,
# and what to do. Messages follow the workbook's language (Swedish unless it was made with --lang en).
TEMPLATES: dict[FindingCode, tuple[Severity, str, str]] = {
    FindingCode.FILE_UNREADABLE: (_E, "{reason}", "{reason}"),
    FindingCode.NOT_KOMPASS_WORKBOOK: (
        _E,
        "This is not a Kommunkompassen scoring workbook: {why}. Start from a workbook made by 'kompass new' or from workbook_templates/.",
        "Det här är ingen poängbok för Kommunkompassen: {why}. Utgå från en arbetsbok som gjorts med 'kompass new' eller från workbook_templates/.",
    ),
    FindingCode.FRAMEWORK_MISSING: (
        _E,
        "The hidden '_kompass' sheet does not say which framework version this workbook uses. Copy the scores into a new workbook made by 'kompass new'.",
        "Det dolda bladet '_kompass' anger inte vilken version av ramverket arbetsboken gäller. Flytta poängen till en ny arbetsbok från 'kompass new'.",
    ),
    FindingCode.FRAMEWORK_UNKNOWN: (
        _E,
        "The workbook says framework version '{version}', which this tool does not know (known: {known}).{hint}",
        "Arbetsboken anger ramverksversion '{version}', som verktyget inte känner till (kända: {known}).{hint}",
    ),
    FindingCode.QUESTION_MISSING: (
        _E,
        "Question {question} is missing: no cell named {name} and no row with the id {question}. Restore the question's row (copy it from a blank template) and enter its score.",
        "Fråga {question} saknas: ingen cell heter {name} och ingen rad har id {question}. Återställ frågans rad (kopiera den från en tom mall) och skriv in poängen.",
    ),
    FindingCode.NAME_BROKEN: (
        _W,
        "The name {name} no longer points at question {question}'s score; the score was found by its id instead. Nothing to do unless the score shown here is not the one you meant.",
        "Namnet {name} pekar inte längre på poängen för fråga {question}; poängen hittades i stället via frågans id. Inget behöver göras om poängen här är den du menade.",
    ),
    FindingCode.MUNICIPALITY_MISSING: (
        _E,
        "The municipality is missing. Enter the municipality's name on the details sheet.",
        "Kommun saknas. Skriv kommunens namn på bladet Uppgifter.",
    ),
    FindingCode.MUNICIPALITY_INVALID: (
        _E,
        "'{value}' is not a municipality's name: {rule}. Enter the name on the details sheet.",
        "'{value}' är inget kommunnamn: {rule}. Skriv kommunens namn på bladet Uppgifter.",
    ),
    FindingCode.YEAR_MISSING: (
        _E,
        "The year of the evaluation is missing. Enter it on the details sheet, e.g. 2024.",
        "Utvärderingens år saknas. Skriv det på bladet Uppgifter, t.ex. 2024.",
    ),
    FindingCode.YEAR_INVALID: (
        _E,
        "The year '{value}' is not a year between 2000 and 2100. Enter the evaluation's year, e.g. 2024.",
        "Året '{value}' är inget årtal mellan 2000 och 2100. Skriv utvärderingens år, t.ex. 2024.",
    ),
    FindingCode.DETAIL_INVALID: (
        _W,
        "{field} '{value}' is not valid: {rule}. Correct it on the details sheet.",
        "{field} '{value}' är inte giltigt: {rule}. Rätta det på bladet Uppgifter.",
    ),
    FindingCode.SCORE_MISSING: (
        _E,
        "Question {question} has no score. Enter a score from 0 to {max}; an incomplete evaluation has no total.",
        "Fråga {question} saknar poäng. Skriv en poäng från 0 till {max}; en ofullständig utvärdering har ingen totalsumma.",
    ),
    FindingCode.SCORE_NOT_A_NUMBER: (
        _E,
        "Question {question}: '{value}' is not a number. Enter only a number from 0 to {max} and put any words in the comment.",
        "Fråga {question}: '{value}' är inget tal. Skriv bara ett tal från 0 till {max} och lägg ord i kommentaren.",
    ),
    FindingCode.SCORE_IS_DATE: (
        _E,
        "Question {question}: the score cell holds a date or time, not points. Enter a number from 0 to {max} and format the cell as a number.",
        "Fråga {question}: poängcellen innehåller ett datum eller en tid, inte poäng. Skriv ett tal från 0 till {max} och formatera cellen som tal.",
    ),
    FindingCode.SCORE_ERROR_VALUE: (
        _E,
        "Question {question}: the cell shows the error {value}. Replace it with a number from 0 to {max}.",
        "Fråga {question}: cellen visar felet {value}. Ersätt det med ett tal från 0 till {max}.",
    ),
    FindingCode.SCORE_NEGATIVE: (
        _E,
        "Question {question}: the score {value} is negative. Enter a number from 0 to {max}.",
        "Fråga {question}: poängen {value} är negativ. Skriv ett tal från 0 till {max}.",
    ),
    FindingCode.SCORE_ABOVE_MAX: (
        _E,
        "Question {question}: the score {value} is above the question's max of {max} points. Enter a number from 0 to {max}.",
        "Fråga {question}: poängen {value} är högre än frågans max {max} poäng. Skriv ett tal från 0 till {max}.",
    ),
    FindingCode.SCORE_OFF_STEP: (
        _E,
        "Question {question}: the score {value} is not on the framework's step of {step}. Round it to a multiple of {step} (for example {nearest}).",
        "Fråga {question}: poängen {value} följer inte ramverkets steg om {step}. Avrunda till en multipel av {step} (till exempel {nearest}).",
    ),
    FindingCode.SCORE_FORMULA_UNCALCULATED: (
        _E,
        "Question {question}: the score is a formula that has never been calculated, so its value is unknown. Open the file in Excel or LibreOffice, save it, and check again (better: type the number itself).",
        "Fråga {question}: poängen är en formel som aldrig har räknats ut, så värdet är okänt. Öppna filen i Excel eller LibreOffice, spara den och kontrollera igen (hellre: skriv talet direkt).",
    ),
    FindingCode.SCORE_FORMULA: (
        _W,
        "Question {question}: the score is a formula ({formula}); its saved value {value} was used. Type the number itself to be sure.",
        "Fråga {question}: poängen är en formel ({formula}); det sparade värdet {value} användes. Skriv talet direkt för att vara säker.",
    ),
    FindingCode.SCORE_TEXT: (
        _W,
        "Question {question}: the score '{text}' is stored as text; it was read as {value}. Retype it as a number.",
        "Fråga {question}: poängen '{text}' är sparad som text; den lästes som {value}. Skriv in den igen som ett tal.",
    ),
    FindingCode.SCORE_DECIMAL_COMMA: (
        _W,
        "Question {question}: the score '{text}' is text with a decimal comma; it was read as {value}. Retype it as a number.",
        "Fråga {question}: poängen '{text}' är text med decimalkomma; den lästes som {value}. Skriv in den igen som ett tal.",
    ),
    FindingCode.MAX_CHANGED: (
        _E,
        "Question {question}: the max points cell shows {value}, but the framework's max is {max}. The form was changed; scores are judged against {max}. Restore the max and check the score was given out of {max}.",
        "Fråga {question}: cellen för maxpoäng visar {value}, men ramverkets max är {max}. Formuläret har ändrats; poängen bedöms mot {max}. Återställ max och kontrollera att poängen är satt av {max}.",
    ),
    FindingCode.FULL_SCORE_NO_STRENGTHS: (
        _W,
        "Area {area} has full marks ({points} of {max}) but no strengths are written. Describe what earns the full marks.",
        "Område {area} har full poäng ({points} av {max}) men inga styrkor är beskrivna. Beskriv vad som ger full poäng.",
    ),
    FindingCode.TOP_SCORE_WITH_IMPROVEMENTS: (
        _W,
        "Area {area} has full marks ({points} of {max}) yet lists areas for improvement. Check the scores or the text.",
        "Område {area} har full poäng ({points} av {max}) men anger ändå förbättringsområden. Kontrollera poängen eller texten.",
    ),
    FindingCode.ZERO_WITHOUT_COMMENT: (
        _W,
        "Question {question} scores 0 with no comment. Write a short reason for the zero.",
        "Fråga {question} har 0 poäng utan kommentar. Skriv en kort motivering till nollan.",
    ),
    FindingCode.MUNICIPALITY_NOT_IN_REGISTER: (
        _W,
        "'{value}' is not one of Sweden's 290 municipalities in the register.{hint} Correct the name on the details sheet, or keep it if the municipality is outside the register (a Norwegian one, say).",
        "'{value}' finns inte bland Sveriges 290 kommuner i registret.{hint} Rätta namnet på bladet Uppgifter, eller behåll det om kommunen ligger utanför registret (till exempel i Norge).",
    ),
    FindingCode.GROUP_UNKNOWN: (
        _W,
        "The municipality group '{value}' is not one of SKR's nine groups. {counted}Choose the group from the list on the details sheet.",
        "Kommungruppen '{value}' är inte en av SKR:s nio kommungrupper. {counted}Välj gruppen i listan på bladet Uppgifter.",
    ),
    FindingCode.YEAR_FRAMEWORK_MISMATCH: (
        _W,
        "The year {year} does not fit framework version {version}, which was in use {in_use}; the version in use in {year} was {fitting}. Check the year on the details sheet, or copy the scores into a workbook of version {fitting}.",
        "Året {year} passar inte ramverksversion {version}, som användes {in_use}; den version som användes {year} var {fitting}. Kontrollera året på bladet Uppgifter, eller flytta poängen till en arbetsbok av version {fitting}.",
    ),
    FindingCode.SCORE_IN_MERGED_CELLS: (
        _E,
        "Question {question}: the score cell is inside the merged cells {range}, so the sheet shows the value of {first} instead of it. Unmerge the cells (Home > Merge & Center) and enter the score again.",
        "Fråga {question}: poängcellen ligger inne i de sammanfogade cellerna {range}, så bladet visar värdet i {first} i stället. Dela upp cellerna (Start > Koppla och centrera) och skriv in poängen igen.",
    ),
    FindingCode.META_KEY_REPEATED: (
        _E,
        "The hidden sheet '_kompass' gives '{key}' twice, as '{first}' and as '{other}', so it cannot be known which is meant. Copy the scores into a new workbook made by 'kompass new'.",
        "Det dolda bladet '_kompass' anger '{key}' två gånger, som '{first}' och som '{other}', så det går inte att veta vilket som gäller. Flytta poängen till en ny arbetsbok från 'kompass new'.",
    ),
    FindingCode.COMMENT_TOO_LONG: (
        _W,
        "Question {question}: the comment is {length} characters, more than a cell holds ({max}); it is cut to fit where it is written (result, consensus and national workbooks). Shorten it.",
        "Fråga {question}: kommentaren är {length} tecken, mer än en cell rymmer ({max}); den kortas där den skrivs (resultat-, konsensus- och nationella arbetsböcker). Korta den.",
    ),
}


def finding(
    code: FindingCode,
    sheet: str | None = None,
    cell: str | None = None,
    question: str | None = None,
    lang: str = "en",
    **values: object,
) -> Finding:
    """A Finding with the catalogue's severity and its message, in `lang` ("sv" or "en"), filled from `values`."""
    severity, english, swedish = TEMPLATES[code]
    template = swedish if lang == "sv" else english
    return Finding(
        code=code,
        severity=severity,
        sheet=sheet,
        cell=cell,
        question=question,
        message=template.format(question=question, **values),
    )
