"""A worksheet that writes large blocks of plain rows fast, without holding them in memory.

XlsxWriter keeps every cell as an object until the workbook closes and spends a few microseconds on
each one; the national summary has hundreds of thousands of them (a row per evaluation and
sub-question), and that made up most of the time and memory of a merge. Here a block of rows is
turned into its XML as soon as it is added (short texts go to the workbook's shared strings, as
XlsxWriter's write_string does, long ones into their cells; numbers are written exactly) and kept in
a temporary file, which is copied into the sheet when the workbook is written. The rest of the sheet
takes XlsxWriter's usual path.

A workbook made with new_workbook(parts_folder=...) also keeps XlsxWriter's parts in temporary
files, so the memory a large workbook needs does not grow with its number of rows.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name, xl_range

from .common import CELL_TEXT_MAX, PlainFormulaWorksheet, WriterBugError, checked, number_value

BulkValue = str | int | Decimal | None
WRITE_EVERY = 1000  # rows joined per write to the temporary file
REMEMBERED_TEXT = 100  # characters: longer texts (comments) seldom repeat; they are written in their cells
# what XlsxWriter's escaping of a text would change: XML markup, control characters, its own _xHHHH_ escapes
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


@dataclass
class RowBlock:
    """Rows first_row..last_row, their XML in a temporary file."""

    first_row: int
    last_row: int
    xml: IO[str]


class BulkRowsWorksheet(PlainFormulaWorksheet):
    """XlsxWriter's worksheet with add_rows (blocks of plain values) and add_rows_table (an Excel table over them)."""

    def __init__(self) -> None:
        super().__init__()
        self.row_blocks: list[RowBlock] = []
        self._value_xml: dict[str | int | Decimal, str] = {}  # a value's XML, by value (1 and Decimal("1.0") alike)
        self._style_xml: dict[int, str] = {}  # id(format) -> its s attribute
        self._rows_taken: tuple[int, int] | None = None  # the rows of the block being added, so far

    def add_rows(self, first_row: int, rows: Iterable[Sequence[BulkValue]], formats: Sequence[Sequence[Format | None]]) -> int:
        """Rows of values from (first_row, column 0): text always as a string, numbers exactly, None as no cell.

        `rows` may be a generator, so that a large table is never all in memory; a row's height can
        be set (set_row) until the row is taken from it. `formats` is one list of cell formats for
        every row, or one list per row. The rows must not overlap another block or cells written
        otherwise. Returns the number of rows.
        """
        shared_tails = self._tails(formats[0]) if len(formats) == 1 else None
        tails_of: dict[int, list[str]] = {}  # by id() of a row's format list: rows often share one
        heads: list[str] = []
        pending: list[str] = []  # rows not yet written to the file
        xml = tempfile.TemporaryFile(mode="w+", encoding="utf-8", dir=self.tmpdir or None)
        try:
            count = width = 0
            for values in rows:
                row = first_row + count
                if len(values) > len(heads):
                    heads += [f'<c r="{xl_col_to_name(col)}' for col in range(len(heads), len(values))]
                if shared_tails is None and count >= len(formats):
                    raise WriterBugError(f"{len(formats)} format lists for more rows")
                tails = shared_tails or tails_of.get(id(formats[count])) or tails_of.setdefault(id(formats[count]), self._tails(formats[count]))
                self._rows_taken = (first_row, row)
                pending.append(self._row_xml(values, row, heads, tails))
                if len(pending) == WRITE_EVERY:
                    xml.write("".join(pending))
                    pending.clear()
                count += 1
                width = max(width, len(values))
            xml.write("".join(pending))
            if count == 0:
                xml.close()
                return 0
            if shared_tails is None and count != len(formats):
                raise WriterBugError(f"{len(formats)} format lists for {count} rows")
            last_row = first_row + count - 1
            for other in self.row_blocks:
                if first_row <= other.last_row and other.first_row <= last_row:
                    raise WriterBugError(f"rows {first_row}..{last_row} overlap rows {other.first_row}..{other.last_row}")
            checked(self._check_dimensions(first_row, 0), "first cell of a row block")
            checked(self._check_dimensions(last_row, max(width - 1, 0)), "last cell of a row block")
        except BaseException:
            xml.close()
            raise
        finally:
            self._rows_taken = None
        self.row_blocks.append(RowBlock(first_row, last_row, xml))
        return count

    def add_rows_table(self, header_row: int, last_row: int, last_col: int, options: dict) -> None:
        """An Excel table over a header row and the rows below it, added by add_rows.

        XlsxWriter's add_table records every cell of the range to detect overlaps, which costs a second
        and tens of megabytes for a table of a few hundred thousand cells. The table is added over its
        header and first row and then given its real range; add_rows has already refused overlaps.
        """
        checked(self.add_table(header_row, 0, min(last_row, header_row + 1), last_col, options), "a table")
        table = self.tables[-1]
        full = xl_range(header_row, 0, last_row, last_col)
        table["range"] = table["a_range"] = table["autofilter"] = full

    def set_row(self, row, *args, **kwargs):
        blocks = [(b.first_row, b.last_row) for b in self.row_blocks] + ([self._rows_taken] if self._rows_taken else [])
        if any(first <= row <= last for first, last in blocks):
            raise WriterBugError(f"row {row} belongs to a row block, written already; set its height before add_rows")
        return super().set_row(row, *args, **kwargs)

    def _tails(self, formats: Sequence[Format | None]) -> list[str]:
        """Per column, what follows a cell's reference: the closing quote and the style."""
        tails = []
        for fmt in formats:
            if fmt is None:
                tails.append('"')
                continue
            style = self._style_xml.get(id(fmt))
            if style is None:
                index = fmt._get_xf_index()  # the index XlsxWriter would give it when writing the sheet
                style = self._style_xml[id(fmt)] = f' s="{index}"' if index else ""
            tails.append('"' + style)
        return tails

    def _row_tag(self, row: int) -> str:
        """<row r="..."> with the height set for it, exactly as XlsxWriter writes it."""
        info = self.row_info.get(row)
        if info is None:
            return f'<row r="{row + 1}">'
        sheet_file, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(row, None, info)
            return self.fh.getvalue()
        finally:
            self.fh = sheet_file

    def _row_xml(self, values: Sequence[BulkValue], row: int, heads: Sequence[str], tails: Sequence[str]) -> str:
        """One <row> element; a value seen before costs a dict lookup."""
        known = self._value_xml
        number = str(row + 1)
        parts = [self._row_tag(row)]
        strings = 0
        for col, value in enumerate(values):
            if value is None:
                continue
            kind = value.__class__
            xml = known.get(value) if kind is str or kind is Decimal or kind is int else None
            if xml is None:
                xml = self._new_value_xml(value, row, col)
            elif kind is str:
                strings += 1
            parts.append(f"{heads[col]}{number}{tails[col]}{xml}")
        parts.append("</row>")
        self.str_table.count += strings  # the shared strings count every use, as write_string does
        return "".join(parts)

    def _new_value_xml(self, value: BulkValue, row: int, col: int) -> str:
        """A shared string (always text, even when it starts with '='), or an exact number."""
        if isinstance(value, str):
            value = str(value)  # a str-based enum is written as its text
            if len(value) > CELL_TEXT_MAX // 2 and len(value.encode("utf-16-le")) // 2 > CELL_TEXT_MAX:
                raise WriterBugError(f"text at {row},{col} is longer than a cell holds")
            if len(value) > REMEMBERED_TEXT:
                return self._inline_text_xml(value)
            xml = f' t="s"><v>{self.str_table._get_shared_string_index(value)}</v></c>'
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            exact = number_value(Decimal(value))
            if not exact.is_finite():
                raise WriterBugError(f"number {value} at {row},{col} is not finite")
            xml = f"><v>{exact:.16G}</v></c>"
        else:
            raise TypeError(f"cannot write {type(value).__name__} at {row},{col}")
        if value.__class__ in (Decimal, int) or (value.__class__ is str and len(value) <= REMEMBERED_TEXT):
            self._value_xml[value] = xml
        return xml

    def _inline_text_xml(self, text: str) -> str:
        """A long text in the cell itself, escaped exactly as XlsxWriter escapes a shared string.

        Long texts (comments) seldom repeat, so sharing them saves nothing; written in the cell they
        take less time and are not held in memory until the workbook is written.
        """
        if _NEEDS_ESCAPE.search(text) is None and not text[0].isspace() and not text[-1].isspace():
            return f' t="inlineStr"><is><t>{text}</t></is></c>'
        escaped = self._escape_control_characters(text)
        preserve = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
        return f' t="inlineStr"><is><t{preserve}>{self._escape_data(escaped)}</t></is></c>'

    def _write_rows(self) -> None:
        """XlsxWriter's rows around the blocks, the blocks' rows in between, in row order."""
        if not self.row_blocks:
            super()._write_rows()
            return
        first, last = self.dim_rowmin, self.dim_rowmax
        try:
            start = first
            for block in sorted(self.row_blocks, key=lambda b: b.first_row):
                if start < block.first_row:
                    self.dim_rowmin, self.dim_rowmax = start, block.first_row - 1
                    super()._write_rows()
                for row in range(block.first_row, block.last_row + 1):
                    if self.table.get(row):
                        raise WriterBugError(f"row {row} has cells written outside its row block")
                with block.xml:
                    block.xml.seek(0)
                    shutil.copyfileobj(block.xml, self.fh)
                start = block.last_row + 1
            if start <= last:
                self.dim_rowmin, self.dim_rowmax = start, last
                super()._write_rows()
        finally:
            self.dim_rowmin, self.dim_rowmax = first, last
