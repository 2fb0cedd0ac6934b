"""Merging checked workbooks into the national summary: pure functions over WorkbookResults.

The rules, fixed here and shown in the summary's About sheet:

- A result that is not valid (errors, or no totals) is *rejected* with its findings; the rest still merge.
- Two valid results are *duplicates* when they are the same file (identical SHA-256), or carry the same
  non-empty workbook id and read as exactly the same evaluation (a re-saved copy). A group of
  duplicates is merged once, as the file that looks like the original (`keep_order`): the one whose
  name is not a copy's ("kopia", "copy", "(1)"), else the oldest (last modified earliest, when the
  times are known), else the first in name order; the others are listed as its duplicates.
- Two different valid evaluations of the same municipality and year are a *conflict* (two versions of one
  evaluation, or an evaluation sent twice with different scores). Neither is preferred: every one of them
  is left out of the evaluations and the statistics, and they are listed so the coordinator can decide.
  The same workbook id with different content counts as different evaluations (a copied workbook).
  A conflict that looks like one team's individual workbooks (2 to 5 of one framework version, each
  naming its evaluators, no evaluator named in two of them) comes with the `kompass consensus`
  command that combines them (`consensus_command`).
- Everything is sorted by framework version, municipality (Swedish alphabetical order), year, path and
  SHA-256, so the outcome does not depend on the order the files were given in.

Statistics are exact (aggregation.statistics) and kept per framework version, since the questions and
areas differ between versions: over all evaluations of the version, per evaluation year, per municipality
group and per population class, with the best total so far and counts per tenth of the maximum.
"""

from __future__ import annotations

import math
import re
import shlex
from collections import Counter
from collections.abc import Mapping
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import groupby

from .aggregation import Statistics, statistics
from .frameworks import get_framework
from .models import Framework
from .municipalities import group_of
from .names import name_key, sort_name
from .results import WorkbookResult

BAND_COUNT = 10
CONSENSUS_SOURCES = (2, 5)  # as many workbooks as `kompass consensus` combines (consensus.MIN_SOURCES, MAX_SOURCES)
# a copy's file name as Windows, macOS and LibreOffice make it: "x - kopia", "Kopia av x", "x - Copy", "copy-of-x", "x (1)"
_COPY_NAME = re.compile(r"(?:^|[^a-zåäöéü0-9])(?:kopia|copy)(?:$|[^a-zåäöéü])|\(\d+\)", re.IGNORECASE)


def is_copy_name(path: str) -> bool:
    """True when a file's name (not its folder) reads as a copy's: "kopia", "copy" as a word, or "(1)"."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name[: -len(".xlsx")] if name.lower().endswith(".xlsx") else name
    return _COPY_NAME.search(stem) is not None


def keep_order(result: WorkbookResult, modified: Mapping[str, int] | None = None) -> tuple:
    """Which of a group of duplicates is kept: the lowest of (a copy's name, last modified, path).

    Args:
        result: one of the duplicates.
        modified: last-modified times by result path (any unit); a path not in it sorts after the known ones.
    """
    known = (modified or {}).get(result.path)
    return (is_copy_name(result.path), math.inf if known is None else known, result.path, result.sha256)

def result_order(result: WorkbookResult) -> tuple:
    """The stable order of every list in a merge: version, municipality, year, path, SHA-256."""
    return (*_order_without_content(result), result.model_dump_json())  # the content only breaks ties


def _order_without_content(result: WorkbookResult) -> tuple:
    ev = result.evaluation
    return (
        result.framework or "",
        sort_name(ev.municipality) if ev else "",
        ev.year if ev and ev.year is not None else 0,
        result.path,
        result.sha256,
    )


def in_result_order(results: Iterable[WorkbookResult]) -> list[WorkbookResult]:
    """Results sorted by result_order, with each one's content serialised only where it breaks a tie."""
    ordered: list[WorkbookResult] = []
    for _, group in groupby(sorted(results, key=_order_without_content), key=_order_without_content):
        alike = list(group)
        ordered += sorted(alike, key=lambda r: r.model_dump_json()) if len(alike) > 1 else alike
    return ordered


class PopulationClass(StrEnum):
    """Municipality size by population, the classes the national summary compares."""

    UNDER_10000 = "under_10000"
    FROM_10000 = "10000_24999"
    FROM_25000 = "25000_49999"
    FROM_50000 = "50000_99999"
    FROM_100000 = "100000_plus"

    @classmethod
    def of(cls, population: int) -> PopulationClass:
        for bound, size in ((10_000, cls.UNDER_10000), (25_000, cls.FROM_10000), (50_000, cls.FROM_25000), (100_000, cls.FROM_50000)):
            if population < bound:
                return size
        return cls.FROM_100000


class DuplicateReason(StrEnum):
    SAME_FILE = "same_file"  # identical SHA-256
    SAME_WORKBOOK = "same_workbook"  # same workbook id, same evaluation, different bytes


@dataclass(frozen=True)
class Duplicate:
    """A result merged once already: `original` is the copy that was merged."""

    result: WorkbookResult
    original: WorkbookResult
    reason: DuplicateReason


@dataclass(frozen=True)
class Conflict:
    """Different evaluations of one municipality and year; none of them is merged."""

    municipality: str
    year: int | None
    results: tuple[WorkbookResult, ...]

    @property
    def one_team(self) -> bool:
        """Looks like one team's individual workbooks, which `kompass consensus` combines: 2 to 5 of one
        framework version, each naming its evaluators, no evaluator named in two of them, no workbook
        id shared (a consensus beside its sources names them all, a re-saved copy shares its evaluator)."""
        low, high = CONSENSUS_SOURCES
        if not low <= len(self.results) <= high or len({r.framework for r in self.results}) != 1:
            return False
        seen: set[str] = set()
        for result in self.results:
            names = {name_key(n) for n in result.evaluation.evaluators if name_key(n)}
            if not names or names & seen:
                return False
            seen |= names
        ids = [r.evaluation.workbook_id.strip() for r in self.results if r.evaluation.workbook_id.strip()]
        return len(ids) == len(set(ids))

    def consensus_output(self) -> str:
        """Where the suggested consensus goes: beside the first workbook, named after municipality and year."""
        from .plan import file_stem, folded

        # the name `kompass status` proposes too: kalix-2024-konsensus.xlsx, ostersund-… (letters folded)
        stem = file_stem(self.municipality, self.year) if self.year is not None else folded(self.municipality) or "kommun"
        file_name = f"{stem}-konsensus.xlsx"
        folder = self.results[0].path.replace("\\", "/").rpartition("/")[0]
        return f"{folder}/{file_name}" if folder else file_name


def consensus_command(conflict: Conflict) -> str | None:
    """The shell command that combines a one-team conflict's workbooks, paths quoted; None for other conflicts."""
    if not conflict.one_team:
        return None
    paths = [r.path for r in conflict.results] + [conflict.consensus_output()]
    paths = [f"./{path}" if path.startswith("-") else path for path in paths]  # never read as an option
    return shlex.join(["kompass", "consensus", *paths[:-1], "-o", paths[-1]])


@dataclass(frozen=True)
class Band:
    """How many evaluations scored from `lower` up to (not including) `upper`; the last band includes its upper bound."""

    lower: Decimal
    upper: Decimal
    count: int
    last: bool


@dataclass(frozen=True)
class GroupSummary:
    """Exact statistics of a set of evaluations of one framework version."""

    count: int
    areas: dict[int, Statistics]
    questions: dict[str, Statistics]
    total: Statistics


@dataclass(frozen=True)
class VersionSummary:
    """Everything the national summary says about the evaluations of one framework version."""

    framework: Framework
    evaluations: tuple[WorkbookResult, ...]
    overall: GroupSummary
    by_year: dict[int, GroupSummary]
    by_group: dict[str, GroupSummary]
    by_population: dict[PopulationClass, GroupSummary]
    best: tuple[WorkbookResult, ...]
    area_bands: dict[int, tuple[Band, ...]]
    total_bands: tuple[Band, ...]

    @property
    def id(self) -> str:
        return self.framework.id


@dataclass(frozen=True)
class MergeOutcome:
    """The result of merging: what was merged, rejected, duplicated or in conflict, and the statistics."""

    inputs: int
    merged: tuple[WorkbookResult, ...]
    rejected: tuple[WorkbookResult, ...]
    duplicates: tuple[Duplicate, ...]
    conflicts: tuple[Conflict, ...]
    versions: tuple[VersionSummary, ...]

    @property
    def framework_versions(self) -> tuple[str, ...]:
        """The versions of the merged evaluations, oldest first."""
        return tuple(summary.id for summary in self.versions)

    def version(self, framework: str) -> VersionSummary:
        for summary in self.versions:
            if summary.id == framework:
                return summary
        raise KeyError(framework)


def merge_results(results: Iterable[WorkbookResult], modified: Mapping[str, int] | None = None) -> MergeOutcome:
    """Merge checked workbooks: reject the invalid, merge duplicates once, set conflicts aside, summarise.

    Args:
        results: one result per input file, in any order.
        modified: each file's last-modified time by its result path, to keep the oldest of duplicates
            whose names do not tell the copy (keep_order); by default only names decide.

    Returns:
        The outcome; every list in it is in the stable order of `result_order`.
    """
    ordered = in_result_order(results)
    valid = [r for r in ordered if r.valid]
    rejected = tuple(sorted((r for r in ordered if not r.valid), key=lambda r: (r.path, r.sha256, r.model_dump_json())))
    unique, duplicates = find_duplicates(valid, modified)
    merged, conflicts = find_conflicts(unique)
    versions = tuple(summarise_version(get_framework(fw), group) for fw, group in _group_by(merged, lambda r: r.framework or "").items())
    return MergeOutcome(
        inputs=len(ordered),
        merged=tuple(merged),
        rejected=rejected,
        duplicates=tuple(duplicates),
        conflicts=tuple(conflicts),
        versions=tuple(sorted(versions, key=lambda v: (v.framework.in_use_from, v.id))),
    )


def find_duplicates(
    ordered: Sequence[WorkbookResult], modified: Mapping[str, int] | None = None
) -> tuple[list[WorkbookResult], list[Duplicate]]:
    """Split results (in stable order) into the kept one of each duplicate group (keep_order) and the duplicates."""
    first_by_key: dict[tuple, WorkbookResult] = {}
    unique: list[WorkbookResult] = []
    duplicates: list[Duplicate] = []
    id_uses = Counter(r.evaluation.workbook_id.strip() for r in ordered if r.evaluation is not None)
    for result in ordered:
        ev = result.evaluation
        keys = [("sha256", result.sha256)] if result.sha256 else []
        if ev is not None and ev.workbook_id.strip():
            workbook_id = ev.workbook_id.strip()
            # the evaluation read only matters when another file carries the same id
            keys.append(("workbook", workbook_id, ev.model_dump_json() if id_uses[workbook_id] > 1 else ""))
        original = next((first_by_key[key] for key in keys if key in first_by_key), None)
        if original is None:
            unique.append(result)
            original = result
        else:
            reason = DuplicateReason.SAME_FILE if original.sha256 == result.sha256 else DuplicateReason.SAME_WORKBOOK
            duplicates.append(Duplicate(result=result, original=original, reason=reason))
        for key in keys:
            first_by_key.setdefault(key, original)
    return _keep_originals(unique, duplicates, modified)


def _keep_originals(
    unique: list[WorkbookResult], duplicates: list[Duplicate], modified: Mapping[str, int] | None
) -> tuple[list[WorkbookResult], list[Duplicate]]:
    """Each group of duplicates with the file that looks like the original kept (keep_order)."""
    groups: dict[int, list[WorkbookResult]] = {}
    for duplicate in duplicates:
        groups.setdefault(id(duplicate.original), [duplicate.original]).append(duplicate.result)
    kept_instead: dict[int, WorkbookResult] = {}
    new_duplicates: list[Duplicate] = []
    for key, group in groups.items():
        kept = min(group, key=lambda r: keep_order(r, modified))
        kept_instead[key] = kept
        for result in group:
            if result is not kept:
                reason = DuplicateReason.SAME_FILE if result.sha256 == kept.sha256 else DuplicateReason.SAME_WORKBOOK
                new_duplicates.append(Duplicate(result=result, original=kept, reason=reason))
    new_unique = [kept_instead.get(id(r), r) for r in unique]
    order = {id(r): n for n, r in enumerate(in_result_order(new_unique))}
    new_unique.sort(key=lambda r: order[id(r)])
    new_duplicates.sort(key=lambda d: order_key(d.result))
    return new_unique, new_duplicates


def order_key(result: WorkbookResult) -> tuple:
    return _order_without_content(result)


def find_conflicts(ordered: Sequence[WorkbookResult]) -> tuple[list[WorkbookResult], list[Conflict]]:
    """Split distinct evaluations into those alone for their municipality and year, and the conflicts."""
    groups = _group_by(ordered, lambda r: (name_key(r.evaluation.municipality), r.evaluation.year))
    alone = [r for r in ordered if len(groups[_municipality_year(r)]) == 1]
    conflicts = [
        Conflict(municipality=group[0].evaluation.municipality.strip(), year=group[0].evaluation.year, results=tuple(group))
        for group in groups.values()
        if len(group) > 1
    ]
    conflicts.sort(key=lambda c: (sort_name(c.municipality), c.year or 0, [result_order(r) for r in c.results]))
    return alone, conflicts


def _municipality_year(result: WorkbookResult) -> tuple[str, int | None]:
    return name_key(result.evaluation.municipality), result.evaluation.year


def summarise_version(framework: Framework, results: Sequence[WorkbookResult]) -> VersionSummary:
    """The statistics of the merged evaluations of one framework version."""
    by_year = _group_by(results, lambda r: r.evaluation.year)
    with_group = [r for r in results if group_of(r.evaluation).name]  # the register's group when missing or misspelt
    by_group_key = _group_by(with_group, lambda r: name_key(group_of(r.evaluation).name))
    by_group_key = dict(sorted(by_group_key.items(), key=lambda item: sort_name(item[0])))
    with_population = [r for r in results if r.evaluation.population is not None]
    by_population = _group_by(with_population, lambda r: PopulationClass.of(r.evaluation.population))
    best_total = max(r.total for r in results)
    return VersionSummary(
        framework=framework,
        evaluations=tuple(results),
        overall=summarise_group(framework, results),
        by_year={year: summarise_group(framework, group) for year, group in sorted(by_year.items(), key=lambda item: item[0] or 0) if year is not None},
        by_group={group_of(group[0].evaluation).name: summarise_group(framework, group) for group in by_group_key.values()},
        by_population={size: summarise_group(framework, by_population[size]) for size in PopulationClass if size in by_population},
        best=tuple(r for r in results if r.total == best_total),
        area_bands={area.number: bands([r.area_points()[area.number] for r in results], area.max) for area in framework.areas},
        total_bands=bands([r.total for r in results], framework.max),
    )


def summarise_group(framework: Framework, results: Sequence[WorkbookResult]) -> GroupSummary:
    """Count, mean, median, min, max and quartiles per area, per sub-question and of the total."""
    points = [r.area_points() for r in results]
    return GroupSummary(
        count=len(results),
        areas={area.number: statistics([p[area.number] for p in points]) for area in framework.areas},
        questions={q.id: statistics([r.evaluation.scores[q.id] for r in results]) for q in framework.questions},
        total=statistics([r.total for r in results]),
    )


def bands(values: Sequence[Decimal], maximum: int) -> tuple[Band, ...]:
    """Counts of values per tenth of `maximum`: [0, 10), [10, 20), ... [90, 100] for a maximum of 100."""
    width = Decimal(maximum) / BAND_COUNT
    counts = [0] * BAND_COUNT
    for value in values:
        counts[min(int(value / width), BAND_COUNT - 1)] += 1
    return tuple(Band(lower=width * i, upper=width * (i + 1), count=counts[i], last=i == BAND_COUNT - 1) for i in range(BAND_COUNT))


def _group_by(items: Iterable[WorkbookResult], key: Callable[[WorkbookResult], object]) -> dict:
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def merge_json(outcome: MergeOutcome) -> dict:
    """The object `kompass merge --json FILE` writes (DESIGN.md), plus duplicates and conflicts."""
    return {
        "evaluations": [r.to_json_dict(with_findings=False) for r in outcome.merged],
        "rejected": [{"path": r.path, "findings": [f.to_json_dict() for f in r.findings]} for r in outcome.rejected],
        "duplicates": [
            {"path": d.result.path, "sha256": d.result.sha256, "duplicate_of": d.original.path, "reason": d.reason.value}
            for d in outcome.duplicates
        ],
        "conflicts": [
            {
                "municipality": c.municipality,
                "year": c.year,
                "evaluations": [r.to_json_dict(with_findings=False) for r in c.results],
                "consensus_command": consensus_command(c),
            }
            for c in outcome.conflicts
        ],
    }
