"""A worksheet that writes large blocks of plain rows fast and without a cell object per value.

XlsxWriter keeps every cell as an object until the workbook closes and spends a few microseconds on
each one; the national summary has hundreds of thousands of them (a row per evaluation and
sub-question), and that made up most of the time of a merge and most of its memory. Here a block of
rows is turned into its XML values when it is added (text goes to the workbook's shared strings, as
XlsxWriter's write_string does; numbers are written exactly) and only joined into rows, with their
cell styles, when the sheet is written. The rest of the sheet takes XlsxWriter's usual path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_range

from .common import CELL_TEXT_MAX, PlainFormulaWorksheet, WriterBugError, checked, number_value

BulkValue = str | int | Decimal | None


@dataclass
class RowBlock:
    """Rows first_row.. of cell values already in XML (None: an empty cell), with one style per column or per row."""

    first_row: int
    cells: list[list[str | None]]
    formats: Sequence[Sequence[Format | None]]  # one list per row, or one list for every row

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.cells) - 1

    def row_formats(self, offset: int) -> Sequence[Format | None]:
        return self.formats[offset] if len(self.formats) > 1 else self.formats[0]


class BulkRowsWorksheet(PlainFormulaWorksheet):
    """XlsxWriter's worksheet with add_rows (blocks of plain values) and add_rows_table (an Excel table over them)."""

    def __init__(self) -> None:
        super().__init__()
        self.row_blocks: list[RowBlock] = []
        self._value_xml: dict[str | int | Decimal, str] = {}  # a value's XML, by value (1 and Decimal("1.0") alike)

    def add_rows(self, first_row: int, rows: Sequence[Sequence[BulkValue]], formats: Sequence[Sequence[Format | None]]) -> None:
        """Rows of values from (first_row, column 0): text always as a string, numbers exactly, None as no cell.

        `formats` is one list of cell formats for every row, or one list per row. The rows must not
        overlap cells written otherwise or another block.
        """
        if not rows:
            return
        if len(formats) not in (1, len(rows)):
            raise WriterBugError(f"{len(formats)} format lists for {len(rows)} rows")
        block = RowBlock(first_row, [self._row_xml(values, first_row + offset) for offset, values in enumerate(rows)], formats)
        for other in self.row_blocks:
            if block.first_row <= other.last_row and other.first_row <= block.last_row:
                raise WriterBugError(f"rows {block.first_row}..{block.last_row} overlap rows {other.first_row}..{other.last_row}")
        width = max(len(values) for values in rows)
        checked(self._check_dimensions(block.first_row, 0), "first cell of a row block")
        checked(self._check_dimensions(block.last_row, max(width - 1, 0)), "last cell of a row block")
        self.row_blocks.append(block)

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

    def _row_xml(self, values: Sequence[BulkValue], row: int) -> list[str | None]:
        """The values of a row as the rest of their <c> elements; repeated values cost a dict lookup."""
        known = self._value_xml
        shared = self.str_table
        cells = []
        for col, value in enumerate(values):
            if value is None:
                cells.append(None)
                continue
            kind = value.__class__
            xml = known.get(value) if kind is str or kind is Decimal or kind is int else None
            if xml is None:
                xml = self._new_value_xml(value, row, col)
            elif kind is str:
                shared.count += 1  # the shared strings count every use, as write_string does
            cells.append(xml)
        return cells

    def _new_value_xml(self, value: BulkValue, row: int, col: int) -> str:
        """A shared string (always text, even when it starts with '='), or an exact number."""
        if isinstance(value, str):
            value = str(value)  # a str-based enum is written as its text
            if len(value) > CELL_TEXT_MAX // 2 and len(value.encode("utf-16-le")) // 2 > CELL_TEXT_MAX:
                raise WriterBugError(f"text at {row},{col} is longer than a cell holds")
            xml = f' t="s"><v>{self.str_table._get_shared_string_index(value)}</v></c>'
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            exact = number_value(Decimal(value))
            if not exact.is_finite():
                raise WriterBugError(f"number {value} at {row},{col} is not finite")
            xml = f"><v>{exact:.16G}</v></c>"
        else:
            raise TypeError(f"cannot write {type(value).__name__} at {row},{col}")
        if value.__class__ in (str, Decimal, int):
            self._value_xml[value] = xml
        return xml

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
                self._write_block(block)
                start = block.last_row + 1
            if start <= last:
                self.dim_rowmin, self.dim_rowmax = start, last
                super()._write_rows()
        finally:
            self.dim_rowmin, self.dim_rowmax = first, last

    def _write_block(self, block: RowBlock) -> None:
        width = max(len(cells) for cells in block.cells)
        heads = [f'<c r="{xl_col_to_name(col)}' for col in range(width)]
        styles: dict[int, str] = {}

        def style(fmt: Format | None) -> str:
            if fmt is None:
                return ""
            text = styles.get(id(fmt))
            if text is None:
                index = fmt._get_xf_index()
                text = styles[id(fmt)] = f' s="{index}"' if index else ""
            return text

        shared = [f'"{style(fmt)}' for fmt in block.formats[0]] if len(block.formats) == 1 else None
        write = self.fh.write
        for offset, cells in enumerate(block.cells):
            row = block.first_row + offset
            if self.table.get(row):
                raise WriterBugError(f"row {row} has cells written outside its row block")
            if row in self.row_info:
                self._write_row(row, None, self.row_info[row])
            else:
                write(f'<row r="{row + 1}">')
            tails = shared or [f'"{style(fmt)}' for fmt in block.formats[offset]]
            number = str(row + 1)
            write("".join([heads[col] + number + tails[col] + xml for col, xml in enumerate(cells) if xml is not None]))
            write("</row>")
