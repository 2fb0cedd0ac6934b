"""The scoring workbook evaluators fill in (`kompass new`, workbook_templates/)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xlsxwriter.workbook import Workbook
from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet

from .. import tool_version
from ..labels import Lang, label, step_rule
from ..layout import (
    AREA_HEADER_ROW,
    COL_COMMENT,
    COL_ID,
    COL_MAX,
    COL_QUESTION,
    COL_SCORE,
    COL_SUM_AREA,
    COL_SUM_MAX,
    COL_SUM_PERCENT,
    COL_SUM_POINTS,
    COL_SUM_TITLE,
    COL_SUM_UNSCORED,
    DETAILS_FIELDS,
    DETAILS_FIRST_ROW,
    DETAILS_INPUT_COL,
    FIRST_QUESTION_ROW,
    FORM_VERSION,
    SUMMARY_FIRST_AREA_ROW,
    SUMMARY_HEADER_ROW,
    comment_name,
    score_name,
)
from ..models import Area, Evaluation, Framework
from ..municipalities import GROUPS, register
from ..scoring import percent
from .common import (
    Formats,
    cell,
    checked,
    evaluators_text,
    finish,
    header_text,
    new_workbook,
    number_value,
    print_setup,
    protect,
    sheet_ref,
    fit,
    wrapped_height,
    write_key_values,
)

INSTRUCTIONS_WIDTH = 68  # fits an A4 portrait page without scaling
QUESTION_WIDTH = 60
COMMENT_WIDTH = 55
EMPTY_BOX_HEIGHT = 63  # an empty strengths or improvements box shows four lines until text is typed
# Heights of rows holding texts are estimated for a column this much narrower than it is, so that long
# words wrapping early (or a wider substitute font) never push the last line out of the row.
FIT_SHARE = Decimal("0.9")


def fit_width(width: int) -> Decimal:
    """The column width row heights are estimated for: `width` less a margin (FIT_SHARE)."""
    return Decimal(width) * FIT_SHARE
NOT_FILLED = "–"  # shown instead of points and percent while an area has no score
# The register's names, codes and groups in a hidden sheet, for the Kommun list and the Kommunkod lookup.
REGISTER_SHEET = "_kommuner"
REGISTER_COLS = {"name": 0, "code": 1, "group": 2}


def register_range(key: str) -> str:
    """The hidden register sheet's column of names, codes or groups: '_kommuner'!$A$1:$A$290."""
    col = REGISTER_COLS[key]
    return f"{sheet_ref(REGISTER_SHEET, 0, col)}:{cell(len(register().municipalities) - 1, col)}"


def framework_text(framework: Framework) -> str:
    """'Kommunkompassen 2020': the title, with the version added only when the title lacks it."""
    return framework.title if framework.id in framework.title else f"{framework.title} ({framework.id})"


def score_rule(ref: str, maximum: int, step: Decimal) -> str:
    """Excel condition that holds for a valid score: a number in 0..max on the step.

    The step test allows for binary floating point (7.7*10 is not exactly 77 in Excel).
    """
    per_point = 1 / step
    scaled = f"{ref}*{per_point.normalize():f}" if per_point == per_point.to_integral_value() else f"{ref}/{step}"
    return f"AND(ISNUMBER({ref}),{ref}>=0,{ref}<={maximum},ABS({scaled}-ROUND({scaled},0))<0.000001)"


class ScoringFormWriter:
    """Writes one scoring workbook; one instance per workbook."""

    def __init__(self, framework: Framework, evaluation: Evaluation, lang: Lang, created: datetime) -> None:
        self.fw = framework
        self.ev = evaluation
        self.lang = lang
        self.created = created
        self.workbook: Workbook
        self.fmt: Formats
        self.area_total_cells: dict[int, tuple[str, int, int, int]] = {}  # number -> (sheet, total row, first, last)

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    @property
    def step_rule(self) -> str:
        return step_rule(self.fw.step, self.lang)

    @property
    def page_header(self) -> str:
        return f"&L{header_text(self.who)}&C&A&RKommunkompassen {self.fw.id}"

    @property
    def who(self) -> str:
        """'Olofström 2022', or '' for a blank template."""
        return " ".join(part for part in (self.ev.municipality, str(self.ev.year or "")) if part)

    def build(self) -> bytes:
        self.workbook, buffer = new_workbook()
        self.workbook.lock_structure = True  # no sheet can be deleted or renamed by mistake (no password)
        self.fmt = Formats(self.workbook)
        self.set_properties()
        instructions = self.workbook.add_worksheet(self.label("sheet_instructions"))
        details = self.workbook.add_worksheet(self.label("sheet_details"))
        summary = self.workbook.add_worksheet(self.label("sheet_summary"))
        for area in self.fw.areas:
            self.write_area(self.workbook.add_worksheet(area.sheet_name), area)
        self.write_instructions(instructions)
        self.write_details(details)
        self.write_summary(summary)
        opening = self.write_extra_sheets()
        self.write_meta()
        (opening or instructions).activate()
        return finish(self.workbook, buffer)

    def write_extra_sheets(self) -> Worksheet | None:
        """Hook for writers of richer forms: add sheets after the area sheets (before `_kompass`).

        Called once the form's own sheets are written. Returns the sheet the workbook should open
        on, or None for the instructions. The plain scoring form adds nothing.
        """
        return None

    def set_properties(self) -> None:
        who = self.who or self.label("blank_form")
        self.workbook.set_properties(
            {
                "title": f"Kommunkompassen {self.fw.id} – {who}",
                "subject": self.label("subject"),
                "author": evaluators_text(self.ev.evaluators),
                "company": "Kommunkompassen",
                "comments": f"workbook_id {self.ev.workbook_id}" if self.ev.workbook_id else "",
                "created": self.created,
            }
        )
        self.workbook.set_calc_mode("auto")

    def define(self, name: str, sheet: str, row: int, col: int) -> None:
        checked(self.workbook.define_name(name, f"={sheet_ref(sheet, row, col)}"), f"the name {name}")

    # --- instructions ----------------------------------------------------------------------

    def write_instructions(self, sheet: Worksheet) -> None:
        sheet.set_column(0, 0, INSTRUCTIONS_WIDTH)
        checked(sheet.write_string(0, 0, self.label("instructions_title", version=self.fw.id), self.fmt.title), "title")
        body = self.label(
            "instructions_body",
            details=self.label("sheet_details"),
            summary=self.label("sheet_summary"),
            score=self.label("col_score"),
            comment=self.label("col_comment"),
            step_rule=self.step_rule,
        )
        for row, paragraph in enumerate(body.split("\n"), start=2):
            checked(sheet.write_string(row, 0, paragraph, self.fmt.plain), "instructions")
            sheet.fit_row(row, wrapped_height((paragraph, INSTRUCTIONS_WIDTH)))
        protect(sheet)
        print_setup(sheet, self.page_header, f"&C{self.label('page_footer')}")

    # --- details -----------------------------------------------------------------------------

    def write_details(self, sheet: Worksheet) -> None:
        name = sheet.get_name()
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 50)
        checked(sheet.write_string(0, 0, self.label("details_title"), self.fmt.title), "details title")
        values = {
            "municipality": self.ev.municipality,
            "year": self.ev.year,
            "evaluation_date": self.ev.evaluation_date,
            "evaluators": evaluators_text(self.ev.evaluators),
            "population": self.ev.population,
            "municipality_group": self.ev.municipality_group or "",
        }
        for offset, field in enumerate(DETAILS_FIELDS):
            row = DETAILS_FIRST_ROW + offset
            checked(sheet.write_string(row, 0, self.label(field), self.fmt.label), field)
            self.write_detail_input(sheet, row, field, values[field])
            self.define(field, name, row, DETAILS_INPUT_COL)
        row = DETAILS_FIRST_ROW + len(DETAILS_FIELDS)
        checked(sheet.write_string(row, 0, self.label("framework"), self.fmt.label), "framework")
        checked(sheet.write_string(row, 1, framework_text(self.fw), self.fmt.text), "framework")
        row += 1
        checked(sheet.write_string(row, 0, self.label("municipality_code"), self.fmt.label), "municipality code")
        found = register().find(self.ev.municipality)
        lookup = f"INDEX({register_range('code')},MATCH(municipality,{register_range('name')},0))"
        checked(sheet.write_formula(row, 1, f'=IFERROR({lookup},"")', self.fmt.text, found.code if found else ""), "municipality code")
        protect(sheet)
        print_setup(sheet, self.page_header, f"&C{self.label('page_footer')}")

    def write_detail_input(self, sheet: Worksheet, row: int, field: str, value: object) -> None:
        col = DETAILS_INPUT_COL
        invalid = {"error_title": self.label("invalid_title"), "error_type": "stop"}
        if field == "year":
            fmt = self.fmt.input_number
            rule = {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100, "input_message": self.label("year_prompt"), "error_message": self.label("year_prompt")}
        elif field == "population":
            fmt = self.fmt.input_number
            rule = {"validate": "integer", "criteria": ">=", "value": 0, "input_message": self.label("population_prompt"), "error_message": self.label("population_prompt")}
        elif field == "evaluation_date":
            fmt = self.fmt.input_date
            rule = {"validate": "date", "criteria": ">", "value": datetime(2000, 1, 1), "input_message": self.label("date_prompt"), "error_message": self.label("date_prompt")}
        elif field == "municipality":
            fmt = self.fmt.input_text
            rule = {
                "validate": "list",
                "source": f"={register_range('name')}",
                "input_title": self.label("municipality"),
                "input_message": self.label("municipality_prompt"),
                "error_title": self.label("municipality_unknown_title"),
                "error_message": self.label("municipality_unknown"),
                "error_type": "warning",
            }
        elif field == "municipality_group":
            fmt = self.fmt.input_text
            rule = {
                "validate": "list",
                "source": list(GROUPS.values()),
                "input_title": self.label("municipality_group"),
                "input_message": self.label("group_prompt"),
                "error_message": self.label("group_error"),
            }
        else:
            fmt, rule = self.fmt.input_text, None
        if value in (None, ""):
            checked(sheet.write_blank(row, col, None, fmt), field)
        elif field == "evaluation_date":
            checked(sheet.write_datetime(row, col, datetime.combine(value, datetime.min.time()), fmt), field)
        elif isinstance(value, int):
            checked(sheet.write_number(row, col, value, fmt), field)
        else:
            checked(sheet.write_string(row, col, fit(str(value)), fmt), field)
        if rule is not None:
            checked(sheet.data_validation(row, col, row, col, {**invalid, **rule}), f"validation of {field}")

    # --- area sheets -------------------------------------------------------------------------

    def write_area(self, sheet: Worksheet, area: Area) -> None:
        fmt, name = self.fmt, sheet.get_name()
        sheet.set_column(COL_ID, COL_ID, 8)
        sheet.set_column(COL_QUESTION, COL_QUESTION, QUESTION_WIDTH)
        sheet.set_column(COL_MAX, COL_MAX, 7)
        sheet.set_column(COL_SCORE, COL_SCORE, 9)
        sheet.set_column(COL_COMMENT, COL_COMMENT, COMMENT_WIDTH)
        checked(sheet.merge_range(0, 0, 0, COL_COMMENT, self.label("area_title", number=area.number, title=area.title), fmt.title), "area title")
        sheet.set_row(0, 24)
        checked(sheet.merge_range(1, 0, 1, COL_COMMENT, self.label("area_subtitle", max=area.max, step_rule=self.step_rule), fmt.subtitle), "subtitle")
        sheet.set_row(1, 30)
        for col, key in ((COL_ID, "col_id"), (COL_QUESTION, "col_question"), (COL_MAX, "col_max"), (COL_SCORE, "col_score"), (COL_COMMENT, "col_comment")):
            checked(sheet.write_string(AREA_HEADER_ROW, col, self.label(key), fmt.header), key)

        first, heights = FIRST_QUESTION_ROW, {0: 24, 1: 30}  # row heights set here, in points
        for row, question in enumerate(area.questions, start=first):
            checked(sheet.write_string(row, COL_ID, question.id, fmt.id), question.id)
            checked(sheet.write_string(row, COL_QUESTION, question.title, fmt.text), question.id)
            checked(sheet.write_number(row, COL_MAX, question.max, fmt.number), question.id)
            self.write_score_input(sheet, row, question.id, question.max)
            comment = self.ev.comments.get(question.id, "")
            if comment:
                checked(sheet.write_string(row, COL_COMMENT, fit(comment), fmt.input_text), question.id)
            else:
                checked(sheet.write_blank(row, COL_COMMENT, None, fmt.input_text), question.id)
            self.define(score_name(question.id), name, row, COL_SCORE)
            self.define(comment_name(question.id), name, row, COL_COMMENT)
            heights[row] = wrapped_height((question.title, fit_width(QUESTION_WIDTH)), (comment, fit_width(COMMENT_WIDTH)))
            sheet.fit_row(row, heights[row])
        last = first + len(area.questions) - 1
        # question ids ("1.1") are text that reads as a number: marked, so Excel shows no warning triangle
        checked(sheet.ignore_errors({"number_stored_as_text": xl_range(first, COL_ID, last, COL_ID)}), "question ids")
        checked(sheet.conditional_format(first, COL_SCORE, last, COL_SCORE, {"type": "blanks", "format": fmt.unscored}), "unscored marking")

        total_row = last + 1
        given = [self.ev.scores[q.id] for q in area.questions if q.id in self.ev.scores]
        checked(sheet.write_blank(total_row, COL_ID, None, fmt.total_label), "total")
        checked(sheet.write_string(total_row, COL_QUESTION, self.label("area_sum", number=area.number), fmt.total_label), "total")
        checked(sheet.write_formula(total_row, COL_MAX, f"=SUM({cell(first, COL_MAX, False)}:{cell(last, COL_MAX, False)})", fmt.total_number, area.max), "total max")
        scores = f"{cell(first, COL_SCORE, False)}:{cell(last, COL_SCORE, False)}"
        value = number_value(sum(given, Decimal(0))) if given else NOT_FILLED
        checked(sheet.write_formula(total_row, COL_SCORE, f'=IF(COUNT({scores})=0,"{NOT_FILLED}",SUM({scores}))', fmt.total_number, value), "total")
        checked(sheet.write_blank(total_row, COL_COMMENT, None, fmt.total_label), "total")
        self.area_total_cells[area.number] = (name, total_row, first, last)

        row = total_row + 2
        for key, texts in (("strengths", self.ev.strengths), ("improvements", self.ev.improvements)):
            checked(sheet.write_string(row, COL_QUESTION, self.label(key), fmt.section), key)
            text = texts.get(area.number, "")
            if text:
                checked(sheet.write_string(row + 1, COL_QUESTION, fit(text), fmt.input_box), key)
            else:
                checked(sheet.write_blank(row + 1, COL_QUESTION, None, fmt.input_box), key)
            # one wrapped, unmerged cell in a row without a custom height: it grows with what is typed
            heights[row + 1] = max(EMPTY_BOX_HEIGHT, wrapped_height((text, fit_width(QUESTION_WIDTH))))
            sheet.fit_row(row + 1, heights[row + 1])
            self.define(f"{key}_{area.number}", name, row + 1, COL_QUESTION)
            row += 3

        sheet.freeze_panes(FIRST_QUESTION_ROW, 0)
        sheet.repeat_rows(0, AREA_HEADER_ROW)
        protect(sheet)
        scale, breaks = self.area_pages(total_row, heights)
        print_setup(sheet, self.page_header, f"&C{self.label('page_footer')}", landscape=True, scale=scale)
        if breaks:
            sheet.set_h_pagebreaks(breaks)

    def area_pages(self, total_row: int, heights: dict[int, int | float]) -> tuple[int | None, list[int]]:
        """The print scale and page breaks of an area sheet (from its row heights in points): none,
        the form is fitted to the page's width and grows with what is typed."""
        return None, []

    def write_score_input(self, sheet: Worksheet, row: int, question_id: str, maximum: int) -> None:
        score = self.ev.scores.get(question_id)
        if score is None:
            checked(sheet.write_blank(row, COL_SCORE, None, self.fmt.input_score), question_id)
        else:
            checked(sheet.write_number(row, COL_SCORE, number_value(score), self.fmt.input_score), question_id)
        ref = cell(row, COL_SCORE, absolute=False)
        rule = score_rule(ref, maximum, self.fw.step)
        texts = {"max": maximum, "step_rule": self.step_rule, "id": question_id}
        checked(
            sheet.data_validation(
                row,
                COL_SCORE,
                row,
                COL_SCORE,
                {
                    "validate": "custom",
                    "value": f"={rule}",
                    "input_title": self.label("score_prompt_title", **texts),
                    "input_message": self.label("score_prompt", **texts),
                    "error_title": self.label("score_error_title"),
                    "error_message": self.label("score_error", **texts),
                    "error_type": "stop",
                },
            ),
            f"validation of {question_id}",
        )
        checked(
            sheet.conditional_format(row, COL_SCORE, row, COL_SCORE, {"type": "formula", "criteria": f'=AND({ref}<>"",NOT({rule}))', "format": self.fmt.invalid}),
            f"invalid marking of {question_id}",
        )

    # --- summary -----------------------------------------------------------------------------

    def write_summary(self, sheet: Worksheet) -> None:
        fmt, name = self.fmt, sheet.get_name()
        sheet.set_column(COL_SUM_AREA, COL_SUM_AREA, 8)
        sheet.set_column(COL_SUM_TITLE, COL_SUM_TITLE, 46)
        sheet.set_column(COL_SUM_POINTS, COL_SUM_UNSCORED, 11)
        checked(sheet.write_string(0, 0, self.label("summary_title", version=self.fw.id), fmt.title), "summary title")
        checked(sheet.write_formula(1, 0, '=municipality&" "&year', fmt.section, self.who), "summary subtitle")
        headers = ("col_area", "col_title", "col_points", "col_max", "col_percent", "col_unscored")
        for col, key in enumerate(headers):
            checked(sheet.write_string(SUMMARY_HEADER_ROW, col, self.label(key), fmt.header), key)

        unscored_total = 0
        dash = NOT_FILLED
        for offset, area in enumerate(self.fw.areas):
            row = SUMMARY_FIRST_AREA_ROW + offset
            area_sheet, total_row, first, last = self.area_total_cells[area.number]
            given = [self.ev.scores[q.id] for q in area.questions if q.id in self.ev.scores]
            points = sum(given, Decimal(0))
            unscored = len(area.questions) - len(given)
            unscored_total += unscored
            score_range = f"{sheet_ref(area_sheet, first, COL_SCORE)}:{cell(last, COL_SCORE)}"
            points_ref, max_ref = cell(row, COL_SUM_POINTS, False), cell(row, COL_SUM_MAX, False)
            checked(sheet.write_number(row, COL_SUM_AREA, area.number, fmt.id), "area number")
            checked(sheet.write_string(row, COL_SUM_TITLE, area.title, fmt.text), "area title")
            # An area without any score shows a dash, not 0 points and 0.0 %.
            formula = f'=IF(COUNT({score_range})=0,"{dash}",{sheet_ref(area_sheet, total_row, COL_SCORE)})'
            checked(sheet.write_formula(row, COL_SUM_POINTS, formula, fmt.number, number_value(points) if given else dash), "area points")
            checked(sheet.write_number(row, COL_SUM_MAX, area.max, fmt.number), "area max")
            formula = f'=IF(ISNUMBER({points_ref}),{points_ref}/{max_ref},"{dash}")'
            value = number_value(percent(points, area.max) / 100) if given else dash
            checked(sheet.write_formula(row, COL_SUM_PERCENT, formula, fmt.percent, value), "area percent")
            checked(sheet.write_formula(row, COL_SUM_UNSCORED, f"=COUNTBLANK({score_range})", fmt.number, unscored), "unscored")
            self.define(f"total_{area.number}", name, row, COL_SUM_POINTS)

        first_row, last_row = SUMMARY_FIRST_AREA_ROW, SUMMARY_FIRST_AREA_ROW + len(self.fw.areas) - 1
        total_row = last_row + 1
        any_score = any(q.id in self.ev.scores for q in self.fw.questions)
        total = sum(self.ev.scores.get(q.id, Decimal(0)) for q in self.fw.questions)
        points_range = f"{cell(first_row, COL_SUM_POINTS, False)}:{cell(last_row, COL_SUM_POINTS, False)}"
        checked(sheet.write_blank(total_row, COL_SUM_AREA, None, fmt.total_label), "total")
        checked(sheet.write_string(total_row, COL_SUM_TITLE, self.label("total"), fmt.total_label), "total")
        formula = f'=IF(COUNT({points_range})=0,"{dash}",SUM({points_range}))'
        checked(sheet.write_formula(total_row, COL_SUM_POINTS, formula, fmt.total_number, number_value(total) if any_score else dash), "total")
        for col, value in ((COL_SUM_MAX, Decimal(self.fw.max)), (COL_SUM_UNSCORED, Decimal(unscored_total))):
            formula = f"=SUM({cell(first_row, col, False)}:{cell(last_row, col, False)})"
            checked(sheet.write_formula(total_row, col, formula, fmt.total_number, number_value(value)), "total")
        points_ref, max_ref = cell(total_row, COL_SUM_POINTS, False), cell(total_row, COL_SUM_MAX, False)
        value = number_value(percent(total, self.fw.max) / 100) if any_score else dash
        formula = f'=IF(ISNUMBER({points_ref}),{points_ref}/{max_ref},"{dash}")'
        checked(sheet.write_formula(total_row, COL_SUM_PERCENT, formula, fmt.total_percent, value), "total percent")
        self.define("total", name, total_row, COL_SUM_POINTS)

        status_row = total_row + 2
        unscored_ref = cell(total_row, COL_SUM_UNSCORED, False)
        all_scored, some, not_filled = self.label("all_scored"), self.label("some_unscored"), self.label("not_filled")
        if not any_score:
            status = not_filled
        else:
            status = all_scored if unscored_total == 0 else f"{unscored_total}{some}"
        formula = f'=IF(ISNUMBER({points_ref}),IF({unscored_ref}=0,"{all_scored}",{unscored_ref}&"{some}"),"{not_filled}")'
        checked(sheet.write_formula(status_row, 0, formula, fmt.section, status), "status")

        if any_score:  # a form without scores shows no empty chart; the result workbook has the charts
            chart = self.workbook.add_chart({"type": "column"})
            chart.add_series(
                {
                    "name": self.label("chart_title"),
                    "categories": [name, first_row, COL_SUM_AREA, last_row, COL_SUM_AREA],
                    "values": [name, first_row, COL_SUM_POINTS, last_row, COL_SUM_POINTS],
                    "fill": {"color": "#2E75B6"},
                    "data_labels": {"value": True},
                }
            )
            chart.set_title({"name": self.label("chart_title")})
            chart.set_legend({"none": True})
            chart.set_y_axis({"min": 0, "max": 100, "major_unit": 20, "name": self.label("col_points")})
            chart.set_x_axis({"name": self.label("col_area")})
            chart.set_size({"width": 620, "height": 340})
            checked(sheet.insert_chart(status_row + 2, 0, chart), "chart")
        else:
            note = self.workbook.add_format({"font_name": "Calibri", "font_size": 11, "italic": True, "font_color": "#404040"})
            checked(sheet.write_string(status_row + 1, 0, self.label("chart_later"), note), "chart note")
        protect(sheet)
        print_setup(sheet, self.page_header, f"&C{self.label('page_footer')}")

    # --- hidden key/value sheet ------------------------------------------------------------

    def meta_rows(self) -> tuple[tuple[str, str], ...]:
        """The key/value rows of the hidden sheet; subclasses may append keys, never change these."""
        return (
            ("framework", self.fw.id),
            ("tool_version", tool_version()),
            ("form_version", FORM_VERSION),
            ("workbook_id", self.ev.workbook_id),
            ("municipality", self.ev.municipality),
            ("year", str(self.ev.year or "")),
            ("lang", self.lang.value),
            ("municipality_code", found.code if (found := register().find(self.ev.municipality)) else ""),
        )

    def write_meta(self) -> None:
        self.write_register()
        write_key_values(self.workbook, self.meta_rows(), self.fmt.meta_key)

    def write_register(self) -> None:
        """The hidden, protected sheet of the 290 municipalities the Kommun list and Kommunkod use."""
        sheet = self.workbook.add_worksheet(REGISTER_SHEET)
        for row, municipality in enumerate(register().municipalities):
            for key, value in (("name", municipality.name), ("code", municipality.code), ("group", municipality.group)):
                checked(sheet.write_string(row, REGISTER_COLS[key], value), "register")
        protect(sheet)
        sheet.hide()


def build_scoring_workbook(framework: Framework, evaluation: Evaluation, lang: Lang | str = Lang.SV, created: datetime | None = None) -> bytes:
    """The scoring workbook of one evaluation as .xlsx bytes.

    Args:
        framework: the framework version the evaluation uses.
        evaluation: identity and any pre-filled scores, comments and texts.
        lang: language of the tool's own labels.
        created: document creation time; fixed for reproducible output.
    """
    from .common import FIXED_CREATED

    return ScoringFormWriter(framework, evaluation, Lang(lang), created or FIXED_CREATED).build()
