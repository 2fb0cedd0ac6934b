"""Exact score arithmetic: totals, percent, and the one rounding rule for shown figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import IncompleteScoresError
from .models import Framework

HUNDRED = Decimal(100)


def to_decimal(value: int | str | Decimal) -> Decimal:
    """An exact Decimal from an int, a decimal string or a Decimal (never from a float)."""
    if isinstance(value, float):
        raise TypeError("scores must not be floats; pass a string or Decimal")
    try:
        result = Decimal(value)
    except InvalidOperation as err:
        raise ValueError(f"'{value}' is not a number") from err
    if not result.is_finite():
        raise ValueError(f"'{value}' is not a finite number")
    return result


def is_on_step(value: Decimal, step: Decimal) -> bool:
    """True when value is a whole multiple of step (0, 0.5, 1, ... for step 0.5)."""
    return value % step == 0


def points_text(value: Decimal) -> str:
    """Exact points as plain text without exponent or trailing zeros: '48.5', '452'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Round once, half away from zero, as people expect (2.5 -> 3), to `places` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_parts(parts: Sequence[Decimal], places: int = 0) -> list[Decimal]:
    """Round parts so the rounded parts add up to the rounded sum of the exact parts.

    Each part is rounded down, then the units still missing go to the parts with the largest
    remainders (ties to the earlier part), so a shown table always adds up to its shown total.
    """
    return round_parts_to(parts, round_half_up(sum(parts, Decimal(0)), places), places)


def round_parts_to(parts: Sequence[Decimal], target: Decimal, places: int = 0) -> list[Decimal]:
    """Round parts so the rounded parts add up to `target`, a total already rounded for display.

    The rule of round_parts with a given shown total (e.g. a shown area mean that its sub-questions'
    shown means must add up to): each part is rounded down, then the units still missing go to the
    parts with the largest remainders (ties to the earlier part). A part already on the unit is
    never moved, and no part moves by a whole unit or more.

    Raises:
        ValueError: `target` has more than `places` decimals, or is a whole unit or more away from
            the exact sum of the parts (then no such rounding exists).
    """
    unit = Decimal(1).scaleb(-places)
    exact = sum(parts, Decimal(0))
    if target != target.quantize(unit) or abs(target - exact) >= unit:
        raise ValueError(f"cannot round parts adding up to {exact} so that they add up to {target} ({places} decimals)")
    floors = [part.quantize(unit, rounding=ROUND_FLOOR) for part in parts]
    missing = int((target - sum(floors, Decimal(0))) / unit)
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    rounded = list(floors)
    for i in order[:missing]:
        rounded[i] += unit
    return rounded


def percent(points: Decimal, maximum: Decimal | int) -> Decimal:
    """Exact share of maximum in percent (28 significant digits when it does not terminate)."""
    return points * HUNDRED / Decimal(maximum)


@dataclass(frozen=True)
class AreaTotal:
    number: int
    points: Decimal
    max: int

    @property
    def percent(self) -> Decimal:
        return percent(self.points, self.max)


@dataclass(frozen=True)
class Totals:
    areas: tuple[AreaTotal, ...]
    total: Decimal
    max: int

    @property
    def percent(self) -> Decimal:
        return percent(self.total, self.max)


def missing_scores(framework: Framework, scores: Mapping[str, Decimal]) -> list[str]:
    """Question ids of the framework that have no score, in framework order."""
    return [q.id for q in framework.questions if scores.get(q.id) is None]


def compute_totals(framework: Framework, scores: Mapping[str, Decimal]) -> Totals:
    """Exact area totals and grand total of a complete set of scores.

    Raises:
        IncompleteScoresError: when a question of the framework has no score.
    """
    missing = missing_scores(framework, scores)
    if missing:
        raise IncompleteScoresError(f"no score for question(s) {', '.join(missing)}")
    areas = tuple(
        AreaTotal(area.number, sum((scores[q.id] for q in area.questions), Decimal(0)), area.max)
        for area in framework.areas
    )
    return Totals(areas, sum((a.points for a in areas), Decimal(0)), framework.max)
