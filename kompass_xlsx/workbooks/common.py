"""What every workbook the tool writes shares: options, formats, checked writes, A1 helpers."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from decimal import ROUND_CEILING, Decimal

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..errors import KompassError
from ..layout import META_SHEET, quote_sheet
from ..textsafety import xml_text

A4 = 9
INPUT_FILL = "#EAF2FB"
UNSCORED_FILL = "#FFF2B3"
INVALID_FILL = "#F8C9C4"
HEADER_FILL = "#1F4E79"
TOTAL_FILL = "#D9E2F3"
FIXED_CREATED = datetime(2026, 1, 1, tzinfo=timezone.utc)

# User text must never become a formula, number or link.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


class WriterBugError(KompassError):
    """XlsxWriter refused a write; a bug in the tool, reported rather than ignored."""


# Functions that Excel has had since 2007 and that never take the _xlfn. prefix of newer ones.
CLASSIC_FUNCTIONS = frozenset(
    "ABS AND AVERAGE COUNT COUNTA COUNTBLANK COUNTIF IF IFERROR INDEX ISBLANK ISNUMBER LEN MATCH MAX MEDIAN "
    "MIN MOD NOT OR QUARTILE RANK ROUND SUM SUMPRODUCT".split()
)
_FUNCTION_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class FittedRowsWorksheet(Worksheet):
    """XlsxWriter's worksheet with rows that keep a fitted height without it being a custom height."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._fitted_rows: set[int] = set()

    def fit_row(self, row: int, height: float) -> None:
        """Give a row a height that fits its texts now, without making it a custom height.

        XlsxWriter marks every height it writes customHeight="1", and Excel and LibreOffice never
        refit such a row. A fitted row keeps its height in the file (LibreOffice prints it as stored,
        since neither program refits rows when a file is only opened), but stays automatic: typing or
        pasting into one of its wrapped, unmerged cells makes either program fit it anew.
        """
        self.set_row(row, height)
        self._fitted_rows.add(row)

    def _write_row(self, row, spans, row_info=None, empty_row=False):
        if row not in self._fitted_rows:
            return super()._write_row(row, spans, row_info, empty_row)
        write_tag = self._xml_empty_tag_unencoded if empty_row else self._xml_start_tag_unencoded

        def without_custom_height(tag, attributes=()):
            write_tag(tag, [pair for pair in attributes if pair[0] != "customHeight"])

        name = "_xml_empty_tag_unencoded" if empty_row else "_xml_start_tag_unencoded"
        setattr(self, name, without_custom_height)
        try:
            return super()._write_row(row, spans, row_info, empty_row)
        finally:
            delattr(self, name)


class PlainFormulaWorksheet(FittedRowsWorksheet):
    """XlsxWriter's worksheet with a fast path for formulas that use only classic functions.

    XlsxWriter runs about 150 regular-expression substitutions on every formula to add the _xlfn.
    prefix of Excel 365 functions; a scoring workbook has over a hundred validation and formatting
    formulas, and that made up most of the time to write one. A formula naming only functions from
    CLASSIC_FUNCTIONS gets exactly what XlsxWriter would give it; any other goes the usual way.
    """

    def _xml_formula_element(self, formula, result, attributes=[]) -> None:  # noqa: B006 - XlsxWriter's signature
        # The one escaping rule (textsafety.xml_text): XlsxWriter writes a formula's text result raw,
        # and a control character in it made the sheet XML not well-formed.
        super()._xml_formula_element(formula, xml_text(result) if isinstance(result, str) else result, attributes)

    def _escape_attributes(self, attribute):
        return super()._escape_attributes(xml_text(attribute) if isinstance(attribute, str) else attribute)

    def _prepare_formula(self, formula, expand_future_functions=False):
        if any(name.upper() not in CLASSIC_FUNCTIONS for name in _FUNCTION_CALL.findall(formula)):
            return super()._prepare_formula(formula, expand_future_functions)
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula


class PlainSharedStrings(SharedStrings):
    """XlsxWriter's shared strings table with every string written as plain text.

    XlsxWriter writes a string that starts with "<r>" and ends with "</r>" unescaped, as the rich
    text its write_rich_string stores that way; a comment such as "<r>Ekonomi & styrning</r>" then
    made the whole workbook unreadable. The tool writes no rich text, so every string is escaped.
    """

    def _write_si(self, string: str) -> None:
        string = self._escape_control_characters(string)
        self._xml_si_element(string, [("xml:space", "preserve")] if _preserve_whitespace(string) else [])


class PlainTextPackager(Packager):
    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        sst = PlainSharedStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class KompassWorkbook(xlsxwriter.Workbook):
    """XlsxWriter's workbook with our worksheets, plain-text shared strings and, when given, a zlib level for its parts."""

    worksheet_class = PlainFormulaWorksheet
    compress_level: int | None = None  # None: zipfile's default, 6

    lock_structure = False  # True: sheets cannot be added, deleted, renamed or moved (no password)

    def _get_packager(self) -> Packager:
        return PlainTextPackager()

    def _write_workbook_pr(self) -> None:
        # XlsxWriter has no workbook (structure) protection; it follows <workbookPr> in workbook.xml.
        super()._write_workbook_pr()
        if self.lock_structure:
            self._xml_empty_tag("workbookProtection", [("lockStructure", 1)])

    def _store_workbook(self) -> None:
        # XlsxWriter has no option for the zlib level, and leaves its zip file open when writing fails
        # (closed later by the garbage collector, it then complains about the buffer it wrote to).
        # Its ZipFile is swapped for one that takes the level and is dropped on failure.
        level = self.compress_level
        opened: list[zipfile.ZipFile] = []

        class PackageZipFile(zipfile.ZipFile):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                opened.append(self)

            def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
                super().writestr(zinfo_or_arcname, data, compress_type, level)

            def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
                super().write(filename, arcname, compress_type, level)

        original = xlsxwriter.workbook.ZipFile
        xlsxwriter.workbook.ZipFile = PackageZipFile
        try:
            super()._store_workbook()
        except BaseException:
            for archive in opened:
                archive.fp = None  # the half-written package is thrown away: nothing left to close
            raise
        finally:
            xlsxwriter.workbook.ZipFile = original


def new_workbook(compress_level: int | None = None, parts_folder: str | None = None) -> tuple[Workbook, io.BytesIO]:
    """A workbook written into a buffer.

    `compress_level` trades size for speed. Given a `parts_folder`, the workbook keeps its parts in
    temporary files there until it is packed, not in memory (for large workbooks; the caller removes
    the folder, which also clears what a failure leaves).
    """
    buffer = io.BytesIO()
    options = {**WORKBOOK_OPTIONS, "in_memory": parts_folder is None}
    if parts_folder is not None:
        options["tmpdir"] = parts_folder
    workbook = KompassWorkbook(buffer, options)
    workbook.compress_level = compress_level
    return workbook, buffer


def finish(workbook: Workbook, buffer: io.BytesIO) -> bytes:
    """The workbook's bytes. A file it could not write (a full disk) raises the OSError itself,
    which XlsxWriter wraps in an exception of its own."""
    try:
        workbook.close()
    except FileCreateError as err:
        if err.args and isinstance(err.args[0], OSError):
            raise err.args[0] from None
        raise
    return buffer.getvalue()


def checked(result: int | None, what: str) -> None:
    """XlsxWriter signals some failures by a negative return code instead of raising."""
    if result is not None and result < 0:
        raise WriterBugError(f"XlsxWriter refused {what} (code {result})")


def cell(row: int, col: int, absolute: bool = True) -> str:
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def sheet_ref(sheet: str, row: int, col: int) -> str:
    """An absolute reference to one cell of a sheet: '1 Område'!$D$5."""
    return f"{quote_sheet(sheet)}!{cell(row, col)}"


def header_text(text: str, limit: int = 80) -> str:
    """Text for a page header: at most `limit` characters (Excel allows 255 for the whole header),
    with '&', which starts a control code in headers and footers, escaped."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")


def number_value(value: Decimal) -> Decimal:
    """A cached formula value XlsxWriter writes as plain digits (no exponent), and zero without a sign."""
    if not value:
        return Decimal(0)
    return Decimal(format(value.normalize(), "f"))


LINE_HEIGHT = 15  # points per line of 11-point Calibri
ROW_HEIGHT_MAX = 409  # Excel's limit
CELL_TEXT_MAX = 32767  # Excel's limit, in UTF-16 code units


def wrapped_lines(paragraph: str, per_line: int) -> int:
    """How many lines a paragraph takes when wrapped at word boundaries, `per_line` characters a line."""
    lines, used = 1, 0
    for word in paragraph.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        if len(word) > per_line:  # a word longer than a line is broken
            extra, used = divmod(len(word), per_line)
            lines += extra - (1 if used == 0 else 0)
            used = used or per_line
        else:
            used += (1 if used else 0) + len(word)
    return lines


def wrapped_height(*texts: tuple[str, float]) -> int:
    """Row height in points that shows each (text, column width) wrapped in full, up to Excel's limit.

    LibreOffice does not fit row heights to wrapped text when it opens an .xlsx, so the writers set them.
    """
    return max((text_height(str(text), Decimal(str(width))) for text, width in texts), default=LINE_HEIGHT)


TEXT_WIDTH_FACTOR = Decimal("1.2")  # characters of 11 pt running text per unit of column width, with room for word wrap
BOLD_WIDTH_FACTOR = Decimal("1.05")
WORD_PADDING = Decimal("1.5")  # characters of a column taken by the cell's margins, and a safety margin for wider fonts


def word_width(text: str, size: int = 11, bold: bool = False) -> Decimal:
    """The column width (characters) that shows the longest word of `text` on one line, with the cell's padding.

    Wrapped text breaks only between words; a word wider than its column is broken inside
    ("Riksgenomsnit|t"), so a header's column must be at least this wide.
    """
    longest = max((len(word) for word in text.split()), default=0)
    factor = (BOLD_WIDTH_FACTOR if bold else TEXT_WIDTH_FACTOR) * Decimal(11) / Decimal(size)
    return (Decimal(longest) / factor + WORD_PADDING).quantize(Decimal("0.1"), rounding=ROUND_CEILING)


def text_height(text: str, width: Decimal, size: int = 11, bold: bool = False) -> int:
    """A row height (points) that shows `text` wrapped in columns of total `width` characters."""
    factor = (BOLD_WIDTH_FACTOR if bold else TEXT_WIDTH_FACTOR) * Decimal(11) / Decimal(size)
    per_line = max(1, int(width * factor))
    lines = sum(wrapped_lines(part, per_line) for part in text.split("\n"))
    return min(ROW_HEIGHT_MAX, math.ceil(Decimal(lines) * Decimal(size) * Decimal("1.32")) + 3)


def rows_of_text(text: str, width: Decimal) -> list[str]:
    """`text` in pieces that each show in full in one row of a column `width` characters wide.

    A row is at most ROW_HEIGHT_MAX points tall, so a long text in one cell is partly hidden on
    screen and in print. Pieces end at line breaks where possible, else between words; a word
    longer than a row (a pasted link, say) is cut.
    """

    def fits(piece: str) -> bool:
        return text_height(piece, width) < ROW_HEIGHT_MAX

    def packed(parts: list[str], separator: str, split: Callable[[str], list[str]]) -> list[str]:
        """Parts joined into as few fitting pieces as can be; a part that does not fit alone is split."""
        pieces, current = [], ""
        for part in parts:
            joined = f"{current}{separator}{part}" if current else part
            if fits(joined):
                current = joined
                continue
            if current:
                pieces.append(current)
            *whole, current = split(part)
            pieces += whole
        return pieces + [current] if current else pieces

    def cut_word(word: str) -> list[str]:
        cuts = []
        while not fits(word):
            low, high = 1, len(word)  # the longest start of the word that fits
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fits(word[:middle]) else (low, middle - 1)
            cuts.append(word[:low])
            word = word[low:]
        return [*cuts, word]

    def split_line(line: str) -> list[str]:
        return packed(line.split(" "), " ", cut_word) or [""]

    return packed(text.split("\n"), "\n", split_line) or [text]


def set_width(sheet: Worksheet, col: int, width: Decimal) -> None:
    """Set a column width estimated in Decimal. XlsxWriter computes pixels in binary floating point,
    so the width (a layout estimate, never a score) is handed over as a float."""
    sheet.set_column(col, col, float(width))


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, suffix: str = " […]") -> str:
    """`text` as it fits in one cell: cut to Excel's 32,767 characters, ending with `suffix` when cut."""
    if _utf16_len(text) <= CELL_TEXT_MAX:
        return text
    room, used, kept = CELL_TEXT_MAX - _utf16_len(suffix), 0, []
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if used + width > room:
            break
        kept.append(char)
        used += width
    return "".join(kept) + suffix


def evaluators_text(evaluators: Sequence[str]) -> str:
    """The evaluators as one text, "Anna Berg, Per Ek", cut to fit a cell: read from "a;b" or
    one name a line, the joined text can be longer than the cell it came from."""
    return fit(", ".join(evaluators))


def merged_text(sheet: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int, text: str, fmt) -> None:
    """User text over merged cells: merged empty, then written as a string (never as a formula), cut to fit."""
    checked(sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt), "merged range")
    if text:
        checked(sheet.write_string(first_row, first_col, fit(text), fmt), "merged text")


class Formats:
    """The shared cell formats, created once per workbook."""

    def __init__(self, workbook: Workbook) -> None:
        add: Callable[[dict], object] = workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.title = add({**base, "bold": True, "font_size": 16, "font_color": HEADER_FILL})
        self.subtitle = add({**base, "italic": True, "text_wrap": True, "font_color": "#404040"})
        self.header = add({**base, "bold": True, "font_color": "white", "bg_color": HEADER_FILL, "border": 1, "text_wrap": True})
        self.text = add({**base, "text_wrap": True, "border": 1})
        self.plain = add({**base, "text_wrap": True})
        self.label = add({**base, "bold": True, "border": 1})
        self.id = add({**base, "bold": True, "border": 1, "align": "center"})
        self.number = add({**base, "border": 1, "align": "center"})
        self.total_label = add({**base, "bold": True, "border": 1, "bg_color": TOTAL_FILL})
        self.total_number = add({**base, "bold": True, "border": 1, "bg_color": TOTAL_FILL, "align": "center"})
        self.total_percent = add({**base, "bold": True, "border": 1, "bg_color": TOTAL_FILL, "align": "center", "num_format": "0.0%"})
        self.percent = add({**base, "border": 1, "align": "center", "num_format": "0.0%"})
        unlocked = {**base, "locked": False, "border": 1, "bg_color": INPUT_FILL}
        self.input_score = add({**unlocked, "align": "center", "bold": True})
        self.input_text = add({**unlocked, "text_wrap": True})
        self.input_box = add({**unlocked, "text_wrap": True, "valign": "top"})
        self.input_date = add({**unlocked, "num_format": "yyyy-mm-dd", "align": "left"})
        self.input_number = add({**unlocked, "align": "left"})
        self.section = add({**base, "bold": True, "font_size": 12, "font_color": HEADER_FILL})
        self.unscored = add({"bg_color": UNSCORED_FILL})
        self.invalid = add({"bg_color": INVALID_FILL, "font_color": "#9C0006", "bold": True})
        self.meta_key = add({"bold": True})


def protect(sheet: Worksheet) -> None:
    """Protect without a password: only unlocked input cells can be edited; widths can still change."""
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True})


def write_key_values(workbook: Workbook, rows: Sequence[tuple[str, str]], key_format=None) -> Worksheet:
    """The hidden, protected `_kompass` sheet of key/value rows that tells readers what a workbook is."""
    sheet = workbook.add_worksheet(META_SHEET)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 40)
    for row, (key, value) in enumerate(rows):
        checked(sheet.write_string(row, 0, key, key_format), key)
        if value:
            checked(sheet.write_string(row, 1, fit(value)), key)
    protect(sheet)
    sheet.hide()
    return sheet


def print_setup(sheet: Worksheet, header: str, footer: str, landscape: bool = False, scale: int | None = None) -> None:
    """A4 with header and footer, fitted to the page's width, or printed at `scale` percent when given."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    if scale is None:
        sheet.fit_to_pages(1, 0)
    else:
        sheet.set_print_scale(scale)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(header)
    sheet.set_footer(footer)
