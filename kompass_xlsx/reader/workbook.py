"""open_workbook and RawWorkbook: which parts make the workbook, and what kind of workbook it is.

Refuses .ods, .xlsb, other Office zips (Word, PowerPoint) and macro workbooks; reads the sheet
list and defined names at once and each sheet's cells on first request.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

from ..errors import WorkbookReadError
from ..messages import say
from ..names import shown_path
from .cells import Cell, DefinedName, SheetInfo
from .container import _Package, _read_file, _safe
from .parts import _DateStylesParser, _RelationshipsParser, _SharedStringsParser, _SheetParser, _WorkbookParser

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_REL_OFFICE_DOCUMENT = "/officeDocument"
_NO_CELLS: Mapping[str, Cell] = MappingProxyType({})
_A1 = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class RawWorkbook:
    """An opened workbook: sheets and defined names at once, a sheet's cells on first request.

    The file was read into memory by `open_workbook`; nothing stays open, so there is nothing to
    close. Create it with `open_workbook`.
    """

    def __init__(
        self,
        path: Path,
        package: _Package,
        sheets: list[SheetInfo],
        sheet_parts: dict[str, str | None],
        defined_names: dict[str, DefinedName],
        parts: dict[str, str | None],
        has_macros: bool,
        date1904: bool,
    ) -> None:
        self.path = path
        self.sheets = sheets
        self.defined_names = defined_names
        self.date1904 = date1904
        """True when date serial numbers count from 1904 instead of 1900 (old Mac workbooks)."""
        self._package = package
        self._sheet_parts = sheet_parts
        self._parts = parts
        self._has_macros = has_macros
        self._cells: dict[str, Mapping[str, Cell]] = {}
        self._cells_of_part: dict[str, Mapping[str, Cell]] = {}
        self._merged_of_part: dict[str, tuple[str, ...]] = {}
        self._merged_boxes: dict[str, list[tuple[int, int, int, int, str]]] = {}
        self._shared_strings: list[str] | None = None
        self._date_styles: frozenset[str] | None = None
        self._sha256: str | None = None

    def __repr__(self) -> str:
        return f"<RawWorkbook {str(self.path)!r} sheets={[s.name for s in self.sheets]}>"

    @property
    def has_macros(self) -> bool:
        """True when the workbook carries macros (only possible with open_workbook(allow_macros=True))."""
        return self._has_macros

    @property
    def sha256(self) -> str:
        """The SHA-256 (hex) of the file's bytes exactly as they were read and parsed, computed on first use.

        Hashing these bytes, not the file again, gives the hash of what was read even when the file
        has changed since, and reads nothing more.
        """
        if self._sha256 is None:
            self._sha256 = hashlib.sha256(self._package.data).hexdigest()
        return self._sha256

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def sheet_cells(self, sheet_name: str) -> Mapping[str, Cell]:
        """Every non-empty cell of a sheet by reference ("D7"), read on the first call and cached.

        Args:
            sheet_name: The sheet's name exactly as in the workbook.

        Returns:
            A read-only mapping; empty for an unknown sheet or a chart sheet (check `sheets`).

        Raises:
            WorkbookReadError: when the sheet's part (or the shared strings or styles) is damaged.
        """
        cells = self._cells.get(sheet_name)
        if cells is None:
            part = self._sheet_parts.get(sheet_name)
            if part is None:
                cells = _NO_CELLS
            else:  # sheets that share a part (only a damaged or hostile file has them) share one parse of it
                cells = self._cells_of_part.get(part)
                if cells is None:
                    cells = self._cells_of_part[part] = MappingProxyType(self._read_sheet(sheet_name, part))
            self._cells[sheet_name] = cells
        return cells

    def merged_ranges(self, sheet_name: str) -> tuple[str, ...]:
        """The merged cell ranges of a sheet ("C7:D7"), as stored; the sheet shows each range's first cell only."""
        self.sheet_cells(sheet_name)
        return self._merged_of_part.get(self._sheet_parts.get(sheet_name) or "", ())

    def merged_over(self, sheet_name: str, ref: str) -> str | None:
        """The merged range ("C7:D7") that covers `ref` without starting at it, else None.

        The sheet shows only a range's first cell; a value stored in another of its cells is hidden.
        """
        ranges = self._merged_boxes.get(sheet_name)
        if ranges is None:
            ranges = self._merged_boxes[sheet_name] = []
            for merged in self.merged_ranges(sheet_name):
                first, _, last = merged.upper().partition(":")
                top_left, bottom_right = _row_col(first), _row_col(last or first)
                if top_left and bottom_right:
                    ranges.append((*top_left, *bottom_right, merged.upper()))
        at = _row_col(ref.replace("$", "").upper()) if ranges else None
        if at is None:
            return None
        row, col = at
        for top, left, bottom, right, merged in ranges:
            if top <= row <= bottom and left <= col <= right and (row, col) != (top, left):
                return merged
        return None

    def read_all(self) -> None:
        """Parse every sheet now, then check every other XML part of the package (see _Package.check_every_part).

        Raises:
            WorkbookReadError: when any part is damaged or unsafe.
        """
        for sheet in self.sheets:
            self.sheet_cells(sheet.name)
        self._package.check_every_part(
            {part: say("read_what_sheet", sheet=name) for name, part in self._sheet_parts.items() if part is not None}
        )
        self._package.forget_parts()  # everything is parsed: the unpacked bytes need not stay in memory

    def cell(self, sheet_name: str, ref: str) -> Cell | None:
        """The cell at `ref` ("D7" or "$D$7") of a sheet, or None when it is empty or unknown."""
        return self.sheet_cells(sheet_name).get(ref.replace("$", "").upper())

    def _read_sheet(self, sheet_name: str, part: str) -> dict[str, Cell]:
        if self._shared_strings is None:
            part_name = self._parts.get("sharedStrings")
            self._shared_strings = [] if part_name is None else self._package.parse(part_name, _SharedStringsParser())
        if self._date_styles is None:
            part_name = self._parts.get("styles")
            self._date_styles = (
                frozenset() if part_name is None else self._package.parse(part_name, _DateStylesParser())
            )
        parser = _SheetParser(self._shared_strings, self._date_styles)
        cells = self._package.parse(part, parser, say("read_what_sheet", sheet=sheet_name))
        self._merged_of_part[part] = tuple(parser.merged)
        return cells


def _row_col(ref: str) -> tuple[int, int] | None:
    """(row, column) of "D7", both from 1; None for what is no cell reference."""
    match = _A1.fullmatch(ref)
    if match is None:
        return None
    column = 0
    for char in match[1]:
        column = column * 26 + ord(char) - 64
    return int(match[2]), column


def open_workbook(path: Path | str, *, allow_macros: bool = False) -> RawWorkbook:
    """Open an .xlsx workbook for reading: check it is safe and readable, read its sheet list.

    The whole file is read into memory at once (it is refused above MAX_UNPACKED_BYTES), and every
    part is parsed or checked at once: a damaged part anywhere makes the file unreadable, as it does
    for Excel, whether or not its cells are asked for.

    Args:
        path: The file. Its type is decided from its content, not its extension.
        allow_macros: Read macro-enabled workbooks too instead of refusing them.

    Returns:
        The workbook, with `sheets` and `defined_names` filled in.

    Raises:
        WorkbookReadError: the file is missing, empty, not an .xlsx workbook (old .xls, .ods,
            .xlsb, encrypted, not a zip, ...), damaged, a macro workbook, or unsafe; the message
            names the file and says what to do.
    """
    path = Path(path)
    where = f"'{shown_path(path)}'"
    package = _Package(_read_file(path, where), where)
    workbook_part = _workbook_part(package)
    has_macros = _has_vba_project(package)
    if has_macros and not allow_macros:
        _refuse_macros(where)

    workbook_xml = _WorkbookParser()
    sheet_rows, defined_names, date1904 = package.parse(workbook_part, workbook_xml)
    if workbook_xml.root != "workbook":
        _refuse_other_zip(where, workbook_part)
    base = posixpath.dirname(workbook_part)
    rels_part = package.find(posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels"))
    relationships = [] if rels_part is None else package.parse(rels_part, _RelationshipsParser(base))
    if any("macrosheet" in kind.lower() for kind, _, _ in relationships):  # Excel 4.0 macro sheets
        has_macros = True
        if not allow_macros:
            _refuse_macros(where)

    by_id = {rel_id: (kind, target) for kind, target, rel_id in relationships}
    parts: dict[str, str | None] = {"sharedStrings": None, "styles": None}
    for kind, target, _ in relationships:
        suffix = kind.rpartition("/")[2]
        if suffix in parts:
            parts[suffix] = package.find(target)
    sheets: list[SheetInfo] = []
    sheet_parts: dict[str, str | None] = {}
    for name, state, rel_id in sheet_rows:
        if rel_id not in by_id:
            raise WorkbookReadError(say("read_damaged", where=where, detail=say("read_sheet_no_part", sheet=name, id=rel_id)))
        kind, target = by_id[rel_id]
        part = None  # chart and dialog sheets hold no cells
        if kind.endswith("/worksheet") or (has_macros and "macrosheet" in kind.lower()):
            part = package.find(target)
            if part is None:
                raise WorkbookReadError(say("read_damaged", where=where, detail=say("read_sheet_part_missing", sheet=name, part=target)))
        sheets.append(SheetInfo(name, state))
        sheet_parts[name] = part
    if not sheets:
        raise WorkbookReadError(say("read_damaged", where=where, detail=say("read_no_sheets")))
    workbook = RawWorkbook(path, package, sheets, sheet_parts, defined_names, parts, has_macros, date1904)
    workbook.read_all()
    return workbook


def _workbook_part(package: _Package) -> str:
    """The name of the workbook part: the package's officeDocument, refusing .ods, .xlsb and other zips."""
    where = package.where
    mimetype = package.find("mimetype")
    if mimetype is not None:
        kind = package.read(mimetype).strip()
        if kind.startswith(_ODS_MIMETYPE):
            raise WorkbookReadError(say("read_ods", where=where))
        if kind.startswith(b"application/vnd.oasis.opendocument"):
            raise WorkbookReadError(say("read_odf", where=where))
    root_rels = package.find("_rels/.rels")
    targets = [] if root_rels is None else package.parse(root_rels, _RelationshipsParser(""))
    document = next((target for kind, target, _ in targets if kind.endswith(_REL_OFFICE_DOCUMENT)), None)
    if document is None:  # no relationship says where the workbook is: Excel opens no such package
        at_usual_place = package.find("xl/workbook.xml") or package.find("xl/workbook.bin")
        if at_usual_place is None:
            _refuse_other_zip(where, "")
        key = "read_no_package_relationships" if root_rels is None else "read_no_office_document"
        raise WorkbookReadError(say(key, where=where, advice=say("read_save_as_xlsx")))
    part = package.find(document)
    if document.startswith(("word/", "ppt/")):
        _refuse_other_zip(where, document)
    if part is None:
        raise WorkbookReadError(say("read_missing_office_document", where=where, part=_safe(document)))
    if package.find("[Content_Types].xml") is None:
        raise WorkbookReadError(say("read_no_content_types", where=where, advice=say("read_save_as_xlsx")))
    if part.lower().endswith(".bin"):
        raise WorkbookReadError(say("read_xlsb", where=where, save_as=say("read_save_as_xlsx")))
    return part


def _has_vba_project(package: _Package) -> bool:
    """True for a VBA project part or a macro-enabled content type (.xlsm, .xltm, .xlam)."""
    if any(name.lower().endswith("vbaproject.bin") for name in package.names):
        return True
    content_types = package.find("[Content_Types].xml")
    return content_types is not None and b"macroenabled" in package.read(content_types).lower()


def _refuse_other_zip(where: str, document: str) -> NoReturn:
    kinds = {"word/": "read_hint_word", "ppt/": "read_hint_powerpoint"}
    hint = next((say(key) for folder, key in kinds.items() if document.startswith(folder)), "")
    raise WorkbookReadError(say("read_other_zip", where=where, hint=hint))


def _refuse_macros(where: str) -> NoReturn:
    raise WorkbookReadError(say("read_macros", where=where))
