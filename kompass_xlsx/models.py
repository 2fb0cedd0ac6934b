"""Pydantic models of the framework files: areas, questions, lineage between versions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

AREA_COUNT = 8
SHEET_TITLE_MAX = 28  # the sheet is named "<n> <sheet_title>"; Excel allows 31 characters
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


def _exact(value: object) -> object:
    if isinstance(value, float):
        raise ValueError(f"{value} is a float; write points as a decimal string such as \"48.5\" to keep them exact")
    return value


ExactDecimal = Annotated[Decimal, BeforeValidator(_exact)]
"""A Decimal that refuses floats, so points read from data files stay exact."""


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Comparability(StrEnum):
    """How far an area's result can be compared with its predecessor's in the previous version."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


class Lineage(StrictModel):
    """Which areas of the previous framework version an area continues."""

    from_areas: tuple[int, ...] = Field(alias="from")
    comparability: Comparability
    note: str | None = None

    @model_validator(mode="after")
    def _note_unless_full(self) -> Lineage:
        if self.comparability is not Comparability.FULL and not (self.note or "").strip():
            raise ValueError(f"a note is required when comparability is '{self.comparability}'")
        if self.comparability is not Comparability.NONE and not self.from_areas:
            raise ValueError("'from' must name at least one area unless comparability is 'none'")
        return self


class Question(StrictModel):
    id: str = Field(pattern=r"^[1-8]\.[1-9][0-9]?$")
    title: str = Field(min_length=1)
    max: int = Field(gt=0)


class Area(StrictModel):
    number: int = Field(ge=1, le=AREA_COUNT)
    title: str = Field(min_length=1)
    sheet_title: str = Field(min_length=1, max_length=SHEET_TITLE_MAX)
    max: int = Field(gt=0)
    lineage: Lineage | None = None
    questions: tuple[Question, ...] = Field(min_length=1)

    @field_validator("sheet_title")
    @classmethod
    def _valid_sheet_name(cls, value: str) -> str:
        bad = sorted(SHEET_NAME_FORBIDDEN & set(value))
        if bad:
            raise ValueError(f"'{value}' contains {' '.join(bad)}, which Excel forbids in sheet names")
        if value != value.strip() or value.startswith("'"):
            raise ValueError(f"'{value}' must not start or end with a space or apostrophe")
        return value

    @model_validator(mode="after")
    def _questions_belong_and_add_up(self) -> Area:
        for question in self.questions:
            if not question.id.startswith(f"{self.number}."):
                raise ValueError(f"question {question.id} does not belong to area {self.number}")
        question_sum = sum(q.max for q in self.questions)
        if question_sum != self.max:
            raise ValueError(
                f"area {self.number}: question max points add up to {question_sum}, "
                f"but the area max is {self.max}"
            )
        return self

    @property
    def sheet_name(self) -> str:
        return f"{self.number} {self.sheet_title}"


class Framework(StrictModel):
    id: str = Field(pattern=r"^[0-9]{4}$")
    title: str = Field(min_length=1)
    in_use_from: int = Field(ge=2000, le=2100)
    step: ExactDecimal = Field(gt=0)
    previous: str | None = None
    max: int = 800
    areas: tuple[Area, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        numbers = [area.number for area in self.areas]
        if numbers != list(range(1, AREA_COUNT + 1)):
            raise ValueError(f"areas must be numbered 1..{AREA_COUNT} in order, found {numbers}")
        area_sum = sum(area.max for area in self.areas)
        if area_sum != self.max:
            raise ValueError(f"area max points add up to {area_sum}, but the framework max is {self.max}")
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question id {question.id} appears more than once")
            seen.add(question.id)
            if Decimal(question.max) % self.step:
                raise ValueError(f"question {question.id}: max {question.max} is not a multiple of step {self.step}")
        has_lineage = [area.lineage is not None for area in self.areas]
        if self.previous is None and any(has_lineage):
            raise ValueError("areas have a lineage but 'previous' names no earlier version")
        if self.previous is not None and not all(has_lineage):
            missing = [a.number for a in self.areas if a.lineage is None]
            raise ValueError(f"'previous' is {self.previous} but areas {missing} have no lineage")
        return self

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for area in self.areas for q in area.questions)

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def area(self, number: int) -> Area:
        return self.areas[number - 1]

    def area_of(self, question_id: str) -> Area:
        return self.area(int(question_id.split(".", 1)[0]))

    def to_json_dict(self) -> dict:
        """The shape `kompass frameworks show V --json` prints (DESIGN.md), plus lineage."""
        return {
            "id": self.id,
            "title": self.title,
            "max": self.max,
            "step": str(self.step),
            "in_use_from": self.in_use_from,
            "previous": self.previous,
            "areas": [
                {
                    "number": area.number,
                    "title": area.title,
                    "max": area.max,
                    "questions": [{"id": q.id, "title": q.title, "max": q.max} for q in area.questions],
                    "lineage": None
                    if area.lineage is None
                    else {
                        "from": list(area.lineage.from_areas),
                        "comparability": area.lineage.comparability.value,
                        "note": area.lineage.note,
                    },
                }
                for area in self.areas
            ],
        }


class Evaluation(StrictModel):
    """One evaluation's identity and content, as written into or read from a scoring workbook.

    Scores may be incomplete while the evaluation is in progress; totals need every score.
    """

    framework: str
    workbook_id: str = ""
    municipality: str = ""
    year: int | None = None
    evaluators: tuple[str, ...] = ()
    evaluation_date: date | None = None
    population: int | None = None
    municipality_group: str | None = None
    scores: dict[str, ExactDecimal] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)
    strengths: dict[int, str] = Field(default_factory=dict)
    improvements: dict[int, str] = Field(default_factory=dict)
