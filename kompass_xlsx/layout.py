"""Where things are in a scoring workbook: the contract between the writer and the reader.

Rows and columns are 0-based integers here; A1 references are made only at the edges.
"""

from __future__ import annotations

import re

META_SHEET = "_kompass"
FORM_VERSION = "1"

# Area sheets: a header row, then one row per sub-question.
AREA_HEADER_ROW = 3
FIRST_QUESTION_ROW = 4
COL_ID, COL_QUESTION, COL_MAX, COL_SCORE, COL_COMMENT = range(5)
TEXT_BOX_ROWS = 8  # rows merged into one strengths / improvements input box

# Details sheet: label in column A, input in column B.
DETAILS_FIELDS = ("municipality", "year", "evaluation_date", "evaluators", "population", "municipality_group")
DETAILS_FIRST_ROW = 2
DETAILS_INPUT_COL = 1

# Summary sheet: one row per area after the header row.
SUMMARY_HEADER_ROW = 3
SUMMARY_FIRST_AREA_ROW = 4
COL_SUM_AREA, COL_SUM_TITLE, COL_SUM_POINTS, COL_SUM_MAX, COL_SUM_PERCENT, COL_SUM_UNSCORED = range(6)


_A1 = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def split_ref(ref: str) -> tuple[int, int]:
    """'D7' -> (6, 3), 0-based row and column.

    Raises:
        ValueError: `ref` is not a plain A1 reference.
    """
    match = _A1.match(ref)
    if match is None:
        raise ValueError(f"not a cell reference: {ref}")
    col = 0
    for char in match[1]:
        col = col * 26 + ord(char) - 64
    return int(match[2]) - 1, col - 1


def make_ref(row: int, col: int) -> str:
    """(6, 3) -> 'D7'."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def question_key(question_id: str) -> str:
    """'1.3' -> '1_3', the part of a defined name after 'score_' or 'comment_'."""
    return question_id.replace(".", "_")


def score_name(question_id: str) -> str:
    return f"score_{question_key(question_id)}"


def comment_name(question_id: str) -> str:
    return f"comment_{question_key(question_id)}"


def quote_sheet(name: str) -> str:
    """A sheet name as formulas and defined names need it: 'It''s here'."""
    return "'" + name.replace("'", "''") + "'"
