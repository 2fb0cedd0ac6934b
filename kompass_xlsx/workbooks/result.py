"""The municipality's result workbook (`kompass report`): a one-page summary report, one sheet per
area, comparisons, charts, about.

The figures come decided from report_figures.py (the same ones the written report uses): which
reference averages may be shown, the change since the most recent comparable earlier evaluation,
the strongest and weakest areas. Every figure is exact before it is written; a figure shown rounded
(percent, averages) is rounded once from the exact value. The comparison and charts sheets and the
profile chart are written by result_comparison.py, the cells and pages by result_cells.py; imports
run one way, from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from .. import tool_version
from ..aggregation import MIN_QUARTILE_COUNT, NoQuartile
from ..comparison import PreviousResult
from ..errors import KompassError
from ..labels import Lang, counted_label
from ..models import Area, Comparability, Framework
from ..national import NationalFigures, NationalRow
from ..report_figures import AreaFigure, AreaHighlight, ReferenceKind, report_figures
from ..results import WorkbookResult
from .common import FIXED_CREATED, Formats, checked, evaluators_text, finish, new_workbook, rows_of_text, word_width, write_key_values
from .result_cells import QUARTILE_FILLS, WRAP_SAFETY, ResultCells, is_number_like
from .result_comparison import ComparisonSheets, ProfileLayout, hidden_reference_line, reference_series_name

__all__ = ["QUARTILE_FILLS", "ResultWriter", "build_result_workbook", "word_width"]

SUMMARY_WIDTH = Decimal(92)
"""Characters of column width the summary's table spans: A4 portrait at full size."""
SUMMARY_CHART_HEIGHT = 270  # pixels
SUMMARY_CHART_ROWS = 14  # rows of 20 pixels the chart covers, with a margin
AREA_WIDTHS = (6.5, 28, 7, 9.1, 8.2, 32)
"""Columns of an area sheet: question, sub-question, points, max, percent, comment."""


class ResultWriter(ResultCells):
    """Writes one result workbook; one instance per workbook."""

    def __init__(
        self,
        framework: Framework,
        result: WorkbookResult,
        previous: Sequence[PreviousResult],
        national: NationalFigures | None,
        source_name: str,
        source_sha256: str,
        lang: Lang,
        created: datetime,
    ) -> None:
        ev = result.evaluation
        if not result.valid or ev is None or result.total is None:
            raise KompassError(f"{result.path}: not a valid evaluation; a result workbook needs complete, valid scores")
        if ev.framework != framework.id:
            raise KompassError(f"{result.path}: scored under framework {ev.framework}, not {framework.id}")
        if national is not None and national.framework != framework.id:
            raise KompassError(f"national figures of framework {national.framework} cannot be compared with framework {framework.id}")
        super().__init__(framework, f"{ev.municipality} {ev.year}", lang)
        self.result, self.ev = result, ev
        self.figures = report_figures(framework, result, previous, national)
        self.points = result.area_points()
        self.total: Decimal = result.total
        self.comparisons = self.figures.comparisons
        self.national = national
        self.own = NationalRow.from_workbook_result(result)
        self.group_name = self.figures.group_name
        self.source_name, self.source_sha256 = source_name, source_sha256
        self.created = created

    # --- the workbook ------------------------------------------------------------------------

    def build(self) -> bytes:
        self.workbook, buffer = new_workbook()
        self.fmt = Formats(self.workbook)
        self.add_formats()
        self.set_properties()
        summary = self.workbook.add_worksheet(self.label("res_sheet_summary"))
        charts = self.workbook.add_worksheet(self.label("res_sheet_charts"))
        comparison = self.workbook.add_worksheet(self.label("res_sheet_comparison"))
        area_sheets = [(self.workbook.add_worksheet(area.sheet_name), area) for area in self.fw.areas]
        about = self.workbook.add_worksheet(self.label("res_sheet_about"))
        sheets = ComparisonSheets(self, self.figures, self.national, self.own)
        profile = sheets.write_comparison(comparison)
        self.write_summary(summary, sheets, profile)
        sheets.write_charts(charts, profile)
        for sheet, area in area_sheets:
            self.write_area(sheet, area)
        self.write_about(about)
        ev = self.ev
        meta = write_key_values(
            self.workbook,
            (
                ("kind", "result"),
                ("framework", self.fw.id),
                ("tool_version", tool_version()),
                ("municipality", ev.municipality),
                ("year", str(ev.year or "")),
                ("lang", self.lang.value),
                ("source_sha256", self.result.sha256),
            ),
        )
        meta.ignore_errors({"number_stored_as_text": "B1:B7"})  # the year and version are text there, as readers expect
        summary.activate()
        return finish(self.workbook, buffer)

    def set_properties(self) -> None:
        self.workbook.set_properties(
            {
                "title": f"Kommunkompassen {self.fw.id} – {self.who} – {self.label('res_subject')}",
                "subject": self.label("res_subject"),
                "author": evaluators_text(self.ev.evaluators),
                "company": "Kommunkompassen",
                "comments": f"workbook_id {self.ev.workbook_id}" if self.ev.workbook_id else "",
                "created": self.created,
            }
        )

    # --- summary: the one-page report ----------------------------------------------------------

    def summary_columns(self) -> list[tuple[str, str, Decimal]]:
        """(key, header, width) of the summary's area table; only columns with something to show."""
        f = self.figures
        columns = [
            ("area", self.label("res_col_area"), Decimal(7)),
            ("title", self.label("res_col_title"), Decimal(0)),
            ("points", self.label("res_col_points"), Decimal(7)),
            ("max", self.label("res_col_max"), Decimal(6)),
            ("percent", self.label("res_col_percent"), Decimal("8.5")),
        ]
        if f.change is not None and f.change.verdict is not Comparability.NONE:
            columns.append(("change", self.label("res_col_change_since", year=f.change.previous.year), Decimal(9)))
        if f.national is not None and f.national.shown:
            columns += [("national", self.label("res_col_national_short"), Decimal(8)), ("national_diff", self.label("res_col_difference"), Decimal("9.5"))]
        if f.group is not None and f.group.shown:
            columns += [("group", self.label("res_col_group_short"), Decimal(8)), ("group_diff", self.label("res_col_difference"), Decimal("9.5"))]
        if f.position is not None:
            columns.append(("quartile", self.label("res_col_quartile"), Decimal(8)))
        columns = [(key, text, max(width, (word_width(text, bold=True) / WRAP_SAFETY).quantize(Decimal('0.1')))) for key, text, width in columns]
        rest = sum((width for key, _, width in columns if key != "title"), Decimal(0))
        return [(key, text, max(Decimal(26), SUMMARY_WIDTH - rest) if key == "title" else width) for key, text, width in columns]

    def write_summary(self, sheet: Worksheet, sheets: ComparisonSheets, profile: ProfileLayout) -> None:
        fmt, f = self.fmt, self.figures
        columns = self.summary_columns()
        self.columns(sheet, [width for _, _, width in columns])
        last = len(columns) - 1
        self.string(sheet, 0, 0, self.label("res_title", version=self.fw.id), fmt.title)
        self.need_height(sheet, 0, 24)
        self.string(sheet, 1, 0, self.who, fmt.section)
        line = "res_framework_line_titled" if self.fw.id in self.fw.title else "res_framework_line"
        self.string(sheet, 2, 0, self.label(line, title=self.fw.title, version=self.fw.id), self.f_line)
        total_text = self.label("res_total_line", points=self.num(self.total), max=self.fw.max, percent=self.percent_number(f.total.percent))
        self.string(sheet, 3, 0, total_text, self.f_big)
        self.need_height(sheet, 3, 22)
        row = 4
        self.merged_text(sheet, row, 0, last, self.change_text(), self.f_lead)
        row += 1
        for text in self.reference_lines():
            self.merged_text(sheet, row, 0, last, text, self.f_plain_note)
            row += 1
        row += 1
        chart = sheets.profile_chart(profile, None, sheets.summary_series(profile), by_number=True)
        width_px = int(sum(self.widths[sheet.get_name()].values(), Decimal(0)) * 7) + 5 * len(columns)
        chart.set_size({"width": width_px, "height": SUMMARY_CHART_HEIGHT})
        self.string(sheet, row, 0, self.label("res_chart_profile"), fmt.section)
        row += 1
        checked(sheet.insert_chart(row, 0, chart, {"x_offset": 2, "y_offset": 4, "object_position": 3}), "chart")
        row += SUMMARY_CHART_ROWS
        header_row = row
        for col, (_, text, _) in enumerate(columns):
            self.string(sheet, header_row, col, text, fmt.header)
        keys = [key for key, _, _ in columns]
        area_formats = self.table_formats(f.areas, total=False)
        total_formats = self.table_formats((f.total,), total=True)
        for area in f.areas:
            row += 1
            self.summary_row(sheet, row, keys, area, area_formats)
        row += 1
        self.summary_row(sheet, row, keys, f.total, total_formats)
        row += 2
        for key, highlights, text_key in (("res_strongest", f.strongest, "res_strengths"), ("res_weakest", f.weakest, "res_improvements")):
            self.string(sheet, row, 0, self.label(key), fmt.section)
            for highlight in highlights:
                row = self.highlight_row(sheet, row + 1, last, highlight, text_key)
            row += 2
        notes = [self.label("res_summary_pointer", sheet=self.label("res_sheet_comparison"))]
        if f.shown_references:
            notes.append(self.label("res_rounding_note"))
        for text in notes:
            self.merged_text(sheet, row, 0, last, text, self.f_plain_note)
            row += 1
        self.setup(sheet, one_page=True, repeat=header_row)

    def change_text(self) -> str:
        """The line on the change since the most recent comparable earlier evaluation, with its verdict."""
        change = self.figures.change
        if change is None:
            return self.label("res_change_none")
        previous = change.previous
        verdict = self.label(f"res_verdict_{change.verdict.value}")
        if change.verdict is Comparability.FULL:
            assert change.difference is not None and previous.total is not None
            return self.label(
                "res_change_full", year=previous.year, difference=self.signed(change.difference),
                earlier=self.num(previous.total), points=self.num(self.total), verdict=verdict,
            )
        if change.verdict is Comparability.PARTIAL:
            return self.label(
                "res_change_partial", year=previous.year, version=previous.framework, verdict=verdict,
                count=len(change.compared_areas), areas=len(self.fw.areas),
            )
        key = "res_change_not_version" if previous.framework != self.fw.id else "res_change_not_figures"
        return self.label(key, year=previous.year, version=previous.framework, verdict=verdict)

    def reference_lines(self) -> list[str]:
        """One line per reference: why it is not shown, or what it is over; the position when shown."""
        f, nat = self.figures, self.national
        if nat is None:
            return [self.label("res_no_national")]
        lines = []
        for reference in (f.national, f.group):
            if reference is None:
                continue
            if not reference.shown:
                lines.append(hidden_reference_line(self, reference))
            elif reference.kind is ReferenceKind.NATIONAL:
                lines.append(counted_label("res_national_basis", self.lang, nat.count, version=nat.framework, source=nat.source or "–"))
            else:
                lines.append(counted_label("res_group_basis", self.lang, reference.count, group=reference.name))
        if f.group is None and self.group_name:
            lines.append(self.label("res_group_unknown", group=self.group_name))
        if f.position is not None:
            position = f.position
            lines.append(self.label("res_position", position=position.rank, count=position.count))
            lines.append(self.label("res_best_total", points=self.num(position.best_total), who=position.best_who))
            if any(q is not None for q in position.quartiles.values()):
                lines.append(f"{self.label('res_col_quartile')}: {self.label('res_quartile_names')}. {self.label('res_quartile_note')}")
            reasons = set(position.no_quartile.values()) - {None}
            if NoQuartile.TOO_FEW in reasons:
                lines.append(self.label("res_quartile_too_few", minimum=MIN_QUARTILE_COUNT, count=position.count))
            if NoQuartile.ALL_EQUAL in reasons:
                lines.append(self.label("res_quartile_all_equal"))
        return lines

    def table_formats(self, rows: Sequence[AreaFigure], total: bool) -> dict[str, object]:
        """One number format per column of the summary table (the total row has its own)."""
        return {
            "points": self.points_format((r.points for r in rows), total),
            "max": self.points_format((Decimal(r.max) for r in rows), total),
            "percent": self.percent_format(total),
            "change": self.difference_format((r.change for r in rows if r.change is not None), total),
            "national": self.average_format(total),
            "national_diff": self.difference_format((d for r in rows if (d := r.national_difference) is not None), total),
            "group": self.average_format(total),
            "group_diff": self.difference_format((d for r in rows if (d := r.group_difference) is not None), total),
        }

    def summary_row(self, sheet: Worksheet, row: int, keys: list[str], figure: AreaFigure, formats: dict[str, object]) -> None:
        fmt, is_total = self.fmt, figure.number is None
        values = {
            "points": figure.points, "max": Decimal(figure.max), "percent": figure.percent / 100, "change": figure.change,
            "national": figure.national, "national_diff": figure.national_difference,
            "group": figure.group, "group_diff": figure.group_difference,
        }
        for col, key in enumerate(keys):
            if key == "area":
                if is_total:
                    self.blank(sheet, row, col, fmt.total_label)
                else:
                    self.id_text(sheet, row, col, str(figure.number), fmt.id)
            elif key == "title":
                self.string(sheet, row, col, self.label("res_total") if is_total else figure.title, fmt.total_label if is_total else fmt.text)
            elif key == "quartile":
                if figure.quartile is None:
                    self.string(sheet, row, col, "–", self.f_missing)
                else:
                    self.number(sheet, row, col, figure.quartile, self.quartile_format(figure.quartile, is_total))
            elif values[key] is None:
                self.blank(sheet, row, col, formats[key])
            else:
                point_format = formats[key]
                if key == "points" and figure.quartile is not None:
                    point_format = self.cell_format(formats[key].num_format, is_total, QUARTILE_FILLS[figure.quartile - 1])
                self.number(sheet, row, col, values[key], point_format)

    def highlight_row(self, sheet: Worksheet, row: int, last: int, highlight: AreaHighlight, text_key: str) -> int:
        """'3 | Title (63,0 %)' in bold, and below it the first sentence of its strengths (or
        improvements); the two rows print together. Returns the last row written."""
        self.id_text(sheet, row, 0, str(highlight.number), self.fmt.id)
        self.merged_text(sheet, row, 1, last, f"{highlight.title} ({self.percent_text(highlight.percent)})", self.fmt.total_label)
        self.keep(sheet, row, 1)
        sentence = highlight.sentence or self.label("res_none_given")
        self.blank(sheet, row + 1, 0, self.f_box)
        self.merged_text(sheet, row + 1, 1, last, f"{self.label(text_key)}: {sentence}", self.f_box)
        return row + 1

    # --- areas -------------------------------------------------------------------------------

    def write_area(self, sheet: Worksheet, area: Area) -> None:
        fmt, f = self.fmt, self.figures
        text_width = self.columns(sheet, AREA_WIDTHS)
        last_col = len(AREA_WIDTHS) - 1
        figure = f.area(area.number)
        self.string(sheet, 0, 0, self.label("res_area_title", number=area.number, title=area.title), fmt.title)
        self.need_height(sheet, 0, 24)
        summary = self.label("res_area_points", points=self.num(figure.points), max=area.max)
        self.string(sheet, 1, 0, f"{summary} ({self.percent_text(figure.percent)})", fmt.section)
        row = self.write_area_comparison(sheet, 3, figure)
        header_row = row
        keys = ("res_col_question_id", "res_col_question", "res_col_points", "res_col_max", "res_col_percent", "res_col_comment")
        for col, key in enumerate(keys):
            self.string(sheet, header_row, col, self.label(key), fmt.header)
        scores = [self.ev.scores[q.id] for q in area.questions]
        score_format = self.points_format(scores)
        max_format = self.points_format(Decimal(q.max) for q in area.questions)
        percent_format = self.percent_format()
        for question, score in zip(area.questions, scores):
            row += 1
            self.id_text(sheet, row, 0, question.id, fmt.id)
            self.string(sheet, row, 1, question.title, fmt.text)
            self.number(sheet, row, 2, score, score_format)
            self.number(sheet, row, 3, question.max, max_format)
            self.number(sheet, row, 4, self.percent_value(score, question.max), percent_format)
            comment = self.ev.comments.get(question.id, "")
            if not comment:
                self.blank(sheet, row, 5, fmt.text)
                continue
            pieces = rows_of_text(comment, Decimal(str(AREA_WIDTHS[5])) * WRAP_SAFETY)
            self.string(sheet, row, 5, pieces[0], fmt.text)
            for piece in pieces[1:]:  # a comment taller than a row goes on in the rows below it
                row += 1
                for col in range(5):
                    self.blank(sheet, row, col, fmt.text)
                self.string(sheet, row, 5, piece, fmt.text)
        row += 1
        self.blank(sheet, row, 0, fmt.total_label)
        self.string(sheet, row, 1, self.label("res_area_sum", number=area.number), fmt.total_label)
        self.number(sheet, row, 2, figure.points, self.points_format([figure.points], True))
        self.number(sheet, row, 3, area.max, self.points_format([Decimal(area.max)], True))
        self.number(sheet, row, 4, figure.percent / 100, self.percent_format(True))
        self.blank(sheet, row, 5, fmt.total_label)
        for key, texts in (("res_strengths", self.ev.strengths), ("res_improvements", self.ev.improvements)):
            row += 2
            self.string(sheet, row, 0, self.label(key), fmt.section)
            self.keep(sheet, row, 1)
            text = texts.get(area.number, "")
            paragraphs = [p for p in text.split("\n") if p.strip()] if text.strip() else []
            if not paragraphs:
                row += 1
                self.merged_text(sheet, row, 0, last_col, self.label("res_none_given"), self.f_box_empty, text_width)
            for paragraph in paragraphs:
                for piece in rows_of_text(paragraph, text_width * WRAP_SAFETY):  # a paragraph taller than a row goes on below
                    row += 1
                    self.merged_text(sheet, row, 0, last_col, piece, self.f_box, text_width)
        self.setup(sheet, repeat=header_row)

    def write_area_comparison(self, sheet: Worksheet, row: int, figure: AreaFigure) -> int:
        """The area against the earlier comparable evaluation and the reference averages shown;
        a line for each reference that is not shown. Returns the row for the question table."""
        fmt, f, number = self.fmt, self.figures, figure.number
        assert number is not None
        lines: list[tuple[str, Decimal | None, Decimal | None, str]] = []  # label, figure, difference, verdict
        change = f.change
        if change is not None:
            earlier = change.area(number)
            verdict = self.label(f"res_verdict_{earlier.comparability.value}")
            figure_then = earlier.earlier_points if earlier.difference is not None else None
            lines.append((change.previous.label, figure_then, earlier.difference, verdict))
        for reference in f.shown_references:
            average = reference.average(number)
            lines.append((reference_series_name(self, reference), average, reference.difference(number, figure.points), ""))
        hidden = [hidden_reference_line(self, r) for r in f.references if not r.shown]
        if not lines and not hidden:
            return row
        if lines:
            self.string(sheet, row, 0, self.label("res_area_compared"), fmt.section)
            self.keep(sheet, row, 2)
            row += 1
            for col, key in ((1, "res_col_compared_with"), (2, "res_col_points"), (3, "res_col_difference")):
                self.string(sheet, row, col, self.label(key), fmt.header)
            self.merged_text(sheet, row, 4, 5, self.label("res_col_verdict"), fmt.header)
            values = [v for _, v, _, _ in lines if v is not None]
            value_format = self.cell_format("0.0" if any(v != v.to_integral_value() for v in values) or f.shown_references else "0")
            diff_format = self.difference_format([d for _, _, d, _ in lines if d is not None] + ([Decimal("0.1")] if f.shown_references else []))
            for text, value, difference, verdict in lines:
                row += 1
                self.string(sheet, row, 1, text, fmt.text)
                if value is None:
                    self.string(sheet, row, 2, "–", self.f_missing)
                else:
                    self.number(sheet, row, 2, value, value_format)
                if difference is None:
                    self.blank(sheet, row, 3, diff_format)
                else:
                    self.number(sheet, row, 3, difference, diff_format)
                self.merged_text(sheet, row, 4, 5, verdict, fmt.text)
            row += 1
        for text in hidden:
            self.merged_text(sheet, row, 0, len(AREA_WIDTHS) - 1, text, self.f_plain_note)
            row += 1
        return row + 1

    # --- about -------------------------------------------------------------------------------

    def write_about(self, sheet: Worksheet) -> None:
        fmt, ev = self.fmt, self.ev
        self.columns(sheet, (30, 90))
        self.string(sheet, 0, 0, self.label("res_about_title"), fmt.title)
        self.need_height(sheet, 0, 24)
        rows: list[tuple[str, object]] = [
            ("res_about_municipality", ev.municipality),
            ("res_about_year", ev.year),
            ("res_about_date", ev.evaluation_date),
            ("res_about_evaluators", evaluators_text(ev.evaluators)),
            ("res_about_population", ev.population),
            ("res_about_group", self.group_name or ""),
            ("res_about_framework", self.fw.title if self.fw.id in self.fw.title else f"{self.fw.title} ({self.fw.id})"),
            ("res_about_workbook_id", ev.workbook_id),
            ("res_about_source", self.source_name),
            ("res_about_sha256", self.source_sha256),
            ("res_about_tool", f"kompass-xlsx {tool_version()}"),
            ("res_about_created", self.created.strftime("%Y-%m-%d %H:%M %Z").strip()),
        ]
        for comparison in self.comparisons:
            previous = comparison.previous
            parts = [f"{previous.label}, Kommunkompassen {previous.framework}", previous.source or self.label("res_published_report")]
            if previous.sha256:
                parts.append(f"SHA-256 {previous.sha256}")
            if previous.note:
                parts.append(previous.note)
            rows.append(("res_about_previous", " – ".join(parts)))
        if self.national is not None:
            nat = self.national
            parts = [nat.source or "–", counted_label("res_national_basis", self.lang, nat.count, version=nat.framework, source=nat.source or "–")]
            if nat.sha256:
                parts.insert(1, f"SHA-256 {nat.sha256}")
            rows.append(("res_about_national", " – ".join(parts)))
        row = 1
        for key, value in rows:
            row += 1
            self.string(sheet, row, 0, self.label(key), fmt.label)
            if value is None or value == "":
                self.blank(sheet, row, 1, fmt.text)
            elif isinstance(value, int):
                self.number(sheet, row, 1, value, self.f_left)
            elif key == "res_about_date":
                checked(sheet.write_datetime(row, 1, datetime.combine(value, datetime.min.time()), self.f_date), "date")
            else:
                text = str(value)
                if is_number_like(text):
                    self.id_text(sheet, row, 1, text, fmt.text)
                else:
                    self.string(sheet, row, 1, text, fmt.text)
        row += 2
        self.string(sheet, row, 0, self.label("res_about_numbers"), self.f_line)
        self.setup(sheet)


def build_result_workbook(
    framework: Framework,
    result: WorkbookResult,
    previous: Sequence[PreviousResult] = (),
    national: NationalFigures | None = None,
    source_name: str = "",
    source_sha256: str = "",
    lang: Lang | str = Lang.SV,
    created: datetime | None = None,
) -> bytes:
    """The result workbook of one evaluation as .xlsx bytes.

    Args:
        framework: the framework version the evaluation was scored under.
        result: the checked evaluation; it must be valid (complete scores, no errors).
        previous: earlier evaluations to compare with (any framework version).
        national: national figures of the same framework version, or None.
        source_name: the scoring workbook's file name, shown on the About sheet.
        source_sha256: its SHA-256.
        lang: language of the labels (sv or en).
        created: creation time; fixed for reproducible output.

    Raises:
        KompassError: the result is not valid, or the national figures are of another version.
    """
    return ResultWriter(framework, result, previous, national, source_name, source_sha256, Lang(lang), created or FIXED_CREATED).build()
