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
from decimal import Decimal
from xml.parsers import expat

from dataclasses import replace

from ..messages import say
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
_AFTER_MERGE_CELLS = frozenset(
    "phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter "
    "rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF "
    "drawingHF picture oleObjects controls webPublishItems tableParts extLst".split()
)
"""The elements a worksheet has after <mergeCells> (ECMA-376 CT_Worksheet): past the first, no cell follows."""
_DOUBLE = re.compile(r"[ \t\r\n]*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:[eE]([+-]?[0-9]+))?[ \t\r\n]*")
"""The XML Schema lexical form of a finite double (xsd:double), ASCII digits only: Unicode digits,
underscores, inner spaces, hex and INF/NaN are no stored number."""

NS = "}"
"""The separator expat puts between a namespace and a local name: '{uri}local' is written 'uri}local'."""
MAIN_NAMESPACES = frozenset(
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
)
"""SpreadsheetML, transitional (what Excel and LibreOffice write) and strict."""
PACKAGE_RELATIONSHIPS = frozenset(("http://schemas.openxmlformats.org/package/2006/relationships",))
RELATIONSHIP_ATTRIBUTES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships" + NS + "id",
    "http://purl.oclc.org/ooxml/officeDocument/relationships" + NS + "id",
)

_NUMBER, _TEXT, _BOOL, _ERROR = CellKind.NUMBER, CellKind.TEXT, CellKind.BOOL, CellKind.ERROR


class _Unsafe(Exception):
    """Raised inside expat handlers when a part declares a DOCTYPE or an entity."""


class _Damaged(Exception):
    """Raised inside a part parser when the content makes no sense; the message says where."""


def _expat_parse(data: bytes, part_parser: _PartParser | None) -> None:
    """Run a namespace-aware expat over data with the part parser's handlers (none: only check that
    the part is well-formed XML with every prefix bound); DOCTYPE and ENTITY declarations raise _Unsafe.

    Elements and attributes are matched by namespace, as spreadsheet programs match them: an element
    in a foreign namespace is not SpreadsheetML whatever its prefix, and an unbound prefix is an error.
    """
    parser = expat.ParserCreate(namespace_separator=NS)
    parser.buffer_text = True
    parser.buffer_size = 65536
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration
    if part_parser is not None:

        def root(tag: str, attrs: dict[str, str]) -> None:
            uri, _, part_parser.root = tag.rpartition(NS)
            if uri not in part_parser.namespaces:
                part_parser.root = ""
                raise _Damaged(say("read_foreign_root", namespace=_shown(uri or "-")))
            part_parser.expat = parser
            start, end, text = part_parser.handlers(uri + NS)
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
    namespaces: frozenset[str] = MAIN_NAMESPACES
    """The namespaces the root element may be in; any other makes the part damaged."""
    expat = None
    """The running expat parser, for handlers that switch themselves off once nothing more is needed."""

    def handlers(self, prefix: str) -> tuple[Callable, Callable, Callable]:
        raise NotImplementedError

    def result(self):
        raise NotImplementedError


def _ignore(*_args: object) -> None:
    return None


class _RelationshipsParser(_PartParser):
    """A .rels part -> [(type, resolved target part name, id)], external targets left out."""

    namespaces = PACKAGE_RELATIONSHIPS

    def __init__(self, base: str) -> None:
        self.base = base
        self.found: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handlers(self, prefix):
        tag, found, base, ids = prefix + "Relationship", self.found, self.base, self.ids

        def start(name, attrs):
            if name != tag:
                return
            rel_id = attrs.get("Id", "")
            if rel_id in ids:  # ids are unique in a package (OPC): never pick one of two
                raise _Damaged(say("read_repeated_relationship", id=_shown(rel_id)))
            ids.add(rel_id)
            if attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "").replace("\\", "/")
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
                rel_id = attrs.get(RELATIONSHIP_ATTRIBUTES[0]) or attrs.get(RELATIONSHIP_ATTRIBUTES[1], "")
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
    """True when a finite number is within the range of a binary double (checked after a quicker test).

    copy_abs, not abs(): abs() rounds to the context and overflows on 1E+1000000.
    """
    return -325 < number.adjusted() and number.copy_abs() <= _LARGEST_DOUBLE


def _number(text: str, ref: str) -> Decimal | None:
    """The exact number a <v> holds, None for an empty <v>; _Damaged when it is no number a workbook holds.

    Only the XML Schema double form is a number (see _DOUBLE), as in Excel's files: Decimal() alone
    would also take '1_0' as 10 and full-width or Arabic-Indic digits, which LibreOffice reads as
    1 or 0. A stored number is a binary double: about 4.9E-324 to 1.8E+308 either side of 0.
    """
    match = _DOUBLE.fullmatch(text)
    if match is None:
        if text.strip(" \t\r\n"):
            raise _Damaged(say("read_not_a_number", text=_shown(text), cell=_shown(ref)))
        return None
    exponent = match[2]
    if exponent is not None and len(exponent.lstrip("+-").lstrip("0")) > 6:  # 1E+1000000: no Decimal context holds it
        raise _Damaged(say("read_number_too_large", text=_shown(text), cell=_shown(ref)))
    number = Decimal(match[1] if exponent is None else f"{match[1]}E{exponent}")
    if -325 < number.adjusted() < 308 or _fits(number):
        return number
    raise _Damaged(say("read_number_too_large", text=_shown(text), cell=_shown(ref)))


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
        self.merged: list[str] = []
        """The ranges of <mergeCells> ("C7:D7"), as stored."""

    def handlers(self, prefix):  # noqa: C901 - one closure per handler is what keeps expat fast
        c_tag, v_tag, f_tag, row_tag = prefix + "c", prefix + "v", prefix + "f", prefix + "row"
        is_tag, t_tag, rph_tag = prefix + "is", prefix + "t", prefix + "rPh"
        merge_tag, merges_tag, data_tag = prefix + "mergeCell", prefix + "mergeCells", prefix + "sheetData"
        cells, shared, date_styles, merged, parser = self.cells, self.shared, self.date_styles, self.merged, self.expat
        after_merges = frozenset(prefix + name for name in _AFTER_MERGE_CELLS)

        def done() -> None:
            # the rest of the part (validations, formatting, page set-up) is only checked, at C speed
            parser.StartElementHandler = parser.EndElementHandler = parser.CharacterDataHandler = None

        def after_data_start(name, attrs):
            if name == merge_tag:
                merged.append(attrs.get("ref", ""))
            elif name in after_merges:
                done()

        def after_data_end(name):
            if name == merges_tag:
                done()

        # text: the text of the cell's current <f> or <v>; None until one starts. inline: its <is> text
        kind = style = text = formula = inline = None
        runs: list[str] = []  # the runs of an inline string so far: joined once, not added up one by one
        ref = ""  # the reference of the current or previous cell in the row; "" at the start of a row
        row = 0
        collecting = in_inline = in_phonetic = False

        def start(name, attrs):
            nonlocal ref, kind, style, text, formula, inline, row, collecting, in_inline, in_phonetic
            if name == c_tag:
                # r may be left out: the cell is then in the column after the previous one
                ref = attrs.get("r") or _column_letters(_column_number(ref) + 1 if ref else 1) + str(row)
                kind = attrs.get("t")
                style = attrs.get("s")
                text = formula = inline = None
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
                        raise _Damaged(say("read_bad_row", row=shown, max=MAX_ROW))
                else:
                    row += 1  # beyond MAX_ROW, the references of its cells are refused in result()
                ref = ""
            elif name == f_tag:
                text = ""
                collecting = True
            elif name == is_tag:
                inline = ""
                runs.clear()
                in_inline = True
            elif name == t_tag:
                collecting = in_inline and not in_phonetic
                if collecting:
                    inline = ""
            elif name == rph_tag:
                in_phonetic = True

        def end(name):
            nonlocal text, formula, inline, collecting, in_inline, in_phonetic
            if name == v_tag:
                collecting = False
            elif name == c_tag:
                if ref in cells:
                    raise _Damaged(say("read_two_cells", cell=_shown(ref)))
                if kind == "inlineStr":
                    # Excel shows the <is> text; LibreOffice shows nothing once a <v> is there too
                    if text is not None:
                        raise _Damaged(say("read_inline_with_value", cell=_shown(ref)))
                    if inline is not None:
                        cells[ref] = _cell(ref, _TEXT, _unescape(inline), formula, True, False)
                    elif formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif text is None:  # an <is> in a cell of another type is shown by no program
                    if formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind is None or kind == "n":
                    number = _number(text, ref)
                    if number is not None:
                        is_date = style is not None and style in date_styles
                        cells[ref] = _cell(ref, _NUMBER, number, formula, True, is_date)
                    elif formula is not None:
                        cells[ref] = _cell(ref, _TEXT, "", formula, False, False)
                elif kind == "s":
                    try:
                        index = int(text)
                        if index < 0:  # shared[-1] would be the last string
                            raise IndexError
                        cells[ref] = _cell(ref, _TEXT, shared[index], formula, True, False)
                    except (ValueError, IndexError):
                        raise _Damaged(say("read_missing_shared_string", index=_shown(text), cell=_shown(ref))) from None
                elif kind == "str":
                    cells[ref] = _cell(ref, _TEXT, _unescape(text), formula, True, False)
                elif kind == "b":
                    cells[ref] = _cell(ref, _BOOL, text.strip() in ("1", "true"), formula, True, False)
                elif kind == "e":
                    cells[ref] = _cell(ref, _ERROR, text, formula, True, False)
                elif kind == "d":
                    cells[ref] = _cell(ref, _TEXT, text, formula, True, True)
                else:
                    raise _Damaged(say("read_unknown_cell_type", cell=_shown(ref), kind=_shown(kind)))
            elif name == f_tag:
                formula = text
                text = None
                collecting = False
            elif name == t_tag:
                if collecting:
                    runs.append(inline)
                    inline = ""
                    collecting = False
            elif name == is_tag:
                inline = "".join(runs)
                in_inline = False
            elif name == rph_tag:
                in_phonetic = False
            elif name == data_tag and parser is not None:
                parser.StartElementHandler = after_data_start
                parser.EndElementHandler = after_data_end
                parser.CharacterDataHandler = None

        def chars(data):
            nonlocal text, inline
            if collecting:
                if in_inline:
                    inline += data
                else:
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
                raise _Damaged(say("read_bad_cell_reference", cell=_shown(ref), max=MAX_ROW))
            ref, cell = upper, replace(cell, ref=upper)
        if ref in checked:
            raise _Damaged(say("read_two_cells", cell=ref))
        checked[ref] = cell
    return checked
