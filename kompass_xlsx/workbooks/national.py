"""The national summary workbook `kompass merge` writes from a MergeOutcome.

Visible sheets: Overview (the first, written by national_overview.py), Evaluations, Averages,
Distribution (written by national_distribution.py), Groups, Questions, Rejected, Conflicts and
duplicates, About. Hidden: `_evaluations` (one row per merged evaluation, read back by `kompass
report --national`) and `_kompass` (kind=national). Both sheet modules are given this writer as a
NationalKit (national_kit.py), so imports run one way. Every text that comes from a workbook is
written as a string (write_string, or a row block of bulk.py for the large tables), so a comment
such as "=HYPERLINK(...)" stays inert text; numbers are numbers, and text columns that may look like
numbers (versions, question ids, names) are marked for Excel (NationalKit.ignore_number_text).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from xlsxwriter.format import Format

from .. import tool_version
from ..aggregation import Statistics
from ..labels import Lang
from ..merging import DuplicateReason, GroupSummary, MergeOutcome, consensus_command
from ..models import Framework
from ..national import EVALUATION_COLUMNS, EVALUATIONS_SHEET, NationalRow, shown_parts, shown_parts_to
from .bulk import BulkRowsWorksheet
from .common import FIXED_CREATED, checked, evaluators_text, finish, new_workbook, set_width, write_key_values
from .national_distribution import write_distribution
from .national_kit import TITLE_HEIGHT, NationalKit, Value
from .national_overview import write_overview
from .common import fit as fit_cell
from ..leftovers import NATIONAL_PREFIX, held_folder

COMPRESS_LEVEL = 3  # a third of the default's time for a file about a fifth larger: this workbook can be large


class NationalWriter(NationalKit):
    """Writes one national summary workbook; one instance per workbook."""

    def build(self) -> bytes:
        with tempfile.TemporaryDirectory(prefix=NATIONAL_PREFIX) as parts, held_folder(parts):  # see leftovers.py
            return self.build_in(parts)

    def build_in(self, parts_folder: str) -> bytes:
        self.workbook, buffer = new_workbook(COMPRESS_LEVEL, parts_folder)
        self.add_formats()
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
            for key in ("overview", "evaluations", "averages", "distribution", "groups", "questions", "rejected", "conflicts", "about")
        }
        write_overview(self, sheets["overview"], {key: sheet.get_name() for key, sheet in sheets.items()})
        self.write_evaluations(sheets["evaluations"])
        self.write_averages(sheets["averages"])
        write_distribution(self, sheets["distribution"])
        self.write_groups(sheets["groups"])
        self.write_questions(sheets["questions"])
        self.write_rejected(sheets["rejected"])
        self.write_conflicts(sheets["conflicts"])
        self.write_about(sheets["about"])
        self.write_evaluation_rows(self.workbook.add_worksheet(EVALUATIONS_SHEET, worksheet_class=BulkRowsWorksheet))
        self.write_meta()
        self.apply_ignored_errors()
        sheets["overview"].activate()
        return finish(self.workbook, buffer)

    # --- evaluations -----------------------------------------------------------------------

    def write_evaluations(self, sheet: BulkRowsWorksheet) -> None:
        """One row per evaluation. The print shows the columns up to the total on landscape pages one
        page wide, the header repeated on every page; file, SHA-256 and workbook id stay on screen."""
        columns = self.identity_columns()
        columns += [(self.area_header(n), 10) for n in range(1, 9)]
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
        self.ignore_number_text(sheet, first + 1, last - 1, [0, 2, 3, 4, 16, 17, 18])  # names, version, file, ids
        sheet.freeze_panes(first + 1, 1)
        sheet.print_area(0, 0, max(last - 1, first), printed - 1)
        sheet.repeat_rows(first)
        self.page(sheet)

    def area_header(self, number: int) -> str:
        """An area column's header: its number and short title, every one it has in the versions merged ("1 A / B")."""
        titles: list[str] = []
        for summary in self.outcome.versions:
            for area in summary.framework.areas:
                if area.number == number and area.sheet_title not in titles:
                    titles.append(area.sheet_title)  # the short form the area's sheet is named by
        return f"{number} {' / '.join(titles)}" if titles else self.label("nat_col_area_n", number=number)

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
            (self.label("nat_col_mean_exact"), 16),  # a number with up to 11 decimals, bold on summary rows
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
        return [level, figure_id, title, maximum, stats.count, shown_mean, shown(stats.median), stats.minimum, stats.maximum, shown(stats.q1), shown(stats.q3), stats.mean]

    def statistics_formats(self, bold: bool, lead: int) -> list[Format]:
        """Lead columns, level, id, title (wrapping), max, count, mean ... upper quartile, the unrounded mean (a number).

        The same list for the same arguments, so that rows share it."""
        key = (bold, lead)
        if key not in self.row_format_lists:
            self.row_format_lists[key] = self._statistics_formats(bold, lead)
        return self.row_format_lists[key]

    def _statistics_formats(self, bold: bool, lead: int) -> list[Format]:
        if bold:
            text, title, shown, exact, unrounded = self.exact_bold, self.cell_wrap_bold, self.shown_bold, self.exact_bold, self.unrounded_bold
        else:
            text, title, shown, exact, unrounded = self.cell_text, self.cell_wrap, self.shown, self.exact, self.unrounded
        return [text] * (lead + 2) + [title, exact, exact, shown, shown, exact, exact, shown, shown, unrounded]

    def write_averages(self, sheet: BulkRowsWorksheet) -> None:
        columns = [(self.label("nat_col_framework"), 9), (self.label("nat_col_scope"), 9), *self.statistics_columns()]
        first = self.heading(sheet, self.label("nat_averages_title"), self.label("nat_averages_note_sums", exact=self.label("nat_col_mean_exact")), columns)
        rows, formats = [], []
        for summary in self.outcome.versions:
            scopes = [(self.label("nat_scope_all"), summary.overall)]
            if len(summary.by_year) > 1:  # one year's figures are the same as all years'
                scopes += [(self.label("nat_scope_year", year=year), group) for year, group in summary.by_year.items()]
            for scope, group in scopes:
                for values, bold in self.statistics_rows(summary.framework, group):
                    rows.append([summary.id, scope, *values])
                    formats.append(self.statistics_formats(bold, 2))
        last = self.table(sheet, first, columns, rows, row_formats=formats)
        self.ignore_number_text(sheet, first + 1, last - 1, [0, 3])  # version, area or question id
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
        last = self.table(sheet, first, columns, rows, row_formats=formats)
        self.ignore_number_text(sheet, first + 1, last - 1, [0, 2, 4])  # version, group name, area or question id
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
        first = self.heading(sheet, self.label("nat_questions_title"), self.label("nat_questions_note_print"))
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
        last = self.table(sheet, first, columns, rows(), formats=[text, text, text, text, exact, text, exact, exact, text])
        self.ignore_number_text(sheet, first + 1, last - 1, [0, 2, 3, 5, 8])  # names, version, question id, comment
        sheet.freeze_panes(first + 1, 0)
        sheet.print_area(0, 0, 1, len(columns) - 1)  # for filters and pivot tables: printing it gives the note, not thousands of pages
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
        self.ignore_number_text(sheet, first + 1, last - 1, [0, 1, 2, 7])  # file, version, municipality, message
        sheet.freeze_panes(first + 1, 1)
        sheet.print_area(0, 0, last - 1, len(columns) - 2)  # the SHA-256 stays on screen, as on the Evaluations sheet
        sheet.repeat_rows(first)
        self.page(sheet)

    def write_conflicts(self, sheet: BulkRowsWorksheet) -> None:
        """Conflicts (numbered, what to do under the table, the consensus command where it applies), then duplicates.

        Both tables share their first columns; the print shows the columns up to the total points on
        landscape pages, the workbook ids and SHA-256 (wide enough for them) stay on screen.
        """
        lead = [(self.label("nat_col_conflict"), 9), (self.label("nat_col_file"), 34), (self.label("nat_col_municipality"), 16), (self.label("nat_col_year"), 7), (self.label("nat_col_framework"), 9)]
        ids = [(self.label("nat_col_workbook_id"), 38), (self.label("nat_col_sha256"), 66)]
        columns = lead + [(self.label("nat_col_evaluators"), 26), (self.label("nat_col_total_points"), 16), *ids]
        printed = len(columns) - len(ids)
        row = self.heading(sheet, self.label("nat_conflicts_title"), self.label("nat_conflicts_note"), columns[:printed])
        wrap, text, centre = self.cell_wrap, self.cell_text, self.centred
        rows = []
        for number, conflict in enumerate(self.outcome.conflicts, start=1):
            for result in conflict.results:
                ev = result.evaluation
                rows.append([number, result.path, ev.municipality, ev.year, ev.framework, evaluators_text(ev.evaluators) or None, result.total, ev.workbook_id or None, result.sha256])
        if rows:
            first = row
            row = self.table(sheet, row, columns, rows, formats=[self.centred_number, wrap, wrap, centre, centre, wrap, self.exact, text, text]) + 1
            self.ignore_number_text(sheet, first + 1, row - 2, [1, 2, 4, 5, 7])  # file, municipality, version, evaluators, id
            row = self.write_conflict_actions(sheet, row, sum(Decimal(width) for _, width in columns[:printed]), printed)
        else:
            for col, (_, width) in enumerate(columns):
                set_width(sheet, col, Decimal(width))
            checked(sheet.write_string(row, 0, self.label("nat_conflicts_none"), self.cell_text), "none")
            row += 2
        checked(sheet.write_string(row, 0, self.label("nat_duplicates_title"), self.fmt.title), "duplicates")
        sheet.set_row(row, TITLE_HEIGHT)
        note = self.label("nat_duplicates_note")
        checked(sheet.merge_range(row + 1, 0, row + 1, printed - 1, note, self.note_wrap), "duplicates note")
        self.fit_row(sheet, row + 1, [(note, sum(Decimal(width) for _, width in columns[:printed]), False)])
        row += 3
        if self.outcome.duplicates:
            reasons = {DuplicateReason.SAME_FILE: "nat_reason_same_file", DuplicateReason.SAME_WORKBOOK: "nat_reason_same_workbook"}
            # the same first columns as the conflicts above, so the two tables share column widths
            dup_columns = [(self.label("nat_col_number"), 9), *lead[1:], (self.label("nat_col_duplicate_of"), 26), (self.label("nat_col_reason"), 16), ids[1]]
            dup_rows = [
                [n, d.result.path, d.result.evaluation.municipality, d.result.evaluation.year, d.result.framework, d.original.path, self.label(reasons[d.reason]), d.result.sha256]
                for n, d in enumerate(self.outcome.duplicates, start=1)
            ]
            first = row
            row = self.table(sheet, row, dup_columns, dup_rows, formats=[self.centred_number, wrap, wrap, centre, centre, wrap, wrap, text])
            self.ignore_number_text(sheet, first + 1, row - 1, [1, 2, 4, 5])  # files, municipality, version
        else:
            checked(sheet.write_string(row, 0, self.label("nat_duplicates_none"), self.cell_text), "none")
            row += 1
        sheet.print_area(0, 0, row, printed - 1)
        sheet.repeat_rows(3)
        self.page(sheet)

    def write_conflict_actions(self, sheet: BulkRowsWorksheet, row: int, width: Decimal, printed: int) -> int:
        """Under the conflicts: for each, what to do; for one team's workbooks the command that combines them."""
        checked(sheet.write_string(row, 0, self.label("nat_conflicts_actions_title"), self.fmt.section), "actions")
        row += 1
        for number, conflict in enumerate(self.outcome.conflicts, start=1):
            year = conflict.year if conflict.year is not None else "?"
            heading = self.label("nat_conflict_heading", number=number, municipality=conflict.municipality, year=year, count=len(conflict.results))
            command = consensus_command(conflict)
            texts = [(heading, self.cell_wrap_bold), (self.label("nat_conflict_team" if command else "nat_conflict_other"), self.cell_wrap)]
            if command:
                texts += [(command, self.command), (self.label("nat_conflict_team_after"), self.cell_wrap)]
            for text, fmt in texts:
                checked(sheet.merge_range(row, 0, row, printed - 1, text, fmt), "action")
                self.fit_row(sheet, row, [(text, width, fmt is self.cell_wrap_bold)])
                row += 1
            row += 1
        return row + 1

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
        rows = evaluation_rows(self.outcome)
        sheet.add_rows(0, rows, [[None] * len(EVALUATION_COLUMNS)])
        self.ignore_number_text(sheet, 1, len(rows) - 1, [0, 1, 2, 4])  # workbook id, version, municipality, group
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
        meta = write_key_values(self.workbook, rows)
        self.ignore_number_text(meta, 0, len(rows) - 1, [1])  # values are text by contract, a count too


def evaluation_rows(outcome: MergeOutcome) -> list[tuple[str | int | Decimal | None, ...]]:
    """The `_evaluations` sheet: the header, then one row per merged evaluation, texts as text and
    year, population and points as exact numbers (None when unknown); read back by read_national_rows."""
    return [EVALUATION_COLUMNS, *(NationalRow.from_workbook_result(result).to_values() for result in outcome.merged)]


def build_national_workbook(outcome: MergeOutcome, lang: Lang | str = Lang.SV, created: datetime | None = None) -> bytes:
    """The national summary workbook of a merge as .xlsx bytes.

    Args:
        outcome: what merge_results gave.
        lang: language of the tool's own labels.
        created: time of the run, shown on the About sheet; fixed by default for reproducible output.
    """
    return NationalWriter(outcome, Lang(lang), created or FIXED_CREATED).build()
