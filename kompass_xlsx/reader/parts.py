"""The expat parsers of a workbook's parts: relationships, workbook, shared strings, styles, sheets.

Each parser installs one closure per expat handler once the root tag shows the namespace prefix;
`_expat_parse` runs one over a part's bytes with DOCTYPE and ENTITY declarations refused. The
parsers know nothing of zip files: container._Package.parse gives them the bytes and turns their
errors into WorkbookReadError.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from dataclasses import replace

from .cells import Cell, CellKind, DefinedName, SheetState, _cell, _defined_name

BUILTIN_DATE_FORMATS = frozenset(("14", "15", "16", "17", "18", "19", "20", "21", "22", "45", "46", "47"))
"""Built-in number format ids that show a date or time (ECMA-376 part 1, 18.8.30)."""

MAX_ROW = 1_048_576
"""The last row of a sheet; the last column is XFD (16,384)."""

_COLUMN = r"(?:[A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])"  # A to XFD
_ROW = r"(?:[1-9][0-9]{0,5}|10[0-3][0-9]{4}|104[0-7][0-9]{3}|1048[0-4][0-9]{2}|10485[0-6][0-9]|104857[0-6])"
_CELL_REF = re.compile(_COLUMN + _ROW)
_CELL_REFS = re.compile(rf"(?:{_COLUMN}{_ROW}\n)*+")
"""Every line a cell reference: one regex call checks all the cells of a sheet."""
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATES = re.compile(r"[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
_CORNER = rf"\$?(?i:{_COLUMN})\$?{_ROW}"  # a cell of a defined name's reference: $ and lower case allowed
_SHEET_REF = re.compile(  # quoted: runs of other characters between doubled quotes (twice as fast as (?:x|'')+)
    r"(?:'(?P<quoted>[^'\[\]]*(?:''[^'\[\]]*)*)'|(?P<plain>[^\s'!:\[\]()+\-*/^&=<>,;\"{}#]+))!"
    rf"(?P<ref>{_CORNER}(?::{_CORNER})?)"
)
# In a number format code: quoted text, escaped and fill/padding characters, and [..] sections
# other than the elapsed-time ones ([h], [mm], [ss]) never make a format a date format.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|[_*].|\[(?![hHmMsS]+\])[^\]]*\]')
_DATE_LETTERS = re.compile(r"[dmyhsDMYHS]")
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]")

_NUMBER, _TEXT, _BOOL, _ERROR = CellKind.NUMBER, CellKind.TEXT, CellKind.BOOL, CellKind.ERROR


class _Unsafe(Exception):
    """Raised inside expat handlers when a part declares a DOCTYPE or an entity."""


class _Damaged(Exception):
    """Raised inside a part parser when the content makes no sense; the message says where."""


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
    """Undo the _xHHHH_ escapes OOXML uses for control characters (and for a literal '_x').

    An escaped UTF-16 surrogate pair becomes its one character; a lone surrogate, which no text
    can hold (it cannot be written as UTF-8), becomes U+FFFD.
    """
    if "_x" not in text:
        return text
    text = _ESCAPED_CHAR.sub(lambda match: chr(int(match[1], 16)), text)
    return _SURROGATES.sub(_surrogate, text)


def _surrogate(match: re.Match) -> str:
    pair = match[0]
    if len(pair) == 2:
        return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + ord(pair[1]) - 0xDC00)
    return "\ufffd"


def _shown(text: str) -> str:
    """A value for a message: at most 40 characters of it."""
    return text if len(text) <= 40 else text[:37] + "..."


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
                names[current[0]] = _defined_name(current[0], sheet, ref, formula)
                current.clear()

        def chars(data):
            if current:
                text.append(data)

        return start, end, chars

    def result(self):
        return self.sheets, self.names, self.date1904


def _reference(formula: str) -> tuple[str | None, str | None]:
    """(sheet, "D7" or "B5:B9") of a plain reference like '1 Område'!$D$7, else (None, None).

    A reference outside the sheet (beyond column XFD or row 1048576) is no plain reference either.
    """
    match = _SHEET_REF.fullmatch(formula.strip())
    if match is None:
        return None, None
    quoted, plain, ref = match.groups()
    if quoted is None:
        return plain, ref.replace("$", "").upper()
    return (quoted.replace("''", "'"), ref.replace("$", "").upper()) if quoted else (None, None)


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


_LARGEST_DOUBLE = Decimal("1.7976931348623157E+308")


def _fits(number: Decimal) -> bool:
    """True when a finite number is within the range of a binary double (checked after a quicker test)."""
    return -325 < number.adjusted() and abs(number) <= _LARGEST_DOUBLE


def _column_number(ref: str) -> int:
    """The column number of a reference's letters, "D7" -> 4; 0 without letters.

    Reads at most four letters: any fourth one already puts the column beyond XFD.
    """
    number = 0
    for char in ref[:4]:
        if "A" <= char <= "Z" or "a" <= char <= "z":
            number = number * 26 + (ord(char) & 0x5F) - 64
        else:
            break
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
        kind = style = text = formula = None
        runs: list[str] = []  # the runs of an inline string so far: joined once, not added up one by one
        ref = ""  # the reference of the current or previous cell in the row; "" at the start of a row
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
                if row_ref:
                    try:
                        row = int(row_ref)
                    except ValueError:
                        row = 0
                    if not 0 < row <= MAX_ROW:
                        shown = _shown(row_ref)
                        raise _Damaged(f"has a row numbered '{shown}', which is not a row number (1 to {MAX_ROW})")
                else:
                    row += 1  # beyond MAX_ROW, the references of its cells are refused in result()
                ref = ""
            elif name == f_tag:
                text = ""
                collecting = True
            elif name == is_tag:
                text = ""
                runs.clear()
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
                if ref in cells:
                    raise _Damaged(f"has two cells at {_shown(ref)}")
                if text is None:
                    if formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind is None or kind == "n":
                    try:
                        number = Decimal(text)
                    except InvalidOperation:
                        number = None
                    # a stored number is a binary double: about 4.9E-324 to 1.8E+308 either side of 0
                    if number is not None and number.is_finite() and (-325 < number.adjusted() < 308 or _fits(number)):
                        is_date = style is not None and style in date_styles
                        cells[ref] = _cell(ref, _NUMBER, number, formula, True, is_date)
                    elif number is not None and number.is_finite():
                        raise _Damaged(f"holds '{_shown(text)}' in cell {_shown(ref)}, beyond what a number can be")
                    elif text.strip():
                        raise _Damaged(f"holds '{_shown(text)}' in cell {_shown(ref)}, where a number belongs")
                    elif formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind == "s":
                    try:
                        index = int(text)
                        if index < 0:  # shared[-1] would be the last string
                            raise IndexError
                        cells[ref] = _cell(ref, _TEXT, shared[index], formula, True, False)
                    except (ValueError, IndexError):
                        missing = f"refers to shared string '{_shown(text)}' in cell {_shown(ref)}"
                        raise _Damaged(f"{missing}, which does not exist") from None
                elif kind == "str" or kind == "inlineStr":
                    cells[ref] = _cell(ref, _TEXT, _unescape(text), formula, True, False)
                elif kind == "b":
                    cells[ref] = _cell(ref, _BOOL, text.strip() in ("1", "true"), formula, True, False)
                elif kind == "e":
                    cells[ref] = _cell(ref, _ERROR, text, formula, True, False)
                elif kind == "d":
                    cells[ref] = _cell(ref, _TEXT, text, formula, True, True)
                else:
                    raise _Damaged(f"has cell {_shown(ref)} of unknown type t='{_shown(kind)}'")
            elif name == f_tag:
                formula = text
                text = None
                collecting = False
            elif name == t_tag:
                if collecting:
                    runs.append(text)
                    text = ""
                    collecting = False
            elif name == is_tag:
                text = "".join(runs)
                in_inline = False
            elif name == rph_tag:
                in_phonetic = False

        def chars(data):
            nonlocal text
            if collecting:
                text += data

        return start, end, chars

    def result(self):
        """The cells, once every reference is checked: A1 to XFD1048576 (lower case letters upper-cased).

        Raises:
            _Damaged: a reference that is no cell reference, or two cells at one reference.
        """
        cells = self.cells
        if cells and _CELL_REFS.fullmatch("\n".join(cells) + "\n") is None:  # one regex call for all of them
            return _checked_refs(cells)
        return cells


def _checked_refs(cells: dict[str, Cell]) -> dict[str, Cell]:
    """cells with lower case references upper-cased; _Damaged at the first reference that is not a cell's."""
    checked: dict[str, Cell] = {}
    for ref, cell in cells.items():
        if _CELL_REF.fullmatch(ref) is None:
            upper = ref.upper() if ref.isascii() else ref
            if _CELL_REF.fullmatch(upper) is None:
                raise _Damaged(
                    f"has a cell at '{_shown(ref)}', which is not a cell reference (A1 to XFD{MAX_ROW})"
                )
            ref, cell = upper, replace(cell, ref=upper)
        if ref in checked:
            raise _Damaged(f"has two cells at {ref}")
        checked[ref] = cell
    return checked
