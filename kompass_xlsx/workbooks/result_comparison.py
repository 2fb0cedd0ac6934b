"""The comparison and charts sheets of the result workbook, and the area profile chart (see result.py).

The comparison sheet holds the profile table (this evaluation's area points next to the earlier
evaluations' and the reference averages that are shown, rounded once), one block per earlier
evaluation with the comparability of each area, and the comparison with the reference averages
that are shown. The charts, here and on the summary page, are native Excel column charts that read
the profile table, so they show exactly the figures of the table.

Everything these sheets need comes in: the cells and formats (ResultCells) and the figures
(ReportFigures); this module does not import the writer of the other sheets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from ..comparison import Comparison, FigureComparison, Reason
from ..labels import counted_label
from ..models import Comparability
from ..national import NationalFigures, NationalRow, compare_with_average
from ..report_figures import Reference, ReferenceKind, ReportFigures
from .common import checked
from .result_cells import ResultCells

SERIES_COLOURS = ("#1F4E79", "#A5A5A5", "#9DC3E6", "#7F6000", "#C9C9C9")
NATIONAL_COLOUR, GROUP_COLOUR = "#ED7D31", "#FFC000"
CHART_WIDTH, CHART_HEIGHT = 1000, 310  # pixels; two charts fill one landscape A4 page

# Comparison sheet columns.
COL_NR, COL_TITLE, COL_NOW, COL_MATCH, COL_THEN, COL_DIFF, COL_VERDICT, COL_NOTE = range(8)
TABLE_KEPT_ROWS = 3
"""Rows under a comparison table's title besides its area rows: the source line, the header and the total.
The title keeps them all on its page (`keep`), so a table never continues on a page without its header."""


@dataclass(frozen=True)
class ProfileLayout:
    """Where the profile table (the charts' data) is on the comparison sheet; 0-based."""

    sheet: str
    first_row: int
    last_row: int
    category_col: int
    current_col: int
    earlier_cols: tuple[tuple[int, Comparison], ...]
    national_col: int | None
    group_col: int | None

    def earlier_col(self, comparison: Comparison) -> int | None:
        """The column of an earlier evaluation's figures; None when it has none to draw."""
        return next((col for col, c in self.earlier_cols if c.previous == comparison.previous), None)


def reference_series_name(cells: ResultCells, reference: Reference) -> str:
    """'Riksgenomsnitt (24 utvärderingar)', 'Snitt Pendlingskommun (7 utvärderingar)': with its count."""
    if reference.kind is ReferenceKind.NATIONAL:
        return counted_label("res_series_national_counted", cells.lang, reference.count)
    return counted_label("res_series_group_counted", cells.lang, reference.count, group=reference.name)


def hidden_reference_line(cells: ResultCells, reference: Reference) -> str:
    """The one line that says why a reference average is not shown."""
    if reference.kind is ReferenceKind.NATIONAL:
        return counted_label("res_reference_hidden_national", cells.lang, reference.others, version=reference.framework, minimum=reference.minimum)
    return counted_label("res_reference_hidden_group", cells.lang, reference.others, group=reference.name, minimum=reference.minimum)


class ComparisonSheets:
    """Writes the comparison and charts sheets and the profile charts of one result workbook."""

    def __init__(self, cells: ResultCells, figures: ReportFigures, national: NationalFigures | None, own: NationalRow) -> None:
        self.cells, self.figures, self.national, self.own = cells, figures, national, own
        self.fw = cells.fw
        self.points = {area.number: area.points for area in figures.areas}

    # --- comparison --------------------------------------------------------------------------

    def write_comparison(self, sheet: Worksheet) -> ProfileLayout:
        c, fmt, name = self.cells, self.cells.fmt, sheet.get_name()
        c.columns(sheet, (7, 30, 11, 13, 14, 15, 16, 62))
        c.string(sheet, 0, 0, c.label("res_comparison_title"), fmt.title)
        c.need_height(sheet, 0, 24)
        c.string(sheet, 1, 0, c.who, fmt.section)
        row = 3
        c.string(sheet, row, 0, c.label("res_profile_title"), fmt.section)
        c.keep(sheet, row, 3)
        row += 1
        c.string(sheet, row, 0, c.label("res_profile_note"), c.f_line)
        row += 1
        profile = self.write_profile(sheet, name, row)
        row = profile.last_row + 2
        for text in self.national_notes():
            c.merged_text(sheet, row, 0, COL_NOTE, text, c.f_plain_note)
            row += 1
        row += 1
        if not self.figures.comparisons and self.national is None:
            c.string(sheet, row, 0, c.label("res_no_comparisons"), c.f_line)
        for comparison in self.figures.comparisons:
            row = self.write_earlier_block(sheet, row, comparison) + 2
        if self.figures.shown_references:
            self.write_reference_block(sheet, row)
        c.setup(sheet, landscape=True)
        return profile

    def national_notes(self) -> list[str]:
        """What the national figures are over, whether this evaluation is one of them, and why a
        reference average is not shown."""
        c, nat, figures = self.cells, self.national, self.figures
        if nat is None:
            return []
        lines = [
            counted_label("res_national_basis", c.lang, nat.count, version=nat.framework, source=nat.source or "–"),
            c.label("res_national_self_in" if nat.includes(self.own) else "res_national_self_out"),
        ]
        other = nat.other_with_id(self.own)
        if other is not None:
            lines.append(c.label("res_national_same_id", who=f"{other.municipality} {other.year}", points=c.num(other.total)))
        if figures.group is not None:
            lines.append(counted_label("res_group_basis", c.lang, figures.group.count, group=figures.group.name))
        elif figures.group_name:
            lines.append(c.label("res_group_unknown", group=figures.group_name))
        lines += [hidden_reference_line(c, reference) for reference in figures.references if not reference.shown]
        return lines

    def write_profile(self, sheet: Worksheet, name: str, header_row: int) -> ProfileLayout:
        c, fmt, figures = self.cells, self.cells.fmt, self.figures
        headers = [c.label("res_col_area"), c.label("res_col_title"), c.who]
        earlier = [comparison for comparison in figures.comparisons if any(comparison.chart_points(a.number) is not None for a in self.fw.areas)]
        headers += [comparison.previous.label for comparison in earlier]
        references = figures.shown_references
        headers += [reference_series_name(c, reference) for reference in references]
        for col, text in enumerate(headers):
            c.string(sheet, header_row, col, text, fmt.header)
        first = header_row + 1
        now_format = c.points_format(self.points.values())
        earlier_formats = [
            c.points_format([v for a in self.fw.areas if (v := comparison.chart_points(a.number)) is not None]) for comparison in earlier
        ]
        for offset, area in enumerate(self.fw.areas):
            row = first + offset
            c.id_text(sheet, row, 0, str(area.number), fmt.id)
            c.string(sheet, row, 1, area.sheet_name, fmt.text)
            c.number(sheet, row, 2, self.points[area.number], now_format)
            col = 3
            for comparison, earlier_format in zip(earlier, earlier_formats):
                value = comparison.chart_points(area.number)
                if value is None:
                    c.blank(sheet, row, col, earlier_format)
                else:
                    c.number(sheet, row, col, value, earlier_format)
                col += 1
            for reference in references:
                c.number(sheet, row, col, reference.areas[area.number], c.average_format())
                col += 1
        earlier_cols = tuple((3 + i, comparison) for i, comparison in enumerate(earlier))
        ref_cols = {reference.kind: 3 + len(earlier) + i for i, reference in enumerate(references)}
        return ProfileLayout(
            name, first, first + len(self.fw.areas) - 1, 1, 2, earlier_cols,
            ref_cols.get(ReferenceKind.NATIONAL), ref_cols.get(ReferenceKind.GROUP),
        )

    def verdict_text(self, verdict: Comparability) -> str:
        return self.cells.label(f"res_verdict_{verdict.value}")

    def explanation(self, comparison: Comparison, row: FigureComparison) -> str:
        c, previous = self.cells, comparison.previous
        version = previous.framework
        areas = ", ".join(str(n) for n in row.earlier_areas)
        texts = {
            Reason.SAME_VERSION: c.label("res_reason_same_version"),
            Reason.LINEAGE: "",
            Reason.SEVERAL_AREAS: c.label("res_reason_several_areas", areas=areas, version=version),
            Reason.NO_AREA: c.label("res_reason_no_area", version=version),
            Reason.NO_FIGURE: c.label("res_reason_no_figure", year=previous.year),
            Reason.VERSION_CHANGED: c.label("res_reason_version_changed", earlier=version, current=self.fw.id),
            Reason.NOT_EARLIER: c.label("res_reason_not_earlier", earlier=version, current=self.fw.id),
        }
        parts = [texts[row.reason]]
        if row.reason in (Reason.LINEAGE, Reason.NO_FIGURE) and row.comparability is Comparability.NONE:
            parts.append(c.label("res_reason_lineage_none"))
        parts.extend(row.notes)
        return "\n".join(part for part in parts if part)

    def write_earlier_block(self, sheet: Worksheet, row: int, comparison: Comparison) -> int:
        c, fmt, previous = self.cells, self.cells.fmt, comparison.previous
        title = c.label("res_earlier_title", who=previous.label, version=previous.framework)
        c.string(sheet, row, 0, title, fmt.section)
        c.keep(sheet, row, TABLE_KEPT_ROWS + len(comparison.areas))  # the whole table on one page: its header on top
        row += 1
        source = previous.source or c.label("res_published_report")
        c.string(sheet, row, 0, c.label("res_earlier_source", source=source), c.f_line)
        row += 1
        headers = (
            c.label("res_col_area"), c.label("res_col_title"), c.label("res_col_year_points", year=self.figures.year),
            c.label("res_col_matches", version=previous.framework), c.label("res_col_year_points", year=previous.year),
            c.label("res_col_difference"), c.label("res_col_verdict"), c.label("res_col_note"),
        )
        for col, text in enumerate(headers):
            c.string(sheet, row, col, text, fmt.header)
        rows = comparison.areas
        formats = {
            "now": c.points_format(r.points for r in rows),
            "then": c.points_format(r.earlier_points for r in rows if r.earlier_points is not None),
            "diff": c.difference_format(r.difference for r in rows if r.difference is not None),
        }
        total = comparison.total
        total_formats = {
            "now": c.points_format([total.points], True),
            "then": c.points_format([total.earlier_points] if total.earlier_points is not None else [], True),
            "diff": c.difference_format([total.difference] if total.difference is not None else [], True),
        }
        for figure in rows:
            row += 1
            self.comparison_row(sheet, row, comparison, figure, formats)
        row += 1
        self.comparison_row(sheet, row, comparison, total, total_formats)
        return row

    def comparison_row(self, sheet: Worksheet, row: int, comparison: Comparison, figure: FigureComparison, formats: dict) -> None:
        c, fmt, is_total = self.cells, self.cells.fmt, figure.number is None
        if is_total:
            c.blank(sheet, row, COL_NR, fmt.total_label)
            c.string(sheet, row, COL_TITLE, c.label("res_total"), fmt.total_label)
            c.number(sheet, row, COL_NOW, figure.points, formats["now"])
            c.blank(sheet, row, COL_MATCH, fmt.total_label)
        else:
            c.id_text(sheet, row, COL_NR, str(figure.number), fmt.id)
            c.string(sheet, row, COL_TITLE, self.fw.area(figure.number).title, fmt.text)
            c.number(sheet, row, COL_NOW, figure.points, formats["now"])
            matches = ", ".join(str(n) for n in figure.earlier_areas) or "–"
            c.id_text(sheet, row, COL_MATCH, matches, fmt.number)
        if figure.earlier_points is not None:
            c.number(sheet, row, COL_THEN, figure.earlier_points, formats["then"])
        else:
            no_figure = figure.reason in (Reason.NO_FIGURE, Reason.VERSION_CHANGED)
            c.string(sheet, row, COL_THEN, c.label("res_no_figure" if no_figure else "res_no_match"), c.f_missing)
        if figure.difference is not None:
            c.number(sheet, row, COL_DIFF, figure.difference, formats["diff"])
        else:
            c.blank(sheet, row, COL_DIFF, formats["diff"])
        c.string(sheet, row, COL_VERDICT, self.verdict_text(figure.comparability), c.f_verdict[figure.comparability])
        note = self.explanation(comparison, figure)
        if note:
            c.string(sheet, row, COL_NOTE, note, c.f_note)
        else:
            c.blank(sheet, row, COL_NOTE, c.f_note)

    def write_reference_block(self, sheet: Worksheet, row: int) -> int:
        """The area points against each reference average that is shown, with exact differences."""
        c, fmt, figures, nat = self.cells, self.cells.fmt, self.figures, self.national
        assert nat is not None
        references = figures.shown_references
        national_shown = figures.national is not None and figures.national.shown
        title = c.label("res_national_title", version=nat.framework) if national_shown else c.label("res_group_title", group=references[0].name)
        c.string(sheet, row, 0, title, fmt.section)
        c.keep(sheet, row, TABLE_KEPT_ROWS + len(self.fw.areas) + 1)  # the whole table and its note on one page
        row += 1
        c.string(sheet, row, 0, counted_label("res_national_basis", c.lang, nat.count, version=nat.framework, source=nat.source or "–"), c.f_line)
        row += 1
        headers = [c.label("res_col_area"), c.label("res_col_title"), c.label("res_col_year_points", year=figures.year)]
        tables = []
        for reference in references:
            headers += [reference_series_name(c, reference), c.label("res_col_difference")]
            if reference.kind is ReferenceKind.NATIONAL:
                means, total_mean = {n: s.mean for n, s in nat.areas.items()}, nat.total.mean
            else:
                group = nat.group(reference.name)
                assert group is not None
                means, total_mean = group.areas, group.total
            tables.append(compare_with_average(self.points, figures.total.points, means, total_mean))
        for col, text in enumerate(headers):
            c.string(sheet, row, col, text, fmt.header)
        points_format = c.points_format(self.points.values())
        diff_formats = [c.difference_format(item.difference for item in table if item.number is not None) for table in tables]
        for index, item in enumerate(tables[0]):
            row += 1
            is_total = item.number is None
            if is_total:
                c.blank(sheet, row, 0, fmt.total_label)
                c.string(sheet, row, 1, c.label("res_total"), fmt.total_label)
                c.number(sheet, row, 2, item.points, c.points_format([item.points], True))
            else:
                c.id_text(sheet, row, 0, str(item.number), fmt.id)
                c.string(sheet, row, 1, self.fw.area(item.number).title, fmt.text)
                c.number(sheet, row, 2, item.points, points_format)
            col = 3
            for table, diff_format in zip(tables, diff_formats):
                entry = table[index]
                c.number(sheet, row, col, entry.average, c.average_format(is_total))
                diff = c.difference_format([entry.difference], True) if is_total else diff_format
                c.number(sheet, row, col + 1, entry.difference, diff)
                col += 2
        row += 1
        c.string(sheet, row, 0, c.label("res_rounding_note"), c.f_line)
        return row

    # --- charts ------------------------------------------------------------------------------

    def summary_series(self, profile: ProfileLayout) -> list[tuple[int, str]]:
        """The summary chart's series: this evaluation, the earlier comparable one, the references shown."""
        series = [(profile.current_col, SERIES_COLOURS[0])]
        change = self.figures.change
        if change is not None:
            col = profile.earlier_col(change.comparison)
            if col is not None:
                series.append((col, SERIES_COLOURS[1]))
        if profile.national_col is not None:
            series.append((profile.national_col, NATIONAL_COLOUR))
        if profile.group_col is not None:
            series.append((profile.group_col, GROUP_COLOUR))
        return series

    def write_charts(self, sheet: Worksheet, profile: ProfileLayout) -> None:
        c, fmt = self.cells, self.cells.fmt
        c.string(sheet, 0, 0, c.label("res_charts_title", who=c.who), fmt.title)
        c.need_height(sheet, 0, 24)
        if profile.earlier_cols or self.figures.comparisons:
            c.string(sheet, 1, 0, c.label("res_charts_note", sheet=c.label("res_sheet_comparison")), c.f_line)
        charts = []
        if profile.earlier_cols:
            series = [(profile.current_col, SERIES_COLOURS[0])]
            series += [(col, SERIES_COLOURS[1 + i % (len(SERIES_COLOURS) - 1)]) for i, (col, _) in enumerate(profile.earlier_cols)]
            charts.append((c.label("res_chart_earlier"), series))
        if profile.national_col is not None or profile.group_col is not None:
            series = [(profile.current_col, SERIES_COLOURS[0])]
            series += [(col, colour) for col, colour in ((profile.national_col, NATIONAL_COLOUR), (profile.group_col, GROUP_COLOUR)) if col is not None]
            charts.append((c.label("res_chart_national" if profile.national_col is not None else "res_chart_group"), series))
        if not charts:
            charts.append((c.label("res_chart_profile"), [(profile.current_col, SERIES_COLOURS[0])]))
        height = CHART_HEIGHT if len(charts) > 1 else 2 * CHART_HEIGHT + 20
        row = 3
        for title, series in charts:
            chart = self.profile_chart(profile, title, series)
            chart.set_size({"width": CHART_WIDTH, "height": height})
            checked(sheet.insert_chart(row, 0, chart, {"x_offset": 4, "y_offset": 4}), "chart")
            row += math.ceil((height + 20) / 20)
        c.last_rows[sheet.get_name()] = row
        sheet.print_area(0, 0, row, math.ceil(CHART_WIDTH / 64))
        c.setup(sheet, landscape=True, one_page=True)

    def profile_chart(self, profile: ProfileLayout, title: str | None, series: list[tuple[int, str]], by_number: bool = False):
        """A column chart of the profile table: `series` are (column, colour); `by_number` labels the
        categories with the area numbers (for a narrow page) instead of the areas' short names."""
        c = self.cells
        category_col = 0 if by_number else profile.category_col
        chart = c.workbook.add_chart({"type": "column"})
        name, first, last = profile.sheet, profile.first_row, profile.last_row
        header_row = first - 1
        for index, (col, colour) in enumerate(series):
            options = {
                "name": [name, header_row, col],
                "categories": [name, first, category_col, last, category_col],
                "values": [name, first, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 80,
            }
            if index == 0:
                options["data_labels"] = {"value": True, "font": {"size": 8}}
            chart.add_series(options)
        if title:
            chart.set_title({"name": title, "name_font": {"size": 13}})
        else:
            chart.set_title({"none": True})
        chart.set_legend({"position": "bottom"})
        top = max(area.max for area in self.fw.areas)
        chart.set_y_axis({"min": 0, "max": top, "major_unit": 20, "name": c.label("res_col_points"), "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        chart.set_x_axis({"num_font": {"size": 9}, **({"name": c.label("res_col_area"), "name_font": {"size": 9, "bold": False}} if by_number else {})})
        return chart
