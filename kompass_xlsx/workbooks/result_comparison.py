"""The comparison and charts sheets of the result workbook (see result.py).

The comparison sheet holds the profile table (this evaluation's area points next to the earlier
evaluations' and the national and group averages, rounded once), one block per earlier evaluation
with the comparability of each area, and the comparison with the national average. The charts
sheet draws native Excel column charts from the profile table, so the charts show exactly the
figures of the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xlsxwriter.worksheet import Worksheet

from ..comparison import Comparison, FigureComparison, Reason
from ..labels import counted_label
from ..models import Comparability
from ..national import compare_with_average
from .common import checked

if TYPE_CHECKING:
    from .result import ResultWriter

SERIES_COLOURS = ("#1F4E79", "#A5A5A5", "#9DC3E6", "#7F6000", "#C9C9C9")
NATIONAL_COLOUR, GROUP_COLOUR = "#ED7D31", "#FFC000"
CHART_WIDTH, CHART_HEIGHT = 1000, 310  # pixels; two charts fill one landscape A4 page

# Comparison sheet columns.
COL_NR, COL_TITLE, COL_NOW, COL_MATCH, COL_THEN, COL_DIFF, COL_VERDICT, COL_NOTE = range(8)


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


class ComparisonSheets:
    """The comparison and charts sheets: a mixin of ResultWriter, whose helpers and formats it uses."""

    # --- comparison --------------------------------------------------------------------------

    def write_comparison(self: ResultWriter, sheet: Worksheet) -> ProfileLayout:
        fmt, name = self.fmt, sheet.get_name()
        self.columns(sheet, (7, 30, 11, 13, 14, 15, 16, 62))
        self.string(sheet, 0, 0, self.label("res_comparison_title"), fmt.title)
        self.need_height(sheet, 0, 24)
        self.string(sheet, 1, 0, self.who, fmt.section)
        row = 3
        self.string(sheet, row, 0, self.label("res_profile_title"), fmt.section)
        row += 1
        self.string(sheet, row, 0, self.label("res_profile_note"), self.f_line)
        row += 1
        profile = self.write_profile(sheet, name, row)
        row = profile.last_row + 3
        if not self.comparisons and self.national is None:
            self.string(sheet, row, 0, self.label("res_no_comparisons"), self.f_line)
        for comparison in self.comparisons:
            row = self.write_earlier_block(sheet, row, comparison) + 2
        if self.national is not None:
            self.write_national_block(sheet, row)
        self.setup(sheet, landscape=True)
        return profile

    def write_profile(self: ResultWriter, sheet: Worksheet, name: str, header_row: int) -> ProfileLayout:
        fmt = self.fmt
        headers = [self.label("res_col_area"), self.label("res_col_title"), self.who]
        earlier = [(c, c.previous.label) for c in self.comparisons if any(c.chart_points(a.number) is not None for a in self.fw.areas)]
        headers += [text for _, text in earlier]
        national_means = group_means = None
        if self.national is not None:
            headers.append(self.label("res_col_national"))
            national_means, _ = self.national.shown_means()
            if self.group is not None:
                headers.append(self.label("res_series_group", group=self.group.group))
                group_means, _ = self.group.shown_means()
        for col, text in enumerate(headers):
            self.string(sheet, header_row, col, text, fmt.header)
        first = header_row + 1
        for offset, area in enumerate(self.fw.areas):
            row = first + offset
            self.number(sheet, row, 0, area.number, fmt.id)
            self.string(sheet, row, 1, area.sheet_name, fmt.text)
            self.number(sheet, row, 2, self.points[area.number], fmt.number)
            col = 3
            for comparison, _ in earlier:
                value = comparison.chart_points(area.number)
                if value is None:
                    self.blank(sheet, row, col, fmt.number)
                else:
                    self.number(sheet, row, col, value, fmt.number)
                col += 1
            if national_means is not None:
                self.number(sheet, row, col, national_means[area.number], self.f_average)
                col += 1
            if group_means is not None:
                self.number(sheet, row, col, group_means[area.number], self.f_average)
        earlier_cols = tuple((3 + i, comparison) for i, (comparison, _) in enumerate(earlier))
        national_col = 3 + len(earlier) if national_means is not None else None
        group_col = national_col + 1 if group_means is not None and national_col is not None else None
        return ProfileLayout(name, first, first + len(self.fw.areas) - 1, 1, 2, earlier_cols, national_col, group_col)

    def verdict_text(self: ResultWriter, verdict: Comparability) -> str:
        return self.label(f"res_verdict_{verdict.value}")

    def explanation(self: ResultWriter, comparison: Comparison, row: FigureComparison) -> str:
        previous = comparison.previous
        version = previous.framework
        areas = ", ".join(str(n) for n in row.earlier_areas)
        texts = {
            Reason.SAME_VERSION: self.label("res_reason_same_version"),
            Reason.LINEAGE: "",
            Reason.SEVERAL_AREAS: self.label("res_reason_several_areas", areas=areas, version=version),
            Reason.NO_AREA: self.label("res_reason_no_area", version=version),
            Reason.NO_FIGURE: self.label("res_reason_no_figure", year=previous.year),
            Reason.VERSION_CHANGED: self.label("res_reason_version_changed", earlier=version, current=self.fw.id),
            Reason.NOT_EARLIER: self.label("res_reason_not_earlier", earlier=version, current=self.fw.id),
        }
        parts = [texts[row.reason]]
        if row.reason in (Reason.LINEAGE, Reason.NO_FIGURE) and row.comparability is Comparability.NONE:
            parts.append(self.label("res_reason_lineage_none"))
        parts.extend(row.notes)
        return "\n".join(part for part in parts if part)

    def write_earlier_block(self: ResultWriter, sheet: Worksheet, row: int, comparison: Comparison) -> int:
        fmt, previous = self.fmt, comparison.previous
        title = self.label("res_earlier_title", who=previous.label, version=previous.framework)
        self.string(sheet, row, 0, title, fmt.section)
        row += 1
        source = previous.source or self.label("res_published_report")
        self.string(sheet, row, 0, self.label("res_earlier_source", source=source), self.f_line)
        row += 1
        headers = (
            self.label("res_col_area"), self.label("res_col_title"), self.label("res_col_year_points", year=self.ev.year),
            self.label("res_col_matches", version=previous.framework), self.label("res_col_year_points", year=previous.year),
            self.label("res_col_difference"), self.label("res_col_verdict"), self.label("res_col_note"),
        )
        for col, text in enumerate(headers):
            self.string(sheet, row, col, text, fmt.header)
        for figure in (*comparison.areas, comparison.total):
            row += 1
            self.comparison_row(sheet, row, comparison, figure)
        return row

    def comparison_row(self: ResultWriter, sheet: Worksheet, row: int, comparison: Comparison, figure: FigureComparison) -> None:
        fmt, is_total = self.fmt, figure.number is None
        if is_total:
            self.blank(sheet, row, COL_NR, fmt.total_label)
            self.string(sheet, row, COL_TITLE, self.label("res_total"), fmt.total_label)
            self.number(sheet, row, COL_NOW, figure.points, fmt.total_number)
            self.blank(sheet, row, COL_MATCH, fmt.total_label)
        else:
            self.number(sheet, row, COL_NR, figure.number, fmt.id)
            self.string(sheet, row, COL_TITLE, self.fw.area(figure.number).title, fmt.text)
            self.number(sheet, row, COL_NOW, figure.points, fmt.number)
            matches = ", ".join(str(n) for n in figure.earlier_areas) or "–"
            self.string(sheet, row, COL_MATCH, matches, fmt.number)
        if figure.earlier_points is not None:
            self.number(sheet, row, COL_THEN, figure.earlier_points, fmt.total_number if is_total else fmt.number)
        else:
            no_figure = figure.reason in (Reason.NO_FIGURE, Reason.VERSION_CHANGED)
            self.string(sheet, row, COL_THEN, self.label("res_no_figure" if no_figure else "res_no_match"), self.f_missing)
        if figure.difference is not None:
            self.number(sheet, row, COL_DIFF, figure.difference, self.f_total_diff if is_total else self.f_diff)
        else:
            self.blank(sheet, row, COL_DIFF, self.f_diff)
        self.string(sheet, row, COL_VERDICT, self.verdict_text(figure.comparability), self.f_verdict[figure.comparability])
        note = self.explanation(comparison, figure)
        if note:
            self.string(sheet, row, COL_NOTE, note, self.f_note)
        else:
            self.blank(sheet, row, COL_NOTE, self.f_note)

    def write_national_block(self: ResultWriter, sheet: Worksheet, row: int) -> int:
        nat, fmt = self.national, self.fmt
        assert nat is not None
        self.string(sheet, row, 0, self.label("res_national_title", version=nat.framework), fmt.section)
        row += 1
        source = nat.source or "–"
        self.string(sheet, row, 0, counted_label("res_national_basis", self.lang, nat.count, version=nat.framework, source=source), self.f_line)
        row += 1
        headers = [self.label("res_col_area"), self.label("res_col_title"), self.label("res_col_year_points", year=self.ev.year),
                   self.label("res_col_national"), self.label("res_col_difference")]
        national = compare_with_average(self.points, self.total, {n: s.mean for n, s in nat.areas.items()}, nat.total.mean)
        group = None
        if self.group is not None:
            headers += [self.label("res_series_group", group=self.group.group), self.label("res_col_difference")]
            group = compare_with_average(self.points, self.total, self.group.areas, self.group.total)
        for col, text in enumerate(headers):
            self.string(sheet, row, col, text, fmt.header)
        for index, item in enumerate(national):
            row += 1
            is_total = item.number is None
            if is_total:
                self.blank(sheet, row, 0, fmt.total_label)
                self.string(sheet, row, 1, self.label("res_total"), fmt.total_label)
            else:
                self.number(sheet, row, 0, item.number, fmt.id)
                self.string(sheet, row, 1, self.fw.area(item.number).title, fmt.text)
            self.number(sheet, row, 2, item.points, fmt.total_number if is_total else fmt.number)
            pairs = [(item.average, item.difference)]
            if group is not None:
                pairs.append((group[index].average, group[index].difference))
            col = 3
            for average, difference in pairs:
                self.number(sheet, row, col, average, self.f_total_average if is_total else self.f_average)
                self.number(sheet, row, col + 1, difference, self.f_total_diff if is_total else self.f_diff)
                col += 2
        row += 1
        self.string(sheet, row, 0, self.label("res_rounding_note"), self.f_line)
        return row

    # --- charts ------------------------------------------------------------------------------

    def write_charts(self: ResultWriter, sheet: Worksheet, profile: ProfileLayout) -> None:
        fmt = self.fmt
        self.string(sheet, 0, 0, self.label("res_charts_title", who=self.who), fmt.title)
        self.need_height(sheet, 0, 24)
        if profile.earlier_cols or self.comparisons:
            self.string(sheet, 1, 0, self.label("res_charts_note", sheet=self.label("res_sheet_comparison")), self.f_line)
        charts = []
        if profile.earlier_cols:
            series = [(profile.current_col, SERIES_COLOURS[0])]
            series += [(col, SERIES_COLOURS[1 + i % (len(SERIES_COLOURS) - 1)]) for i, (col, _) in enumerate(profile.earlier_cols)]
            charts.append((self.label("res_chart_earlier"), series))
        if profile.national_col is not None:
            series = [(profile.current_col, SERIES_COLOURS[0]), (profile.national_col, NATIONAL_COLOUR)]
            if profile.group_col is not None:
                series.append((profile.group_col, GROUP_COLOUR))
            charts.append((self.label("res_chart_national"), series))
        if not charts:
            charts.append((self.label("res_chart_profile"), [(profile.current_col, SERIES_COLOURS[0])]))
        height = CHART_HEIGHT if len(charts) > 1 else 2 * CHART_HEIGHT + 20
        row = 3
        for title, series in charts:
            chart = self.profile_chart(profile, title, series)
            chart.set_size({"width": CHART_WIDTH, "height": height})
            checked(sheet.insert_chart(row, 0, chart, {"x_offset": 4, "y_offset": 4}), "chart")
            row += math.ceil((height + 20) / 20)
        sheet.print_area(0, 0, row, math.ceil(CHART_WIDTH / 64))
        self.setup(sheet, landscape=True)
        sheet.fit_to_pages(1, 1)

    def profile_chart(self: ResultWriter, profile: ProfileLayout, title: str, series: list[tuple[int, str]]):
        chart = self.workbook.add_chart({"type": "column"})
        name, first, last = profile.sheet, profile.first_row, profile.last_row
        header_row = first - 1
        for index, (col, colour) in enumerate(series):
            options = {
                "name": [name, header_row, col],
                "categories": [name, first, profile.category_col, last, profile.category_col],
                "values": [name, first, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 80,
            }
            if index == 0:
                options["data_labels"] = {"value": True, "font": {"size": 8}}
            chart.add_series(options)
        chart.set_title({"name": title, "name_font": {"size": 13}})
        chart.set_legend({"position": "bottom"})
        top = max(area.max for area in self.fw.areas)
        chart.set_y_axis({"min": 0, "max": top, "major_unit": 20, "name": self.label("res_col_points"), "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        chart.set_x_axis({"num_font": {"size": 9}})
        return chart
