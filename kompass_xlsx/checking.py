"""Completed scoring workbook -> Evaluation + findings + exact totals (`kompass check`).

Cells are found through the workbook's defined names first; when a name is missing or no longer
points at its question, the question id printed in the sheet is used instead, so inserted rows,
moved columns and renamed sheets do not break reading. Scores are judged against the framework
file, never against the max printed in the workbook.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shlex
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from .errors import KompassError, WorkbookReadError
from .findings import Finding, FindingCode, Severity, finding
from .labels import LABELS, label, number_text
from .messages import language
from .frameworks import FIRST_YEAR, LAST_YEAR, all_frameworks
from .identity_checks import identity_findings
from .layout import COL_COMMENT, COL_ID, COL_MAX, COL_SCORE, META_SHEET, comment_name, make_ref, score_name, split_ref
from .models import Evaluation, Framework
from .names import shown_path
from .reader import Cell, CellKind, RawWorkbook, open_workbook
from .results import WorkbookResult, with_totals
from .scoring import is_on_step, points_text, round_half_up
from .textsafety import has_control_characters, visible

_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
_COMMA_NUMBER = re.compile(r"^[+-]?[0-9]+,[0-9]+$")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (after Excel's fictitious 1900-02-29)
_EXCEL_1904_EPOCH = date(1904, 1, 1)
FLOAT_NOISE = Decimal("1e-9")
FLOAT_DIGITS = 15
MUNICIPALITY_MAX = 100
CELL_TEXT_MAX = 32767
"""The most a cell holds (Excel's limit, in UTF-16 code units); a longer comment is cut where it is written."""
_YEAR = re.compile(r"([0-9]{4})(?:\.0+)?")


def shortened(text: str, limit: int = 60) -> str:
    """A value quoted in a message: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
# header text (either language, case-insensitive) -> which column of an area sheet it heads
_HEADER_LABELS = {text.casefold(): key for key in ("col_max", "col_score", "col_comment") for text in LABELS[key].values()}


@dataclass(frozen=True)
class Place:
    """Where a question's row is: its sheet and the score, max and comment cells."""

    sheet: str
    score: str
    max: str | None
    comment: str | None


class WorkbookChecker:
    """Reads one raw workbook into an Evaluation, collecting findings as it goes.

    Messages are in the workbook's language (Swedish unless it was made with --lang en).
    """

    def __init__(self, raw: RawWorkbook) -> None:
        self.raw = raw
        self.findings: list[Finding] = []
        self.lang = language()  # findings are printed text: the language of everything printed
        self._id_index: dict[str, tuple[str, int, int]] | None = None
        self.meta_repeats: list[tuple[str, int, str, str]] = []
        self._header_cache: dict[str, dict[str, int]] = {}

    def add(self, code: FindingCode, **where_and_values: object) -> None:
        self.findings.append(finding(code, lang=self.lang, **where_and_values))

    def number(self, value: Decimal) -> str:
        """A number as this workbook's users write it: '5,5' in Swedish; a huge one shortened, and one
        stored as a binary float written out in full (2.4500000000000002) as it was typed (2,45)."""
        if abs(value) >= 1_000_000:
            return f"{value:.3E}"
        digits = len(value.as_tuple().digits)
        if digits >= FLOAT_DIGITS and value:
            value = round(value, FLOAT_DIGITS - 1 - value.adjusted()).normalize()
        return number_text(value, self.lang)

    # --- cells ---------------------------------------------------------------------------

    def cell(self, sheet: str, ref: str | None) -> Cell | None:
        return None if ref is None else self.raw.sheet_cells(sheet).get(ref)

    def named(self, name: str) -> tuple[str, str] | None:
        """(sheet, top-left cell) of a workbook-level name that points at an existing sheet."""
        target = self.raw.defined_names.get(name)
        if target is None or target.sheet is None or target.ref is None:
            return None
        if target.sheet not in self._sheet_name_set:
            return None
        return target.sheet, target.ref.split(":")[0]

    @property
    def sheet_names(self) -> list[str]:
        return [info.name for info in self.raw.sheets]

    @cached_property
    def _sheet_name_set(self) -> frozenset[str]:
        return frozenset(info.name for info in self.raw.sheets)

    def text_of(self, cell: Cell | None) -> str:
        if cell is None or not cell.has_cached_value:
            return ""
        if cell.kind is CellKind.NUMBER:
            return points_text(cell.value)
        if cell.kind is CellKind.BOOL:
            return "TRUE" if cell.value else "FALSE"
        return str(cell.value).strip()

    def id_index(self) -> dict[str, tuple[str, int, int]]:
        """Question id -> (sheet, row, col) of a cell holding the id, first seen wins.

        Sheets with a score column header are searched first, so an id that another sheet also
        lists (a consensus workbook's differences sheet) is found in its area sheet.
        """
        if self._id_index is None:
            index: dict[str, tuple[str, int, int]] = {}
            sheets = [name for name in self.sheet_names if name != META_SHEET]
            sheets.sort(key=lambda name: "col_score" not in self.headers_of(name))
            for sheet in sheets:
                for ref, cell in self.raw.sheet_cells(sheet).items():
                    if cell.kind is CellKind.TEXT and re.fullmatch(r"\s*[1-8]\.[0-9]{1,2}\s*", str(cell.value)):
                        row, col = split_ref(ref)
                        index.setdefault(str(cell.value).strip(), (sheet, row, col))
            self._id_index = index
        return self._id_index

    # --- meta and identity ---------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        if META_SHEET not in self.sheet_names:
            return {}
        rows: dict[int, dict[int, Cell]] = {}
        for ref, cell in self.raw.sheet_cells(META_SHEET).items():
            row, col = split_ref(ref)
            rows.setdefault(row, {})[col] = cell
        meta: dict[str, str] = {}
        self.meta_repeats: list[tuple[str, int, str, str]] = []
        for row, cells in sorted(rows.items()):
            key = self.text_of(cells.get(0))
            if not key:
                continue
            value = self.text_of(cells.get(1))
            if key in meta and meta[key] != value:  # no spreadsheet rule picks one: never a silent choice
                self.meta_repeats.append((key, row, meta[key], value))
            meta.setdefault(key, value)
        return meta

    def framework(self, meta: dict[str, str]) -> Framework | None:
        frameworks = all_frameworks()
        if not meta:
            if any(name.startswith("score_") for name in self.raw.defined_names):
                self.add(FindingCode.FRAMEWORK_MISSING)
            else:
                self.add(FindingCode.NOT_KOMPASS_WORKBOOK, why=label("why_no_meta", self.lang))
            return None
        if meta.get("kind", "scoring") != "scoring":
            kind = meta["kind"]
            kind_text = label(f"kind_{kind}", self.lang) if f"kind_{kind}" in LABELS else kind
            self.add(FindingCode.NOT_KOMPASS_WORKBOOK, sheet=META_SHEET, why=label("why_other_kind", self.lang, kind=kind_text))
            return None
        version = meta.get("framework", "")
        if not version:
            self.add(FindingCode.FRAMEWORK_MISSING, sheet=META_SHEET)
            return None
        if version not in frameworks:
            close = difflib.get_close_matches(version, list(frameworks), n=1)
            self.add(
                FindingCode.FRAMEWORK_UNKNOWN,
                sheet=META_SHEET,
                version=version,
                known=", ".join(frameworks),
                hint=label("did_you_mean", self.lang, version=close[0]) if close else "",
            )
            return None
        return frameworks[version]

    def detail(self, name: str) -> tuple[str | None, str | None, Cell | None]:
        place = self.named(name)
        if place is None:
            return None, None, None
        return place[0], place[1], self.cell(*place)

    def identity(self, meta: dict[str, str]) -> dict:
        sheet, ref, cell = self.detail("municipality")
        municipality = self.text_of(cell) or (meta.get("municipality", "") if sheet is None else "")
        if not municipality:
            self.add(FindingCode.MUNICIPALITY_MISSING, sheet=sheet, cell=ref)
        elif cell is not None and cell.kind in (CellKind.NUMBER, CellKind.BOOL):
            self.add(FindingCode.MUNICIPALITY_INVALID, sheet=sheet, cell=ref, value=shortened(municipality), rule=label("rule_name_text", self.lang))
            municipality = ""
        elif len(municipality) > MUNICIPALITY_MAX:
            rule = label("rule_name_length", self.lang, max=MUNICIPALITY_MAX)
            self.add(FindingCode.MUNICIPALITY_INVALID, sheet=sheet, cell=ref, value=shortened(municipality), rule=rule)
            municipality = ""
        elif has_control_characters(municipality):
            rule = label("rule_name_control", self.lang)
            self.add(FindingCode.MUNICIPALITY_INVALID, sheet=sheet, cell=ref, value=shortened(visible(municipality)), rule=rule)
            municipality = ""

        sheet, ref, cell = self.detail("year")
        year_text = self.text_of(cell) if sheet is not None else meta.get("year", "")
        year = None
        if not year_text:
            self.add(FindingCode.YEAR_MISSING, sheet=sheet, cell=ref)
        else:
            match = _YEAR.fullmatch(year_text.strip())
            typed_as_other = cell is not None and (cell.kind is CellKind.BOOL or cell.is_date)
            if match and not typed_as_other and FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
                year = int(match[1])
            else:
                self.add(FindingCode.YEAR_INVALID, sheet=sheet, cell=ref, value=shortened(year_text))

        sheet, ref, cell = self.detail("evaluators")
        evaluators = tuple(name.strip() for name in re.split(r"[,;\n]", self.text_of(cell)) if name.strip())
        if any(has_control_characters(name) for name in evaluators):
            shown = shortened(visible(", ".join(evaluators)))
            self.add(FindingCode.DETAIL_INVALID, sheet=sheet, cell=ref, field=label("nat_col_evaluators", self.lang), value=shown, rule=label("rule_name_control", self.lang))
            evaluators = tuple(name for name in evaluators if not has_control_characters(name))
        _, _, cell = self.detail("municipality_group")
        group = self.text_of(cell) or None
        return {
            "municipality": municipality,
            "year": year,
            "evaluators": evaluators,
            "municipality_group": group,
            "population": self.population(),
            "evaluation_date": self.evaluation_date(),
        }

    def population(self) -> int | None:
        sheet, ref, cell = self.detail("population")
        text = self.text_of(cell).replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if re.fullmatch(r"[0-9]{1,9}", text):
            return int(text)
        self.add(FindingCode.DETAIL_INVALID, sheet=sheet, cell=ref, field=label("population", self.lang), value=shortened(text), rule=label("rule_population", self.lang))
        return None

    def evaluation_date(self) -> date | None:
        sheet, ref, cell = self.detail("evaluation_date")
        if cell is None or not cell.has_cached_value:
            return None
        if cell.kind is CellKind.NUMBER:
            serial = int(cell.value)
            if 0 < serial < 200_000 and serial == cell.value:
                epoch = _EXCEL_1904_EPOCH if self.raw.date1904 else _EXCEL_EPOCH
                return epoch + timedelta(days=serial)
        text = self.text_of(cell)
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.add(FindingCode.DETAIL_INVALID, sheet=sheet, cell=ref, field=label("evaluation_date", self.lang), value=shortened(text), rule=label("rule_date", self.lang))
            return None

    # --- questions -----------------------------------------------------------------------

    def place_of(self, question_id: str) -> Place | None:
        """Where question_id's row is: by its defined name when that still points at the score column
        of the row holding the id, else by the id printed in the sheet."""
        by_name = self.named(score_name(question_id))
        if by_name is not None:
            sheet, score_ref = by_name
            row, col = split_ref(score_ref)
            id_col = self._id_col(sheet, row, col, question_id)
            if id_col is not None:
                max_col, score_col, comment_col = self.columns_of(sheet, id_col)
                if col == score_col:
                    comment = self.named(comment_name(question_id))
                    comment_ref = comment[1] if comment and comment[0] == sheet and split_ref(comment[1])[0] == row else make_ref(row, comment_col)
                    return Place(sheet, score_ref, make_ref(row, max_col), comment_ref)
            self.add(FindingCode.NAME_BROKEN, sheet=sheet, cell=score_ref, question=question_id, name=score_name(question_id))
        found = self.id_index().get(question_id)
        if found is None:
            return None
        sheet, row, id_col = found
        max_col, score_col, comment_col = self.columns_of(sheet, id_col)
        return Place(sheet, make_ref(row, score_col), make_ref(row, max_col), make_ref(row, comment_col))

    def columns_of(self, sheet: str, id_col: int) -> tuple[int, int, int]:
        """Columns of max, score and comment in an area sheet: under their headers (in either
        language) when the sheet still has them, else at the form's places relative to the id."""
        headers = self.headers_of(sheet)
        offsets = {"col_max": COL_MAX - COL_ID, "col_score": COL_SCORE - COL_ID, "col_comment": COL_COMMENT - COL_ID}
        columns = {key: headers.get(key, id_col + offset) for key, offset in offsets.items()}
        if len(set(columns.values())) < 3 or min(columns.values()) <= id_col:
            columns = {key: id_col + offset for key, offset in offsets.items()}
        return columns["col_max"], columns["col_score"], columns["col_comment"]

    def headers_of(self, sheet: str) -> dict[str, int]:
        """Column of each area-sheet header (max, score, comment) found in a sheet, first seen wins."""
        if sheet not in self._header_cache:
            headers: dict[str, int] = {}
            for ref, cell in self.raw.sheet_cells(sheet).items():
                if cell.kind is CellKind.TEXT:
                    key = _HEADER_LABELS.get(str(cell.value).strip().casefold())
                    if key is not None and key not in headers:
                        headers[key] = split_ref(ref)[1]
            self._header_cache[sheet] = headers
        return self._header_cache[sheet]

    def _id_col(self, sheet: str, row: int, before_col: int, question_id: str) -> int | None:
        for col in range(before_col):
            cell = self.cell(sheet, make_ref(row, col))
            if cell is not None and cell.kind is CellKind.TEXT and str(cell.value).strip() == question_id:
                return col
        return None

    def score(self, framework: Framework, question_id: str, place: Place) -> Decimal | None:
        """The exact score in the question's score cell, or None with an error finding."""
        maximum = framework.questions_by_id[question_id].max
        at = {"sheet": place.sheet, "cell": place.score, "question": question_id}
        cell = self.cell(place.sheet, place.score)
        if cell is not None and cell.formula is not None:
            if not cell.has_cached_value:
                self.add(FindingCode.SCORE_FORMULA_UNCALCULATED, **at)
                return None
        if cell is None or (cell.kind is CellKind.TEXT and not str(cell.value).strip()):
            self.add(FindingCode.SCORE_MISSING, **at, max=maximum)
            return None
        if cell.kind is CellKind.ERROR:
            self.add(FindingCode.SCORE_ERROR_VALUE, **at, value=cell.value, max=maximum)
            return None
        if cell.kind is CellKind.BOOL:
            self.add(FindingCode.SCORE_NOT_A_NUMBER, **at, value="TRUE" if cell.value else "FALSE", max=maximum)
            return None
        covering = self.raw.merged_over(place.sheet, place.score)
        if covering is not None:  # the sheet shows the range's first cell, not this one
            self.add(FindingCode.SCORE_IN_MERGED_CELLS, **at, range=covering, first=covering.split(":")[0])
            return None
        if cell.is_date:  # a date number, or an ISO 8601 date cell (t="d"), which Excel and LibreOffice show as a date
            self.add(FindingCode.SCORE_IS_DATE, **at, max=maximum)
            return None
        if cell.kind is CellKind.TEXT:
            value = self.number_from_text(str(cell.value), at, maximum)
            if value is None:
                return None
        else:
            value = cell.value
        if cell.formula is not None:
            self.add(FindingCode.SCORE_FORMULA, **at, formula=f"={cell.formula}", value=self.number(value))
        return self.judged(value, maximum, framework.step, at)

    def number_from_text(self, text: str, at: dict, maximum: int) -> Decimal | None:
        stripped = text.strip().replace("\u00a0", "")
        if _PLAIN_NUMBER.match(stripped):
            value = Decimal(stripped)
            self.add(FindingCode.SCORE_TEXT, **at, text=shortened(text), value=self.number(value))
            return value
        if _COMMA_NUMBER.match(stripped):
            value = Decimal(stripped.replace(",", "."))
            self.add(FindingCode.SCORE_DECIMAL_COMMA, **at, text=shortened(text), value=self.number(value))
            return value
        self.add(FindingCode.SCORE_NOT_A_NUMBER, **at, value=shortened(text), max=maximum)
        return None

    @staticmethod
    def without_float_noise(value: Decimal, step: Decimal) -> Decimal:
        """7.7000000000000002 (a binary float written out in full) -> 7.7, -2.8E-17 -> 0; other values unchanged.

        A value within FLOAT_NOISE (1E-9, far below any step) of a multiple of the step is that
        multiple when it has the 15 or more significant digits of a written-out float, or when it is
        closer to 0 than FLOAT_NOISE (what is left of a sum such as 0.1+0.2-0.3).
        """
        if len(value.as_tuple().digits) < FLOAT_DIGITS and value.copy_abs() >= FLOAT_NOISE:
            return value
        nearest = round_half_up(value / step) * step
        if abs(value - nearest) < FLOAT_NOISE:
            return nearest
        return value

    def judged(self, value: Decimal, maximum: int, step: Decimal, at: dict) -> Decimal | None:
        snapped = self.without_float_noise(value, step)  # before the sign and max: 10.000000000000002 is 10
        if snapped < 0:
            self.add(FindingCode.SCORE_NEGATIVE, **at, value=self.number(value), max=maximum)
            return None
        if snapped > maximum:
            self.add(FindingCode.SCORE_ABOVE_MAX, **at, value=self.number(value), max=maximum)
            return None
        if not is_on_step(snapped, step):
            nearest = self.number(round_half_up(snapped / step) * step)
            self.add(FindingCode.SCORE_OFF_STEP, **at, value=self.number(value), step=self.number(step), nearest=nearest)
            return None
        return snapped if snapped else Decimal(0)  # a score typed or stored as -0 is 0

    def check_max(self, framework: Framework, question_id: str, place: Place) -> None:
        cell = self.cell(place.sheet, place.max)
        maximum = framework.questions_by_id[question_id].max
        if cell is None or cell.kind is not CellKind.NUMBER or cell.value != maximum:
            shown = self.text_of(cell) or label("nothing", self.lang)
            self.add(FindingCode.MAX_CHANGED, sheet=place.sheet, cell=place.max, question=question_id, value=shown, max=maximum)

    def area_text(self, key: str, number: int) -> str:
        place = self.named(f"{key}_{number}")
        if place is not None:
            return self.text_of(self.cell(*place))
        return ""

    # --- the whole workbook --------------------------------------------------------------

    def evaluation(self) -> tuple[Framework | None, Evaluation | None]:
        meta = self.meta()
        for key, row, first, other in self.meta_repeats:
            self.add(FindingCode.META_KEY_REPEATED, sheet=META_SHEET, cell=make_ref(row, 0), key=shortened(key), first=shortened(first), other=shortened(other))
        if self.meta_repeats:
            return None, None
        framework = self.framework(meta)
        if framework is None:
            return None, None
        identity = self.identity(meta)
        scores: dict[str, Decimal] = {}
        comments: dict[str, str] = {}
        for question in framework.questions:
            place = self.place_of(question.id)
            if place is None:
                self.add(FindingCode.QUESTION_MISSING, question=question.id, name=score_name(question.id))
                continue
            if place.max is not None:
                self.check_max(framework, question.id, place)
            value = self.score(framework, question.id, place)
            if value is not None:
                scores[question.id] = value
            comment = self.text_of(self.cell(place.sheet, place.comment))
            if comment:
                comments[question.id] = comment
                if len(comment) > CELL_TEXT_MAX // 2 and len(comment.encode("utf-16-le")) // 2 > CELL_TEXT_MAX:
                    self.add(FindingCode.COMMENT_TOO_LONG, sheet=place.sheet, cell=place.comment, question=question.id, length=len(comment), max=CELL_TEXT_MAX)
            if value == 0 and not comment:
                self.add(FindingCode.ZERO_WITHOUT_COMMENT, sheet=place.sheet, cell=place.score, question=question.id)
        strengths = {a.number: t for a in framework.areas if (t := self.area_text("strengths", a.number))}
        improvements = {a.number: t for a in framework.areas if (t := self.area_text("improvements", a.number))}
        self.plausibility(framework, scores, strengths, improvements)
        evaluation = Evaluation(
            framework=framework.id,
            workbook_id=meta.get("workbook_id", ""),
            scores=scores,
            comments=comments,
            strengths=strengths,
            improvements=improvements,
            **identity,
        )
        return framework, evaluation

    def plausibility(self, framework: Framework, scores: dict, strengths: dict, improvements: dict) -> None:
        for area in framework.areas:
            if any(q.id not in scores for q in area.questions):
                continue
            points = sum((scores[q.id] for q in area.questions), Decimal(0))
            if points != area.max:
                continue
            place = self.named(f"strengths_{area.number}")
            sheet, ref = place if place else (area.sheet_name, None)
            if area.number not in strengths:
                self.add(FindingCode.FULL_SCORE_NO_STRENGTHS, sheet=sheet, cell=ref, area=area.number, points=self.number(points), max=area.max)
            if area.number in improvements:
                place = self.named(f"improvements_{area.number}")
                sheet, ref = place if place else (area.sheet_name, None)
                self.add(FindingCode.TOP_SCORE_WITH_IMPROVEMENTS, sheet=sheet, cell=ref, area=area.number, points=self.number(points), max=area.max)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read as the reader reads workbooks: a regular file only (a FIFO is
    not waited for) of at most the reader's size limit.

    Raises:
        OSError: the file is missing, not a regular file or too large (the reader then says which).
    """
    from .reader import MAX_UNPACKED_BYTES

    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_UNPACKED_BYTES:
            raise OSError(f"{shown_path(path)} is not a workbook file")
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_workbook(path: Path) -> WorkbookResult:
    """Read and validate one completed scoring workbook.

    A file that cannot be opened at all gives a result with a single FILE_UNREADABLE finding.
    """
    try:
        raw = open_workbook(path)
        sha = raw.sha256
        checker = WorkbookChecker(raw)
        framework, evaluation = checker.evaluation()
    except (WorkbookReadError, OSError) as err:
        unreadable = finding(FindingCode.FILE_UNREADABLE, reason=shown_path(str(err)))
        return WorkbookResult(path=shown_path(path), sha256="", findings=(unreadable,))
    findings = tuple(checker.findings)
    if framework is None or evaluation is None:
        return WorkbookResult(path=shown_path(path), sha256=sha, findings=findings)
    findings += tuple(identity_findings(checker, framework, evaluation))  # register and version years
    return with_totals(framework, evaluation, shown_path(path), sha, findings)


def workbook_meta(path: Path) -> dict[str, str]:
    """The key/value rows of a workbook's hidden `_kompass` sheet; empty when the file cannot be read
    or is no workbook of ours."""
    try:
        return WorkbookChecker(open_workbook(path)).meta()
    except (KompassError, OSError):
        return {}


def workbook_kind(path: Path) -> str | None:
    """What a workbook written by this tool is ("scoring", "national", ...); None when it is none of ours."""
    meta = workbook_meta(path)
    return meta.get("kind", "scoring") if meta else None


def strict(result: WorkbookResult) -> WorkbookResult:
    """The same result with every warning counted as an error (`--strict`)."""
    promoted = tuple(f.model_copy(update={"severity": Severity.ERROR}) for f in result.findings)
    return result.model_copy(update={"findings": promoted})


UNUSABLE_CODES = frozenset({FindingCode.FILE_UNREADABLE, FindingCode.NOT_KOMPASS_WORKBOOK})


def check_command(path: str) -> str:
    """The command that shows a file's findings, to quote in a message: kompass check 'my file.xlsx'."""
    return f"kompass check {shlex.quote(path)}"


def is_unusable(result: WorkbookResult) -> bool:
    """True when the file cannot be used as a scoring workbook at all (exit code 2)."""
    return any(f.code in UNUSABLE_CODES for f in result.findings)
