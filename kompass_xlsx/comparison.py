"""Comparing an evaluation's area points with earlier evaluations: pure functions, exact numbers.

The rules (shown in the result workbook as verdict and note per row):

- Same framework version: every area and the total are comparable (Comparability.FULL).
- An earlier version: each area follows its lineage in the framework files back through every
  intermediate version (2020 -> 2016 -> 2010 -> 2002). The verdict is the weakest along the
  chain, and every lineage note on the way is kept.
- An area whose lineage ends in exactly one earlier area gets that area's figure. When the
  verdict is full or partial the difference is given; when it is none, the figure is shown but
  no difference is computed.
- A lineage that ends in no area, or in several areas, is not comparable and gets no figure:
  no number is ever made up by adding or splitting areas.
- The total of an evaluation under another framework version is never comparable (the reports
  say so, e.g. Olofström 2022 against its 2017 result); within the same version it is.
- A lineage note shown with a result speaks of that evaluation only (own_notes): a clause that
  cites another municipality's report, or a report not named, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import PurePath

from pydantic import Field

from .errors import KompassError
from .frameworks import get_framework
from .models import Comparability, ExactDecimal, Framework, StrictModel
from .names import name_key
from .published import EarlierResult
from .results import WorkbookResult

_STRENGTH = {Comparability.FULL: 2, Comparability.PARTIAL: 1, Comparability.NONE: 0}


def weakest(verdicts: Sequence[Comparability]) -> Comparability:
    """The weakest of several verdicts (FULL when there are none)."""
    return min(verdicts, key=_STRENGTH.__getitem__, default=Comparability.FULL)


class PreviousResult(StrictModel):
    """The figures of an earlier evaluation that a result is compared with.

    Attributes:
        municipality: whose evaluation it was ("" when not known).
        year: the evaluation year.
        framework: the framework version it was scored under.
        total: its total, when known.
        areas: its points per area number of *its* framework version; may be incomplete.
        source: where the figures come from (a file name, or a published report).
        sha256: the source file's SHA-256, "" when not a file.
        workbook_id: the scoring workbook's id, "" when not known.
        note: a remark about the figures (e.g. how they were taken from a report).
    """

    municipality: str = ""
    year: int
    framework: str
    total: ExactDecimal | None = None
    areas: dict[int, ExactDecimal] = Field(default_factory=dict)
    source: str = ""
    sha256: str = ""
    workbook_id: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """'Olofström 2017', or '2017' when the municipality is not known."""
        return f"{self.municipality} {self.year}".strip()

    @classmethod
    def from_workbook_result(cls, result: WorkbookResult) -> PreviousResult:
        """The figures of a checked scoring workbook.

        Raises:
            KompassError: the workbook is not valid, so it has no totals to compare with.
        """
        ev = result.evaluation
        if not result.valid or ev is None or result.total is None or ev.year is None:
            raise KompassError(f"{result.path}: not a valid evaluation, so it cannot be compared with; check it with kompass check")
        return cls(
            municipality=ev.municipality,
            year=ev.year,
            framework=ev.framework,
            total=result.total,
            areas=result.area_points(),
            source=PurePath(result.path).name or result.path,
            sha256=result.sha256,
            workbook_id=ev.workbook_id,
        )

    @classmethod
    def from_earlier(cls, earlier: EarlierResult, municipality: str = "", source: str = "") -> PreviousResult:
        """The figures of an `earlier` entry of a published example (as far as the report gives them)."""
        return cls(
            municipality=municipality,
            year=earlier.year,
            framework=earlier.framework,
            total=earlier.total,
            areas=dict(earlier.area_totals),
            source=source,
            note=earlier.note,
        )


class Reason(StrEnum):
    """Why a row of a comparison has the figure and verdict it has."""

    SAME_VERSION = "same_version"  # same framework version: comparable as is
    LINEAGE = "lineage"  # one earlier area, by the lineage in the framework files
    SEVERAL_AREAS = "several_areas"  # the lineage ends in several earlier areas: no figure
    NO_AREA = "no_area"  # the lineage ends in no earlier area: no figure
    NO_FIGURE = "no_figure"  # one earlier area, but the earlier result does not give its points
    VERSION_CHANGED = "version_changed"  # the total under another framework version
    NOT_EARLIER = "not_earlier"  # the earlier result's version is not an ancestor of this one


@dataclass(frozen=True)
class AreaLineage:
    """Where one area of a version comes from in an earlier version, over every step between."""

    number: int
    version: str
    from_areas: tuple[int, ...]
    comparability: Comparability
    notes: tuple[str, ...]
    reachable: bool = True


def trace_lineage(framework: Framework, number: int, earlier_version: str) -> AreaLineage:
    """Follow area `number` of `framework` back to `earlier_version` through every version between.

    Returns:
        The earlier areas it continues (sorted), the weakest verdict along the chain, and the
        notes of every step. `reachable` is False when `earlier_version` is not an earlier
        version of `framework` (then nothing matches).
    """
    if earlier_version == framework.id:
        return AreaLineage(number, earlier_version, (number,), Comparability.FULL, ())
    areas, verdicts, notes = {number}, [], []
    current = framework
    while current.id != earlier_version:
        if current.previous is None:
            return AreaLineage(number, earlier_version, (), Comparability.NONE, (), reachable=False)
        reached: set[int] = set()
        for area_number in sorted(areas):
            lineage = current.area(area_number).lineage
            assert lineage is not None  # every area has one when `previous` is set
            reached.update(lineage.from_areas)
            verdicts.append(lineage.comparability)
            if lineage.note and lineage.note not in notes:
                notes.append(lineage.note)
        areas = reached
        current = get_framework(current.previous)
    return AreaLineage(number, earlier_version, tuple(sorted(areas)), weakest(verdicts), tuple(notes))


@dataclass(frozen=True)
class FigureComparison:
    """One row of a comparison: an area (or the total, number None) now and then.

    Attributes:
        number: the area number in the current version; None for the total.
        points: the current points.
        earlier_areas: the earlier areas this row is matched with (empty for the total).
        earlier_points: the earlier figure, or None when there is none to show.
        difference: points - earlier_points, exact; None unless comparable at least partly.
        comparability: the verdict.
        reason: why the row has this figure and verdict.
        notes: the lineage notes along the chain, as the framework files write them.
    """

    number: int | None
    points: Decimal
    earlier_areas: tuple[int, ...]
    earlier_points: Decimal | None
    difference: Decimal | None
    comparability: Comparability
    reason: Reason
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """A result compared with one earlier evaluation, area by area and in total."""

    framework: str
    previous: PreviousResult
    areas: tuple[FigureComparison, ...]
    total: FigureComparison

    @property
    def same_version(self) -> bool:
        return self.previous.framework == self.framework

    def area(self, number: int) -> FigureComparison:
        return self.areas[number - 1]

    def chart_points(self, number: int) -> Decimal | None:
        """The earlier figure to draw beside area `number`: only where it is at least partly comparable."""
        row = self.area(number)
        return row.earlier_points if row.difference is not None else None


def _difference(points: Decimal, earlier: Decimal | None, verdict: Comparability) -> Decimal | None:
    if earlier is None or verdict is Comparability.NONE:
        return None
    return points - earlier


def compare_area(framework: Framework, number: int, points: Decimal, previous: PreviousResult) -> FigureComparison:
    """One area of the current result against the earlier result, by lineage."""
    lineage = trace_lineage(framework, number, previous.framework)
    if not lineage.reachable:
        return FigureComparison(number, points, (), None, None, Comparability.NONE, Reason.NOT_EARLIER)
    if len(lineage.from_areas) != 1:
        reason = Reason.NO_AREA if not lineage.from_areas else Reason.SEVERAL_AREAS
        return FigureComparison(number, points, lineage.from_areas, None, None, Comparability.NONE, reason, lineage.notes)
    (earlier_area,) = lineage.from_areas
    earlier = previous.areas.get(earlier_area)
    if earlier is None:
        reason = Reason.NO_FIGURE
    else:
        reason = Reason.SAME_VERSION if previous.framework == framework.id else Reason.LINEAGE
    return FigureComparison(
        number, points, lineage.from_areas, earlier, _difference(points, earlier, lineage.comparability),
        lineage.comparability, reason, lineage.notes,
    )


def compare_total(framework: Framework, total: Decimal, previous: PreviousResult) -> FigureComparison:
    """The total against the earlier total: comparable only within one framework version."""
    if previous.framework != framework.id:
        return FigureComparison(None, total, (), previous.total, None, Comparability.NONE, Reason.VERSION_CHANGED)
    reason = Reason.SAME_VERSION if previous.total is not None else Reason.NO_FIGURE
    return FigureComparison(None, total, (), previous.total, _difference(total, previous.total, Comparability.FULL), Comparability.FULL, reason)


def compare(framework: Framework, points: Mapping[int, Decimal], total: Decimal, previous: PreviousResult) -> Comparison:
    """A result's area points and total compared with one earlier evaluation.

    Args:
        framework: the current result's framework version.
        points: the current exact points per area number.
        total: the current exact total.
        previous: the earlier figures.
    """
    areas = tuple(compare_area(framework, area.number, points[area.number], previous) for area in framework.areas)
    return Comparison(framework.id, previous, areas, compare_total(framework, total, previous))


def compare_all(framework: Framework, points: Mapping[int, Decimal], total: Decimal, previous: Sequence[PreviousResult]) -> list[Comparison]:
    """Comparisons with several earlier evaluations, oldest first."""
    ordered = sorted(previous, key=lambda p: (p.year, p.framework, p.label))
    return [compare(framework, points, total, earlier) for earlier in ordered]


_CITATION = re.compile(
    r"(?:\benligt\s+|\baccording to\s+)?(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*)\s+(?P<year>(?:19|20)\d\d)"
    r"(?:\s*:|\s+(?:anger|säger|skriver|konstaterar|says|states|writes)\b)"
)
_UNNAMED_REPORT = re.compile(r"\b(?:rapporten|rapportens|the report)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


def cites_another(clause: str, municipality: str, year: int | None) -> bool:
    """True when a clause quotes another evaluation's report: 'Olofström 2022 anger …', 'Kalix 2012: …',
    or a report not named ('rapporten säger …', which report is not said), unless it names this very
    evaluation (same municipality and year)."""
    for match in _CITATION.finditer(clause):
        if name_key(match.group("name")) != name_key(municipality) or int(match.group("year")) != year:
            return True
    without_own = _CITATION.sub("", clause)
    return bool(_UNNAMED_REPORT.search(without_own))


def own_notes(notes: Sequence[str], municipality: str, year: int | None) -> tuple[str, ...]:
    """Lineage notes as a result of `municipality` in `year` shows them: of this evaluation only.

    Each note is split into sentences and each sentence into clauses ('; '); a clause that quotes
    another evaluation's report (cites_another) is left out, and a note left empty is dropped.
    """
    kept_notes: list[str] = []
    for note in notes:
        sentences = []
        for sentence in _SENTENCE_END.split(note.strip()):
            ending = sentence[-1] if sentence[-1:] in ".!?" else ""
            body = sentence[: len(sentence) - len(ending)] if ending else sentence
            clauses = [c for c in body.split("; ") if c.strip() and not cites_another(c, municipality, year)]
            if clauses:
                text = "; ".join(clauses)
                sentences.append(text[0].upper() + text[1:] + (ending or "."))
        if sentences:
            kept_notes.append(" ".join(sentences))
    return tuple(kept_notes)
