"""The national summary workbook `kompass merge` writes from a MergeOutcome.

Visible sheets: Evaluations, Averages, Distribution (written by national_distribution.py), Groups,
Questions, Rejected, Conflicts and duplicates, About. Hidden: `_evaluations` (one text row per
merged evaluation, read back by `kompass report --national`) and `_kompass` (kind=national). Every
text that comes from a workbook is written as a string (write_string, or a row block of bulk.py for
the large tables), so a comment such as "=HYPERLINK(...)" stays inert text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from .. import tool_version
from ..aggregation import Statistics
from ..labels import Lang, label, number_text
from ..merging import DuplicateReason, GroupSummary, MergeOutcome, PopulationClass
from ..models import Framework
from ..national import EVALUATION_COLUMNS, EVALUATIONS_SHEET, SHOWN_PLACES, NationalRow, shown_parts, shown_parts_to
from ..results import WorkbookResult
from ..scoring import round_half_up
from .bulk import BulkRowsWorksheet
from .common import FIXED_CREATED, Formats, checked, evaluators_text, finish, header_text, new_workbook, number_value, print_setup, set_width, text_height, word_width, write_key_values
from .national_distribution import DistributionSheet
from .common import fit as fit_cell
from ..leftovers import NATIONAL_PREFIX, held_folder

TABLE_STYLE = "Table Style Medium 2"
COMPRESS_LEVEL = 3  # a third of the default's time for a file about a fifth larger: this workbook can be large
TITLE_HEIGHT = 24  # points: a row of 16-point title text
ONE_LINE = text_height("x", Decimal(10))  # the height text_height gives one line of 11-point text

Value = str | int | Decimal | None


class NationalWriter(DistributionSheet):
    """Writes one national summary workbook; one instance per workbook (the Distribution sheet: DistributionSheet)."""

    def __init__(self, outcome: MergeOutcome, lang: Lang, created: datetime) -> None:
        self.outcome = outcome
        self.lang = lang
        self.created = created
        self.workbook: Workbook
        self.fmt: Formats
        self.tables = 0
        self.distribution_widths: dict[int, Decimal] = {}  # column widths of the Distribution sheet
        self.row_format_lists: dict[tuple[bool, int], list[Format]] = {}  # statistics_formats, shared by their rows

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def build(self) -> bytes:
        with tempfile.TemporaryDirectory(prefix=NATIONAL_PREFIX) as parts, held_folder(parts):  # see leftovers.py
            return self.build_in(parts)

    def build_in(self, parts_folder: str) -> bytes:
        self.workbook, buffer = new_workbook(COMPRESS_LEVEL, parts_folder)
        self.fmt = Formats(self.workbook)
        add = self.workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.shown = add({**base, "num_format": "0.0"})
        self.shown_bold = add({**base, "num_format": "0.0", "bold": True})
        self.cell_text = self.exact = add(base)  # exact numbers show all their decimals (General)
        self.exact_bold = add({**base, "bold": True})
        self.exact_text = add({**base, "align": "right"})  # an exact mean as text, aligned with the numbers
        self.exact_text_bold = add({**base, "align": "right", "bold": True})
        self.cell_wrap = add({**base, "text_wrap": True})
        self.cell_wrap_bold = add({**base, "text_wrap": True, "bold": True})
        self.cell_wrap_indent = add({**base, "text_wrap": True, "indent": 1})  # text right after a right-aligned number
        self.centred = add({**base, "align": "center"})
        self.population = add({**base, "num_format": "#,##0"})  # the thousands separator of the reader's locale
        wrapping = {self.cell_wrap: False, self.cell_wrap_bold: True, self.cell_wrap_indent: False}
        self.wrapping = {id(fmt): bold for fmt, bold in wrapping.items()}  # id(format) -> bold, of formats that wrap
        self.section_header = add({**base, "bold": True, "font_color": "white", "bg_color": "#1F4E79", "border": 1, "text_wrap": True})
        self.note = add({**base, "italic": True, "font_color": "#404040"})
        self.note_wrap = add({**base, "italic": True, "font_color": "#404040", "text_wrap": True})
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
            key: self.workbook.add_worksheet(self.label(f"nat_sheet_{key}"), worksheet_class=BulkRowsWorksheet)
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
        self.write_evaluation_rows(self.workbook.add_worksheet(EVALUATIONS_SHEET, worksheet_class=BulkRowsWorksheet))
        self.write_meta()
        sheets["evaluations"].activate()
        return finish(self.workbook, buffer)

    # --- helpers ---------------------------------------------------------------------------

    def put(self, sheet: BulkRowsWorksheet, row: int, col: int, value: Value, fmt: Format | None = None) -> None:
        """Write one typed value: text always as a string, numbers exactly, None as an empty cell."""
        if value is None:
            return  # an empty cell; the table's style already covers it
        elif isinstance(value, str):
            checked(sheet.write_string(row, col, value, fmt), f"text at {row},{col}")
        elif isinstance(value, bool):
            raise TypeError(f"a bool at {row},{col}; write a label instead")
        elif isinstance(value, int | Decimal):
            checked(sheet.write_number(row, col, number_value(Decimal(value)), fmt), f"number at {row},{col}")
        else:
            raise TypeError(f"cannot write {type(value).__name__} at {row},{col}")

    def heading(self, sheet: BulkRowsWorksheet, title: str, note: str | None = None, columns: Sequence[tuple[str, float]] = ()) -> int:
        """Title in row 1, optional note in row 2; returns the first free row.

        Given the columns of the table below, the note wraps across them (so it prints within the
        table's width) in a row tall enough for it; otherwise it runs on to the right on one line.
        """
        checked(sheet.write_string(0, 0, title, self.fmt.title), "title")
        sheet.set_row(0, TITLE_HEIGHT)
        if note and columns:
            checked(sheet.merge_range(1, 0, 1, len(columns) - 1, "", self.note_wrap), "note")
            checked(sheet.write_string(1, 0, note, self.note_wrap), "note")
            self.fit_row(sheet, 1, [(note, sum((Decimal(str(width)) for _, width in columns), Decimal(0)), False)])
        elif note:
            checked(sheet.write_string(1, 0, note, self.note), "note")
        return 3

    def table(
        self,
        sheet: BulkRowsWorksheet,
        first_row: int,
        columns: Sequence[tuple[str, float]],
        rows: Iterable[Sequence[Value]],
        formats: Sequence[Format | None] | None = None,
        row_formats: Sequence[Sequence[Format | None]] | None = None,
    ) -> int:
        """An Excel table with filters (headers, then rows); returns the row after it.

        Each column is at least as wide as the longest word of its header, so wrapped headers break
        between words, and rows are made tall enough for wrapped headers and wrapped cells (neither
        Excel nor LibreOffice grows them on opening). `rows` may be a generator. With no rows there
        is nothing to filter, so only the header is written.
        """
        widths = [max(Decimal(str(width)), word_width(header, bold=True)) for header, width in columns]
        for col, width in enumerate(widths):
            set_width(sheet, col, width)
        self.fit_row(sheet, first_row, [(header, width, True) for (header, _), width in zip(columns, widths)])
        block_formats = row_formats or [formats or [None] * len(columns)]
        wrapping_columns = {id(fmts): [(col, self.wrapping[id(fmt)]) for col, fmt in enumerate(fmts) if id(fmt) in self.wrapping] for fmts in block_formats}

        def fitted_rows() -> Iterator[Sequence[Value]]:
            for offset, values in enumerate(rows):
                wrapped = wrapping_columns[id(block_formats[offset if row_formats else 0])]
                if wrapped:
                    texts = [(values[col], widths[col], bold) for col, bold in wrapped if isinstance(values[col], str)]
                    self.fit_row(sheet, first_row + 1 + offset, texts)
                yield values

        count = sheet.add_rows(first_row + 1, fitted_rows(), block_formats)
        if count == 0:
            for col, (header, _) in enumerate(columns):
                checked(sheet.write_string(first_row, col, header, self.section_header), header)
            return first_row + 1
        self.tables += 1
        sheet.add_rows_table(
            first_row,
            first_row + count,
            len(columns) - 1,
            {"name": f"kompass_table_{self.tables}", "style": TABLE_STYLE, "columns": [{"header": h, "header_format": self.section_header} for h, _ in columns]},
        )
        return first_row + count + 1

    def fit_row(self, sheet: BulkRowsWorksheet, row: int, texts: Sequence[tuple[str, Decimal, bool]]) -> None:
        """Make a row tall enough for its wrapped texts, given as (text, column width, bold); one line is left as it is.

        A character of width is kept for the cell's margins, so a text that only just fits gets a second line.
        """
        height = max((text_height(text, width - 1, bold=bold) for text, width, bold in texts), default=0)
        if height > ONE_LINE:
            sheet.set_row(row, height)

    def page(self, sheet: BulkRowsWorksheet, landscape: bool = True) -> None:
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
        return [ev.municipality, ev.year, ev.framework, evaluators_text(ev.evaluators), (ev.municipality_group or "").strip() or None, ev.population, self.population_label(size)]

    def identity_columns(self) -> list[tuple[str, float]]:
        return [
            (self.label("nat_col_municipality"), 16),
            (self.label("nat_col_year"), 6),
            (self.label("nat_col_framework"), 9),
            (self.label("nat_col_evaluators"), 20),
            (self.label("nat_col_group"), 16),
            (self.label("nat_col_population"), 10),
            (self.label("nat_col_population_class"), 16),
        ]

    # --- evaluations -----------------------------------------------------------------------

    def write_evaluations(self, sheet: BulkRowsWorksheet) -> None:
        """One row per evaluation. The print shows the columns up to the total on landscape pages one
        page wide, the header repeated on every page; file, SHA-256 and workbook id stay on screen."""
        columns = self.identity_columns()
        columns += [(self.label("nat_col_area_n", number=n), 8) for n in range(1, 9)]
        columns += [(self.label("nat_col_total"), 9)]
        printed = len(columns)  # up to and with the total
        first = self.heading(sheet, self.label("nat_evaluations_title"), self.label("nat_evaluations_note_print"), columns)
        columns += [(self.label("nat_col_file"), 36), (self.label("nat_col_sha256"), 20), (self.label("nat_col_workbook_id"), 20)]
        rows = []
        for result in self.outcome.merged:
            points = [result.area_points().get(n) for n in range(1, 9)]
            rows.append([*self.identity(result), *points, result.total, result.path, result.sha256, result.evaluation.workbook_id])
        wrap, centre = self.cell_wrap, self.centred
        formats = [wrap, centre, centre, wrap, wrap, self.population, self.cell_wrap_indent] + [self.exact] * 9 + [self.cell_text] * 3
        last = self.table(sheet, first, columns, rows, formats=formats)
        sheet.freeze_panes(first + 1, 1)
        sheet.print_area(0, 0, max(last - 1, first), printed - 1)
        sheet.repeat_rows(first)
        self.page(sheet)

    # --- averages and groups ---------------------------------------------------------------

    def statistics_columns(self) -> list[tuple[str, float]]:
        return [
            (self.label("nat_col_level"), 10),
            (self.label("nat_col_id"), 5),
            (self.label("nat_col_title"), 44),
            (self.label("nat_col_max_points"), 9),
            (self.label("nat_col_count"), 7),
            (self.label("nat_col_mean"), 11),
            (self.label("nat_col_median"), 8),
            (self.label("nat_col_min"), 8),
            (self.label("nat_col_max"), 8),
            (self.label("nat_col_q1"), 9),
            (self.label("nat_col_q3"), 9),
            (self.label("nat_col_mean_exact"), 36),  # 28 significant digits, bold on summary rows
        ]

    def statistics_rows(self, framework: Framework, summary: GroupSummary) -> list[tuple[list[Value], bool]]:
        """Each area, its sub-questions, then the total: (values, is a summary row).

        The shown means follow the one rule of kompass_xlsx.national (as in the result workbook):
        the areas' shown means add up to the shown total mean, and the sub-questions' shown means
        add up to their area's shown mean.
        """
        shown_areas, shown_total = shown_parts({n: stats.mean for n, stats in summary.areas.items()}, summary.total.mean)
        rows = []
        for area in framework.areas:
            rows.append((self.figure(self.label("nat_level_area"), str(area.number), area.title, area.max, summary.areas[area.number], shown_areas[area.number]), True))
            shown_questions = shown_parts_to({q.id: summary.questions[q.id].mean for q in area.questions}, shown_areas[area.number])
            for question in area.questions:
                stats = summary.questions[question.id]
                rows.append((self.figure(self.label("nat_level_question"), question.id, question.title, question.max, stats, shown_questions[question.id]), False))
        rows.append((self.figure(self.label("nat_level_total"), None, self.label("nat_col_total"), framework.max, summary.total, shown_total), True))
        return rows

    def figure(self, level: str, figure_id: str | None, title: str, maximum: int, stats: Statistics, shown_mean: Decimal) -> list[Value]:
        shown = self.shown_value
        exact_mean = number_text(stats.mean, self.lang)
        return [level, figure_id, title, maximum, stats.count, shown_mean, shown(stats.median), stats.minimum, stats.maximum, shown(stats.q1), shown(stats.q3), exact_mean]

    def statistics_formats(self, bold: bool, lead: int) -> list[Format]:
        """Lead columns, level, id, title (wrapping), max, count, mean ... upper quartile, exact mean (right-aligned text).

        The same list for the same arguments, so that rows share it."""
        key = (bold, lead)
        if key not in self.row_format_lists:
            self.row_format_lists[key] = self._statistics_formats(bold, lead)
        return self.row_format_lists[key]

    def _statistics_formats(self, bold: bool, lead: int) -> list[Format]:
        if bold:
            text, title, shown, exact, exact_text = self.exact_bold, self.cell_wrap_bold, self.shown_bold, self.exact_bold, self.exact_text_bold
        else:
            text, title, shown, exact, exact_text = self.cell_text, self.cell_wrap, self.shown, self.exact, self.exact_text
        return [text] * (lead + 2) + [title, exact, exact, shown, shown, exact, exact, shown, shown, exact_text]

    def write_averages(self, sheet: BulkRowsWorksheet) -> None:
        columns = [(self.label("nat_col_framework"), 9), (self.label("nat_col_scope"), 9), *self.statistics_columns()]
        first = self.heading(sheet, self.label("nat_averages_title"), self.label("nat_averages_note_sums", exact=self.label("nat_col_mean_exact")), columns)
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
        sheet.repeat_rows(first)
        self.page(sheet)

    def write_groups(self, sheet: BulkRowsWorksheet) -> None:
        columns = [(self.label("nat_col_framework"), 9), (self.label("nat_col_dimension"), 14), (self.label("nat_col_grouping_value"), 24), *self.statistics_columns()]
        first = self.heading(sheet, self.label("nat_groups_title"), self.label("nat_groups_note"), columns)
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
        sheet.repeat_rows(first)
        self.page(sheet)

    # --- questions (long format) -----------------------------------------------------------

    def write_questions(self, sheet: BulkRowsWorksheet) -> None:
        """One row per evaluation and sub-question, with only the columns a pivot table needs.

        This sheet holds most of the workbook's cells (45 per evaluation), so it carries no
        column that the Evaluations sheet already gives per evaluation (file, id, evaluators,
        population); municipality and year join the two.
        """
        first = self.heading(sheet, self.label("nat_questions_title"))
        identity = self.identity_columns()
        columns = [identity[0], identity[1], identity[2], identity[4]]
        columns += [
            (self.label("nat_col_area"), 8),
            (self.label("nat_col_question"), 9),
            (self.label("nat_col_max_points"), 10),
            (self.label("nat_col_score"), 9),
            (self.label("nat_col_comment"), 60),
        ]

        def rows() -> Iterator[list[Value]]:  # generated as the sheet is written: the largest table is never all in memory
            for summary in self.outcome.versions:
                questions = [(area.number, question) for area in summary.framework.areas for question in area.questions]
                for result in summary.evaluations:
                    ev = result.evaluation
                    lead = self.identity(result)
                    lead = [lead[0], lead[1], lead[2], lead[4]]
                    for area_number, question in questions:
                        comment = ev.comments.get(question.id)
                        # a comment longer than a cell holds is cut as report and consensus cut it (check warns: COMMENT_TOO_LONG)
                        yield [*lead, area_number, question.id, question.max, ev.scores[question.id], fit_cell(comment) if comment else None]

        text, exact = self.cell_text, self.exact
        self.table(sheet, first, columns, rows(), formats=[text, text, text, text, exact, text, exact, exact, text])
        sheet.freeze_panes(first + 1, 0)
        sheet.repeat_rows(first)
        self.page(sheet)

    # --- rejected, conflicts, duplicates ---------------------------------------------------

    def write_rejected(self, sheet: BulkRowsWorksheet) -> None:
        first = self.heading(sheet, self.label("nat_rejected_title"), self.label("nat_rejected_note"))
        if not self.outcome.rejected:
            checked(sheet.write_string(first, 0, self.label("nat_rejected_none"), self.cell_text), "none")
            self.page(sheet)
            return
        columns = [
            (self.label("nat_col_file"), 28),
            (self.label("nat_col_framework"), 9),
            (self.label("nat_col_municipality"), 16),
            (self.label("nat_col_year"), 6),
            (self.label("nat_col_code"), 25),
            (self.label("nat_col_severity"), 12),
            (self.label("nat_col_location"), 22),
            (self.label("nat_col_message"), 60),
            (self.label("nat_col_sha256"), 20),
        ]
        rows = []
        for result in self.outcome.rejected:
            ev = result.evaluation
            lead = [result.path, result.framework, ev.municipality or None if ev else None, ev.year if ev else None]
            if not result.findings:
                rows.append([*lead, None, None, None, self.label("nat_rejected_no_totals"), result.sha256])
            for finding in result.findings:
                rows.append([*lead, finding.code.value, self.label(f"nat_severity_{finding.severity.value}"), finding.location or None, finding.message, result.sha256])
        wrap, text, centre = self.cell_wrap, self.cell_text, self.centred
        last = self.table(sheet, first, columns, rows, formats=[wrap, centre, text, centre, text, text, wrap, wrap, text])
        sheet.freeze_panes(first + 1, 1)
        sheet.print_area(0, 0, last - 1, len(columns) - 2)  # the SHA-256 stays on screen, as on the Evaluations sheet
        sheet.repeat_rows(first)
        self.page(sheet)

    def write_conflicts(self, sheet: BulkRowsWorksheet) -> None:
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
                rows.append([result.path, ev.municipality, ev.year, ev.framework, number, result.total, ev.workbook_id or None, evaluators_text(ev.evaluators) or None, result.sha256])
        if rows:
            formats = [self.cell_text, self.cell_text, self.centred, self.centred, self.exact, self.exact] + [self.cell_text] * 3
            row = self.table(sheet, row, columns, rows, formats=formats) + 2
        else:
            checked(sheet.write_string(row, 0, self.label("nat_conflicts_none"), self.cell_text), "none")
            row += 2
        checked(sheet.write_string(row, 0, self.label("nat_duplicates_title"), self.fmt.title), "duplicates")
        sheet.set_row(row, TITLE_HEIGHT)
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
            self.table(sheet, row, columns, rows, formats=[self.cell_text, self.cell_text, self.centred, self.centred] + [self.cell_text] * 3)
        else:
            checked(sheet.write_string(row, 0, self.label("nat_duplicates_none"), self.cell_text), "none")
        self.page(sheet)

    # --- about -----------------------------------------------------------------------------

    def write_about(self, sheet: BulkRowsWorksheet) -> None:
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

    def write_evaluation_rows(self, sheet: BulkRowsWorksheet) -> None:
        """One row of text per merged evaluation, for `kompass report --national` (kompass_xlsx.national)."""
        sheet.add_rows(0, evaluation_rows(self.outcome), [[None] * len(EVALUATION_COLUMNS)])
        sheet.hide()

    def write_meta(self) -> None:
        rows = (
            ("kind", "national"),
            ("tool_version", tool_version()),
            ("lang", self.lang.value),
            ("created", self.created.isoformat()),
            ("framework_versions", ",".join(self.outcome.framework_versions)),
            ("evaluations", str(len(self.outcome.merged))),
        )
        write_key_values(self.workbook, rows)


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
