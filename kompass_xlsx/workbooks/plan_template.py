"""The blank plan of a round (`kompass plan-template`): one row per evaluation, with validation."""

from __future__ import annotations

from datetime import datetime

from ..labels import Lang, label
from .common import FIXED_CREATED, Formats, checked, finish, new_workbook

PLAN_ROWS = 500  # rows with validation and input format below the header
COLUMNS = ("municipality", "year", "framework", "evaluators")
WIDTHS = (24, 8, 12, 60)


def build_plan_template(versions: list[str], lang: Lang | str = Lang.SV, created: datetime | None = None) -> bytes:
    """A blank plan workbook: the sheet Plan with its header row and validated input columns, and
    an instructions sheet."""
    lang = Lang(lang)
    workbook, buffer = new_workbook()
    workbook.set_properties({"title": label("plan_instructions_title", lang), "created": created or FIXED_CREATED})
    formats = Formats(workbook)
    sheet = workbook.add_worksheet(label("plan_sheet", lang))
    for col, (name, width) in enumerate(zip(COLUMNS, WIDTHS)):
        sheet.set_column(col, col, width, formats.input_text if name != "year" else formats.input_number)
        checked(sheet.write_string(0, col, label(f"plan_col_{name}", lang), formats.header), name)
    sheet.freeze_panes(1, 0)
    last = PLAN_ROWS
    tips = {name: label(f"plan_tip_{name}", lang) for name in COLUMNS}
    checked(sheet.data_validation(1, 0, last, 0, {"validate": "length", "criteria": "<=", "value": 100, "input_message": tips["municipality"]}), "municipality")
    checked(
        sheet.data_validation(
            1, 1, last, 1,
            {
                "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "input_message": tips["year"], "error_title": label("plan_error_title", lang),
                "error_message": label("plan_error_year", lang),
            },
        ),
        "year",
    )
    checked(
        sheet.data_validation(
            1, 2, last, 2,
            {
                "validate": "list", "source": versions, "input_message": tips["framework"],
                "error_title": label("plan_error_title", lang), "error_message": label("plan_error_framework", lang),
            },
        ),
        "framework",
    )
    checked(sheet.data_validation(1, 3, last, 3, {"validate": "any", "input_message": tips["evaluators"]}), "evaluators")
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)

    notes = workbook.add_worksheet(label("plan_sheet_instructions", lang))
    notes.set_column(0, 0, 80)
    checked(notes.write_string(0, 0, label("plan_instructions_title", lang), formats.title), "title")
    body = label("plan_instructions_body", lang, sheet=label("plan_sheet", lang))
    for row, line in enumerate(body.split("\n"), start=2):
        if line:
            checked(notes.write_string(row, 0, line, formats.plain), "instructions")
    notes.set_paper(9)
    notes.fit_to_pages(1, 0)
    sheet.activate()
    return finish(workbook, buffer)
