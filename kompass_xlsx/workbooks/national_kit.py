"""The helpers and formats every sheet of the national summary workbook is written with.

`NationalKit` is the base of `national.NationalWriter`; the modules that lay out one sheet each
(national_overview.py, national_distribution.py) are handed the writer as a kit, so imports run one
way: national -> national_overview / national_distribution -> national_kit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_range
from xlsxwriter.workbook import Workbook

from ..labels import Lang, label
from ..municipalities import group_shown
from ..merging import MergeOutcome, PopulationClass
from ..national import SHOWN_PLACES
from ..results import WorkbookResult
from ..scoring import round_half_up
from .bulk import BulkRowsWorksheet
from .common import Formats, checked, evaluators_text, header_text, number_value, print_setup, set_width, text_height, word_width

TABLE_STYLE = "Table Style Medium 2"
TITLE_HEIGHT = 24  # points: a row of 16-point title text
ONE_LINE = text_height("x", Decimal(10))  # the height text_height gives one line of 11-point text

Value = str | int | Decimal | None


class NationalKit:
    """What every sheet of the national summary is written with: the outcome, the language, the
    workbook, its formats and the helpers that lay out headings and tables. NationalWriter is one;
    the modules that lay out single sheets (national_overview, national_distribution) are given it."""

    def __init__(self, outcome: MergeOutcome, lang: Lang, created: datetime) -> None:
        self.outcome = outcome
        self.lang = lang
        self.created = created
        self.workbook: Workbook
        self.fmt: Formats
        self.tables = 0
        self.distribution_widths: dict[int, Decimal] = {}  # column widths of the Distribution sheet
        self.row_format_lists: dict[tuple[bool, int], list[Format]] = {}  # statistics_formats, shared by their rows
        self.ignored: dict[str, tuple[BulkRowsWorksheet, list[str]]] = {}  # ranges of text that may look like numbers, by sheet
        self.points_formats: dict[tuple[int, bool], Format] = {}  # points_format, by decimals and boldness

    def label(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def add_formats(self) -> None:
        """The workbook's cell formats, once per workbook (self.workbook must exist)."""
        self.fmt = Formats(self.workbook)
        add = self.workbook.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.shown = add({**base, "num_format": "0.0"})
        self.shown_bold = add({**base, "num_format": "0.0", "bold": True})
        self.cell_text = self.exact = add(base)  # exact numbers show all their decimals (General)
        self.exact_bold = add({**base, "bold": True})
        self.cell_wrap = add({**base, "text_wrap": True})
        self.cell_wrap_bold = add({**base, "text_wrap": True, "bold": True})
        self.cell_wrap_indent = add({**base, "text_wrap": True, "indent": 1})  # text right after a right-aligned number
        self.centred = add({**base, "align": "center"})
        self.population = add({**base, "num_format": "#,##0"})  # the thousands separator of the reader's locale
        wrapping = {self.cell_wrap: False, self.cell_wrap_bold: True, self.cell_wrap_indent: False}
        self.wrapping = {id(fmt): bold for fmt, bold in wrapping.items()}  # id(format) -> bold, of formats that wrap
        self.section_header = add({**base, "bold": True, "font_color": "white", "bg_color": "#1F4E79", "border": 1, "text_wrap": True})
        self.note = add({**base, "italic": True, "font_color": "#404040"})
        self.note_wrap = add({**base, "italic": True, "font_color": "#404040", "text_wrap": True})
        self.fact = add({**base, "border": 1, "align": "left"})
        self.fact_label = add({**base, "bold": True, "border": 1})
        self.fact_number = add({**base, "border": 1, "align": "center"})
        self.year_number = add({**base, "num_format": "0", "align": "center"})
        self.centred_number = add({**base, "align": "center"})
        self.unrounded = add({**base, "num_format": "0.0##########"})  # the mean with the decimals a number holds
        self.unrounded_bold = add({**base, "num_format": "0.0##########", "bold": True})
        self.command = add({**base, "font_name": "Consolas", "text_wrap": True, "bg_color": "#F2F2F2", "border": 1})

    # --- helpers ---------------------------------------------------------------------------

    def ignore_number_text(self, sheet: BulkRowsWorksheet, first_row: int, last_row: int, cols: Sequence[int]) -> None:
        """Columns of text that may look like numbers (versions "2020", ids "1.3", names): no warning triangle in Excel."""
        if last_row < first_row:
            return
        ranges = self.ignored.setdefault(sheet.name, (sheet, []))[1]
        ranges += [xl_range(first_row, col, last_row, col) for col in cols]

    def apply_ignored_errors(self) -> None:
        """Hand each sheet its ranges (XlsxWriter's ignore_errors takes them all at once)."""
        for sheet, ranges in self.ignored.values():
            checked(sheet.ignore_errors({"number_stored_as_text": " ".join(ranges)}), "ignored errors")

    def put(self, sheet: BulkRowsWorksheet, row: int, col: int, value: Value, fmt: Format | None = None) -> None:
        """Write one typed value: text always as a string, numbers exactly, None as an empty cell."""
        if value is None:
            return  # an empty cell; the table's style already covers it
        elif isinstance(value, str):
            checked(sheet.write_string(row, col, value, fmt), f"text at {row},{col}")
        elif isinstance(value, bool):
            raise TypeError(f"a bool at {row},{col}; write a label instead")
        elif isinstance(value, int | Decimal):
            checked(sheet.write_number(row, col, number_value(Decimal(value)), fmt), f"number at {row},{col}")
        else:
            raise TypeError(f"cannot write {type(value).__name__} at {row},{col}")

    def heading(self, sheet: BulkRowsWorksheet, title: str, note: str | None = None, columns: Sequence[tuple[str, float]] = ()) -> int:
        """Title in row 1, optional note in row 2; returns the first free row.

        Given the columns of the table below, the note wraps across them (so it prints within the
        table's width) in a row tall enough for it; otherwise it runs on to the right on one line.
        """
        checked(sheet.write_string(0, 0, title, self.fmt.title), "title")
        sheet.set_row(0, TITLE_HEIGHT)
        if note and columns:
            checked(sheet.merge_range(1, 0, 1, len(columns) - 1, "", self.note_wrap), "note")
            checked(sheet.write_string(1, 0, note, self.note_wrap), "note")
            self.fit_row(sheet, 1, [(note, sum((Decimal(str(width)) for _, width in columns), Decimal(0)), False)])
        elif note:
            checked(sheet.write_string(1, 0, note, self.note), "note")
        return 3

    def table(
        self,
        sheet: BulkRowsWorksheet,
        first_row: int,
        columns: Sequence[tuple[str, float]],
        rows: Iterable[Sequence[Value]],
        formats: Sequence[Format | None] | None = None,
        row_formats: Sequence[Sequence[Format | None]] | None = None,
    ) -> int:
        """An Excel table with filters (headers, then rows); returns the row after it.

        Each column is at least as wide as the longest word of its header, so wrapped headers break
        between words, and rows are made tall enough for wrapped headers and wrapped cells (neither
        Excel nor LibreOffice grows them on opening). `rows` may be a generator. With no rows there
        is nothing to filter, so only the header is written.
        """
        widths = [max(Decimal(str(width)), word_width(header, bold=True)) for header, width in columns]
        for col, width in enumerate(widths):
            set_width(sheet, col, width)
        self.fit_row(sheet, first_row, [(header, width, True) for (header, _), width in zip(columns, widths)])
        block_formats = row_formats or [formats or [None] * len(columns)]
        wrapping_columns = {id(fmts): [(col, self.wrapping[id(fmt)]) for col, fmt in enumerate(fmts) if id(fmt) in self.wrapping] for fmts in block_formats}

        def fitted_rows() -> Iterator[Sequence[Value]]:
            for offset, values in enumerate(rows):
                wrapped = wrapping_columns[id(block_formats[offset if row_formats else 0])]
                if wrapped:
                    texts = [(values[col], widths[col], bold) for col, bold in wrapped if isinstance(values[col], str)]
                    self.fit_row(sheet, first_row + 1 + offset, texts)
                yield values

        count = sheet.add_rows(first_row + 1, fitted_rows(), block_formats)
        if count == 0:
            for col, (header, _) in enumerate(columns):
                checked(sheet.write_string(first_row, col, header, self.section_header), header)
            return first_row + 1
        self.tables += 1
        sheet.add_rows_table(
            first_row,
            first_row + count,
            len(columns) - 1,
            {"name": f"kompass_table_{self.tables}", "style": TABLE_STYLE, "columns": [{"header": h, "header_format": self.section_header} for h, _ in columns]},
        )
        return first_row + count + 1

    def fit_row(self, sheet: BulkRowsWorksheet, row: int, texts: Sequence[tuple[str, Decimal, bool]]) -> None:
        """Make a row tall enough for its wrapped texts, given as (text, column width, bold); one line is left as it is.

        A character of width is kept for the cell's margins, so a text that only just fits gets a second line.
        """
        height = max((text_height(text, width - 1, bold=bold) for text, width, bold in texts), default=0)
        if height > ONE_LINE:
            sheet.set_row(row, height)

    def page(self, sheet: BulkRowsWorksheet, landscape: bool = True) -> None:
        title = header_text(self.label("nat_title"))
        print_setup(sheet, f"&L{title}&R&A", f"&C{self.label('page_footer')}", landscape=landscape)

    def shown_value(self, value: Decimal) -> Decimal:
        return round_half_up(value, SHOWN_PLACES)

    def points_format(self, values: Iterable[Decimal | int], bold: bool = False) -> Format:
        """One format for a column of exact points: as many decimals as its most precise value needs
        ("0" when all are whole, "0.0" for halves and tenths), so every figure shows exactly and alike."""
        places = max((max(0, -Decimal(v).normalize().as_tuple().exponent) for v in values), default=0)
        key = (places, bold)
        if key not in self.points_formats:
            num_format = "0" + ("." + "0" * places if places else "")
            self.points_formats[key] = self.workbook.add_format(
                {"font_name": "Calibri", "font_size": 11, "valign": "top", "num_format": num_format, "bold": bold}
            )
        return self.points_formats[key]

    def population_label(self, size: PopulationClass | None) -> str | None:
        return None if size is None else self.label(f"nat_pop_{size.value}")

    def identity(self, result: WorkbookResult) -> list[Value]:
        """Municipality, year, framework, evaluators, group, population, size class."""
        ev = result.evaluation
        assert ev is not None
        size = None if ev.population is None else PopulationClass.of(ev.population)
        return [ev.municipality, ev.year, ev.framework, evaluators_text(ev.evaluators), group_shown(ev, self.lang), ev.population, self.population_label(size)]

    def identity_columns(self) -> list[tuple[str, float]]:
        return [
            (self.label("nat_col_municipality"), 16),
            (self.label("nat_col_year"), 6),
            (self.label("nat_col_framework"), 9),
            (self.label("nat_col_evaluators"), 20),
            (self.label("nat_col_group"), 16),
            (self.label("nat_col_population"), 10),
            (self.label("nat_col_population_class"), 16),
        ]

