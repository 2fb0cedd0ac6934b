"""Exact statistics over evaluations: means, medians, quartiles, positions. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


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
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def median(values: Sequence[Decimal]) -> Decimal:
    return quantile(values, Decimal("0.5"))


def statistics(values: Sequence[Decimal]) -> Statistics:
    """Count, mean, median, min, max and quartiles of a non-empty list of exact values."""
    return Statistics(
        count=len(values),
        mean=mean(values),
        median=median(values),
        minimum=min(values),
        maximum=max(values),
        q1=quantile(values, Decimal("0.25")),
        q3=quantile(values, Decimal("0.75")),
    )


def quartile_of(value: Decimal, values: Sequence[Decimal]) -> int:
    """Which quartile (1 = lowest, 4 = highest) `value` falls in among `values`."""
    stats = statistics(values)
    if value <= stats.q1:
        return 1
    if value <= stats.median:
        return 2
    if value <= stats.q3:
        return 3
    return 4


def position(value: Decimal, values: Sequence[Decimal]) -> int:
    """Rank of `value` among `values`, 1 = highest; equal values share the best rank."""
    return 1 + sum(1 for other in values if other > value)
