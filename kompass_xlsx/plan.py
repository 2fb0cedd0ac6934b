"""A round of evaluations from a plan: one row per evaluation, one scoring workbook per evaluator.

The plan is a workbook (`kompass plan-template` writes a blank one) or a CSV file with the columns
Kommun, År, Ramverk (optional: the version in use that year) and Utvärderare (names separated by ";").
Every row is checked before anything is written; a plan with any wrong row writes nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from .errors import KompassError
from .messages import say
from .textsafety import has_control_characters, visible

PLAN_SUFFIXES = (".xlsx", ".csv")
MAX_PLAN_BYTES = 5 * 2**20
MAX_NAME_LENGTH = 100
MAX_WORKBOOKS = 3000  # 290 municipalities with up to ten evaluators; every workbook is built in memory first
EMPTY_ROWS_ENDING_PLAN = 100  # a long run of empty rows ends the plan, as in pyxform

# Column -> the header texts that name it (compared case-folded, spaces ignored).
COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": ("kommun", "municipality"),
    "year": ("år", "ar", "year"),
    "framework": ("ramverk", "framework", "version"),
    "evaluators": ("utvärderare", "utvarderare", "evaluators", "evaluator"),
}
REQUIRED_COLUMNS = ("municipality", "year", "evaluators")

# Folding for file names: ASCII lower case; letters with marks lose them (å ä -> a, ö -> o, é -> e),
# these letters become their usual spelling, and every other run of characters becomes one "-".
_SPELLED = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "þ": "th", "ð": "d", "ł": "l", "đ": "d"})
_NOT_NAME = re.compile(r"[^a-z0-9]+")
MAX_STEM_PART = 40


class PlanError(KompassError):
    """A plan cannot be used: its file is unreadable, or some rows are wrong (each listed)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class PlannedWorkbook:
    """One evaluator's scoring workbook of one evaluation of the plan."""

    row: int
    municipality: str
    year: int
    framework: str
    evaluator: str
    file_name: str


def folded(text: str) -> str:
    """A name as a file-name part: 'Håkan Öberg-Ståhl' -> 'hakan-oberg-stahl'.

    Lower case ASCII letters and digits joined by single hyphens, safe on Windows, macOS and Linux
    and in e-mail attachments and zip files; empty when nothing is left.
    """
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NOT_NAME.sub("-", text).strip("-")[:MAX_STEM_PART].strip("-")


def file_stem(municipality: str, year: int, evaluator: str | None = None) -> str:
    """The natural file name (without .xlsx) of a scoring workbook: kalix-2024 or kalix-2024-anna-berg."""
    parts = [_municipality_part(municipality), str(year)]
    if evaluator:
        parts.append(folded(evaluator) or "utvarderare")
    return "-".join(parts)


def _municipality_part(municipality: str) -> str:
    """The municipality's file-name part; with its code where another municipality folds the same
    (Håbo and Habo: habo-0305 and habo-0643), so their workbooks never take each other's name."""
    part = folded(municipality) or "kommun"
    if part in _ambiguous_folds():
        from .municipalities import register

        known = register().find(municipality)
        if known is not None:
            return f"{part}-{known.code}"
    return part


@cache
def _ambiguous_folds() -> frozenset[str]:
    """The file-name parts two or more municipalities of the register fold to."""
    from .municipalities import register

    counts = Counter(folded(m.name) for m in register().municipalities)
    return frozenset(part for part, count in counts.items() if count > 1)


def plan_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a plan file as (row number as the spreadsheet shows it, column -> text).

    Raises:
        PlanError: the file cannot be read, is no .xlsx or .csv, or lacks a required column.
    """
    table = _read_table(path)
    if not table:
        raise PlanError([say("plan_empty", path=path)])
    header = table[0]
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        key = "".join(text.split()).casefold()
        for column, names in COLUMNS.items():
            if key in names and column not in columns:
                columns[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        named = ", ".join(say(f"plan_column_{column}") for column in missing)
        raise PlanError([say("plan_columns_missing", path=path, columns=named)])
    empty_run = 0
    for number, values in enumerate(table[1:], start=2):
        row = {column: (values[index].strip() if index < len(values) else "") for column, index in columns.items()}
        # values right of the header: a CSV cell split at an unquoted separator ("Anna Berg;Per Ek")
        row["overflow"] = "; ".join(value.strip() for value in values[len(header):] if value.strip())
        if not any(row.values()):
            empty_run += 1
            if empty_run >= EMPTY_ROWS_ENDING_PLAN:
                return
            continue
        empty_run = 0
        yield number, row


def read_plan(path: Path, force_name: bool = False) -> list[PlannedWorkbook]:
    """Every workbook a plan asks for, after checking every row; a municipality not in the register is
    a wrong row (with the nearest names), as in `kompass new`, unless `force_name` keeps it.

    Raises:
        PlanError: with one line per wrong row (its row number and what to write), or when the plan has
            no rows or two rows would give the same file name.
    """
    from .frameworks import all_frameworks, framework_for_year
    from .municipalities import register

    known = all_frameworks()
    planned: list[PlannedWorkbook] = []
    problems: list[str] = []
    for number, row in plan_rows(path):
        shown_errors = [
            say("plan_cell_error", column=say(f"plan_column_{column}"), value=row[column].strip())
            for column in ("municipality", "year", "framework", "evaluators")
            if row.get(column, "").strip().upper() in SPREADSHEET_ERRORS
        ]
        if shown_errors:  # a formula that fails (#N/A from a lookup) is no name, year or framework
            problems += [say("plan_row", row=number, problem=problem) for problem in shown_errors]
            continue
        row_problems = []
        municipality = " ".join(row["municipality"].split())
        if not municipality:
            row_problems.append(say("plan_municipality_missing"))
        elif len(municipality) > MAX_NAME_LENGTH:
            row_problems.append(say("plan_municipality_long", max=MAX_NAME_LENGTH))
        year = _year(row["year"])
        if year is None and _date_serial(row["year"]):
            row_problems.append(say("plan_year_date", value=row["year"], date=_date_serial(row["year"])))
        elif year is None:
            row_problems.append(say("plan_year_invalid", value=_shortened(row["year"])) if row["year"] else say("plan_year_missing"))
        version = row.get("framework", "")
        if version.endswith(".0"):  # a spreadsheet stores 2020 typed in a text column as 2020.0 now and then
            version = version[:-2]
        if version and version not in known:
            row_problems.append(say("plan_framework_unknown", value=version, known=", ".join(known)))
        elif not version and year is not None:
            version = framework_for_year(year).id
        evaluators = [" ".join(name.split()) for name in re.split(r"[;\n]", row["evaluators"])]
        evaluators = [name for name in evaluators if name]
        if not evaluators:
            row_problems.append(say("plan_evaluators_missing"))
        for name in evaluators:
            if "," in name:
                row_problems.append(say("plan_evaluator_comma", name=name))
            elif len(name) > MAX_NAME_LENGTH:
                row_problems.append(say("plan_evaluator_long", name=name[:30], max=MAX_NAME_LENGTH))
        folded_names = [folded(name) for name in evaluators]
        for index, name in enumerate(evaluators):
            if folded_names[index] in folded_names[:index]:
                row_problems.append(say("plan_evaluator_twice", name=name))
        if row["overflow"]:
            row_problems.append(say("plan_row_overflow", values=_shortened(row["overflow"])))
        for column, value in (("municipality", municipality), ("framework", version), *(("evaluators", name) for name in evaluators)):
            if has_control_characters(value):
                row_problems.append(say("plan_control_characters", column=say(f"plan_column_{column}"), value=_shortened(visible(value))))
        if row_problems:
            problems += [say("plan_row", row=number, problem=problem) for problem in row_problems]
            continue
        known_name = register().find(municipality)
        if known_name is None and not force_name:
            close = register().suggestions(municipality)
            hint = say("new_did_you_mean", names=" ".join(f"{n}?" for n in close)) if close else ""
            problems.append(say("plan_row", row=number, problem=say("plan_name_unknown", name=municipality, hint=hint)))
            continue
        municipality = known_name.name if known_name else municipality
        for name in evaluators:
            file_name = file_stem(municipality, year, name) + ".xlsx"
            planned.append(PlannedWorkbook(number, municipality, year, version, name, file_name))
    first_row: dict[str, int] = {}
    for workbook in planned:
        earlier = first_row.setdefault(workbook.file_name, workbook.row)
        if earlier != workbook.row:
            problems.append(say("plan_row", row=workbook.row, problem=say("plan_same_file", name=workbook.file_name, other=earlier)))
    if problems:
        raise PlanError(problems)
    if not planned:
        raise PlanError([say("plan_empty", path=path)])
    if len(planned) > MAX_WORKBOOKS:
        raise PlanError([say("plan_too_many", path=path, count=len(planned), max=MAX_WORKBOOKS)])
    return planned


def write_round(
    plan: Path, folder: Path, force: bool = False, lang: str = "sv", force_name: bool = False
) -> list[tuple[PlannedWorkbook, Path]]:
    """Write every scoring workbook of a plan into `folder`, all or none.

    Raises:
        PlanError: a row is wrong, or a workbook exists in the folder (without force); nothing is written.
        OutputError: the folder cannot be made or a file cannot be written; nothing is left half-written.
    """
    from .forms import creation_time, new_scoring_workbook
    from .municipalities import register
    from .outputs import make_folder, write_all_atomic

    planned = read_plan(plan, force_name)
    if folder.exists() and not folder.is_dir():
        raise PlanError([say("plan_folder_is_file", path=folder)])
    targets = [(workbook, folder / workbook.file_name) for workbook in planned]
    if not force:
        existing = [say("plan_row", row=w.row, problem=say("plan_file_exists", path=path)) for w, path in targets if path.exists()]
        if existing:
            raise PlanError(existing)
    created = creation_time()
    data = []
    for w, path in targets:
        known = register().find(w.municipality)  # the register's spelling, code and group where it knows the name
        municipality, group = (known.name, known.group) if known else (w.municipality, None)
        data.append((path, new_scoring_workbook(w.framework, municipality, w.year, (w.evaluator,), lang, created=created, group=group)))
    made = [f for f in (folder, *folder.parents) if not f.exists()]  # the folders this run makes
    make_folder(folder)
    try:
        write_all_atomic(data, force=force)
    except BaseException:  # a full disk, Ctrl-C: no empty folder of this run is left behind either
        with suppress(OSError):
            for made_folder in made:
                made_folder.rmdir()  # only when empty, innermost first
        raise
    return targets


SPREADSHEET_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"})
"""The error values Excel and LibreOffice show in a cell whose formula fails."""


def _shortened(text: str, length: int = 60) -> str:
    """`text` cut to `length` characters (with "…"), so one wrong cell cannot flood the terminal."""
    return text if len(text) <= length else text[: length - 1] + "…"


def _date_serial(text: str) -> str | None:
    """The date (YYYY-MM-DD) a spreadsheet's day number from 2000 to 2100 stands for, when a date was
    typed in the year column (a workbook stores 2024-03-01 as 45352); None for anything else."""
    text = text.removesuffix(".0")
    if not (text.isascii() and text.isdigit() and 36526 <= int(text) <= 73415):
        return None
    return (date(1899, 12, 30) + timedelta(days=int(text))).isoformat()


def _year(text: str) -> int | None:
    from .frameworks import year_from_text

    return year_from_text(text.strip().removesuffix(".0"))  # a spreadsheet may store 2024 as 2024.0


def _read_table(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        raise PlanError([say("plan_kind", path=path)])
    if not path.is_file():
        raise PlanError([say("path_missing", path=path) if not path.exists() else say("plan_not_file", path=path)])
    if path.stat().st_size > MAX_PLAN_BYTES:
        raise PlanError([say("plan_too_large", path=path, max=MAX_PLAN_BYTES // 2**20)])
    return _xlsx_table(path) if suffix == ".xlsx" else _csv_table(path)


def _csv_table(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's and Calc's "Unicode text"
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    if "\x00" in text:  # no text file holds NUL: a binary file (or UTF-16 without its mark) named .csv
        raise PlanError([say("plan_csv_binary", path=path)])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [row for row in reader]
    except csv.Error:
        raise PlanError([say("plan_csv_broken", path=path, row=reader.line_num)]) from None


def _xlsx_table(path: Path) -> list[list[str]]:
    from .errors import WorkbookReadError
    from .layout import split_ref
    from .reader import CellKind, open_workbook
    from .scoring import points_text

    try:
        workbook = open_workbook(path)
        visible = [sheet.name for sheet in workbook.sheets if sheet.state.value == "visible"] or workbook.sheet_names
        name = next((n for n in visible if "".join(n.split()).casefold() in ("plan", "planering")), visible[0])
        cells = workbook.sheet_cells(name)
    except WorkbookReadError as err:
        raise PlanError([str(err)]) from err
    rows: dict[int, dict[int, str]] = {}
    for ref, cell in cells.items():
        row, col = split_ref(ref)
        if cell.kind is CellKind.NUMBER:
            text = points_text(cell.value)
        elif cell.kind is CellKind.BOOL:
            text = "TRUE" if cell.value else "FALSE"
        else:
            text = str(cell.value)
        rows.setdefault(row, {})[col] = text
    if not rows:
        return []
    table = []
    for row in range(max(rows) + 1):
        values = rows.get(row, {})
        table.append([values.get(col, "") for col in range(max(values, default=-1) + 1)])
    return table
