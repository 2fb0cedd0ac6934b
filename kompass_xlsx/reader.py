"""The only module that opens .xlsx files for reading: a safe, fast, low-level cell reader.

It decides what a file is from its content (not its name), refuses what it cannot or must not
read (old .xls, password-protected, .ods, .xlsb, macros, zip bombs, XML with DOCTYPE or ENTITY
declarations) with a message an evaluator can act on, and reads cells with nothing but the
standard library's zipfile and expat. Values are returned exactly as stored: numbers as Decimal
from the stored text, formulas never evaluated, external links never followed. It knows nothing
about Kommunkompassen; a later layer maps cells to questions.

Typical use::

    workbook = open_workbook(Path("kalix-2024.xlsx"))
    cell = workbook.cell("1 Område", "D7")
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn
from urllib.parse import unquote
from xml.parsers import expat

from .errors import WorkbookReadError

__all__ = ["Cell", "CellKind", "DefinedName", "RawWorkbook", "SheetInfo", "SheetState", "open_workbook"]

MAX_ENTRIES = 10_000
"""A package with more parts than this is refused (a scoring workbook has about 30)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""The parts of a package may declare at most this many bytes in total, unpacked."""
MAX_RATIO = 200
"""A part larger than RATIO_CHECKED_ABOVE may unpack to at most this many times its packed size."""
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 512
"""A zip directory larger than this is refused before it is read (a part's entry is about 80 bytes)."""

BUILTIN_DATE_FORMATS = frozenset(("14", "15", "16", "17", "18", "19", "20", "21", "22", "45", "46", "47"))
"""Built-in number format ids that show a date or time (ECMA-376 part 1, 18.8.30)."""

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CFB_END_OF_CHAIN = 0xFFFFFFFE
_SAVE_AS_XLSX = "Open it in Excel or LibreOffice Calc and save it as an Excel workbook (.xlsx)"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_REL_OFFICE_DOCUMENT = "/officeDocument"
_UNSAFE_XML = (b"<!DOCTYPE", b"<!ENTITY")
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SHEET_REF = re.compile(
    r"(?:'(?P<quoted>(?:[^'\[\]]|'')+)'|(?P<plain>[^\s'!:\[\]()+\-*/^&=<>,;\"{}#]+))!"
    r"(?P<ref>\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?)"
)
# In a number format code: quoted text, escaped and fill/padding characters, and [..] sections
# other than the elapsed-time ones ([h], [mm], [ss]) never make a format a date format.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|[_*].|\[(?![hHmMsS]+\])[^\]]*\]')
_DATE_LETTERS = re.compile(r"[dmyhsDMYHS]")
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]")


class CellKind(StrEnum):
    """What a stored cell value is. Empty cells are not cells: they are absent."""

    NUMBER = "number"
    TEXT = "text"
    BOOL = "bool"
    ERROR = "error"


class SheetState(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"
    VERY_HIDDEN = "veryHidden"


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell exactly as stored in the file; formulas are never recalculated.

    Attributes:
        ref: The A1 reference without '$', e.g. "D7".
        kind: What `value` is.
        value: NUMBER: a Decimal parsed from the stored text (never via float). TEXT: the text
            exactly as stored, spaces kept. BOOL: a bool. ERROR: the error text, e.g. "#DIV/0!".
        formula: The formula text (without '=') when the cell holds a formula, else None. A
            dependant cell of a shared formula has "" here: it is a formula, its text is elsewhere.
        has_cached_value: False for a formula cell that was never calculated (no stored result);
            its kind is then TEXT and its value "".
        is_date: True for a NUMBER shown with a date or time number format (the value is then the
            serial day number), and for the rare ISO-8601 date cells (TEXT).
    """

    ref: str
    kind: CellKind
    value: Decimal | str | bool
    formula: str | None = None
    has_cached_value: bool = True
    is_date: bool = False


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    state: SheetState


@dataclass(frozen=True, slots=True)
class DefinedName:
    """A workbook-level defined name.

    Attributes:
        name: The name, e.g. "score_1_3".
        sheet: The sheet a plain reference points into, else None.
        ref: The cell ("D7") or range ("B5:B9") of a plain reference, '$' removed, else None
            (for #REF!, formulas, constants, external and multi-area references).
        text: The name's formula text exactly as stored, e.g. "'1 Område'!$D$7".
    """

    name: str
    sheet: str | None
    ref: str | None
    text: str


_NUMBER, _TEXT, _BOOL, _ERROR = CellKind.NUMBER, CellKind.TEXT, CellKind.BOOL, CellKind.ERROR
_NO_CELLS: Mapping[str, Cell] = MappingProxyType({})
_new = object.__new__
_set_ref, _set_kind, _set_value, _set_formula, _set_cached, _set_date = (
    getattr(Cell, field.name).__set__ for field in fields(Cell)
)


def _cell(ref: str, kind: CellKind, value: object, formula: str | None, cached: bool, is_date: bool) -> Cell:
    """Cell(ref, kind, ...) at twice the speed: it fills the slots directly.

    The generated __init__ of a frozen dataclass sets every field through object.__setattr__;
    the sheet parser makes one Cell per cell, which made that the largest cost of a parse.
    """
    cell = _new(Cell)
    _set_ref(cell, ref)
    _set_kind(cell, kind)
    _set_value(cell, value)
    _set_formula(cell, formula)
    _set_cached(cell, cached)
    _set_date(cell, is_date)
    return cell


class _Unsafe(Exception):
    """Raised inside expat handlers when a part declares a DOCTYPE or an entity."""


class _Damaged(Exception):
    """Raised inside a part parser when the content makes no sense; the message says where."""


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
        self._shared_strings: list[str] | None = None
        self._date_styles: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"<RawWorkbook {str(self.path)!r} sheets={[s.name for s in self.sheets]}>"

    @property
    def has_macros(self) -> bool:
        """True when the workbook carries macros (only possible with open_workbook(allow_macros=True))."""
        return self._has_macros

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
            cells = _NO_CELLS if part is None else MappingProxyType(self._read_sheet(sheet_name, part))
            self._cells[sheet_name] = cells
        return cells

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
        shared, dates = self._shared_strings, self._date_styles
        return self._package.parse(part, _SheetParser(shared, dates), f"sheet '{sheet_name}'")


def open_workbook(path: Path | str, *, allow_macros: bool = False) -> RawWorkbook:
    """Open an .xlsx workbook for reading: check it is safe and readable, read its sheet list.

    The whole file is read into memory at once (it is refused above MAX_UNPACKED_BYTES); sheet
    cells are parsed later, on the first `sheet_cells` call for each sheet.

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
    where = f"'{path}'"
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
            raise WorkbookReadError(
                f"{where} is damaged: sheet '{name}' has no part (relationship '{rel_id}' is missing)"
            )
        kind, target = by_id[rel_id]
        part = None  # chart and dialog sheets hold no cells
        if kind.endswith("/worksheet") or (has_macros and "macrosheet" in kind.lower()):
            part = package.find(target)
            if part is None:
                raise WorkbookReadError(
                    f"{where} is damaged: sheet '{name}' points to part '{target}', which is missing"
                )
        sheets.append(SheetInfo(name, state))
        sheet_parts[name] = part
    if not sheets:
        raise WorkbookReadError(f"{where} is damaged: its workbook part lists no sheets")
    return RawWorkbook(path, package, sheets, sheet_parts, defined_names, parts, has_macros, date1904)


def _read_file(path: Path, where: str) -> bytes:
    """The bytes of a file that is at least a zip package, else a WorkbookReadError saying what it is."""
    try:
        if path.is_dir():
            raise WorkbookReadError(f"{where} is a folder, not a workbook file")
        size = path.stat().st_size
        if size > MAX_UNPACKED_BYTES:
            raise WorkbookReadError(
                f"{where} is {size // 2**20} MB, too large for a workbook "
                f"(the limit is {MAX_UNPACKED_BYTES // 2**20} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise WorkbookReadError(f"{where} does not exist") from err
    except OSError as err:
        raise WorkbookReadError(f"{where} cannot be read: {err.strerror or err}") from err
    if not data:
        raise WorkbookReadError(
            f"{where} is empty (0 bytes); it was probably not saved completely. Save the workbook again"
        )
    if data.startswith(_CFB_MAGIC):
        if _is_encrypted_package(data):
            raise WorkbookReadError(
                f"{where} is password-protected (encrypted), so it cannot be read. Open it in Excel, "
                "remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again"
            )
        raise WorkbookReadError(
            f"{where} is an old Excel 97-2003 workbook (.xls), not an .xlsx workbook. {_SAVE_AS_XLSX}"
        )
    if not data.startswith(b"PK"):
        raise WorkbookReadError(
            f"{where} is not an Excel workbook (.xlsx): its content is not a zip package. {_SAVE_AS_XLSX}"
        )
    return data


def _workbook_part(package: _Package) -> str:
    """The name of the workbook part: the package's officeDocument, refusing .ods, .xlsb and other zips."""
    where = package.where
    mimetype = package.find("mimetype")
    if mimetype is not None:
        kind = package.read(mimetype).strip()
        if kind.startswith(_ODS_MIMETYPE):
            raise WorkbookReadError(
                f"{where} is an OpenDocument spreadsheet (.ods), not an .xlsx workbook. "
                "Open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)'"
            )
        if kind.startswith(b"application/vnd.oasis.opendocument"):
            raise WorkbookReadError(f"{where} is an OpenDocument file, not a spreadsheet workbook")
    root_rels = package.find("_rels/.rels")
    targets = [] if root_rels is None else package.parse(root_rels, _RelationshipsParser(""))
    document = next((target for kind, target, _ in targets if kind.endswith(_REL_OFFICE_DOCUMENT)), None)
    part = package.find(document) if document else None
    if part is None:  # no relationship, or a broken one: look where Excel puts it
        part = package.find("xl/workbook.xml") or package.find("xl/workbook.bin")
    if part is None or part.startswith(("word/", "ppt/")):
        _refuse_other_zip(where, part or "")
    if part.lower().endswith(".bin"):
        raise WorkbookReadError(f"{where} is an Excel binary workbook (.xlsb), not an .xlsx workbook. {_SAVE_AS_XLSX}")
    return part


def _has_vba_project(package: _Package) -> bool:
    """True for a VBA project part or a macro-enabled content type (.xlsm, .xltm, .xlam)."""
    if any(name.lower().endswith("vbaproject.bin") for name in package.names):
        return True
    content_types = package.find("[Content_Types].xml")
    return content_types is not None and b"macroenabled" in package.read(content_types).lower()


def _refuse_other_zip(where: str, document: str) -> NoReturn:
    kinds = {"word/": " (it looks like a Word document)", "ppt/": " (it looks like a PowerPoint presentation)"}
    hint = next((text for folder, text in kinds.items() if document.startswith(folder)), "")
    raise WorkbookReadError(
        f"{where} is a zip file but not an Excel workbook{hint}: it holds no workbook part (xl/workbook.xml)"
    )


def _refuse_macros(where: str) -> NoReturn:
    raise WorkbookReadError(
        f"{where} is a macro-enabled workbook (.xlsm); workbooks with macros are not read. "
        "Open it in Excel and save it as a normal Excel workbook (.xlsx) (File > Save As > Excel Workbook)"
    )


def _is_encrypted_package(data: bytes) -> bool:
    """True when a Compound File (OLE2) container holds an encrypted OOXML package."""
    try:
        names = _cfb_entry_names(data)
    except (ValueError, struct.error, IndexError):  # damaged directory: look for the names anywhere
        return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data
    return "EncryptionInfo" in names or "EncryptedPackage" in names


def _cfb_entry_names(data: bytes) -> set[str]:
    """The names in the directory of a Compound File Binary container ([MS-CFB] 2.2-2.6).

    Raises:
        ValueError, struct.error, IndexError: when the container structure is damaged.
    """
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise ValueError(f"sector shift {shift}")
    size = 1 << shift
    count = (len(data) - size) // size
    fat_count, first_directory = struct.unpack_from("<II", data, 44)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)

    def sector(number: int) -> bytes:
        if number >= count:
            raise ValueError(f"sector {number} beyond the end")
        return data[(number + 1) * size : (number + 2) * size]

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    difat = first_difat
    for _ in range(min(difat_count, count)):
        numbers = struct.unpack(f"<{size // 4}I", sector(difat))
        fat_sectors.extend(numbers[:-1])
        difat = numbers[-1]
    fat_bytes = b"".join(sector(number) for number in fat_sectors[: min(fat_count, count)])
    fat = struct.unpack(f"<{len(fat_bytes) // 4}I", fat_bytes)
    names: set[str] = set()
    number, seen = first_directory, set()
    while number != _CFB_END_OF_CHAIN:
        if number in seen:
            raise ValueError("directory chain loops")
        seen.add(number)
        block = sector(number)
        for offset in range(0, size, 128):
            length = struct.unpack_from("<H", block, offset + 64)[0]
            if 2 <= length <= 64 and block[offset + 66] in (1, 2, 5):
                names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
        number = fat[number]
    return names


def _declared_directory(data: bytes) -> tuple[int, int]:
    """(parts, bytes) of the central directory as the zip's end record declares them; (0, 0) without one."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if at < 0 or at + 22 > len(data):
        return 0, 0  # zipfile will say what is wrong
    entries, size = struct.unpack_from("<HI", data, at + 10)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and at >= 20 and data[at - 20 : at - 16] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, at - 12)[0]  # the ZIP64 end record holds the real numbers
        if data[offset : offset + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
    return entries, size


class _Package:
    """The zip container of a workbook: limits checked up front, each part read with a bounded read."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        entries, directory_bytes = _declared_directory(data)
        if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:  # before zipfile reads it all
            raise WorkbookReadError(
                f"{where} is refused: it has {entries} parts in {directory_bytes:,} bytes of zip directory, "
                f"more than the {MAX_ENTRIES} allowed"
            )
        try:
            self._zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as err:
            raise WorkbookReadError(
                f"{where} is damaged or incomplete: its zip package cannot be read ({err}). It may have been cut "
                "off while copying or downloading; use a fresh copy or save it again"
            ) from err
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise WorkbookReadError(
                f"{where} is refused: it has {len(infos)} parts, more than the {MAX_ENTRIES} allowed"
            )
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise WorkbookReadError(
                    f"{where} is refused: part '{info.filename}' would unpack to {info.file_size:,} bytes from "
                    f"{info.compress_size:,}, more than {MAX_RATIO} times its size (a zip bomb?)"
                )
            if info.flag_bits & 0x1:
                raise WorkbookReadError(
                    f"{where} is a password-protected zip file, not a normal workbook. {_SAVE_AS_XLSX}"
                )
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookReadError(
                f"{where} is refused: it would unpack to {total:,} bytes, more than the "
                f"{MAX_UNPACKED_BYTES // 2**20} MB allowed (a zip bomb?)"
            )
        self._infos = {info.filename: info for info in infos}
        self._by_lower: dict[str, str] | None = None

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        """The stored name of a part (OPC part names ignore case, a leading '/' and %-escapes), or None."""
        if name in self._infos:
            return name
        name = unquote(name).lstrip("/")
        if name in self._infos:
            return name
        if self._by_lower is None:
            self._by_lower = {stored.lower(): stored for stored in self._infos}
        return self._by_lower.get(name.lower())

    def read(self, name: str) -> bytes:
        """The unpacked bytes of a part, never more than its declared size.

        Raises:
            WorkbookReadError: when the part is damaged or bigger than its zip header says.
        """
        info = self._infos[name]
        try:
            with self._zip.open(info) as stream:
                data = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
            raise WorkbookReadError(
                f"{self.where} is damaged: part '{name}' cannot be unpacked ({err}). Use a fresh copy or save it again"
            ) from err
        except NotImplementedError as err:
            raise WorkbookReadError(
                f"{self.where} uses a zip compression Excel does not write ({err}). {_SAVE_AS_XLSX}"
            ) from err
        if len(data) != info.file_size:
            raise WorkbookReadError(
                f"{self.where} is damaged: part '{name}' does not have the size its zip header declares"
            )
        return data

    def parse(self, name: str, part_parser: _PartParser, what: str | None = None):
        """Parse a part with expat, after refusing any DOCTYPE or ENTITY declaration in it.

        Args:
            name: The stored part name.
            part_parser: A fresh parser for this kind of part.
            what: How to name the part in a message ("sheet 'Summary'"); the part name by default.

        Returns:
            Whatever the parser's result() returns.
        """
        data = self.read(name)
        what = what or f"part '{name}'"
        if _UNSAFE_XML[0] in data or _UNSAFE_XML[1] in data:
            self._refuse_unsafe(what)
        body = part_parser.body(data)
        try:
            try:
                _expat_parse(body, part_parser)
            except expat.ExpatError:
                if body is data:
                    raise
                part_parser.reset()  # the cut went wrong somehow: parse the whole part
                _expat_parse(data, part_parser)
        except _Unsafe:
            self._refuse_unsafe(what)
        except expat.ExpatError as err:
            raise WorkbookReadError(f"{self.where} is damaged: {what} is not well-formed XML ({err})") from err
        except _Damaged as err:
            raise WorkbookReadError(f"{self.where} is damaged: {what} {err}") from err
        return part_parser.result()

    def _refuse_unsafe(self, what: str) -> NoReturn:
        raise WorkbookReadError(
            f"{self.where} is refused: {what} contains an XML DOCTYPE or ENTITY declaration, which Excel and "
            "LibreOffice never write and which can be used to attack the reader"
        )


def _expat_parse(data: bytes, part_parser: _PartParser) -> None:
    """Run expat over data with the part parser's handlers; DOCTYPE and ENTITY declarations raise _Unsafe."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 65536
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration

    def root(tag: str, attrs: dict[str, str]) -> None:
        # The root tag shows the namespace prefix the part uses ("x:worksheet" -> "x:"), if any.
        prefix, _, part_parser.root = tag.rpartition(":")
        start, end, text = part_parser.handlers(prefix + ":" if prefix else "")
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        start(tag, attrs)

    parser.StartElementHandler = root
    parser.Parse(data, True)


def _refuse_declaration(*_args: object) -> None:
    raise _Unsafe


def _unescape(text: str) -> str:
    """Undo the _xHHHH_ escapes OOXML uses for control characters (and for a literal '_x')."""
    return _ESCAPED_CHAR.sub(lambda match: chr(int(match[1], 16)), text) if "_x" in text else text


class _PartParser:
    """The expat handlers for one kind of part, made once the root tag shows the namespace prefix."""

    root = ""
    """The local name of the root element, once parsing has started."""

    def body(self, data: bytes) -> bytes:
        """The part of data worth parsing; all of it unless a subclass knows better."""
        return data

    def reset(self) -> None:
        """Forget what a failed parse of body() found, before the whole part is parsed."""

    def handlers(self, prefix: str) -> tuple[Callable, Callable, Callable]:
        raise NotImplementedError

    def result(self):
        raise NotImplementedError


def _ignore(*_args: object) -> None:
    return None


class _RelationshipsParser(_PartParser):
    """A .rels part -> [(type, resolved target part name, id)], external targets left out."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.found: list[tuple[str, str, str]] = []

    def handlers(self, prefix):
        tag, found, base = prefix + "Relationship", self.found, self.base

        def start(name, attrs):
            if name == tag and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                target = target[1:] if target.startswith("/") else posixpath.join(base, target)
                found.append((attrs.get("Type", ""), posixpath.normpath(target), attrs.get("Id", "")))

        return start, _ignore, _ignore

    def result(self):
        return self.found


class _WorkbookParser(_PartParser):
    """workbook.xml -> ([(sheet name, state, relationship id)], {defined name: DefinedName}, date1904)."""

    def __init__(self) -> None:
        self.sheets: list[tuple[str, SheetState, str]] = []
        self.names: dict[str, DefinedName] = {}
        self.date1904 = False

    def handlers(self, prefix):
        sheet_tag, name_tag, pr_tag = prefix + "sheet", prefix + "definedName", prefix + "workbookPr"
        sheets, names = self.sheets, self.names
        current: list[str] = []
        text: list[str] = []

        def start(name, attrs):
            if name == sheet_tag:
                rel_id = attrs.get("r:id") or next((v for k, v in attrs.items() if k.endswith(":id")), "")
                try:
                    state = SheetState(attrs.get("state", "visible"))
                except ValueError:
                    state = SheetState.VISIBLE
                sheets.append((attrs.get("name", ""), state, rel_id))
            elif name == name_tag:
                text.clear()
                current[:] = [] if "localSheetId" in attrs else [attrs.get("name", "")]
            elif name == pr_tag:
                self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")

        def end(name):
            if name == name_tag and current:
                formula = "".join(text)
                sheet, ref = _reference(formula)
                names[current[0]] = DefinedName(current[0], sheet, ref, formula)
                current.clear()

        def chars(data):
            if current:
                text.append(data)

        return start, end, chars

    def result(self):
        return self.sheets, self.names, self.date1904


def _reference(formula: str) -> tuple[str | None, str | None]:
    """(sheet, "D7" or "B5:B9") of a plain reference like '1 Område'!$D$7, else (None, None)."""
    match = _SHEET_REF.fullmatch(formula.strip())
    if match is None:
        return None, None
    quoted = match["quoted"]
    sheet = quoted.replace("''", "'") if quoted is not None else match["plain"]
    return sheet, match["ref"].replace("$", "").upper()


class _SharedStringsParser(_PartParser):
    """sharedStrings.xml -> [text]: rich text runs concatenated, phonetic runs (rPh) left out."""

    def __init__(self) -> None:
        self.strings: list[str] = []

    def handlers(self, prefix):
        si_tag, t_tag, rph_tag = prefix + "si", prefix + "t", prefix + "rPh"
        append = self.strings.append
        parts: list[str] = []
        keep = parts.append
        collecting = in_phonetic = False

        def start(name, attrs):
            nonlocal collecting, in_phonetic
            if name == t_tag:
                collecting = not in_phonetic
            elif name == si_tag:
                parts.clear()
            elif name == rph_tag:
                in_phonetic = True

        def end(name):
            nonlocal collecting, in_phonetic
            if name == t_tag:
                collecting = False
            elif name == si_tag:
                text = parts[0] if len(parts) == 1 else "".join(parts)
                append(_unescape(text) if "_x" in text else text)
            elif name == rph_tag:
                in_phonetic = False

        def chars(data):
            if collecting:
                keep(data)

        return start, end, chars

    def result(self):
        return self.strings


class _DateStylesParser(_PartParser):
    """styles.xml -> the cell style indexes (as strings, like the s attribute) that show dates."""

    def __init__(self) -> None:
        self.formats: dict[str, str] = {}
        self.cell_formats: list[str] = []

    def handlers(self, prefix):
        fmt_tag, xfs_tag, xf_tag = prefix + "numFmt", prefix + "cellXfs", prefix + "xf"
        formats, cell_formats = self.formats, self.cell_formats
        in_cell_xfs = False

        def start(name, attrs):
            nonlocal in_cell_xfs
            if name == xf_tag:
                if in_cell_xfs:
                    cell_formats.append(attrs.get("numFmtId", "0"))
            elif name == fmt_tag:
                formats[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
            elif name == xfs_tag:
                in_cell_xfs = True

        def end(name):
            nonlocal in_cell_xfs
            if name == xfs_tag:
                in_cell_xfs = False

        return start, end, _ignore

    def result(self):
        dates = {
            fmt_id
            for fmt_id in set(self.cell_formats)
            if (_is_date_format(self.formats[fmt_id]) if fmt_id in self.formats else fmt_id in BUILTIN_DATE_FORMATS)
        }
        return frozenset(str(index) for index, fmt_id in enumerate(self.cell_formats) if fmt_id in dates)


def _is_date_format(code: str) -> bool:
    """True when a number format code shows a date or time: d, m, y, h or s outside quotes and [..]."""
    return _DATE_LETTERS.search(_FORMAT_NOISE.sub("", code).split(";", 1)[0]) is not None


def _column_number(ref: str) -> int:
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _SheetParser(_PartParser):
    """A worksheet part -> {ref: Cell} of its non-empty cells. <dimension> is ignored on purpose."""

    def __init__(self, shared: list[str], date_styles: frozenset[str]) -> None:
        self.shared = shared
        self.date_styles = date_styles
        self.cells: dict[str, Cell] = {}

    def body(self, data: bytes) -> bytes:
        """Only the XML declaration and <sheetData>, the one element that holds cells.

        Skipping the views, columns, validations and page set-up around it saves about a third of
        the parse. Returns all of data when the element cannot be cut out (UTF-16, no sheetData).
        """
        match = _SHEET_DATA.search(data)
        close = data.rfind(b"sheetData>")
        if match is None or close < match.end() or data[close - 1] not in b"/:":
            return data
        declaration = data[: data.find(b"?>") + 2] if data.startswith(b"<?xml") else b""
        return declaration + data[match.start() : close + 10]

    def reset(self) -> None:
        self.cells = {}

    def handlers(self, prefix):  # noqa: C901 - one closure per handler is what keeps expat fast
        c_tag, v_tag, f_tag, row_tag = prefix + "c", prefix + "v", prefix + "f", prefix + "row"
        is_tag, t_tag, rph_tag = prefix + "is", prefix + "t", prefix + "rPh"
        cells, shared, date_styles = self.cells, self.shared, self.date_styles
        # text: the text of the cell's current <f>, <v> or <is>; None until one starts
        ref = kind = style = text = formula = None
        row = 0
        collecting = in_inline = in_phonetic = False

        def start(name, attrs):
            nonlocal ref, kind, style, text, formula, row, collecting, in_inline, in_phonetic
            if name == c_tag:
                # r may be left out: the cell is then in the column after the previous one
                ref = attrs.get("r") or _column_letters(_column_number(ref) + 1 if ref else 1) + str(row)
                kind = attrs.get("t")
                style = attrs.get("s")
                text = formula = None
            elif name == v_tag:
                text = ""
                collecting = True
            elif name == row_tag:
                row_ref = attrs.get("r")
                row = int(row_ref) if row_ref else row + 1
                ref = None
            elif name == f_tag:
                text = ""
                collecting = True
            elif name == is_tag:
                text = ""
                in_inline = True
            elif name == t_tag:
                collecting = in_inline and not in_phonetic
            elif name == rph_tag:
                in_phonetic = True

        def end(name):
            nonlocal text, formula, collecting, in_inline, in_phonetic
            if name == v_tag:
                collecting = False
            elif name == c_tag:
                if text is None:
                    if formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind is None or kind == "n":
                    try:
                        number = Decimal(text)
                    except InvalidOperation:
                        number = None
                    if number is not None and number.is_finite():
                        is_date = style is not None and style in date_styles
                        cells[ref] = _cell(ref, _NUMBER, number, formula, True, is_date)
                    elif text.strip():
                        raise _Damaged(f"holds '{text}' in cell {ref}, where a number belongs")
                    elif formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind == "s":
                    try:
                        cells[ref] = _cell(ref, _TEXT, shared[int(text)], formula, True, False)
                    except (ValueError, IndexError):
                        missing = f"refers to shared string '{text}' in cell {ref}, which does not exist"
                        raise _Damaged(missing) from None
                elif kind == "str" or kind == "inlineStr":
                    cells[ref] = _cell(ref, _TEXT, _unescape(text), formula, True, False)
                elif kind == "b":
                    cells[ref] = _cell(ref, _BOOL, text.strip() in ("1", "true"), formula, True, False)
                elif kind == "e":
                    cells[ref] = _cell(ref, _ERROR, text, formula, True, False)
                elif kind == "d":
                    cells[ref] = _cell(ref, _TEXT, text, formula, True, True)
                else:
                    raise _Damaged(f"has cell {ref} of unknown type t='{kind}'")
            elif name == f_tag:
                formula = text
                text = None
                collecting = False
            elif name == t_tag:
                collecting = False
            elif name == is_tag:
                in_inline = False
            elif name == rph_tag:
                in_phonetic = False

        def chars(data):
            nonlocal text
            if collecting:
                text += data

        return start, end, chars

    def result(self):
        return self.cells
