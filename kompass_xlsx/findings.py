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
    YEAR_MISSING = "YEAR_MISSING"
    YEAR_INVALID = "YEAR_INVALID"
    DETAIL_INVALID = "DETAIL_INVALID"
    # scores
    SCORE_MISSING = "SCORE_MISSING"
    SCORE_NOT_A_NUMBER = "SCORE_NOT_A_NUMBER"
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

# code -> (severity, message template). Each message says what is wrong, the rule, and what to do.
TEMPLATES: dict[FindingCode, tuple[Severity, str]] = {
    FindingCode.FILE_UNREADABLE: (_E, "{reason}"),
    FindingCode.NOT_KOMPASS_WORKBOOK: (
        _E,
        "This is not a Kommunkompassen scoring workbook: {why}. "
        "Start from a workbook made by 'kompass new' or from workbook_templates/.",
    ),
    FindingCode.FRAMEWORK_MISSING: (
        _E,
        "The hidden '_kompass' sheet does not say which framework version this workbook uses. "
        "Copy the scores into a new workbook made by 'kompass new'.",
    ),
    FindingCode.FRAMEWORK_UNKNOWN: (
        _E,
        "The workbook says framework version '{version}', which this tool does not know (known: {known}).{hint}",
    ),
    FindingCode.QUESTION_MISSING: (
        _E,
        "Question {question} is missing: no cell named {name} and no row with the id {question}. "
        "Restore the question's row (copy it from a blank template) and enter its score.",
    ),
    FindingCode.NAME_BROKEN: (
        _W,
        "The name {name} no longer points at question {question}'s score; the score was found by its id "
        "instead. Nothing to do unless the score shown here is not the one you meant.",
    ),
    FindingCode.MUNICIPALITY_MISSING: (_E, "The municipality is missing. Enter the municipality's name on the details sheet."),
    FindingCode.YEAR_MISSING: (_E, "The year of the evaluation is missing. Enter it on the details sheet, e.g. 2024."),
    FindingCode.YEAR_INVALID: (_E, "The year '{value}' is not a year between 2000 and 2100. Enter the evaluation's year, e.g. 2024."),
    FindingCode.DETAIL_INVALID: (_W, "{field} '{value}' is not valid: {rule}. Correct it on the details sheet."),
    FindingCode.SCORE_MISSING: (
        _E,
        "Question {question} has no score. Enter a score from 0 to {max}; an incomplete evaluation has no total.",
    ),
    FindingCode.SCORE_NOT_A_NUMBER: (
        _E,
        "Question {question}: '{value}' is not a number. Enter only a number from 0 to {max} and put any words in the comment.",
    ),
    FindingCode.SCORE_ERROR_VALUE: (
        _E,
        "Question {question}: the cell shows the error {value}. Replace it with a number from 0 to {max}.",
    ),
    FindingCode.SCORE_NEGATIVE: (_E, "Question {question}: the score {value} is negative. Enter a number from 0 to {max}."),
    FindingCode.SCORE_ABOVE_MAX: (
        _E,
        "Question {question}: the score {value} is above the question's max of {max} points. Enter a number from 0 to {max}.",
    ),
    FindingCode.SCORE_OFF_STEP: (
        _E,
        "Question {question}: the score {value} is not on the framework's step of {step}. "
        "Round it to a multiple of {step} (for example {nearest}).",
    ),
    FindingCode.SCORE_FORMULA_UNCALCULATED: (
        _E,
        "Question {question}: the score is a formula that has never been calculated, so its value is unknown. "
        "Open the file in Excel or LibreOffice, save it, and check again (better: type the number itself).",
    ),
    FindingCode.SCORE_FORMULA: (
        _W,
        "Question {question}: the score is a formula ({formula}); its saved value {value} was used. Type the number itself to be sure.",
    ),
    FindingCode.SCORE_TEXT: (
        _W,
        "Question {question}: the score '{text}' is stored as text; it was read as {value}. Retype it as a number.",
    ),
    FindingCode.SCORE_DECIMAL_COMMA: (
        _W,
        "Question {question}: the score '{text}' is text with a decimal comma; it was read as {value}. Retype it as a number.",
    ),
    FindingCode.MAX_CHANGED: (
        _E,
        "Question {question}: the max points cell shows {value}, but the framework's max is {max}. The form was changed; "
        "scores are judged against {max}. Restore the max and check the score was given out of {max}.",
    ),
    FindingCode.FULL_SCORE_NO_STRENGTHS: (
        _W,
        "Area {area} has full marks ({points} of {max}) but no strengths are written. Describe what earns the full marks.",
    ),
    FindingCode.TOP_SCORE_WITH_IMPROVEMENTS: (
        _W,
        "Area {area} has full marks ({points} of {max}) yet lists areas for improvement. Check the scores or the text.",
    ),
    FindingCode.ZERO_WITHOUT_COMMENT: (
        _W,
        "Question {question} scores 0 with no comment. Write a short reason for the zero.",
    ),
}


def finding(
    code: FindingCode,
    sheet: str | None = None,
    cell: str | None = None,
    question: str | None = None,
    **values: object,
) -> Finding:
    """A Finding with the catalogue's severity and its message filled from `values`."""
    severity, template = TEMPLATES[code]
    return Finding(
        code=code,
        severity=severity,
        sheet=sheet,
        cell=cell,
        question=question,
        message=template.format(question=question, **values),
    )
