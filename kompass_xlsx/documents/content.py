"""What the report draft shows, computed before anything is written: pure functions over the models.

Every figure the draft prints comes from here, exact, and rounded once where it is shown rounded,
with the same rules as the result workbook: comparisons with earlier evaluations from
comparison.py, reference averages from the national figures (shown only over enough other
evaluations), percentages rounded once to one decimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..comparison import Comparison, PreviousResult, compare_all
from ..errors import KompassError
from ..models import Comparability, Evaluation, Framework
from ..names import name_key
from ..national import NationalFigures, NationalRow
from ..results import WorkbookResult
from ..scoring import percent, round_half_up
from .intro import Intro

PERCENT_PLACES = 1
MIN_REFERENCE_COUNT = 5
"""A reference average is shown only over at least this many evaluations other than this one."""


def shown_percent(points: Decimal, maximum: int) -> Decimal:
    """A share of the maximum in percent as shown: rounded once to PERCENT_PLACES."""
    return round_half_up(percent(points, maximum), PERCENT_PLACES)


@dataclass(frozen=True)
class Reference:
    """A reference average (national or a municipality group) and whether it may be shown.

    Attributes:
        kind: "national" or "group".
        name: the group's name ("" for the national average).
        others: how many evaluations other than this one it is over.
        areas: the shown (rounded) average per area; empty when it is not shown.
        total: the shown average total; None when it is not shown.
    """

    kind: str
    name: str
    others: int
    areas: dict[int, Decimal]
    total: Decimal | None

    @property
    def shown(self) -> bool:
        return self.total is not None


def other_count(national: NationalFigures, own: NationalRow, members: int) -> int:
    """How many of `members` evaluations are not this one."""
    return members - 1 if national.includes(own) else members


def references(national: NationalFigures | None, result: WorkbookResult, group_name: str | None) -> tuple[Reference, ...]:
    """The national and group averages, each shown only over MIN_REFERENCE_COUNT other evaluations or more."""
    if national is None:
        return ()
    own = NationalRow.from_workbook_result(result)
    found: list[Reference] = []
    others = other_count(national, own, national.count)
    if others >= MIN_REFERENCE_COUNT:
        areas, total = national.shown_means()
        found.append(Reference("national", "", others, areas, total))
    else:
        found.append(Reference("national", "", others, {}, None))
    row = national.row_of(own)
    group = national.group(group_name or (row.municipality_group if row is not None else None))
    if group is not None:
        in_group = row is not None and name_key(row.municipality_group or "") == name_key(group.group)
        group_others = group.count - 1 if in_group else group.count
        if group_others >= MIN_REFERENCE_COUNT:
            areas, total = group.shown_means()
            found.append(Reference("group", group.group, group_others, areas, total))
        else:
            found.append(Reference("group", group.group, group_others, {}, None))
    return tuple(found)


@dataclass(frozen=True)
class AreaFigures:
    """One area as the draft shows it."""

    number: int
    title: str
    points: Decimal
    max: int
    percent: Decimal


@dataclass(frozen=True)
class DraftContent:
    """Everything the draft shows, from one valid evaluation and what it is compared with.

    Attributes:
        framework: the evaluation's framework version.
        evaluation: the evaluation read from the scoring workbook.
        areas: each area's points and shown percent.
        total: the exact total; total_percent its shown percent.
        comparisons: one per earlier evaluation, oldest first.
        latest: the most recent earlier evaluation's comparison (the change shown); None if none.
        references: the reference averages with whether each is shown.
        intro: the method text.
        source_name, source_sha256: the scoring workbook.
        framework_file: the framework file's name.
        national: the national figures given, if any.
        created: when the draft was made.
    """

    framework: Framework
    evaluation: Evaluation
    areas: tuple[AreaFigures, ...]
    total: Decimal
    total_percent: Decimal
    comparisons: tuple[Comparison, ...]
    latest: Comparison | None
    references: tuple[Reference, ...]
    intro: Intro
    source_name: str
    source_sha256: str
    framework_file: str
    national: NationalFigures | None
    created: datetime

    @property
    def chart_earlier(self) -> Comparison | None:
        """The earlier evaluation drawn in the chart and the area table: the most recent one with a
        comparable (at least partly) figure for some area."""
        for comparison in reversed(self.comparisons):
            if any(comparison.chart_points(area.number) is not None for area in self.areas):
                return comparison
        return None

    @property
    def shown_references(self) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if r.shown)


def latest_comparison(comparisons: Sequence[Comparison]) -> Comparison | None:
    """The comparison with the most recent earlier evaluation (comparisons are oldest first)."""
    return comparisons[-1] if comparisons else None


def total_verdict(comparison: Comparison) -> Comparability:
    """How far the totals compare: fully within a version, not at all across versions."""
    return comparison.total.comparability


def draft_content(
    framework: Framework,
    result: WorkbookResult,
    previous: Sequence[PreviousResult],
    national: NationalFigures | None,
    intro: Intro,
    source_name: str,
    created: datetime,
    framework_file: str = "",
) -> DraftContent:
    """The draft's content for a valid checked evaluation.

    Raises:
        KompassError: the result is not valid, or the national figures are of another version.
    """
    ev = result.evaluation
    if not result.valid or ev is None or result.total is None:
        raise KompassError(f"{result.path}: not a valid evaluation; a report draft needs complete, valid scores")
    if national is not None and national.framework != framework.id:
        raise KompassError(f"national figures of framework {national.framework} cannot be compared with framework {framework.id}")
    points = result.area_points()
    areas = tuple(
        AreaFigures(area.number, area.title, points[area.number], area.max, shown_percent(points[area.number], area.max))
        for area in framework.areas
    )
    comparisons = tuple(compare_all(framework, points, result.total, previous))
    return DraftContent(
        framework=framework,
        evaluation=ev,
        areas=areas,
        total=result.total,
        total_percent=shown_percent(result.total, framework.max),
        comparisons=comparisons,
        latest=latest_comparison(comparisons),
        references=references(national, result, ev.municipality_group),
        intro=intro,
        source_name=source_name,
        source_sha256=result.sha256,
        framework_file=framework_file or f"{framework.id}.toml",
        national=national,
        created=created,
    )
