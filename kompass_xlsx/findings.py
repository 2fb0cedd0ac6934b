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
