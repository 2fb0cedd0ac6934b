"""The municipality's result workbook (`kompass report`): summary, areas, comparisons, charts, about.

Every figure is computed exactly before it is written: points and differences are exact decimals,
and a figure shown rounded (percent, averages) is rounded once from the exact value, with the
shown parts of a table adding up to its shown total. The charts are native Excel charts that read
their data from the profile table on the comparison sheet; those two sheets are written by
result_comparison.py, the rest here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .. import tool_version
from ..aggregation import MIN_QUARTILE_COUNT, NoQuartile
from ..comparison import PreviousResult, compare_all
from ..errors import KompassError
from ..labels import Lang, counted_label, label, number_text
from ..models import Area, Comparability, Framework
from ..national import GroupFigures, NationalFigures, NationalRow
from ..results import WorkbookResult
from ..scoring import percent, round_half_up
from .common import FIXED_CREATED, Formats, checked, evaluators_text, finish, fit, header_text, new_workbook, number_value, print_setup, rows_of_text, set_width, text_height, word_width, write_key_values
from .result_comparison import ComparisonSheets

QUARTILE_FILLS = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6")
"""Quartile 1..4: one hue, lighter to darker, so colour reads as position, not as good or bad."""
VERDICT_FILLS = {Comparability.FULL: "#E2EFDA", Comparability.PARTIAL: "#FFF2CC", Comparability.NONE: "#EDEDED"}
PERCENT_PLACES = 1
DIFFERENCE_FORMAT = "+General;-General;0"
DEFAULT_ROW_HEIGHT = 15


class ResultWriter(ComparisonSheets):
    """Writes one result workbook; one instance per workbook (the comparison and charts sheets: ComparisonSheets)."""

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
        self.fw, self.result, self.ev = framework, result, ev
        self.points = result.area_points()
        self.total: Decimal = result.total
        self.comparisons = compare_all(framework, self.points, self.total, previous)
        self.national = national
        self.own = NationalRow.from_workbook_result(result)  # this evaluation as a national row, to find it there
        self.group: GroupFigures | None = None
        self.group_name = ev.municipality_group or self._group_from_national()
        if national is not None:
            self.group = national.group(self.group_name)
        self.source_name, self.source_sha256 = source_name, source_sha256
        self.lang, self.created = lang, created
        self.workbook: Workbook
        self.fmt: Formats
        self.widths: dict[str, dict[int, Decimal]] = {}
        self.heights: dict[str, dict[int, int]] = {}
        self.wrapping: dict[int, tuple[int, bool]] = {}  # id(format) -> (font size, bold) of formats that wrap

    def _group_from_national(self) -> str | None:
        """The group the national summary gives this very evaluation, if the scoring workbook gives none."""
        row = None if self.national is None else self.national.row_of(self.own)
        return None if row is None else row.municipality_group

    # --- helpers -----------------------------------------------------------------------------

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def num(self, value: Decimal | int) -> str:
        return number_text(value, self.lang)

    @property
    def who(self) -> str:
        return f"{self.ev.municipality} {self.ev.year}"

    def string(self, sheet: Worksheet, row: int, col: int, text: str, fmt=None, width: Decimal | None = None) -> None:
        """Text as a string (never a formula); a wrapping cell makes its row tall enough to show it.

        A column header widens its column so that no word of it is broken across lines.
        """
        checked(sheet.write_string(row, col, fit(text), fmt), f"text at {sheet.get_name()} row {row + 1}")
        if fmt is self.fmt.header and width is None:
            self.fit_words(sheet, col, text)
        wraps = self.wrapping.get(id(fmt))
        if wraps is not None:
            size, bold = wraps
            if width is None:
                width = self.widths.get(sheet.get_name(), {}).get(col, Decimal("8.43"))
            self.need_height(sheet, row, text_height(text, width, size, bold))

    def columns(self, sheet: Worksheet, widths: Sequence[int | float]) -> Decimal:
        """Set the column widths (characters) from column A on; returns their sum."""
        self.widths[sheet.get_name()] = {col: Decimal(str(width)) for col, width in enumerate(widths)}
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        return sum(self.widths[sheet.get_name()].values(), Decimal(0))

    def fit_words(self, sheet: Worksheet, col: int, text: str) -> None:
        """Widen a column (never narrow it) so that the longest word of a bold header fits on a line."""
        widths = self.widths.setdefault(sheet.get_name(), {})
        needed = word_width(text, bold=True)
        if needed > widths.get(col, Decimal("8.43")):
            widths[col] = needed
            set_width(sheet, col, needed)

    def need_height(self, sheet: Worksheet, row: int, height: int) -> None:
        rows = self.heights.setdefault(sheet.get_name(), {})
        rows[row] = max(rows.get(row, DEFAULT_ROW_HEIGHT), height)

    def apply_heights(self, sheet: Worksheet) -> None:
        """Set the heights rows need: neither Excel nor LibreOffice grows rows of wrapped text on opening."""
        for row, height in sorted(self.heights.get(sheet.get_name(), {}).items()):
            if height != DEFAULT_ROW_HEIGHT:
                sheet.set_row(row, height)

    def number(self, sheet: Worksheet, row: int, col: int, value: Decimal | int, fmt=None) -> None:
        checked(sheet.write_number(row, col, number_value(Decimal(value)), fmt), f"number at {sheet.get_name()} row {row + 1}")

    def blank(self, sheet: Worksheet, row: int, col: int, fmt) -> None:
        checked(sheet.write_blank(row, col, None, fmt), f"cell at {sheet.get_name()} row {row + 1}")

    def merged_text(self, sheet: Worksheet, row: int, first_col: int, last_col: int, text: str, fmt, width: Decimal) -> None:
        """Text across merged columns, written as a string, with a row height that fits it."""
        checked(sheet.merge_range(row, first_col, row, last_col, "", fmt), "merged range")
        self.string(sheet, row, first_col, text, fmt, width)

    def percent_value(self, points: Decimal, maximum: int) -> Decimal:
        """The share shown as a percent cell: rounded once to PERCENT_PLACES of a percent."""
        return round_half_up(percent(points, maximum), PERCENT_PLACES) / 100

    def setup(self, sheet: Worksheet, landscape: bool = False) -> None:
        header = f"&L{header_text(self.who)}&C&A&RKommunkompassen {self.fw.id}"
        print_setup(sheet, header, f"&C{self.label('page_footer')}", landscape=landscape)
        self.apply_heights(sheet)

    def add_formats(self) -> None:
        add = self.workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top", "border": 1}
        self.f_percent = add({**base, "align": "center", "num_format": "0.0%"})
        self.f_total_percent = add({**base, "align": "center", "num_format": "0.0%", "bold": True, "bg_color": "#D9E2F3"})
        self.f_average = add({**base, "align": "center", "num_format": "0.0"})
        self.f_total_average = add({**base, "align": "center", "num_format": "0.0", "bold": True, "bg_color": "#D9E2F3"})
        self.f_diff = add({**base, "align": "center", "num_format": DIFFERENCE_FORMAT})
        self.f_total_diff = add({**base, "align": "center", "num_format": DIFFERENCE_FORMAT, "bold": True, "bg_color": "#D9E2F3"})
        self.f_missing = add({**base, "align": "center", "italic": True, "font_color": "#595959", "text_wrap": True})
        self.f_note = add({**base, "text_wrap": True, "font_size": 9})
        self.f_plain_note = add({"font_name": "Calibri", "font_size": 10, "italic": True, "valign": "top", "text_wrap": True, "font_color": "#404040"})
        self.f_box = add({"font_name": "Calibri", "font_size": 11, "valign": "top", "text_wrap": True, "border": 1})
        self.f_box_empty = add({"font_name": "Calibri", "font_size": 11, "valign": "top", "italic": True, "border": 1, "font_color": "#595959"})
        self.f_quartile = [add({**base, "align": "center", "bg_color": fill}) for fill in QUARTILE_FILLS]
        self.f_quartile_total = [add({**base, "align": "center", "bg_color": fill, "bold": True}) for fill in QUARTILE_FILLS]
        self.f_verdict = {v: add({**base, "bg_color": fill, "text_wrap": True}) for v, fill in VERDICT_FILLS.items()}
        self.f_date = add({**base, "num_format": "yyyy-mm-dd", "align": "left"})
        self.f_left = add({**base, "align": "left"})
        self.f_line = add({"font_name": "Calibri", "font_size": 10, "italic": True, "valign": "top", "font_color": "#404040"})
        self.f_legend = add({"font_name": "Calibri", "font_size": 10, "valign": "top", "align": "right"})
        fmt = self.fmt
        for size, bold, formats in (
            (11, False, [fmt.text, fmt.plain, fmt.subtitle, self.f_box, self.f_box_empty, self.f_missing, *self.f_verdict.values()]),
            (11, True, [fmt.header, fmt.total_label]),
            (9, False, [self.f_note]),
            (10, False, [self.f_plain_note]),
        ):
            for format_ in formats:
                self.wrapping[id(format_)] = (size, bold)

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
        self.write_summary(summary)
        profile = self.write_comparison(comparison)
        self.write_charts(charts, profile)
        for sheet, area in area_sheets:
            self.write_area(sheet, area)
        self.write_about(about)
        ev = self.ev
        write_key_values(
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

    # --- summary -----------------------------------------------------------------------------

    def write_summary(self, sheet: Worksheet) -> None:
        fmt, nat = self.fmt, self.national
        columns = ["res_col_area", "res_col_title", "res_col_points", "res_col_max", "res_col_percent"]
        if nat is not None:
            columns += ["res_col_national"] + (["res_col_group"] if self.group else []) + ["res_col_best", "res_col_quartile"]
        widths = {"res_col_area": 7, "res_col_title": 44, "res_col_national": 15, "res_col_group": 13, "res_col_best": 10}
        self.columns(sheet, [widths.get(key, 9) for key in columns])
        self.string(sheet, 0, 0, self.label("res_title", version=self.fw.id), fmt.title)
        self.need_height(sheet, 0, 24)
        self.string(sheet, 1, 0, self.who, fmt.section)
        line = "res_framework_line_titled" if self.fw.id in self.fw.title else "res_framework_line"
        self.string(sheet, 2, 0, self.label(line, title=self.fw.title, version=self.fw.id), self.f_line)
        header_row = 4
        for col, key in enumerate(columns):
            self.string(sheet, header_row, col, self.label(key), fmt.header)

        national_means = group_means = None
        if nat is not None:
            national_means = nat.shown_means()
            if self.group is not None:
                group_means = self.group.shown_means()
        first = header_row + 1
        for offset, area in enumerate(self.fw.areas):
            self.summary_row(sheet, first + offset, columns, area.number, area.title, self.points[area.number], area.max, national_means, group_means)
        total_row = first + len(self.fw.areas)
        self.summary_row(sheet, total_row, columns, None, self.label("res_total"), self.total, self.fw.max, national_means, group_means)

        row = total_row + 2
        if nat is None:
            self.string(sheet, row, 0, self.label("res_no_national"), self.f_line)
        else:
            table_width = sum(self.widths[sheet.get_name()].values(), Decimal(0))  # as the headers left them
            self.write_national_notes(sheet, row, len(columns) - 1, table_width)
        sheet.repeat_rows(header_row)
        self.setup(sheet)

    def summary_row(self, sheet, row, columns, number, title, points, maximum, national_means, group_means) -> None:
        fmt, nat, is_total = self.fmt, self.national, number is None
        if is_total:
            self.blank(sheet, row, 0, fmt.total_label)
        else:
            self.number(sheet, row, 0, number, fmt.id)
        self.string(sheet, row, 1, title, fmt.total_label if is_total else fmt.text)
        quartile = None if nat is None else nat.quartile(points, self.own, number)
        point_fmt = fmt.total_number if is_total else fmt.number
        if quartile is not None:
            point_fmt = (self.f_quartile_total if is_total else self.f_quartile)[quartile - 1]
        self.number(sheet, row, 2, points, point_fmt)
        self.number(sheet, row, 3, maximum, fmt.total_number if is_total else fmt.number)
        self.number(sheet, row, 4, self.percent_value(points, maximum), self.f_total_percent if is_total else self.f_percent)
        if nat is None:
            return
        col = 5
        means, mean_total = national_means
        self.number(sheet, row, col, mean_total if is_total else means[number], self.f_total_average if is_total else self.f_average)
        col += 1
        if group_means is not None:
            g_means, g_total = group_means
            self.number(sheet, row, col, g_total if is_total else g_means[number], self.f_total_average if is_total else self.f_average)
            col += 1
        best = max(nat.field(points, self.own, number))
        self.number(sheet, row, col, best, fmt.total_number if is_total else fmt.number)
        if quartile is None:
            self.string(sheet, row, col + 1, "–", self.f_missing)
        else:
            self.number(sheet, row, col + 1, quartile, (self.f_quartile_total if is_total else self.f_quartile)[quartile - 1])

    def write_national_notes(self, sheet: Worksheet, row: int, last_col: int, width: Decimal) -> int:
        nat, fmt = self.national, self.fmt
        assert nat is not None
        rank, count = nat.position(self.total, self.own)
        position = self.label("res_position", position=rank, count=count) if count > 1 else self.label("res_position_alone")
        self.string(sheet, row, 0, position, fmt.section)
        row += 2
        figures = [(area.number, self.points[area.number]) for area in self.fw.areas] + [(None, self.total)]
        reasons = [nat.no_quartile(points, self.own, number) for number, points in figures]
        missing = set(reasons) - {None}
        lines = []
        if None in reasons:  # some figure has a quartile: explain the colours
            legend = f"{self.label('res_col_quartile')}: {self.label('res_quartile_names')}"
            self.string(sheet, row, 1, legend, self.f_legend)
            for n in range(1, 5):
                self.number(sheet, row, 1 + n, n, self.f_quartile[n - 1])
            row += 2
            lines += [self.label("res_quartile_note"), self.label("res_quartile_rule")]
        if NoQuartile.TOO_FEW in missing:
            lines.append(self.label("res_quartile_too_few", minimum=MIN_QUARTILE_COUNT, count=count))
        if NoQuartile.ALL_EQUAL in missing:
            lines.append(self.label("res_quartile_all_equal"))
        source = nat.source or self.label("res_sheet_about")
        lines.append(counted_label("res_national_basis", self.lang, nat.count, version=nat.framework, source=source))
        lines.append(self.label("res_national_self_in" if nat.includes(self.own) else "res_national_self_out"))
        other = nat.other_with_id(self.own)
        if other is not None:
            lines.append(self.label("res_national_same_id", who=f"{other.municipality} {other.year}", points=self.num(other.total)))
        if self.group is not None:
            lines.append(counted_label("res_group_basis", self.lang, self.group.count, group=self.group.group))
        elif self.group_name:
            lines.append(self.label("res_group_unknown", group=self.group_name))
        best_total, best_who = nat.best.total, f"{nat.best.municipality} {nat.best.year}"
        if not nat.includes(self.own) and self.total > best_total:
            best_total, best_who = self.total, self.who
        lines.append(self.label("res_best_total", points=self.num(best_total), who=best_who))
        lines.append(self.label("res_rounding_note"))
        for line in lines:
            self.merged_text(sheet, row, 0, last_col, line, self.f_plain_note, width)
            row += 1
        return row

    # --- areas -------------------------------------------------------------------------------

    def write_area(self, sheet: Worksheet, area: Area) -> None:
        fmt = self.fmt
        widths = (7, 44, 8, 6, 9, 46)
        text_width = self.columns(sheet, widths)
        last_col = len(widths) - 1
        self.string(sheet, 0, 0, self.label("res_area_title", number=area.number, title=area.title), fmt.title)
        self.need_height(sheet, 0, 24)
        points = self.points[area.number]
        summary = self.label("res_area_points", points=self.num(points), max=area.max)
        shown_percent = round_half_up(percent(points, area.max), PERCENT_PLACES)
        self.string(sheet, 1, 0, f"{summary} ({self.num(shown_percent)} %)", fmt.section)
        header_row = 3
        keys = ("res_col_question_id", "res_col_question", "res_col_points", "res_col_max", "res_col_percent", "res_col_comment")
        for col, key in enumerate(keys):
            self.string(sheet, header_row, col, self.label(key), fmt.header)
        row = header_row
        for question in area.questions:
            row += 1
            score = self.ev.scores[question.id]
            self.string(sheet, row, 0, question.id, fmt.id)
            self.string(sheet, row, 1, question.title, fmt.text)
            self.number(sheet, row, 2, score, fmt.number)
            self.number(sheet, row, 3, question.max, fmt.number)
            self.number(sheet, row, 4, self.percent_value(score, question.max), self.f_percent)
            comment = self.ev.comments.get(question.id, "")
            if not comment:
                self.blank(sheet, row, 5, fmt.text)
                continue
            pieces = rows_of_text(comment, Decimal(widths[5]))
            self.string(sheet, row, 5, pieces[0], fmt.text)
            for piece in pieces[1:]:  # a comment taller than a row goes on in the rows below it
                row += 1
                for col in range(5):
                    self.blank(sheet, row, col, fmt.text)
                self.string(sheet, row, 5, piece, fmt.text)
        row += 1
        self.blank(sheet, row, 0, fmt.total_label)
        self.string(sheet, row, 1, self.label("res_area_sum", number=area.number), fmt.total_label)
        self.number(sheet, row, 2, points, fmt.total_number)
        self.number(sheet, row, 3, area.max, fmt.total_number)
        self.number(sheet, row, 4, self.percent_value(points, area.max), self.f_total_percent)
        self.blank(sheet, row, 5, fmt.total_label)
        for key, texts in (("res_strengths", self.ev.strengths), ("res_improvements", self.ev.improvements)):
            row += 2
            self.string(sheet, row, 0, self.label(key), fmt.section)
            text = texts.get(area.number, "")
            paragraphs = [p for p in text.split("\n") if p.strip()] if text.strip() else []
            if not paragraphs:
                row += 1
                self.merged_text(sheet, row, 0, last_col, self.label("res_none_given"), self.f_box_empty, text_width)
            for paragraph in paragraphs:
                row += 1
                self.merged_text(sheet, row, 0, last_col, paragraph, self.f_box, text_width)
        sheet.repeat_rows(header_row)
        self.setup(sheet)

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
                self.string(sheet, row, 1, str(value), fmt.text)
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
