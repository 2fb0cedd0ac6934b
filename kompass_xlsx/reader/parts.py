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

from .cells import Cell, CellKind, DefinedName, SheetState, _cell

BUILTIN_DATE_FORMATS = frozenset(("14", "15", "16", "17", "18", "19", "20", "21", "22", "45", "46", "47"))
"""Built-in number format ids that show a date or time (ECMA-376 part 1, 18.8.30)."""

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
