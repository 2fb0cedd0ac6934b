"""Cells, formats and printed pages of the result workbook: what result.py and result_comparison.py share.

Imports run one way: result.py -> result_comparison.py -> result_cells.py.

Print rules kept here for every sheet:
- each sheet is printed at a scale computed from its column widths (A4, portrait unless given),
  and its page breaks are set here from the row heights the writer set, so a heading is never the
  last thing on a page (`keep`): Excel and LibreOffice paginate alike, neither has to guess;
- header rows repeat on every page (`setup(repeat=...)`);
- numbers are numbers, one number format per table column (`points_format`, `difference_format`);
  identifiers that look like numbers ("1.1", area "3") are text, in ranges marked with
  XlsxWriter's ignore_errors so that Excel shows no "number stored as text" warning (`id_text`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..labels import Lang, label, number_text
from ..models import Comparability, Framework
from ..report_figures import PERCENT_PLACES
from ..scoring import percent, round_half_up
from .common import A4, Formats, checked, fit, header_text, set_width, text_height, word_width

QUARTILE_FILLS = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6")
"""Quartile 1..4: one hue, lighter to darker, so colour reads as position, not as good or bad."""
VERDICT_FILLS = {Comparability.FULL: "#E2EFDA", Comparability.PARTIAL: "#FFF2CC", Comparability.NONE: "#EDEDED"}
TOTAL_FILL = "#D9E2F3"
DEFAULT_ROW_HEIGHT = 15
WHOLE, TENTHS = "0", "0.0"
DIFFERENCE_WHOLE, DIFFERENCE_TENTHS = "+0;-0;0", "+0.0;-0.0;0.0"
PERCENT_FORMAT = "0.0%"
WRAP_SAFETY = Decimal("0.85")
"""Row heights are estimated for columns this much narrower than they are: LibreOffice without
Calibri (or Carlito) draws text wider and wraps it sooner, and a row too low hides a line."""

# Printed page: A4 in points, margins in inches.
PAGE_WIDTH, PAGE_HEIGHT = Decimal("595.3"), Decimal("841.9")
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = Decimal("0.5"), Decimal("0.75"), Decimal("0.75")
PAGE_FILL = Decimal("0.93")
"""The share of a page's printable height that page breaks fill: room for rounding of row heights."""


CHARACTER_POINTS = Decimal("7.2")
"""Printed width of one character of column width, in points, at its widest: Excel draws a character
of width as 7 pixels (5.25 points) of 11-point Calibri, LibreOffice without Calibri or Carlito
draws it in DejaVu Sans, about 7 points. The print scale is set for the wider, so no page is cut."""
COLUMN_PADDING = Decimal("3.75")


def column_points(width: Decimal) -> Decimal:
    """A column of `width` characters in points, as printed at its widest (CHARACTER_POINTS)."""
    return width * CHARACTER_POINTS + COLUMN_PADDING


def is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def cell_ranges(cells: Iterable[tuple[int, int]]) -> str:
    """Cells as A1 ranges, runs in one column joined ("A5:A12 C3"), for ignore_errors."""
    by_col: dict[int, list[int]] = {}
    for row, col in sorted(set(cells), key=lambda rc: (rc[1], rc[0])):
        by_col.setdefault(col, []).append(row)
    ranges = []
    for col, rows in sorted(by_col.items()):
        start = prev = rows[0]
        for row in [*rows[1:], None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            first, last = xl_rowcol_to_cell(start, col), xl_rowcol_to_cell(prev, col)
            ranges.append(first if start == prev else f"{first}:{last}")
            if row is not None:
                start = prev = row
    return " ".join(ranges)


def is_number_like(text: str) -> bool:
    """True when Excel would read the text as a number ("2019", "1.5", "1,5", " 42 ")."""
    candidate = text.strip().replace(",", ".", 1)
    try:
        float(candidate)
    except ValueError:
        return False
    return candidate.lower() not in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}


class ResultCells:
    """Writes cells of the result workbook and lays out its printed pages; one instance per workbook."""

    def __init__(self, framework: Framework, who: str, lang: Lang) -> None:
        self.fw, self.who, self.lang = framework, who, lang
        self.workbook: Workbook
        self.fmt: Formats
        self.widths: dict[str, dict[int, Decimal]] = {}
        self.heights: dict[str, dict[int, int]] = {}
        self.last_rows: dict[str, int] = {}
        self.keeps: dict[str, list[tuple[int, int]]] = {}
        self.id_cells: dict[str, list[tuple[int, int]]] = {}
        self.wrapping: dict[int, tuple[int, bool]] = {}  # id(format) -> (font size, bold) of formats that wrap
        self._formats: dict[tuple, object] = {}

    # --- text and labels -----------------------------------------------------------------------

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def num(self, value: Decimal | int) -> str:
        return number_text(value, self.lang)

    def signed(self, value: Decimal) -> str:
        """A difference as people write it: '+18', '−4,5', '0'."""
        text = self.num(abs(value))
        return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text

    def percent_number(self, shown: Decimal) -> str:
        """A percent figure with PERCENT_PLACES decimals: '80,0' (69 % is '69,0', as in the table)."""
        text = format(shown.quantize(Decimal(1).scaleb(-PERCENT_PLACES)), "f")
        return text.replace(".", ",") if self.lang is Lang.SV else text

    def percent_text(self, shown: Decimal) -> str:
        return f"{self.percent_number(shown)} %"

    # --- formats -------------------------------------------------------------------------------

    def add_formats(self) -> None:
        add = self.workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top", "border": 1}
        self.f_missing = add({**base, "align": "center", "italic": True, "font_color": "#595959", "text_wrap": True})
        self.f_note = add({**base, "text_wrap": True, "font_size": 9})
        self.f_plain_note = add({"font_name": "Calibri", "font_size": 10, "italic": True, "valign": "top", "text_wrap": True, "font_color": "#404040"})
        self.f_lead = add({"font_name": "Calibri", "font_size": 11, "valign": "top", "text_wrap": True})
        self.f_big = add({"font_name": "Calibri", "font_size": 14, "bold": True, "valign": "top", "font_color": "#1F4E79"})
        self.f_box = add({"font_name": "Calibri", "font_size": 11, "valign": "top", "text_wrap": True, "border": 1})
        self.f_box_empty = add({"font_name": "Calibri", "font_size": 11, "valign": "top", "italic": True, "border": 1, "font_color": "#595959"})
        self.f_bold = add({"font_name": "Calibri", "font_size": 11, "bold": True})
        self.f_verdict = {v: add({**base, "bg_color": fill, "text_wrap": True}) for v, fill in VERDICT_FILLS.items()}
        self.f_date = add({**base, "num_format": "yyyy-mm-dd", "align": "left"})
        self.f_left = add({**base, "align": "left", "num_format": "0"})
        self.f_line = add({"font_name": "Calibri", "font_size": 10, "italic": True, "valign": "top", "font_color": "#404040"})
        self.f_legend = add({"font_name": "Calibri", "font_size": 10, "valign": "top", "align": "right"})
        fmt = self.fmt
        for size, bold, formats in (
            (11, False, [fmt.text, fmt.plain, fmt.subtitle, self.f_box, self.f_box_empty, self.f_missing, self.f_lead, *self.f_verdict.values()]),
            (11, True, [fmt.header, fmt.total_label]),
            (9, False, [self.f_note]),
            (10, False, [self.f_plain_note]),
        ):
            for format_ in formats:
                self.wrapping[id(format_)] = (size, bold)

    def cell_format(self, num_format: str, total: bool = False, fill: str | None = None, align: str = "center"):
        """A bordered number format, created once: bold on the total fill for a total row."""
        key = (num_format, total, fill, align)
        if key not in self._formats:
            options = {"font_name": "Calibri", "font_size": 11, "valign": "top", "border": 1, "align": align, "num_format": num_format}
            if total:
                options |= {"bold": True, "bg_color": TOTAL_FILL}
            if fill:
                options["bg_color"] = fill
            self._formats[key] = self.workbook.add_format(options)
        return self._formats[key]

    def points_format(self, values: Iterable[Decimal], total: bool = False, fill: str | None = None):
        """One format for a column of points: '0' when every value is whole, else '0.0'."""
        return self.cell_format(WHOLE if all(is_whole(v) for v in values) else TENTHS, total, fill)

    def difference_format(self, values: Iterable[Decimal], total: bool = False):
        """One format for a column of differences, signed: '+0' or '+0.0'."""
        return self.cell_format(DIFFERENCE_WHOLE if all(is_whole(v) for v in values) else DIFFERENCE_TENTHS, total)

    def average_format(self, total: bool = False):
        return self.cell_format(TENTHS, total)

    def percent_format(self, total: bool = False, fill: str | None = None):
        return self.cell_format(PERCENT_FORMAT, total, fill)

    def quartile_format(self, quartile: int, total: bool = False):
        return self.cell_format(WHOLE, total, QUARTILE_FILLS[quartile - 1])

    # --- cells ---------------------------------------------------------------------------------

    def _used(self, sheet: Worksheet, row: int) -> None:
        name = sheet.get_name()
        self.last_rows[name] = max(self.last_rows.get(name, 0), row)

    def string(self, sheet: Worksheet, row: int, col: int, text: str, fmt=None, width: Decimal | None = None) -> None:
        """Text as a string (never a formula); a wrapping cell makes its row tall enough to show it.

        A column header widens its column so that no word of it is broken across lines.
        """
        checked(sheet.write_string(row, col, fit(text), fmt), f"text at {sheet.get_name()} row {row + 1}")
        self._used(sheet, row)
        if fmt is self.fmt.header and width is None:
            self.fit_words(sheet, col, text)
        wraps = self.wrapping.get(id(fmt))
        if wraps is not None:
            size, bold = wraps
            if width is None:
                width = self.widths.get(sheet.get_name(), {}).get(col, Decimal("8.43"))
            self.need_height(sheet, row, text_height(text, width * WRAP_SAFETY, size, bold))

    def id_text(self, sheet: Worksheet, row: int, col: int, text: str, fmt) -> None:
        """An identifier that may look like a number ("1.1", "3") as text, marked so Excel does not warn."""
        self.string(sheet, row, col, text, fmt)
        self.id_cells.setdefault(sheet.get_name(), []).append((row, col))

    def number(self, sheet: Worksheet, row: int, col: int, value: Decimal | int, fmt=None) -> None:
        value = Decimal(value)
        shown = Decimal(0) if not value else Decimal(format(value.normalize(), "f"))
        checked(sheet.write_number(row, col, shown, fmt), f"number at {sheet.get_name()} row {row + 1}")
        self._used(sheet, row)

    def blank(self, sheet: Worksheet, row: int, col: int, fmt) -> None:
        checked(sheet.write_blank(row, col, None, fmt), f"cell at {sheet.get_name()} row {row + 1}")
        self._used(sheet, row)

    def merged_text(self, sheet: Worksheet, row: int, first_col: int, last_col: int, text: str, fmt, width: Decimal | None = None) -> None:
        """Text across merged columns, written as a string, with a row height that fits it."""
        if width is None:
            width = self.span(sheet, first_col, last_col)
        if last_col > first_col:
            checked(sheet.merge_range(row, first_col, row, last_col, "", fmt), "merged range")
        self.string(sheet, row, first_col, text, fmt, width)

    def span(self, sheet: Worksheet, first_col: int, last_col: int) -> Decimal:
        widths = self.widths.get(sheet.get_name(), {})
        return sum((widths.get(col, Decimal("8.43")) for col in range(first_col, last_col + 1)), Decimal(0))

    def percent_value(self, points: Decimal, maximum: int) -> Decimal:
        """The share shown as a percent cell: rounded once to PERCENT_PLACES of a percent."""
        return round_half_up(percent(points, maximum), PERCENT_PLACES) / 100

    # --- columns and rows ----------------------------------------------------------------------

    def columns(self, sheet: Worksheet, widths: Sequence[int | float | Decimal]) -> Decimal:
        """Set the column widths (characters) from column A on; returns their sum."""
        self.widths[sheet.get_name()] = {col: Decimal(str(width)) for col, width in enumerate(widths)}
        for col, width in enumerate(widths):
            set_width(sheet, col, Decimal(str(width)))
        return sum(self.widths[sheet.get_name()].values(), Decimal(0))

    def fit_words(self, sheet: Worksheet, col: int, text: str) -> None:
        """Widen a column (never narrow it) so that the longest word of a bold header fits on a line."""
        widths = self.widths.setdefault(sheet.get_name(), {})
        needed = (word_width(text, bold=True) / WRAP_SAFETY).quantize(Decimal("0.1"))
        if needed > widths.get(col, Decimal("8.43")):
            widths[col] = needed
            set_width(sheet, col, needed)

    def need_height(self, sheet: Worksheet, row: int, height: int) -> None:
        rows = self.heights.setdefault(sheet.get_name(), {})
        rows[row] = max(rows.get(row, DEFAULT_ROW_HEIGHT), height)

    def height(self, sheet: Worksheet | str, row: int) -> int:
        name = sheet if isinstance(sheet, str) else sheet.get_name()
        return self.heights.get(name, {}).get(row, DEFAULT_ROW_HEIGHT)

    def keep(self, sheet: Worksheet, row: int, following: int = 1) -> None:
        """Print `row` on the same page as the `following` rows below it (a heading with what it heads)."""
        self.keeps.setdefault(sheet.get_name(), []).append((row, following))

    # --- pages ---------------------------------------------------------------------------------

    def print_scale(self, sheet: Worksheet, landscape: bool) -> int:
        """The print scale (percent, 10..100) at which the sheet's columns fit the page's width."""
        widths = self.widths.get(sheet.get_name(), {})
        used = sum((column_points(w) for w in widths.values()), Decimal(0))
        paper = PAGE_HEIGHT if landscape else PAGE_WIDTH
        room = paper - 2 * SIDE_MARGIN * 72
        if not used or used <= room:
            return 100
        return max(10, math.floor(room * 100 / used) - 1)

    def page_breaks(self, sheet: Worksheet, scale: int, landscape: bool, repeat: tuple[int, int] | None) -> list[int]:
        """Rows that start a new page: each page filled up to PAGE_FILL of its height, and a kept
        row (`keep`) moved to the next page when the rows it keeps with would not fit below it."""
        name = sheet.get_name()
        paper = PAGE_WIDTH if landscape else PAGE_HEIGHT
        room = (paper - (TOP_MARGIN + BOTTOM_MARGIN) * 72) * PAGE_FILL * 100 / scale
        keeps = dict(self.keeps.get(name, []))
        repeated = Decimal(sum(self.height(name, r) for r in range(repeat[0], repeat[1] + 1))) if repeat else Decimal(0)
        breaks: list[int] = []
        used, page_start = Decimal(0), 0
        for row in range(self.last_rows.get(name, 0) + 1):
            height = Decimal(self.height(name, row))
            block = height + sum(Decimal(self.height(name, r)) for r in range(row + 1, row + 1 + keeps.get(row, 0)))
            top = repeated if repeat and breaks and row > repeat[1] else Decimal(0)
            if row > page_start and used + block > room and top + block <= room:
                breaks.append(row)
                page_start = row
                used = repeated if repeat and row > repeat[1] else Decimal(0)
            elif row > page_start and used + height > room:
                breaks.append(row)
                page_start = row
                used = repeated if repeat and row > repeat[1] else Decimal(0)
            used += height
        return breaks

    def setup(self, sheet: Worksheet, landscape: bool = False, one_page: bool = False, repeat: int | tuple[int, int] | None = None) -> None:
        """A4 print setup: header and footer, row heights, repeated header rows, scale and page breaks,
        and the ignored "number stored as text" ranges of the sheet's identifiers."""
        name = sheet.get_name()
        sheet.set_paper(A4)
        if landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.set_margins(left=float(SIDE_MARGIN), right=float(SIDE_MARGIN), top=float(TOP_MARGIN), bottom=float(BOTTOM_MARGIN))
        sheet.set_header(f"&L{header_text(self.who)}&C&A&RKommunkompassen {self.fw.id}")
        sheet.set_footer(f"&C{self.label('page_footer')}")
        for row, height in sorted(self.heights.get(name, {}).items()):
            if height != DEFAULT_ROW_HEIGHT:
                sheet.set_row(row, height)
        rows = (repeat, repeat) if isinstance(repeat, int) else repeat
        if rows is not None:
            sheet.repeat_rows(*rows)
        widths = self.widths.get(name, {})
        if widths and not one_page:  # text running on beyond the last column is not a page of its own
            sheet.print_area(0, 0, self.last_rows.get(name, 0), max(widths))
        if one_page:
            sheet.fit_to_pages(1, 1)
        else:
            scale = self.print_scale(sheet, landscape)
            sheet.set_print_scale(scale)
            breaks = self.page_breaks(sheet, scale, landscape, rows)
            if breaks:
                sheet.set_h_pagebreaks(breaks)
        if self.id_cells.get(name):
            checked(sheet.ignore_errors({"number_stored_as_text": cell_ranges(self.id_cells[name])}), "ignored errors")
