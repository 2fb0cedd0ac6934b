"""National comparison figures for a result workbook, from the rows of a national summary.

`kompass merge` writes one row per merged evaluation into the national summary's hidden sheet
`_evaluations` (EVALUATIONS_SHEET, columns EVALUATION_COLUMNS, header in row 1; year, population and
points as exact numbers; earlier versions wrote them as exact text, and both are read).
`read_national_rows` reads them back; `national_figures` turns the rows of one into what a municipality's result workbook shows: averages per area and in total, the average of each municipality group, the best result so far, and the values that give
a municipality its position and quartile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import Field, ValidationError, model_validator

from .aggregation import NoQuartile, Statistics, mean, no_quartile, position, quartile_of, statistics
from .messages import say
from .errors import KompassError
from .models import AREA_COUNT, ExactDecimal, StrictModel
from .municipalities import group_of
from .layout import split_ref
from .names import name_key
from .results import WorkbookResult
from .scoring import points_text, round_half_up, round_parts_to

EVALUATIONS_SHEET = "_evaluations"
AREA_COLUMNS = tuple(f"area_{n}" for n in range(1, AREA_COUNT + 1))
EVALUATION_COLUMNS = ("workbook_id", "framework", "municipality", "year", "municipality_group", "population", "total", *AREA_COLUMNS)
"""The columns of the `_evaluations` sheet, in order; row 1 holds these names."""
SHOWN_PLACES = 1
"""Averages are shown rounded to this many decimals (once, from the exact value), in the result
workbook and the national summary alike (shown_parts, shown_parts_to)."""

K = TypeVar("K")



class NotNationalWorkbookError(KompassError):
    """A file given as the national summary has no `_evaluations` sheet, or that sheet is malformed."""


class NationalRow(StrictModel):
    """One merged evaluation as the national summary records it; points are exact."""

    workbook_id: str = ""
    framework: str
    municipality: str = Field(min_length=1)
    year: int
    municipality_group: str | None = None
    population: int | None = None
    total: ExactDecimal
    areas: dict[int, ExactDecimal]

    @model_validator(mode="after")
    def _areas_add_up(self) -> NationalRow:
        if sorted(self.areas) != list(range(1, AREA_COUNT + 1)):
            raise ValueError(f"points of areas 1..{AREA_COUNT} are needed, found areas {sorted(self.areas)}")
        area_sum = sum(self.areas.values(), Decimal(0))
        if area_sum != self.total:
            raise ValueError(f"total {points_text(self.total)} is not the sum of the area points ({points_text(area_sum)})")
        return self

    @classmethod
    def from_workbook_result(cls, result: WorkbookResult) -> NationalRow:
        """The row of a valid checked workbook.

        Raises:
            KompassError: the result is not valid (it has errors or no totals).
        """
        ev = result.evaluation
        if not result.valid or ev is None or result.total is None:
            raise KompassError(f"{result.path}: not a valid evaluation, so it has no national row")
        return cls(
            workbook_id=ev.workbook_id,
            framework=ev.framework,
            municipality=ev.municipality,
            year=ev.year,
            municipality_group=group_of(ev).name,
            population=ev.population,
            total=result.total,
            areas=result.area_points(),
        )

    def is_same_evaluation(self, other: NationalRow) -> bool:
        """The same evaluation: workbook id, framework, municipality (as name_key compares it), year and points."""
        return (
            self.workbook_id == other.workbook_id
            and self.framework == other.framework
            and name_key(self.municipality) == name_key(other.municipality)
            and self.year == other.year
            and self.total == other.total
            and self.areas == other.areas
        )

    def to_texts(self) -> tuple[str, ...]:
        """The row's cells in EVALUATION_COLUMNS order, all text; "" for an unknown value."""
        return (
            self.workbook_id,
            self.framework,
            self.municipality,
            str(self.year),
            self.municipality_group or "",
            "" if self.population is None else str(self.population),
            points_text(self.total),
            *(points_text(self.areas[n]) for n in range(1, AREA_COUNT + 1)),
        )

    def to_values(self) -> tuple[str | int | Decimal | None, ...]:
        """The row's cells in EVALUATION_COLUMNS order: texts as text, year, population and points as
        exact numbers; None for an unknown value."""
        return (
            self.workbook_id or None,
            self.framework,
            self.municipality,
            self.year,
            self.municipality_group or None,
            self.population,
            self.total,
            *(self.areas[n] for n in range(1, AREA_COUNT + 1)),
        )

    @classmethod
    def from_texts(cls, values: Mapping[str, str]) -> NationalRow:
        """A row from its cells as text by column name (missing or "" = unknown).

        Raises:
            ValueError: a value is malformed; the message names the column.
        """
        def text(column: str) -> str:
            return (values.get(column) or "").strip()

        def number(column: str) -> Decimal:
            try:
                value = Decimal(text(column))
            except InvalidOperation:
                raise ValueError(f"{column}: '{text(column)}' is not a number") from None
            if not value.is_finite():
                raise ValueError(f"{column}: '{text(column)}' is not a number")
            return value

        def whole(column: str) -> int | None:
            if not text(column):
                return None
            value = number(column)
            if value != value.to_integral_value():
                raise ValueError(f"{column}: '{text(column)}' is not a whole number")
            return int(value)

        try:
            return cls(
                workbook_id=text("workbook_id"),
                framework=text("framework"),
                municipality=text("municipality"),
                year=whole("year"),
                municipality_group=text("municipality_group") or None,
                population=whole("population"),
                total=number("total"),
                areas={n: number(column) for n, column in enumerate(AREA_COLUMNS, start=1)},
            )
        except ValidationError as err:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg'].removeprefix('Value error, ')}" for e in err.errors())
            raise ValueError(problems) from None


def _cell_text(value: object) -> str:
    """A stored cell as text: text as it is, a number in plain decimal notation."""
    if isinstance(value, bool):
        raise ValueError(f"TRUE/FALSE where text or a number belongs ({value})")
    if isinstance(value, Decimal):
        return points_text(value)
    return str(value)


def read_national_rows(path: Path | str) -> list[NationalRow]:
    """The merged evaluations recorded in a national summary workbook (`kompass merge`).

    Raises:
        WorkbookReadError: the file cannot be read as an .xlsx workbook at all.
        NotNationalWorkbookError: it has no `_evaluations` sheet, or a row in it is malformed
            (the message names the cell's row).
    """
    from .reader import CellKind, open_workbook

    path = Path(path)
    workbook = open_workbook(path)
    if EVALUATIONS_SHEET not in workbook.sheet_names:
        raise NotNationalWorkbookError(say("national_not_summary", name=path.name, sheet=EVALUATIONS_SHEET))
    rows: dict[int, dict[str, str]] = {}
    for ref, cell in workbook.sheet_cells(EVALUATIONS_SHEET).items():
        try:
            row, column = split_ref(ref)
        except ValueError:
            raise NotNationalWorkbookError(f"'{EVALUATIONS_SHEET}' has a cell with an unexpected reference '{ref}'") from None
        if cell.kind is CellKind.ERROR:
            raise NotNationalWorkbookError(f"{path.name}: {EVALUATIONS_SHEET}!{ref} holds the error {cell.value}")
        try:
            rows.setdefault(row, {})[column] = _cell_text(cell.value)
        except ValueError as err:
            raise NotNationalWorkbookError(f"{path.name}: {EVALUATIONS_SHEET}!{ref}: {err}") from None
    header = {column: name.strip() for column, name in rows.pop(0, {}).items()}
    missing = [name for name in EVALUATION_COLUMNS if name not in header.values()]
    if missing:
        raise NotNationalWorkbookError(say("national_columns_missing", name=path.name, sheet=EVALUATIONS_SHEET, columns=", ".join(missing)))
    result = []
    for number in sorted(rows):
        cells = rows[number]
        values = {header[column]: text for column, text in cells.items() if column in header}
        if not any(text.strip() for text in values.values()):
            continue
        try:
            result.append(NationalRow.from_texts(values))
        except ValueError as err:
            raise NotNationalWorkbookError(f"{path.name}: {EVALUATIONS_SHEET} row {number + 1}: {err}") from None
    return result


@dataclass(frozen=True)
class GroupFigures:
    """The exact averages of one municipality group's evaluations."""

    group: str
    count: int
    areas: dict[int, Decimal]
    total: Decimal

    def shown_means(self) -> tuple[dict[int, Decimal], Decimal]:
        """The area averages and the total average as shown (shown_parts)."""
        return shown_parts(self.areas, self.total)


@dataclass(frozen=True)
class NationalFigures:
    """What the national summary says about the evaluations of one framework version.

    Attributes:
        framework: the version; only evaluations of this version are counted.
        rows: the evaluations counted.
        areas: exact statistics of each area's points.
        total: exact statistics of the totals.
        groups: exact averages per municipality group (rows without a group are in no group).
        best: the evaluation with the highest total (the earliest of equals).
        source: the national summary's file name, for the result's About sheet ("" if not from a file).
        sha256: that file's SHA-256 ("" if not known).
    """

    framework: str
    rows: tuple[NationalRow, ...]
    areas: dict[int, Statistics]
    total: Statistics
    groups: dict[str, GroupFigures]
    best: NationalRow
    source: str = ""
    sha256: str = ""

    @property
    def count(self) -> int:
        return len(self.rows)

    def row_of(self, own: NationalRow) -> NationalRow | None:
        """The row that is this very evaluation: the same workbook id, framework, municipality, year and
        points. A row that only shares the workbook id is another evaluation (a workbook copied to
        start a new one, or changed after the merge)."""
        return next((row for row in self.rows if row.is_same_evaluation(own)), None)

    def includes(self, own: NationalRow) -> bool:
        """True when this evaluation is one of the rows counted."""
        return self.row_of(own) is not None

    def other_with_id(self, own: NationalRow) -> NationalRow | None:
        """A row with this evaluation's workbook id that is another evaluation; None if there is none."""
        if not own.workbook_id:
            return None
        return next((row for row in self.rows if row.workbook_id == own.workbook_id and not row.is_same_evaluation(own)), None)

    def group(self, name: str | None) -> GroupFigures | None:
        """The figures of a municipality group, matched ignoring case and spacing; None if unknown."""
        if not name:
            return None
        key = name_key(name)
        for group, figures in self.groups.items():
            if name_key(group) == key:
                return figures
        return None

    def field(self, value: Decimal, own: NationalRow, area: int | None = None) -> list[Decimal]:
        """The values a result is ranked among: every row's, plus the result's own when it is not a row."""
        values = [row.total if area is None else row.areas[area] for row in self.rows]
        if not self.includes(own):
            values.append(value)
        return values

    def position(self, total: Decimal, own: NationalRow) -> tuple[int, int]:
        """(rank, count): the result's rank by total among the evaluations, 1 = highest."""
        values = self.field(total, own)
        return position(total, values), len(values)

    def quartile(self, value: Decimal, own: NationalRow, area: int | None = None) -> int | None:
        """Which quartile (1 = lowest, 4 = highest) an area's points or the total falls in (aggregation.quartile_of).

        None when there are too few evaluations or they are all equal (see no_quartile).
        """
        return quartile_of(value, self.field(value, own, area))

    def no_quartile(self, value: Decimal, own: NationalRow, area: int | None = None) -> NoQuartile | None:
        """Why `quartile` gives no quartile for this figure; None when it gives one."""
        return no_quartile(self.field(value, own, area))

    def shown_means(self) -> tuple[dict[int, Decimal], Decimal]:
        """The area averages and the total average as shown: rounded once, the areas adding up to the total."""
        return shown_parts({n: stats.mean for n, stats in self.areas.items()}, self.total.mean)


def shown_parts(parts: Mapping[int, Decimal], total: Decimal | None = None) -> tuple[dict[int, Decimal], Decimal]:
    """Exact means of the areas rounded for display, and the shown total they add up to.

    The one rounding rule for shown averages, in the result workbook and the national summary:
    the shown total is the exact total rounded once (round_half_up to SHOWN_PLACES), and the
    shown parts are rounded so that they add up to it (round_parts_to).

    Args:
        parts: exact means by area number.
        total: the exact mean of the totals; by default the sum of the parts (the same number,
            up to the last of Decimal's 28 digits).
    """
    exact_total = sum(parts.values(), Decimal(0)) if total is None else total
    shown_total = round_half_up(exact_total, SHOWN_PLACES)
    return shown_parts_to({n: parts[n] for n in sorted(parts)}, shown_total), shown_total


def shown_parts_to(parts: Mapping[K, Decimal], shown_total: Decimal) -> dict[K, Decimal]:
    """Exact parts rounded for display so that they add up to a total as it is already shown.

    For the sub-questions of an area: their shown means add up to the area's shown mean. Ties go
    to the earlier part in the mapping's order.
    """
    keys = list(parts)
    return dict(zip(keys, round_parts_to([parts[k] for k in keys], shown_total, SHOWN_PLACES)))


def national_figures(rows: Sequence[NationalRow], framework: str, source: str = "", sha256: str = "") -> NationalFigures:
    """The national figures of one framework version.

    Raises:
        KompassError: no row is of this version (the message says which versions there are).
    """
    chosen = tuple(row for row in rows if row.framework == framework)
    if not chosen:
        others = sorted({row.framework for row in rows})
        held = say("national_holds", versions=", ".join(others)) if others else say("national_holds_none")
        where = f" {source}" if source else ""
        raise KompassError(say("national_no_framework", where=where, framework=framework, held=held))
    areas = {n: statistics([row.areas[n] for row in chosen]) for n in range(1, AREA_COUNT + 1)}
    total = statistics([row.total for row in chosen])
    by_group: dict[str, list[NationalRow]] = {}
    for row in chosen:
        if row.municipality_group and row.municipality_group.strip():
            by_group.setdefault(name_key(row.municipality_group), []).append(row)
    # Grouped as the national summary groups them (kompass_xlsx.merging): ignoring case and spacing,
    # named as the first member writes it, so both workbooks show the same group average.
    groups = {
        members[0].municipality_group.strip(): GroupFigures(
            group=members[0].municipality_group.strip(),
            count=len(members),
            areas={n: mean([row.areas[n] for row in members]) for n in range(1, AREA_COUNT + 1)},
            total=mean([row.total for row in members]),
        )
        for _, members in sorted(by_group.items())
    }
    best = sorted(chosen, key=lambda row: (-row.total, row.year, row.municipality))[0]
    return NationalFigures(framework, chosen, areas, total, groups, best, source, sha256)


@dataclass(frozen=True)
class AverageComparison:
    """An area (number None: the total) against an average as shown: the difference is exact."""

    number: int | None
    points: Decimal
    average: Decimal
    difference: Decimal


def compare_with_average(
    points: Mapping[int, Decimal], total: Decimal, means: Mapping[int, Decimal], total_mean: Decimal | None = None
) -> list[AverageComparison]:
    """The result against exact averages rounded for display (shown_parts), the total last.

    The difference is taken from the shown average, so the three numbers on a row agree exactly.
    `total_mean` is the exact mean of the totals (by default the sum of the area means).
    """
    shown, shown_total = shown_parts(means, total_mean)
    rows = [AverageComparison(n, points[n], shown[n], points[n] - shown[n]) for n in sorted(points)]
    rows.append(AverageComparison(None, total, shown_total, total - shown_total))
    return rows
