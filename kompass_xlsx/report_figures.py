"""What a municipality's report shows, decided once for every writer (result workbook, Word draft).

Pure functions over checked results, earlier figures and national figures; no file is opened here.
`report_figures` gives one frozen `ReportFigures` with everything a report's first page needs:

- the total and each area as points, max and percent (rounded once, PERCENT_PLACES);
- the change since the most recent comparable earlier evaluation and its verdict (`latest_change`);
- the reference averages (national, group), shown only when they are over at least
  MIN_REFERENCE_EVALUATIONS evaluations other than this one (`reference_of`, `Reference.shown`);
  position, quartiles and the best result so far follow the same rule (`position_of`);
- the three strongest and three weakest areas by percent, each with the first sentence of the
  evaluators' strengths or improvements for that area (`strongest_and_weakest`, `first_sentence`);
- the comparisons with every earlier evaluation, with lineage notes that speak of this evaluation
  only (comparison.own_notes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from .aggregation import NoQuartile
from .comparison import Comparison, FigureComparison, PreviousResult, compare_all, own_notes
from .models import Comparability, Framework
from .names import name_key
from .national import NationalFigures, NationalRow
from .results import WorkbookResult
from .scoring import percent, round_half_up

MIN_REFERENCE_EVALUATIONS = 5
"""A reference average (national or group) is shown only when it is over at least this many
evaluations other than this one. Fewer make an average that one or two municipalities decide (and
with none, an average that is only this evaluation itself); the report then shows no figure and no
chart series, and one line says why. Position, quartiles and the best result so far follow the
same rule."""

PERCENT_PLACES = 1
"""Percent is shown with this many decimals, rounded once from the exact share."""

HIGHLIGHT_COUNT = 3
"""How many strongest and weakest areas the first page names."""

SENTENCE_LIMIT = 240
"""A first sentence longer than this many characters is cut at a word and ends with '…'."""


class ReferenceKind(StrEnum):
    """Which average a reference is."""

    NATIONAL = "national"
    GROUP = "group"


@dataclass(frozen=True)
class Reference:
    """A reference average (national or one municipality group) and whether it may be shown.

    Attributes:
        kind: national or group.
        framework: the framework version the average is of.
        name: the group's name ("" for the national average).
        count: how many evaluations the average is over (this one included when it is a row).
        others: how many of them are evaluations other than this one.
        areas: the shown averages per area (rounded once, adding up to `total`); empty when not shown.
        total: the shown average total; None when not shown.
    """

    kind: ReferenceKind
    framework: str
    name: str
    count: int
    others: int
    areas: Mapping[int, Decimal]
    total: Decimal | None

    @property
    def shown(self) -> bool:
        """True when the average is over at least MIN_REFERENCE_EVALUATIONS other evaluations."""
        return self.others >= MIN_REFERENCE_EVALUATIONS

    @property
    def minimum(self) -> int:
        return MIN_REFERENCE_EVALUATIONS

    def average(self, number: int | None) -> Decimal | None:
        """The shown average of area `number` (None: of the total); None when not shown."""
        if not self.shown:
            return None
        return self.total if number is None else self.areas[number]

    def difference(self, number: int | None, points: Decimal) -> Decimal | None:
        """points minus the shown average (exact); None when the average is not shown."""
        average = self.average(number)
        return None if average is None else points - average


def reference_of(
    national: NationalFigures, own: NationalRow, group_name: str | None = None, kind: ReferenceKind | None = None
) -> Reference | None:
    """The national reference (group_name None) or the reference of a municipality group.

    Returns:
        None for a group the national summary does not know; otherwise the reference, with its
        averages only when it is shown.
    """
    own_row = national.row_of(own)
    if group_name is None:
        count, others = national.count, national.count - (own_row is not None)
        means, total = national.shown_means()
        kind, name = ReferenceKind.NATIONAL, ""
    else:
        group = national.group(group_name)
        if group is None:
            return None
        in_group = own_row is not None and name_key(own_row.municipality_group or "") == name_key(group.group)
        count, others = group.count, group.count - in_group
        means, total = group.shown_means()
        kind, name = ReferenceKind.GROUP, group.group
    shown = others >= MIN_REFERENCE_EVALUATIONS
    return Reference(kind, national.framework, name, count, others, dict(means) if shown else {}, total if shown else None)


@dataclass(frozen=True)
class Position:
    """Where this evaluation stands among the national evaluations (shown only with the national average).

    Attributes:
        rank: 1 = highest total; equal totals share the better rank.
        count: the evaluations ranked, this one counted once.
        quartiles: quartile (1 lowest .. 4 highest) per area number, None key for the total; None
            where there is none (see no_quartile).
        no_quartile: why a figure has no quartile, per area number (None key: total); None where it has one.
        best_total: the highest total so far, this one included.
        best_who: whose it is ("Olofström 2022").
    """

    rank: int
    count: int
    quartiles: Mapping[int | None, int | None]
    no_quartile: Mapping[int | None, NoQuartile | None]
    best_total: Decimal
    best_who: str


def position_of(national: NationalFigures, own: NationalRow, points: Mapping[int, Decimal], total: Decimal, who: str) -> Position:
    """Rank, quartiles and best total of this evaluation among the national evaluations."""
    rank, count = national.position(total, own)
    figures: list[tuple[int | None, Decimal]] = [*sorted(points.items()), (None, total)]
    quartiles = {number: national.quartile(value, own, number) for number, value in figures}
    reasons = {number: national.no_quartile(value, own, number) for number, value in figures}
    best_total, best_who = national.best.total, f"{national.best.municipality} {national.best.year}"
    if not national.includes(own) and total > best_total:
        best_total, best_who = total, who
    return Position(rank, count, quartiles, reasons, best_total, best_who)


@dataclass(frozen=True)
class Change:
    """The change since one earlier evaluation: the most recent comparable one (latest_change).

    Attributes:
        comparison: the comparison with that evaluation, area by area and in total.
        verdict: FULL when the totals are comparable (same framework version, both totals known);
            PARTIAL when only some areas are (a difference for at least one area); NONE otherwise.
        difference: the change of the total, exact; None unless the verdict is FULL.
    """

    comparison: Comparison
    verdict: Comparability
    difference: Decimal | None

    @property
    def previous(self) -> PreviousResult:
        return self.comparison.previous

    @property
    def compared_areas(self) -> tuple[int, ...]:
        """The areas with a difference (at least partly comparable and with a figure)."""
        return tuple(row.number for row in self.comparison.areas if row.difference is not None and row.number is not None)

    def area(self, number: int) -> FigureComparison:
        return self.comparison.area(number)


def verdict_of(comparison: Comparison) -> Comparability:
    """The verdict on a whole comparison: FULL (totals comparable), PARTIAL (some areas), NONE."""
    if comparison.total.difference is not None:
        return Comparability.FULL
    if any(row.difference is not None for row in comparison.areas):
        return Comparability.PARTIAL
    return Comparability.NONE


def latest_change(comparisons: Sequence[Comparison]) -> Change | None:
    """The change since the most recent earlier evaluation that is at least partly comparable.

    When no earlier evaluation is comparable at all, the most recent one (verdict NONE), so the
    report can say so; None when there is no earlier evaluation.
    """
    if not comparisons:
        return None
    newest_first = sorted(comparisons, key=lambda c: c.previous.year, reverse=True)
    for comparison in newest_first:
        verdict = verdict_of(comparison)
        if verdict is not Comparability.NONE:
            return Change(comparison, verdict, comparison.total.difference)
    return Change(newest_first[0], Comparability.NONE, None)


_BULLET = re.compile(r"^\s*(?:[•●▪◦·*–—-]|\d+[.)])\s+")
_END = re.compile(r"[.!?…]+[\"”»')]*(?=\s|$)")
ABBREVIATIONS = frozenset(
    "t.ex bl.a m.m s.k ca resp dvs d.v.s jfr osv etc e.g i.e m.fl fr.o.m t.o.m nr kap st p mm bl a ev inkl exkl vs".split()
)
"""Words ending in a full stop that do not end a sentence (lower case, without the last full stop)."""


def first_sentence(text: str, limit: int = SENTENCE_LIMIT) -> str:
    """The first sentence of an evaluator's text: of its first non-empty line, without a bullet.

    A sentence ends at '.', '!', '?' or '…' followed by a space and an upper-case letter, digit or
    quote, unless the word before is a known abbreviation (ABBREVIATIONS). A sentence longer than `limit` characters is cut at a word and ends with '…'. Empty
    text gives "".
    """
    line = next((line for line in text.splitlines() if line.strip()), "")
    line = _BULLET.sub("", line, count=1).strip()
    sentence = line
    for match in _END.finditer(line):
        before = line[: match.start()].rsplit(None, 1)
        word = before[-1].lower().lstrip("(\"”«'") if before else ""
        rest = line[match.end():].lstrip()
        if match.group() == "." and word in ABBREVIATIONS:
            continue
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"”«'("):
            continue
        sentence = line[: match.end()].strip()
        break
    if len(sentence) > limit:
        cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
        sentence = f"{cut}…"
    return sentence


@dataclass(frozen=True)
class AreaHighlight:
    """One of the strongest or weakest areas, with the first sentence of its text."""

    number: int
    title: str
    points: Decimal
    max: int
    percent: Decimal
    sentence: str


def strongest_and_weakest(
    framework: Framework,
    points: Mapping[int, Decimal],
    strengths: Mapping[int, str],
    improvements: Mapping[int, str],
    count: int = HIGHLIGHT_COUNT,
) -> tuple[tuple[AreaHighlight, ...], tuple[AreaHighlight, ...]]:
    """The `count` strongest areas (highest exact percent first) and the `count` weakest (lowest first).

    Equal percentages are ordered by area number. The strongest carry the first sentence of their
    strengths, the weakest of their improvements ("" when none is given). With fewer than
    2 * count areas the two lists share none: the weakest are taken from those not strongest.
    """
    share = {area.number: percent(points[area.number], area.max) for area in framework.areas}

    def highlight(number: int, texts: Mapping[int, str]) -> AreaHighlight:
        area = framework.area(number)
        shown = round_half_up(share[number], PERCENT_PLACES)
        return AreaHighlight(number, area.title, points[number], area.max, shown, first_sentence(texts.get(number, "")))

    best = sorted(share, key=lambda n: (-share[n], n))[:count]
    rest = [n for n in share if n not in best]
    worst = sorted(rest, key=lambda n: (share[n], n))[:count]
    return tuple(highlight(n, strengths) for n in best), tuple(highlight(n, improvements) for n in worst)


@dataclass(frozen=True)
class AreaFigure:
    """One row of the area table (number None: the total), every reference figure decided.

    Attributes:
        number: the area number; None for the total.
        title: the area's title (for the total: "").
        points: exact points.
        max: the maximum.
        percent: percent shown, rounded once to PERCENT_PLACES.
        earlier: the row of the change's comparison (None without an earlier evaluation).
        national: the shown national average, or None (not shown, or no national figures).
        group: the shown group average, or None.
        quartile: the national quartile, or None (none, or position not shown).
    """

    number: int | None
    title: str
    points: Decimal
    max: int
    percent: Decimal
    earlier: FigureComparison | None
    national: Decimal | None
    group: Decimal | None
    quartile: int | None

    @property
    def change(self) -> Decimal | None:
        """The exact change since the earlier comparable evaluation, or None."""
        return None if self.earlier is None else self.earlier.difference

    @property
    def national_difference(self) -> Decimal | None:
        return None if self.national is None else self.points - self.national

    @property
    def group_difference(self) -> Decimal | None:
        return None if self.group is None else self.points - self.group


@dataclass(frozen=True)
class ReportFigures:
    """Everything a report of one evaluation shows on its first page, decided once.

    Attributes:
        framework: the framework version.
        municipality: the municipality.
        year: the evaluation year.
        areas: one AreaFigure per area, in framework order.
        total: the AreaFigure of the total (number None).
        comparisons: every earlier evaluation compared, oldest first; notes of this evaluation only.
        change: the change since the most recent comparable earlier evaluation; None without one.
        national: the national reference; None without national figures.
        group: the reference of this evaluation's municipality group; None without one known.
        group_name: the group this evaluation belongs to ("" when none is known).
        position: rank and quartiles; None unless the national reference is shown.
        strongest: the strongest areas, best first.
        weakest: the weakest areas, weakest first.
    """

    framework: str
    municipality: str
    year: int | None
    areas: tuple[AreaFigure, ...]
    total: AreaFigure
    comparisons: tuple[Comparison, ...]
    change: Change | None
    national: Reference | None
    group: Reference | None
    group_name: str
    position: Position | None
    strongest: tuple[AreaHighlight, ...]
    weakest: tuple[AreaHighlight, ...]

    @property
    def who(self) -> str:
        return f"{self.municipality} {self.year}".strip()

    @property
    def references(self) -> tuple[Reference, ...]:
        """The references that exist (shown or not), national first."""
        return tuple(r for r in (self.national, self.group) if r is not None)

    @property
    def shown_references(self) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if r.shown)

    def area(self, number: int) -> AreaFigure:
        return self.areas[number - 1]


def report_figures(
    framework: Framework,
    result: WorkbookResult,
    previous: Sequence[PreviousResult] = (),
    national: NationalFigures | None = None,
) -> ReportFigures:
    """The figures of a report of one valid checked evaluation.

    Args:
        framework: the framework version it was scored under.
        result: the checked evaluation (valid, with totals).
        previous: earlier evaluations of the same municipality, any version.
        national: national figures of the same version, or None.

    Raises:
        ValueError: the result has no totals (it is not valid).
    """
    ev = result.evaluation
    if ev is None or result.total is None:
        raise ValueError(f"{result.path}: not a valid evaluation, so it has no figures")
    points, total = result.area_points(), result.total
    comparisons = tuple(
        replace(c, areas=tuple(replace(row, notes=own_notes(row.notes, ev.municipality, ev.year)) for row in c.areas))
        for c in compare_all(framework, points, total, previous)
    )
    change = latest_change(comparisons)
    own = NationalRow.from_workbook_result(result)
    group_name = own.municipality_group or ""  # the register's group when the workbook's is missing or misspelt
    national_ref = group_ref = position = None
    if national is not None:
        if not group_name:
            row = national.row_of(own)
            group_name = (row.municipality_group or "") if row is not None else ""
        national_ref = reference_of(national, own)
        group_ref = reference_of(national, own, group_name) if group_name else None
        if national_ref is not None and national_ref.shown:
            position = position_of(national, own, points, total, f"{ev.municipality} {ev.year}")

    def figure(number: int | None, title: str, value: Decimal, maximum: int) -> AreaFigure:
        earlier = None
        if change is not None:
            earlier = change.comparison.total if number is None else change.area(number)
        return AreaFigure(
            number, title, value, maximum, round_half_up(percent(value, maximum), PERCENT_PLACES), earlier,
            None if national_ref is None else national_ref.average(number),
            None if group_ref is None else group_ref.average(number),
            None if position is None else position.quartiles[number],
        )

    strongest, weakest = strongest_and_weakest(framework, points, ev.strengths, ev.improvements)
    return ReportFigures(
        framework=framework.id,
        municipality=ev.municipality,
        year=ev.year,
        areas=tuple(figure(a.number, a.title, points[a.number], a.max) for a in framework.areas),
        total=figure(None, "", total, framework.max),
        comparisons=comparisons,
        change=change,
        national=national_ref,
        group=group_ref,
        group_name=group_name,
        position=position,
        strongest=strongest,
        weakest=weakest,
    )
