"""The published evaluations from the reports, shipped as the built-in examples (examples/*.toml)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

from .errors import KompassError
from .models import ExactDecimal, StrictModel

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


class EarlierResult(StrictModel):
    """Figures of an earlier evaluation of the same municipality, as far as the report gives them."""

    year: int
    framework: str
    total: ExactDecimal | None = None
    note: str
    area_totals: dict[int, ExactDecimal] = Field(default_factory=dict)


class AreaTexts(StrictModel):
    number: int = Field(ge=1, le=8)
    strengths: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()


class PublishedEvaluation(StrictModel):
    """One published evaluation: its scores as printed and the totals the report printed."""

    municipality: str
    year: int
    framework: str
    evaluated: str
    evaluators: tuple[str, ...] = ()
    population: int | None = None
    municipality_group: str | None = None
    scores_exact: bool
    published_total: ExactDecimal | None = None
    published_total_in_text: ExactDecimal | None = None
    published_area_totals: dict[int, ExactDecimal]
    scores: dict[str, ExactDecimal]
    printed_percent: dict[str, int] = Field(default_factory=dict)
    areas: tuple[AreaTexts, ...] = ()
    earlier: tuple[EarlierResult, ...] = ()

    @property
    def slug(self) -> str:
        return f"{self.municipality}-{self.year}"

    def area_texts(self, number: int) -> AreaTexts:
        for texts in self.areas:
            if texts.number == number:
                return texts
        return AreaTexts(number=number)

    def score_map(self) -> dict[str, Decimal]:
        return dict(self.scores)


def load_published(path: Path) -> PublishedEvaluation:
    try:
        return PublishedEvaluation.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as err:
        raise KompassError(f"{path.name}: not a valid example evaluation: {err}") from err


@cache
def published_evaluations() -> tuple[PublishedEvaluation, ...]:
    """The built-in examples, oldest first."""
    evaluations = [load_published(path) for path in sorted(EXAMPLES_DIR.glob("*.toml"))]
    return tuple(sorted(evaluations, key=lambda e: (e.year, e.municipality)))
