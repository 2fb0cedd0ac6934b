"""The national summary workbook `kompass merge` writes from a MergeOutcome.

Visible sheets: Evaluations, Averages, Distribution, Groups, Questions, Rejected, Conflicts and
duplicates, About. Hidden: `_evaluations` (one text row per merged evaluation, read back by
`kompass report --national`) and `_kompass` (kind=national). Every text that comes from a workbook is
written with write_string, so a comment such as "=HYPERLINK(...)" stays inert text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .. import tool_version
from ..aggregation import Statistics
from ..labels import Lang, label, number_text
from ..layout import META_SHEET
from ..merging import (
    Band,
    DuplicateReason,
    GroupSummary,
    MergeOutcome,
    PopulationClass,
    VersionSummary,
)
from ..models import Framework
from ..national import EVALUATION_COLUMNS, EVALUATIONS_SHEET, NationalRow
from ..results import WorkbookResult
from ..scoring import points_text, round_half_up
from .common import FIXED_CREATED, Formats, checked, finish, header_text, new_workbook, number_value, print_setup

SHOWN_PLACES = 1
TABLE_STYLE = "Table Style Medium 2"
CHART_DATA_COL = 12
BOX_SEGMENTS = ("nat_chart_box_base", "nat_chart_box_low", "nat_chart_box_mid_low", "nat_chart_box_mid_high", "nat_chart_box_high")

Value = str | int | Decimal | None


class NationalWriter:
    """Writes one national summary workbook; one instance per workbook."""

    def __init__(self, outcome: MergeOutcome, lang: Lang, created: datetime) -> None:
        self.outcome = outcome
        self.lang = lang
        self.created = created
        self.workbook: Workbook
        self.fmt: Formats
        self.tables = 0

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def build(self) -> bytes:
        self.workbook, buffer = new_workbook()
        self.fmt = Formats(self.workbook)
        add = self.workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.shown = add({**base, "num_format": "0.0"})
        self.shown_bold = add({**base, "num_format": "0.0", "bold": True})
        self.cell_text = self.exact = add(base)  # exact numbers show all their decimals (General)
        self.exact_bold = add({**base, "bold": True})
        self.cell_wrap = add({**base, "text_wrap": True})
        self.section_header = add({**base, "bold": True, "font_color": "white", "bg_color": "#1F4E79", "border": 1, "text_wrap": True})
        self.note = add({**base, "italic": True, "font_color": "#404040"})
        self.fact = add({**base, "border": 1, "align": "left"})
        self.workbook.set_properties(
            {
                "title": self.label("nat_title"),
                "subject": self.label("nat_subject"),
                "company": "Kommunkompassen",
                "created": self.created,
            }
        )
        sheets = {
            key: self.workbook.add_worksheet(self.label(f"nat_sheet_{key}"))
            for key in ("evaluations", "averages", "distribution", "groups", "questions", "rejected", "conflicts", "about")
        }
        self.write_evaluations(sheets["evaluations"])
        self.write_averages(sheets["averages"])
        self.write_distribution(sheets["distribution"])
        self.write_groups(sheets["groups"])
        self.write_questions(sheets["questions"])
        self.write_rejected(sheets["rejected"])
        self.write_conflicts(sheets["conflicts"])
        self.write_about(sheets["about"])
        self.write_evaluation_rows(self.workbook.add_worksheet(EVALUATIONS_SHEET))
        self.write_meta(self.workbook.add_worksheet(META_SHEET))
        sheets["evaluations"].activate()
        return finish(self.workbook, buffer)

    # --- helpers ---------------------------------------------------------------------------

    def put(self, sheet: Worksheet, row: int, col: int, value: Value, fmt: Format | None = None) -> None:
        """Write one typed value: text always as a string, numbers exactly, None as an empty cell."""
        if value is None:
            checked(sheet.write_blank(row, col, None, fmt), f"cell {row},{col}")
        elif isinstance(value, str):
            checked(sheet.write_string(row, col, value, fmt), f"text at {row},{col}")
        elif isinstance(value, bool):
            raise TypeError(f"a bool at {row},{col}; write a label instead")
        elif isinstance(value, int | Decimal):
            checked(sheet.write_number(row, col, number_value(Decimal(value)), fmt), f"number at {row},{col}")
        else:
            raise TypeError(f"cannot write {type(value).__name__} at {row},{col}")

    def heading(self, sheet: Worksheet, title: str, note: str | None = None) -> int:
        """Title in row 1, optional note in row 2; returns the first free row."""
        checked(sheet.write_string(0, 0, title, self.fmt.title), "title")
        if note:
            checked(sheet.write_string(1, 0, note, self.note), "note")
        return 3

    def table(
        self,
        sheet: Worksheet,
        first_row: int,
        columns: Sequence[tuple[str, float]],
        rows: Sequence[Sequence[Value]],
        formats: Sequence[Format | None] | None = None,
        row_formats: Sequence[Sequence[Format | None]] | None = None,
    ) -> int:
        """An Excel table with filters (headers, then rows); returns the row after it.

        With no rows there is nothing to filter, so only the header is written.
        """
        for col, (header, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        for offset, values in enumerate(rows, start=1):
            fmts = row_formats[offset - 1] if row_formats else formats or [None] * len(columns)
            for col, value in enumerate(values):
                self.put(sheet, first_row + offset, col, value, fmts[col])
        if not rows:
            for col, (header, _) in enumerate(columns):
                checked(sheet.write_string(first_row, col, header, self.section_header), header)
            return first_row + 1
        self.tables += 1
        checked(
            sheet.add_table(
                first_row,
                0,
                first_row + len(rows),
                len(columns) - 1,
                {"name": f"kompass_table_{self.tables}", "style": TABLE_STYLE, "columns": [{"header": h, "header_format": self.section_header} for h, _ in columns]},
            ),
            "a table",
        )
        return first_row + len(rows) + 1

    def page(self, sheet: Worksheet, landscape: bool = True) -> None:
        title = header_text(self.label("nat_title"))
        print_setup(sheet, f"&L{title}&R&A", f"&C{self.label('page_footer')}", landscape=landscape)

    def shown_value(self, value: Decimal) -> Decimal:
        return round_half_up(value, SHOWN_PLACES)

    def population_label(self, size: PopulationClass | None) -> str | None:
        return None if size is None else self.label(f"nat_pop_{size.value}")

    def identity(self, result: WorkbookResult) -> list[Value]:
        """Municipality, year, framework, evaluators, group, population, size class."""
        ev = result.evaluation
        assert ev is not None
        size = None if ev.population is None else PopulationClass.of(ev.population)
        return [ev.municipality, ev.year, ev.framework, ", ".join(ev.evaluators), (ev.municipality_group or "").strip() or None, ev.population, self.population_label(size)]

    def identity_columns(self) -> list[tuple[str, float]]:
        return [
            (self.label("nat_col_municipality"), 18),
            (self.label("nat_col_year"), 8),
            (self.label("nat_col_framework"), 11),
            (self.label("nat_col_evaluators"), 26),
            (self.label("nat_col_group"), 22),
            (self.label("nat_col_population"), 11),
            (self.label("nat_col_population_class"), 22),
        ]

    # --- evaluations -----------------------------------------------------------------------

    def write_evaluations(self, sheet: Worksheet) -> None:
        first = self.heading(sheet, self.label("nat_evaluations_title"), self.label("nat_evaluations_note"))
        columns = self.identity_columns()
        columns += [(self.label("nat_col_area_n", number=n), 10) for n in range(1, 9)]
        columns += [(self.label("nat_col_total"), 10), (self.label("nat_col_file"), 36), (self.label("nat_col_sha256"), 20), (self.label("nat_col_workbook_id"), 20)]
        rows = []
        for result in self.outcome.merged:
            points = [result.area_points().get(n) for n in range(1, 9)]
            rows.append([*self.identity(result), *points, result.total, result.path, result.sha256, result.evaluation.workbook_id])
        self.table(sheet, first, columns, rows, formats=[self.cell_text] * 7 + [self.exact] * 9 + [self.cell_text] * 3)
        sheet.freeze_panes(first + 1, 1)
        self.page(sheet)

    # --- averages and groups ---------------------------------------------------------------

    def statistics_columns(self) -> list[tuple[str, float]]:
        return [
            (self.label("nat_col_level"), 13),
            (self.label("nat_col_id"), 6),
            (self.label("nat_col_title"), 48),
            (self.label("nat_col_max_points"), 10),
            (self.label("nat_col_count"), 8),
            (self.label("nat_col_mean"), 11),
            (self.label("nat_col_median"), 9),
            (self.label("nat_col_min"), 9),
            (self.label("nat_col_max"), 9),
            (self.label("nat_col_q1"), 10),
            (self.label("nat_col_q3"), 10),
            (self.label("nat_col_mean_exact"), 30),
        ]

    def statistics_rows(self, framework: Framework, summary: GroupSummary) -> list[tuple[list[Value], bool]]:
        """Each area, its sub-questions, then the total: (values, is a summary row)."""
        rows = []
        for area in framework.areas:
            rows.append((self.figure(self.label("nat_level_area"), str(area.number), area.title, area.max, summary.areas[area.number]), True))
            for question in area.questions:
                rows.append((self.figure(self.label("nat_level_question"), question.id, question.title, question.max, summary.questions[question.id]), False))
        rows.append((self.figure(self.label("nat_level_total"), None, self.label("nat_col_total"), framework.max, summary.total), True))
        return rows

    def figure(self, level: str, figure_id: str | None, title: str, maximum: int, stats: Statistics) -> list[Value]:
        shown = self.shown_value
        return [level, figure_id, title, maximum, stats.count, shown(stats.mean), shown(stats.median), stats.minimum, stats.maximum, shown(stats.q1), shown(stats.q3), points_text(stats.mean)]

    def statistics_formats(self, bold: bool, lead: int) -> list[Format]:
        text, shown, exact = (self.exact_bold, self.shown_bold, self.exact_bold) if bold else (self.cell_text, self.shown, self.exact)
        return [text] * (lead + 3) + [exact, exact, shown, shown, exact, exact, shown, shown, text]

    def write_averages(self, sheet: Worksheet) -> None:
        first = self.heading(sheet, self.label("nat_averages_title"), self.label("nat_averages_note", exact=self.label("nat_col_mean_exact")))
        columns = [(self.label("nat_col_framework"), 11), (self.label("nat_col_scope"), 11), *self.statistics_columns()]
        rows, formats = [], []
        for summary in self.outcome.versions:
            scopes = [(self.label("nat_scope_all"), summary.overall)]
            scopes += [(self.label("nat_scope_year", year=year), group) for year, group in summary.by_year.items()]
            for scope, group in scopes:
                for values, bold in self.statistics_rows(summary.framework, group):
                    rows.append([summary.id, scope, *values])
                    formats.append(self.statistics_formats(bold, 2))
        self.table(sheet, first, columns, rows, row_formats=formats)
        sheet.freeze_panes(first + 1, 0)
        self.page(sheet)

    def write_groups(self, sheet: Worksheet) -> None:
        first = self.heading(sheet, self.label("nat_groups_title"), self.label("nat_groups_note"))
        columns = [(self.label("nat_col_framework"), 11), (self.label("nat_col_dimension"), 16), (self.label("nat_col_grouping_value"), 26), *self.statistics_columns()]
        rows, formats = [], []
        for summary in self.outcome.versions:
            groupings = [(self.label("nat_dimension_group"), name, group) for name, group in summary.by_group.items()]
            groupings += [(self.label("nat_dimension_population"), self.population_label(size), group) for size, group in summary.by_population.items()]
            for dimension, name, group in groupings:
                for values, bold in self.statistics_rows(summary.framework, group):
                    rows.append([summary.id, dimension, name, *values])
                    formats.append(self.statistics_formats(bold, 3))
        self.table(sheet, first, columns, rows, row_formats=formats)
        sheet.freeze_panes(first + 1, 0)
        self.page(sheet)

    # --- distribution ----------------------------------------------------------------------

    def write_distribution(self, sheet: Worksheet) -> None:
        row = self.heading(sheet, self.label("nat_distribution_title"))
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 10, 12)
        sheet.set_column(11, 11, 3)
        sheet.set_column(CHART_DATA_COL, CHART_DATA_COL + len(BOX_SEGMENTS), 14)
        checked(sheet.write_string(row, 0, self.label("nat_best_title"), self.fmt.section), "best")
        row += 1
        self.header_row(sheet, row, [self.label(key) for key in ("nat_col_framework", "nat_col_best_who", "nat_col_best_total", "nat_col_evaluations")])
        for summary in self.outcome.versions:
            for best in summary.best:
                row += 1
                who = f"{best.evaluation.municipality} {best.evaluation.year or ''}".strip()
                for col, value in enumerate((summary.id, who, best.total, len(summary.evaluations))):
                    self.put(sheet, row, col, value, self.cell_text)
        row += 3
        for summary in self.outcome.versions:
            row = self.write_version_distribution(sheet, row, summary) + 2
        self.page(sheet)

    def header_row(self, sheet: Worksheet, row: int, texts: Sequence[str], first_col: int = 0) -> None:
        for col, text in enumerate(texts, start=first_col):
            checked(sheet.write_string(row, col, text, self.section_header), text)
        sheet.set_row(row, 30)

    def write_version_distribution(self, sheet: Worksheet, row: int, summary: VersionSummary) -> int:
        """Quartiles with a box-like chart, and counts per tenth of the max with a column chart."""
        name, fw = sheet.get_name(), summary.framework
        checked(sheet.write_string(row, 0, self.label("nat_version_heading", version=fw.id, count=len(summary.evaluations)), self.fmt.section), "version")
        row += 1
        checked(sheet.write_string(row, 0, self.label("nat_quartiles_title"), self.fmt.meta_key), "quartiles")
        checked(sheet.write_string(row, CHART_DATA_COL, self.label("nat_chart_data"), self.fmt.meta_key), "chart data")
        row += 1
        header_row = row
        headers = ("nat_col_area", "nat_col_title", "nat_col_count", "nat_col_min", "nat_col_q1", "nat_col_median", "nat_col_q3", "nat_col_max")
        self.header_row(sheet, row, [self.label(key) for key in headers])
        self.header_row(sheet, row, [self.label(key) for key in (*BOX_SEGMENTS, "nat_col_median")], CHART_DATA_COL)
        figures = [(self.label("nat_col_area_n", number=a.number), a.title, summary.overall.areas[a.number]) for a in fw.areas]
        figures.append((self.label("nat_col_total"), "", summary.overall.total))
        shown = self.shown_value
        for figure, title, stats in figures:
            row += 1
            values = (figure, title, stats.count, stats.minimum, shown(stats.q1), shown(stats.median), shown(stats.q3), stats.maximum)
            fmts = (self.cell_text, self.cell_text, self.exact, self.exact, self.shown, self.shown, self.shown, self.exact)
            for col, (value, fmt) in enumerate(zip(values, fmts, strict=True)):
                self.put(sheet, row, col, value, fmt)
            parts = (stats.minimum, stats.q1 - stats.minimum, stats.median - stats.q1, stats.q3 - stats.median, stats.maximum - stats.q3, stats.median)
            for col, part in enumerate(parts, start=CHART_DATA_COL):
                self.put(sheet, row, col, part, self.exact)
        box_chart = self.box_chart(name, fw, header_row)

        row += 2
        checked(sheet.write_string(row, 0, self.label("nat_bands_title"), self.fmt.meta_key), "bands")
        row += 1
        band_header = row
        texts = [self.label("nat_col_band"), self.label("nat_col_total_points")]
        texts += [self.label("nat_col_area_n", number=a.number) for a in fw.areas] + [self.label("nat_col_total")]
        self.header_row(sheet, row, texts)
        for index, total_band in enumerate(summary.total_bands):
            row += 1
            self.put(sheet, row, 0, self.band_label(total_band, fw.max), self.cell_text)
            self.put(sheet, row, 1, self.band_points(total_band), self.cell_text)
            for col, area in enumerate(fw.areas, start=2):
                self.put(sheet, row, col, summary.area_bands[area.number][index].count, self.exact)
            self.put(sheet, row, len(fw.areas) + 2, total_band.count, self.exact)
        total_col = len(fw.areas) + 2
        bands_chart = self.workbook.add_chart({"type": "column"})
        bands_chart.add_series(
            {
                "name": [name, band_header, total_col],
                "categories": [name, band_header + 1, 0, row, 0],
                "values": [name, band_header + 1, total_col, row, total_col],
                "fill": {"color": "#2E75B6"},
                "gap": 40,
            }
        )
        most = max(band.count for band in summary.total_bands)
        bands_chart.set_title({"name": self.label("nat_chart_bands_title", version=fw.id)})
        bands_chart.set_legend({"none": True})
        bands_chart.set_y_axis({"min": 0, "major_unit": max(1, -(-most // 5)), "name": self.label("nat_col_count")})
        bands_chart.set_x_axis({"name": self.label("nat_col_band")})
        for chart in (box_chart, bands_chart):
            chart.set_size({"width": 600, "height": 340})
        row += 2
        checked(sheet.insert_chart(row, 0, box_chart), "box chart")
        checked(sheet.insert_chart(row, 5, bands_chart), "bands chart")
        return row + 18

    def box_chart(self, name: str, fw: Framework, header_row: int):
        """A box-like stacked column chart per area: an invisible base up to the minimum, four quartile
        segments up to the maximum, and the median as a marker."""
        first, last = header_row + 1, header_row + len(fw.areas)
        chart = self.workbook.add_chart({"type": "column", "subtype": "stacked"})
        fills = [None, "#DEEBF7", "#2E75B6", "#1F4E79", "#DEEBF7"]
        for offset, fill in enumerate(fills):
            col = CHART_DATA_COL + offset
            series = {"name": [name, header_row, col], "categories": [name, first, 0, last, 0], "values": [name, first, col, last, col], "gap": 80}
            if fill is None:
                series.update({"fill": {"none": True}, "border": {"none": True}})
            else:
                series.update({"fill": {"color": fill}, "border": {"color": "#404040"}})
            chart.add_series(series)
        median_col = CHART_DATA_COL + len(BOX_SEGMENTS)
        median = self.workbook.add_chart({"type": "line"})
        median.add_series(
            {
                "name": [name, header_row, median_col],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, median_col, last, median_col],
                "line": {"none": True},
                "marker": {"type": "diamond", "size": 8, "fill": {"color": "#C00000"}, "border": {"color": "#C00000"}},
            }
        )
        chart.combine(median)
        chart.set_title({"name": self.label("nat_chart_box_title", version=fw.id)})
        chart.set_legend({"position": "bottom", "delete_series": [0]})
        chart.set_y_axis({"min": 0, "max": max(area.max for area in fw.areas), "name": self.label("nat_col_score")})
        return chart

    def band_points(self, band: Band) -> str:
        """A band in points: '0–<80' ... '720–800'."""
        low, high = number_text(band.lower, self.lang), number_text(band.upper, self.lang)
        return f"{low}–{high}" if band.last else f"{low}–<{high}"

    def band_label(self, band: Band, maximum: int) -> str:
        """A band as a share of the max: '0–<10 %' ... '90–100 %'."""
        low = number_text(band.lower * 100 / maximum, self.lang)
        high = number_text(band.upper * 100 / maximum, self.lang)
        unit = " %" if self.lang is Lang.SV else "%"
        return f"{low}–{high}{unit}" if band.last else f"{low}–<{high}{unit}"

    # --- questions (long format) -----------------------------------------------------------

    def write_questions(self, sheet: Worksheet) -> None:
        first = self.heading(sheet, self.label("nat_questions_title"))
        columns = self.identity_columns()
        columns += [
            (self.label("nat_col_area"), 8),
            (self.label("nat_col_question"), 9),
            (self.label("nat_col_question_title"), 48),
            (self.label("nat_col_max_points"), 10),
            (self.label("nat_col_score"), 9),
            (self.label("nat_col_comment"), 60),
            (self.label("nat_col_file"), 36),
            (self.label("nat_col_workbook_id"), 20),
        ]
        rows = []
        for summary in self.outcome.versions:
            fw = summary.framework
            for result in summary.evaluations:
                ev = result.evaluation
                lead = self.identity(result)
                for question in fw.questions:
                    area = fw.area_of(question.id)
                    rows.append([*lead, area.number, question.id, question.title, question.max, ev.scores[question.id], ev.comments.get(question.id) or None, result.path, ev.workbook_id])
        self.table(sheet, first, columns, rows, formats=[self.cell_text] * 7 + [self.exact, self.cell_text, self.cell_text, self.exact, self.exact, self.cell_text, self.cell_text, self.cell_text])
        sheet.freeze_panes(first + 1, 0)
        self.page(sheet)

    # --- rejected, conflicts, duplicates ---------------------------------------------------

    def write_rejected(self, sheet: Worksheet) -> None:
        first = self.heading(sheet, self.label("nat_rejected_title"), self.label("nat_rejected_note"))
        if not self.outcome.rejected:
            checked(sheet.write_string(first, 0, self.label("nat_rejected_none"), self.fmt.plain), "none")
            self.page(sheet)
            return
        columns = [
            (self.label("nat_col_file"), 36),
            (self.label("nat_col_framework"), 11),
            (self.label("nat_col_municipality"), 18),
            (self.label("nat_col_year"), 8),
            (self.label("nat_col_code"), 26),
            (self.label("nat_col_severity"), 12),
            (self.label("nat_col_location"), 24),
            (self.label("nat_col_message"), 80),
            (self.label("nat_col_sha256"), 20),
        ]
        rows = []
        for result in self.outcome.rejected:
            ev = result.evaluation
            lead = [result.path, result.framework, ev.municipality or None if ev else None, ev.year if ev else None]
            if not result.findings:
                rows.append([*lead, None, None, None, self.label("nat_rejected_no_totals"), result.sha256])
            for finding in result.findings:
                rows.append([*lead, finding.code.value, finding.severity.value, finding.location or None, finding.message, result.sha256])
        self.table(sheet, first, columns, rows, formats=[self.cell_text] * 7 + [self.cell_wrap, self.cell_text])
        sheet.freeze_panes(first + 1, 1)
        self.page(sheet)

    def write_conflicts(self, sheet: Worksheet) -> None:
        row = self.heading(sheet, self.label("nat_conflicts_title"), self.label("nat_conflicts_note"))
        lead = [(self.label("nat_col_file"), 36), (self.label("nat_col_municipality"), 18), (self.label("nat_col_year"), 8), (self.label("nat_col_framework"), 11)]
        columns = lead + [
            (self.label("nat_col_conflict"), 30),
            (self.label("nat_col_total"), 36),
            (self.label("nat_col_workbook_id"), 20),
            (self.label("nat_col_evaluators"), 26),
            (self.label("nat_col_sha256"), 20),
        ]
        rows = []
        for number, conflict in enumerate(self.outcome.conflicts, start=1):
            for result in conflict.results:
                ev = result.evaluation
                rows.append([result.path, ev.municipality, ev.year, ev.framework, number, result.total, ev.workbook_id or None, ", ".join(ev.evaluators) or None, result.sha256])
        if rows:
            formats = [self.cell_text] * 4 + [self.exact, self.exact] + [self.cell_text] * 3
            row = self.table(sheet, row, columns, rows, formats=formats) + 2
        else:
            checked(sheet.write_string(row, 0, self.label("nat_conflicts_none"), self.fmt.plain), "none")
            row += 2
        checked(sheet.write_string(row, 0, self.label("nat_duplicates_title"), self.fmt.title), "duplicates")
        checked(sheet.write_string(row + 1, 0, self.label("nat_duplicates_note"), self.note), "duplicates note")
        row += 3
        if self.outcome.duplicates:
            reasons = {DuplicateReason.SAME_FILE: "nat_reason_same_file", DuplicateReason.SAME_WORKBOOK: "nat_reason_same_workbook"}
            # the same first columns as the conflicts above, so the two tables share column widths
            columns = lead + [(self.label("nat_col_reason"), 30), (self.label("nat_col_duplicate_of"), 36), (self.label("nat_col_sha256"), 20)]
            rows = [
                [d.result.path, d.result.evaluation.municipality, d.result.evaluation.year, d.result.framework, self.label(reasons[d.reason]), d.original.path, d.result.sha256]
                for d in self.outcome.duplicates
            ]
            self.table(sheet, row, columns, rows, formats=[self.cell_text] * 7)
        else:
            checked(sheet.write_string(row, 0, self.label("nat_duplicates_none"), self.fmt.plain), "none")
        self.page(sheet)

    # --- about -----------------------------------------------------------------------------

    def write_about(self, sheet: Worksheet) -> None:
        outcome = self.outcome
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 90)
        row = self.heading(sheet, self.label("nat_about_title"))
        versions = ", ".join(self.label("nat_about_version_count", version=v.id, count=len(v.evaluations)) for v in outcome.versions)
        facts = [
            ("nat_about_created", self.created.strftime("%Y-%m-%d %H:%M %Z").strip()),
            ("nat_about_tool", tool_version()),
            ("nat_about_inputs", outcome.inputs),
            ("nat_about_merged", len(outcome.merged)),
            ("nat_about_rejected", len(outcome.rejected)),
            ("nat_about_duplicates", len(outcome.duplicates)),
            ("nat_about_conflicts", sum(len(c.results) for c in outcome.conflicts)),
            ("nat_about_versions", versions or self.label("nat_none")),
        ]
        for key, value in facts:
            checked(sheet.write_string(row, 0, self.label(key), self.fmt.label), key)
            self.put(sheet, row, 1, value, self.fact)
            row += 1
        row += 1
        checked(sheet.write_string(row, 0, self.label("nat_about_rules_title"), self.fmt.section), "rules")
        for paragraph in self.label("nat_about_rules").split("\n"):
            row += 1
            checked(sheet.merge_range(row, 0, row, 1, paragraph, self.fmt.plain), "rule")
            sheet.set_row(row, 30)
        self.page(sheet, landscape=False)

    # --- hidden sheets ---------------------------------------------------------------------

    def write_evaluation_rows(self, sheet: Worksheet) -> None:
        """One row of text per merged evaluation, for `kompass report --national` (kompass_xlsx.national)."""
        for row, values in enumerate(evaluation_rows(self.outcome)):
            for col, value in enumerate(values):
                checked(sheet.write_string(row, col, value), f"{EVALUATIONS_SHEET} {row},{col}")
        sheet.hide()

    def write_meta(self, sheet: Worksheet) -> None:
        rows = (
            ("kind", "national"),
            ("tool_version", tool_version()),
            ("lang", self.lang.value),
            ("created", self.created.isoformat()),
            ("framework_versions", ",".join(self.outcome.framework_versions)),
            ("evaluations", str(len(self.outcome.merged))),
        )
        for row, (key, value) in enumerate(rows):
            checked(sheet.write_string(row, 0, key), key)
            checked(sheet.write_string(row, 1, value), key)
        sheet.hide()


def evaluation_rows(outcome: MergeOutcome) -> list[tuple[str, ...]]:
    """The `_evaluations` sheet as text: the header, then one row per merged evaluation ('' when unknown)."""
    return [EVALUATION_COLUMNS, *(NationalRow.from_workbook_result(result).to_texts() for result in outcome.merged)]


def build_national_workbook(outcome: MergeOutcome, lang: Lang | str = Lang.SV, created: datetime | None = None) -> bytes:
    """The national summary workbook of a merge as .xlsx bytes.

    Args:
        outcome: what merge_results gave.
        lang: language of the tool's own labels.
        created: time of the run, shown on the About sheet; fixed by default for reproducible output.
    """
    return NationalWriter(outcome, Lang(lang), created or FIXED_CREATED).build()
