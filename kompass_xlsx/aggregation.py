"""Exact statistics over evaluations: means, medians, quartiles, positions. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


@dataclass(frozen=True)
class Statistics:
    """Summary of one figure (an area's points, the total, ...) over a set of evaluations."""

    count: int
    mean: Decimal
    median: Decimal
    minimum: Decimal
    maximum: Decimal
    q1: Decimal
    q3: Decimal


def mean(values: Sequence[Decimal]) -> Decimal:
    """Exact arithmetic mean (28 significant digits when the division does not terminate)."""
    if not values:
        raise ValueError("mean of no values")
    return sum(values, Decimal(0)) / len(values)


def quantile(values: Sequence[Decimal], fraction: Decimal) -> Decimal:
    """Quantile by linear interpolation between closest ranks (Excel's QUARTILE.INC, type 7)."""
    if not values:
        raise ValueError("quantile of no values")
    return _quantile_of_sorted(sorted(values), fraction)


def _quantile_of_sorted(ordered: Sequence[Decimal], fraction: Decimal) -> Decimal:
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


QUARTER, HALF, THREE_QUARTERS = Decimal("0.25"), Decimal("0.5"), Decimal("0.75")


def median(values: Sequence[Decimal]) -> Decimal:
    return quantile(values, HALF)


def statistics(values: Sequence[Decimal]) -> Statistics:
    """Count, mean, median, min, max and quartiles of a non-empty list of exact values."""
    if not values:
        raise ValueError("statistics of no values")
    ordered = sorted(values)
    return Statistics(
        count=len(values),
        mean=mean(values),
        median=_quantile_of_sorted(ordered, HALF),
        minimum=ordered[0],
        maximum=ordered[-1],
        q1=_quantile_of_sorted(ordered, QUARTER),
        q3=_quantile_of_sorted(ordered, THREE_QUARTERS),
    )


MIN_QUARTILE_COUNT = 4
"""Fewer evaluations than this get no quartile: a quarter of them would be less than one."""


class NoQuartile(StrEnum):
    """Why quartile_of gives no quartile."""

    TOO_FEW = "too_few"  # fewer than MIN_QUARTILE_COUNT values
    ALL_EQUAL = "all_equal"  # every value is the same


def no_quartile(values: Sequence[Decimal]) -> NoQuartile | None:
    """Why quartile_of gives no quartile among `values`; None when it gives one."""
    if len(values) < MIN_QUARTILE_COUNT:
        return NoQuartile.TOO_FEW
    if min(values) == max(values):
        return NoQuartile.ALL_EQUAL
    return None


def quartile_of(value: Decimal, values: Sequence[Decimal]) -> int | None:
    """Which quarter of `values` (which include `value` itself) `value` is in: 4 = highest, 1 = lowest.

    By rank: with n values of which a are strictly higher, the quartile is ceil(4 * (n - a) / n),
    so quartile 4 holds the values with fewer than a quarter of the values above them, and so on.
    Equal values share a rank, the better one, and so share the better quartile. None when there
    are fewer than MIN_QUARTILE_COUNT values, or when all values are equal (no position to show).
    """
    if no_quartile(values) is not None:
        return None
    n = len(values)
    at_or_below = n - sum(1 for other in values if other > value)
    return max(1, -(-4 * at_or_below // n))


def position(value: Decimal, values: Sequence[Decimal]) -> int:
    """Rank of `value` among `values`, 1 = highest; equal values share the best rank."""
    return 1 + sum(1 for other in values if other > value)
