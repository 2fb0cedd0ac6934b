"""The consensus workbook (`kompass consensus`): the scoring form pre-filled with a proposal, plus its evidence.

The form's own sheets are exactly those of `kompass new` (so check, report and merge read it as any
scoring workbook); the evidence comes in extra sheets after the area sheets: the differences per
sub-question, the evaluators' strengths and improvements side by side, the agreement figures and the
sources. The hidden `_kompass` sheet gets extra rows naming the sources.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet

from ..consensus import DEFAULT_THRESHOLD_SHARE, Consensus, threshold_text
from ..labels import LABELS, Lang, number_text
from ..layout import AREA_HEADER_ROW, COL_SCORE, FIRST_QUESTION_ROW
from ..models import Evaluation
from ..scoring import round_half_up
from .common import (
    ROW_HEIGHT_MAX,
    cell,
    checked,
    evaluators_text,
    fit,
    merged_text,
    number_value,
    print_setup,
    protect,
    rows_of_text,
    sheet_ref,
    text_height,
    wrapped_height,
)
from .result_cells import BOTTOM_MARGIN, PAGE_FILL, PAGE_HEIGHT, PAGE_WIDTH, SIDE_MARGIN, TOP_MARGIN, column_points
from .scoring_form import COMMENT_WIDTH as FORM_COMMENT_WIDTH
from .scoring_form import INSTRUCTIONS_WIDTH, QUESTION_WIDTH, ScoringFormWriter, fit_width

FLAG_FILL = "#F8C9C4"
SHEET_FOOTER = "page_footer"
TITLE_WIDTH = 50
COMMENT_WIDTH = 40
TEXT_WIDTH = 50
# Differences sheet columns. The question id is in column A and the mark in column D, where an area
# sheet has its id and score: should a damaged workbook make the reader fall back to searching ids
# (after the area sheets, which come first), it finds a text or a blank here, an error, never a score.
DIFF_COL_MARK, DIFF_COL_SPREAD, DIFF_COL_CURRENT = 3, 4, 8
DEFAULT_HEIGHT = 15


class ConsensusFormWriter(ScoringFormWriter):
    """Writes one consensus workbook: the scoring form of the proposal, then the evidence sheets."""

    def __init__(self, consensus: Consensus, lang: Lang, created: datetime) -> None:
        self.consensus = consensus
        super().__init__(consensus.framework, self._fitted(consensus.evaluation, lang), lang, created)

    @staticmethod
    def _fitted(evaluation: Evaluation, lang: Lang) -> Evaluation:
        """The proposal with every joined text cut to what one row shows whole, pointing at the sheet
        with the full texts (a row is at most Excel's 409 points tall; the evidence sheets hold every
        evaluator's text in full)."""
        to_differences = LABELS["con_shortened"][lang].format(sheet=LABELS["con_sheet_differences"][lang])
        to_texts = LABELS["con_shortened"][lang].format(sheet=LABELS["con_sheet_texts"][lang])
        comment_width, box_width = fit_width(FORM_COMMENT_WIDTH), fit_width(QUESTION_WIDTH)
        return evaluation.model_copy(
            update={
                "comments": {k: shown_whole(v, comment_width, to_differences) for k, v in evaluation.comments.items()},
                "strengths": {k: shown_whole(v, box_width, to_texts) for k, v in evaluation.strengths.items()},
                "improvements": {k: shown_whole(v, box_width, to_texts) for k, v in evaluation.improvements.items()},
            }
        )

    @property
    def threshold_label(self) -> str:
        threshold = self.consensus.threshold
        if threshold is None:
            return self.label("con_threshold_share", percent=number_text(DEFAULT_THRESHOLD_SHARE * 100, self.lang))
        return self.label("con_threshold_points", points=number_text(threshold, self.lang))

    def footer(self) -> str:
        return f"&C{self.label(SHEET_FOOTER)}"

    def area_pages(self, total_row: int, heights: dict[int, int | float]) -> tuple[int | None, list[int]]:
        """An area sheet of the proposal prints at a scale set here, so that Excel and LibreOffice
        fill its pages alike, with page breaks set here: where its texts make it longer than a page,
        "Styrkor" and "Förbättringsområden" start a new page rather than stand alone at the foot of one."""
        widths = (8, QUESTION_WIDTH, 7, 9, FORM_COMMENT_WIDTH)
        used = sum(column_points(Decimal(width)) for width in widths)
        scale = min(100, math.floor((PAGE_HEIGHT - 2 * SIDE_MARGIN * 72) * 100 / used) - 1)
        room = (PAGE_WIDTH - (TOP_MARGIN + BOTTOM_MARGIN) * 72) * PAGE_FILL * 100 / scale
        points = {row: Decimal(str(height)) for row, height in heights.items()}
        return scale, heading_breaks(points, total_row + 6, (total_row + 2, total_row + 5), room)

    def number(self, sheet: Worksheet, row: int, col: int, value: Decimal, fmt=None) -> None:
        checked(sheet.write_number(row, col, number_value(value), fmt or self.fmt.number), f"number at {cell(row, col)}")

    def text(self, sheet: Worksheet, row: int, col: int, value: str, fmt=None) -> None:
        """A text cell; an empty text leaves the cell blank (with its border)."""
        if value:
            checked(sheet.write_string(row, col, fit(value), fmt or self.fmt.text), f"text at {cell(row, col)}")
        else:
            checked(sheet.write_blank(row, col, None, fmt or self.fmt.text), f"text at {cell(row, col)}")

    def title(self, sheet: Worksheet, key: str) -> None:
        checked(sheet.write_string(0, 0, self.label(key), self.fmt.title), "title")
        sheet.set_row(0, 24)

    def headers(self, sheet: Worksheet, row: int, texts: list[str]) -> None:
        for col, value in enumerate(texts):
            checked(sheet.write_string(row, col, fit(value), self.fmt.header), f"header {value}")
        sheet.set_row(row, 32)

    def note(self, sheet: Worksheet, row: int, last_col: int, text: str, height: int) -> None:
        checked(sheet.merge_range(row, 0, row, last_col, text, self.fmt.subtitle), "note")
        sheet.set_row(row, height)

    # --- the form's own sheets: one paragraph more in the instructions, extra keys in _kompass ---------

    def write_instructions(self, sheet: Worksheet) -> None:
        super().write_instructions(sheet)
        row = 2 + LABELS["instructions_body"][self.lang].count("\n") + 2
        paragraph = self.label(
            "con_instructions",
            count=len(self.consensus.sources),
            differences=self.label("con_sheet_differences"),
            texts=self.label("con_sheet_texts"),
            agreement=self.label("con_sheet_agreement"),
            sources=self.label("con_sheet_sources"),
        )
        bold = self.workbook.add_format({"font_name": "Calibri", "font_size": 11, "valign": "top", "text_wrap": True, "bold": True})
        checked(sheet.write_string(row, 0, paragraph, bold), "consensus instructions")
        sheet.fit_row(row, text_height(paragraph, Decimal(INSTRUCTIONS_WIDTH), bold=True))

    def meta_rows(self) -> tuple[tuple[str, str], ...]:
        rows = [
            ("consensus_sources", str(len(self.consensus.sources))),
            ("consensus_threshold", threshold_text(self.consensus.threshold)),
        ]
        for source in self.consensus.sources:
            prefix = f"source_{source.number}"
            rows += [
                (f"{prefix}_file", source.file_name),
                (f"{prefix}_workbook_id", source.evaluation.workbook_id),
                (f"{prefix}_sha256", source.sha256),
                (f"{prefix}_evaluators", evaluators_text(source.named)),
            ]
        return super().meta_rows() + tuple((key, fit(value)) for key, value in rows)

    # --- evidence sheets ---------------------------------------------------------------------------

    def write_extra_sheets(self) -> Worksheet:
        differences = self.workbook.add_worksheet(self.label("con_sheet_differences"))
        self.write_differences(differences)
        self.write_texts(self.workbook.add_worksheet(self.label("con_sheet_texts")))
        self.write_agreement(self.workbook.add_worksheet(self.label("con_sheet_agreement")))
        self.write_sources(self.workbook.add_worksheet(self.label("con_sheet_sources")))
        return differences

    def write_differences(self, sheet: Worksheet) -> None:
        fmt, consensus = self.fmt, self.consensus
        flag = self.workbook.add_format({"font_name": "Calibri", "valign": "top", "border": 1, "align": "center", "bold": True, "bg_color": FLAG_FILL, "font_color": "#9C0006"})
        fixed = ["col_id", "col_question", "col_max", "con_col_discuss", "con_col_spread", "con_col_spread_percent", "con_col_threshold", "con_col_proposal", "con_col_current"]
        first_source_col = len(fixed)
        last_col = first_source_col + 2 * len(consensus.sources) - 1
        for col, width in enumerate((7, TITLE_WIDTH, 6, 10, 10, 10, 9, 9, 9)):
            sheet.set_column(col, col, width)
        for source in consensus.sources:
            col = first_source_col + 2 * (source.number - 1)
            sheet.set_column(col, col, 10)
            sheet.set_column(col + 1, col + 1, COMMENT_WIDTH)

        self.title(sheet, "con_diff_title")
        mark = self.label("con_mark")
        note = self.label("con_diff_note", threshold=self.threshold_label, mark=mark, step_rule=self.step_rule, current=self.label("con_col_current"))
        self.note(sheet, 1, DIFF_COL_CURRENT, note, 96)
        count = self.label("con_diff_count", flagged=len(consensus.flagged), count=len(consensus.questions))
        checked(sheet.write_string(2, 0, count, fmt.section), "count")

        header_row = 4
        titles = [self.label(key) for key in fixed]
        for source in consensus.sources:
            titles += [self.label("con_col_score_of", name=source.label), self.label("con_col_comment_of", name=source.label)]
        self.headers(sheet, header_row, titles)

        first = header_row + 1
        for row, q in enumerate(consensus.discussion_order, start=first):
            question = q.question
            area = self.fw.area_of(question.id)
            area_sheet, _, area_first, _ = self.area_total_cells[area.number]
            area_row = area_first + [x.id for x in area.questions].index(question.id)
            checked(sheet.write_string(row, 0, question.id, fmt.id), question.id)
            self.text(sheet, row, 1, question.title)
            checked(sheet.write_number(row, 2, question.max, fmt.number), question.id)
            if q.flagged:
                checked(sheet.write_string(row, DIFF_COL_MARK, mark, flag), question.id)
            else:
                checked(sheet.write_blank(row, DIFF_COL_MARK, None, fmt.number), question.id)
            self.number(sheet, row, DIFF_COL_SPREAD, q.spread)
            self.number(sheet, row, 5, round_half_up(q.relative_spread))
            self.number(sheet, row, 6, q.threshold)
            self.number(sheet, row, 7, q.proposal)
            formula = f"={sheet_ref(area_sheet, area_row, COL_SCORE)}"
            checked(sheet.write_formula(row, DIFF_COL_CURRENT, formula, fmt.number, number_value(q.proposal)), f"current score of {question.id}")
            for source, score, comment in zip(consensus.sources, q.scores, q.comments):
                col = first_source_col + 2 * (source.number - 1)
                self.number(sheet, row, col, score)
                self.text(sheet, row, col + 1, comment)
            sheet.set_row(row, wrapped_height(*[(question.title, TITLE_WIDTH)] + [(c, COMMENT_WIDTH) for c in q.comments]))
        last = first + len(consensus.questions) - 1
        scale = {"type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": "#63BE7B", "mid_color": "#FFEB84", "max_color": "#F8696B"}
        checked(sheet.conditional_format(first, DIFF_COL_SPREAD, last, DIFF_COL_SPREAD, scale), "spread heatmap")
        sheet.autofilter(header_row, 0, last, last_col)
        checked(sheet.ignore_errors({"number_stored_as_text": xl_range(first, 0, last, 0)}), "question ids")  # "1.1" is text
        sheet.freeze_panes(first, 2)
        sheet.repeat_rows(header_row)
        protect_with_filter(sheet)
        print_setup(sheet, self.page_header, self.footer(), landscape=True)

    def write_texts(self, sheet: Worksheet) -> None:
        fmt, sources = self.fmt, self.consensus.sources
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 20)
        sheet.set_column(3, 2 + len(sources), TEXT_WIDTH)
        self.title(sheet, "con_texts_title")
        header_row = 2
        self.headers(sheet, header_row, [self.label("col_area"), self.label("col_title"), self.label("con_col_kind")] + [s.label for s in sources])
        row = header_row + 1
        for area in self.fw.areas:
            for key in ("strengths", "improvements"):
                texts = [getattr(source.evaluation, key).get(area.number, "") for source in sources]
                # a text taller than a row goes on in the rows below, so every word shows and prints
                pieces = [rows_of_text(text, Decimal(TEXT_WIDTH)) if text else [""] for text in texts]
                for line in range(max(len(p) for p in pieces)):
                    if line == 0:
                        checked(sheet.write_number(row, 0, area.number, fmt.id), "area")
                        self.text(sheet, row, 1, area.title)
                        self.text(sheet, row, 2, self.label(key), fmt.label)
                    else:
                        for col in range(3):
                            checked(sheet.write_blank(row, col, None, fmt.text), "continued text")
                    shown = [p[line] if line < len(p) else "" for p in pieces]
                    for source, text in zip(sources, shown):
                        self.text(sheet, row, 2 + source.number, text)
                    first = [(area.title, 30)] if line == 0 else []
                    sheet.set_row(row, wrapped_height(*first + [(text, TEXT_WIDTH) for text in shown]))
                    row += 1
        sheet.freeze_panes(header_row + 1, 3)
        sheet.repeat_rows(header_row)  # the evaluators' names head every printed page of their texts
        protect(sheet)
        print_setup(sheet, self.page_header, self.footer(), landscape=True)

    def write_agreement(self, sheet: Worksheet) -> None:
        fmt, consensus = self.fmt, self.consensus
        two = self.workbook.add_format({"font_name": "Calibri", "valign": "top", "border": 1, "align": "center", "num_format": "0.00"})
        two_total = self.workbook.add_format({"font_name": "Calibri", "valign": "top", "border": 1, "align": "center", "num_format": "0.00", "bold": True, "bg_color": "#D9E2F3"})
        sources = consensus.sources
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 6 + len(sources), 13)
        self.title(sheet, "con_agree_title")
        last_col = 6 + len(sources)
        self.note(sheet, 1, last_col, self.label("con_agree_note", threshold=self.threshold_label), 48)
        header_row = 3
        titles = ["col_area", "col_title", "con_col_questions", "con_col_within", "con_col_share", "con_col_mean_difference"]
        self.headers(
            sheet,
            header_row,
            [self.label(key) for key in titles]
            + [self.label("con_col_points_of", name=s.label) for s in sources]
            + [self.label("con_col_proposal_points")],
        )
        row = header_row + 1
        for area_consensus in consensus.areas:
            area = area_consensus.area
            checked(sheet.write_number(row, 0, area.number, fmt.id), "area")
            self.text(sheet, row, 1, area.title)
            self.agreement_row(sheet, row, area_consensus.agreement, area_consensus.points, area_consensus.proposal_points, fmt.number, two)
            row += 1
        checked(sheet.write_blank(row, 0, None, fmt.total_label), "total")
        checked(sheet.write_string(row, 1, self.label("total"), fmt.total_label), "total")
        totals = tuple(sum((a.points[s.number - 1] for a in consensus.areas), Decimal(0)) for s in sources)
        proposal_total = sum((a.proposal_points for a in consensus.areas), Decimal(0))
        self.agreement_row(sheet, row, consensus.overall, totals, proposal_total, fmt.total_number, two_total)

        row += 2
        checked(sheet.write_string(row, 0, self.label("con_pairs_title"), fmt.section), "pairs")
        row += 1
        checked(sheet.merge_range(row, 0, row, 1, self.label("con_col_pair"), fmt.header), "pair header")
        checked(sheet.write_string(row, 2, self.label("con_col_mean_difference"), fmt.header), "pair header")
        sheet.set_row(row, 32)
        for pair in consensus.pairs:
            row += 1
            merged_text(sheet, row, 0, row, 1, f"{pair.first.label} – {pair.second.label}", fmt.text)
            self.number(sheet, row, 2, round_half_up(pair.mean_difference, 2), two)
        protect(sheet)
        print_setup(sheet, self.page_header, self.footer(), landscape=True)

    def agreement_row(self, sheet: Worksheet, row: int, agreement, points, proposal, fmt, fmt_two) -> None:
        """Counts, the share rounded once to a whole percent, the mean difference rounded once to 0.01."""
        self.number(sheet, row, 2, Decimal(agreement.questions), fmt)
        self.number(sheet, row, 3, Decimal(agreement.within), fmt)
        self.number(sheet, row, 4, round_half_up(agreement.share_within), fmt)
        self.number(sheet, row, 5, round_half_up(agreement.mean_difference, 2), fmt_two)
        for col, value in enumerate(points, start=6):
            self.number(sheet, row, col, value, fmt)
        self.number(sheet, row, 6 + len(points), proposal, fmt)

    def write_sources(self, sheet: Worksheet) -> None:
        fmt = self.fmt
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 22)
        sheet.set_column(2, 2, 28)
        sheet.set_column(3, 3, 38)
        sheet.set_column(4, 4, 66)
        sheet.set_column(5, 5, 28)
        sheet.set_column(6, 6, 11)
        self.title(sheet, "con_sources_title")
        self.note(sheet, 1, 6, self.label("con_sources_note", workbook_id=self.ev.workbook_id), 32)
        header_row = 3
        keys = ["con_col_number", "con_col_evaluator", "con_col_file", "con_col_workbook_id", "con_col_sha256", "con_col_named", "con_col_total"]
        self.headers(sheet, header_row, [self.label(key) for key in keys])
        for row, source in enumerate(self.consensus.sources, start=header_row + 1):
            checked(sheet.write_number(row, 0, source.number, fmt.id), "number")
            self.text(sheet, row, 1, source.label)
            self.text(sheet, row, 2, source.file_name)
            self.text(sheet, row, 3, source.evaluation.workbook_id)
            self.text(sheet, row, 4, source.sha256)
            self.text(sheet, row, 5, evaluators_text(source.named))
            self.number(sheet, row, 6, sum(source.evaluation.scores.values(), Decimal(0)))
        protect(sheet)
        print_setup(sheet, self.page_header, self.footer(), landscape=True)


def heading_breaks(heights: dict[int, Decimal], last: int, headings: tuple[int, ...], room: Decimal) -> list[int]:
    """Rows of an area sheet that start a page, so that no heading in `headings` is the last thing on
    a page: each page holds `room` points of rows under the repeated title and header rows, a row that
    does not fit starts the next page, and a heading goes with the box below it."""
    height = lambda row: heights.get(row, Decimal(DEFAULT_HEIGHT))  # noqa: E731
    repeated = sum(height(row) for row in range(AREA_HEADER_ROW + 1))
    breaks, used = [], Decimal(0)
    for row in range(last + 1):
        need = height(row) + (height(row + 1) if row in headings else 0)
        if row > FIRST_QUESTION_ROW and used + need > room and repeated + need <= room:
            breaks.append(row)
            used = repeated
        used += height(row)
    return breaks


def shown_whole(text: str, width: Decimal, suffix: str) -> str:
    """`text` as one wrapped cell of a column `width` characters wide shows it whole: the text itself
    when it fits one row (at most 409 points), else its start, cut between words, ending with `suffix`."""
    if text_height(text, width) < ROW_HEIGHT_MAX:
        return fit(text, suffix)
    low, high = 0, len(text)  # the longest start of the text that fits with the suffix
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if text_height(text[:middle] + suffix, width) < ROW_HEIGHT_MAX else (low, middle - 1)
    start = text[:low]
    if low < len(text) and not text[low].isspace() and " " in start:
        start = start.rsplit(" ", 1)[0]
    return start.rstrip() + suffix


def protect_with_filter(sheet: Worksheet) -> None:
    """Protect like the form's sheets, but let the reader filter and sort the table."""
    sheet.protect(
        "",
        {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True, "autofilter": True, "sort": True},
    )


def build_consensus_workbook(consensus: Consensus, lang: Lang | str = Lang.SV, created: datetime | None = None) -> bytes:
    """The consensus workbook as .xlsx bytes.

    Args:
        consensus: the proposal and its evidence (consensus.build_consensus).
        lang: language of the tool's own labels.
        created: document creation time; fixed for reproducible output.
    """
    from .common import FIXED_CREATED

    return ConsensusFormWriter(consensus, Lang(lang), created or FIXED_CREATED).build()
