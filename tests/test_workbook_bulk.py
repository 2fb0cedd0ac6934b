"""Row blocks (workbooks/bulk.py) give what XlsxWriter's own writes give, and refuse what would corrupt a sheet."""

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter.workbook

from kompass_xlsx.reader import open_workbook
from kompass_xlsx.workbooks.bulk import BulkRowsWorksheet
from kompass_xlsx.workbooks.common import FIXED_CREATED, WriterBugError, finish, new_workbook, number_value

ROWS = [
    ["Åre", 2024, Decimal("12.5"), None, "=HYPERLINK(\"http://example.com\")"],
    ["Öckerö", 2023, Decimal("0.05"), "", "  text with spaces  "],
    ["Åre", 7, Decimal("100.00"), "tab\there", "control \x07 character"],
    ["Borås", 0, Decimal("3E+1"), "Åre", "<b>&amp; not markup</b>"],
]
COLUMNS = ["Kommun", "År", "Poäng", "Grupp", "Kommentar"]


def _write(bulk: bool, parts_folder: str | None = None) -> bytes:
    """The same sheet: title, table header, ROWS (a block or cell by cell), a tall row and a note below."""
    workbook, buffer = new_workbook(parts_folder=parts_folder)
    workbook.set_properties({"created": FIXED_CREATED})  # the two builds may fall in different seconds
    sheet = workbook.add_worksheet("Data", worksheet_class=BulkRowsWorksheet)
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True})
    formats = [bold, None, wrap, wrap, None]
    sheet.write_string(0, 0, "Title", bold)
    sheet.set_row(3, 30)  # a row of the block with its own height
    options = {"name": "kompass_table_1", "style": "Table Style Medium 2", "columns": [{"header": h} for h in COLUMNS]}
    if bulk:
        sheet.add_rows(3, ROWS, [formats])
        sheet.add_rows_table(2, 2 + len(ROWS), len(COLUMNS) - 1, options)
    else:
        for row, values in enumerate(ROWS, start=3):
            for col, value in enumerate(values):
                if isinstance(value, str):
                    sheet.write_string(row, col, value, formats[col])
                elif value is not None:
                    sheet.write_number(row, col, number_value(Decimal(value)), formats[col])
        sheet.add_table(2, 0, 2 + len(ROWS), len(COLUMNS) - 1, options)
    sheet.write_string(9, 1, "Note below", bold)
    return finish(workbook, buffer)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("in_files", [False, True], ids=["in memory", "in temporary files"])
def test_a_row_block_writes_the_package_xlsxwriter_writes_cell_by_cell(in_files, tmp_path):
    bulk, stock = _parts(_write(bulk=True, parts_folder=str(tmp_path) if in_files else None)), _parts(_write(bulk=False))
    assert bulk.keys() == stock.keys()
    for name in stock:
        # XlsxWriter adds optional row spans, a hint to readers; the blocks leave them out
        assert re.sub(rb' spans="[^"]*"', b"", bulk[name]) == re.sub(rb' spans="[^"]*"', b"", stock[name]), name


def test_a_row_block_reads_back_exactly():
    sheet = openpyxl.load_workbook(io.BytesIO(_write(bulk=True)))["Data"]
    assert sheet["A1"].value == "Title"
    for row, values in enumerate(ROWS, start=4):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col)
            if isinstance(value, str):
                shown = value.replace("\x07", "_x0007_")  # Excel's escape of a control character; openpyxl keeps it
                assert (cell.value, cell.data_type) == (shown, "s")  # "=HYPERLINK(...)" stays text
            elif value is None:
                assert cell.value is None
            else:
                assert Decimal(str(cell.value)) == value
    assert sheet["A4"].font.b and sheet["C4"].alignment.wrap_text and not sheet["B4"].font.b
    assert sheet.row_dimensions[4].height == 30
    assert sheet["B10"].value == "Note below"
    assert sheet.tables["kompass_table_1"].ref == "A3:E7"
    assert sheet.tables["kompass_table_1"].autoFilter.ref == "A3:E7"


def test_shared_strings_count_every_use():
    sst = _parts(_write(bulk=True))["xl/sharedStrings.xml"]
    texts = [v for values in ROWS for v in values if isinstance(v, str)]
    count = 1 + len(COLUMNS) + len(texts) + 1  # title, headers, the block's texts, the note
    assert re.search(rb'count="(\d+)"', sst).group(1) == str(count).encode()
    assert re.search(rb'uniqueCount="(\d+)"', sst).group(1) == str(len({"Title", "Note below", *COLUMNS, *texts})).encode()


def _sheet():
    workbook, buffer = new_workbook()
    return workbook, buffer, workbook.add_worksheet("Data", worksheet_class=BulkRowsWorksheet)


def test_overlapping_blocks_are_refused():
    _, _, sheet = _sheet()
    sheet.add_rows(5, [["a"], ["b"]], [[None]])
    with pytest.raises(WriterBugError, match="overlap"):
        sheet.add_rows(6, [["c"]], [[None]])
    sheet.add_rows(7, [["d"]], [[None]])  # right after the first block is fine


def test_a_cell_written_inside_a_block_is_refused_when_the_sheet_is_written():
    workbook, buffer, sheet = _sheet()
    sheet.add_rows(1, [["a", "b"], ["c", "d"]], [[None, None]])
    sheet.write_string(2, 5, "inside the block")
    with pytest.raises(WriterBugError, match="outside its row block"):
        finish(workbook, buffer)


@pytest.mark.parametrize("value", [True, 1.5, b"bytes", Decimal("NaN"), Decimal("Infinity")])
def test_values_that_are_not_text_or_exact_numbers_are_refused(value):
    _, _, sheet = _sheet()
    with pytest.raises((TypeError, WriterBugError)):
        sheet.add_rows(0, [["ok", value]], [[None, None]])


def test_a_row_height_is_set_before_its_block_is_added():
    _, _, sheet = _sheet()
    sheet.add_rows(2, [["a"], ["b"]], [[None]])
    with pytest.raises(WriterBugError, match="set its height before"):
        sheet.set_row(3, 30)
    sheet.set_row(4, 30)  # below the block is fine


def test_rows_from_a_generator_take_heights_set_until_each_row_is_taken():
    workbook, buffer, sheet = _sheet()

    def rows():
        for n in range(3):
            sheet.set_row(1 + n, 30 + 15 * n)  # the row about to be taken
            if n == 2:
                with pytest.raises(WriterBugError, match="set its height before"):
                    sheet.set_row(1, 60)  # a row taken already
            yield [f"row {n}", n]

    assert sheet.add_rows(1, rows(), [[None, None]]) == 3
    read = openpyxl.load_workbook(io.BytesIO(finish(workbook, buffer)))["Data"]
    assert [read.row_dimensions[r].height for r in (2, 3, 4)] == [30, 45, 60]
    assert [[c.value for c in row] for row in read.iter_rows(min_row=2)] == [["row 0", 0], ["row 1", 1], ["row 2", 2]]


def test_text_longer_than_a_cell_is_refused():
    _, _, sheet = _sheet()
    with pytest.raises(WriterBugError, match="longer than a cell"):
        sheet.add_rows(0, [["x" * 32768]], [[None]])


def test_one_list_of_formats_per_row_or_for_all_rows():
    _, _, sheet = _sheet()
    with pytest.raises(WriterBugError, match="format lists"):
        sheet.add_rows(0, [["a"], ["b"], ["c"]], [[None], [None]])


def test_a_compress_level_changes_the_size_not_the_content():
    def build(level):
        workbook, buffer = new_workbook(level)
        workbook.set_properties({"created": FIXED_CREATED})  # the two builds may fall in different seconds
        sheet = workbook.add_worksheet("Data", worksheet_class=BulkRowsWorksheet)
        sheet.add_rows(0, [[f"row {n}", n, "the same words again and again"] for n in range(3000)], [[None, None, None]])
        return finish(workbook, buffer)

    fast, default = build(1), build(None)
    assert len(fast) > len(default)
    assert _parts(fast) == _parts(default)
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile  # the swap is undone


LONG_TEXTS = [
    "Ekonomi " * 20,  # plain: written as it is
    "  leading and trailing spaces " + "x" * 100 + "  ",
    "<r>Ekonomi & styrning</r> " + "y" * 100,
    "a control \x07 character, Excel's own escape _x0041_ and \ufffe " + "z" * 100,
    "=HYPERLINK(\"http://example.com\") " + "w" * 100,
    "line one\r\nline two\n" + "Ö" * 100 + " 🙂",
]


def _long_texts_workbook(path, bulk: bool) -> None:
    workbook, buffer = new_workbook()
    sheet = workbook.add_worksheet("Data", worksheet_class=BulkRowsWorksheet)
    rows = [[text, n] for n, text in enumerate(LONG_TEXTS)]
    if bulk:
        sheet.add_rows(0, rows, [[None, None]])
    else:
        for row, (text, n) in enumerate(rows):
            sheet.write_string(row, 0, text)
            sheet.write_number(row, 1, n)
    path.write_bytes(finish(workbook, buffer))


def _texts(path) -> list:
    raw = open_workbook(path)
    return [raw.cell("Data", f"A{row + 1}").value for row in range(len(LONG_TEXTS))]


def test_long_texts_are_written_in_their_cells_and_read_back_as_xlsxwriter_shared_strings_are(tmp_path):
    _long_texts_workbook(tmp_path / "bulk.xlsx", bulk=True)
    _long_texts_workbook(tmp_path / "stock.xlsx", bulk=False)
    assert b"inlineStr" in _parts((tmp_path / "bulk.xlsx").read_bytes())["xl/worksheets/sheet1.xml"]
    assert _texts(tmp_path / "bulk.xlsx") == _texts(tmp_path / "stock.xlsx") == LONG_TEXTS
    bulk = openpyxl.load_workbook(tmp_path / "bulk.xlsx")["Data"]
    stock = openpyxl.load_workbook(tmp_path / "stock.xlsx")["Data"]
    # openpyxl undoes the _x005F_ escape in shared strings but not in cells, so that row is left to our reader
    assert [c.value for c in bulk["A"] if "_x" not in c.value] == [c.value for c in stock["A"] if "_x" not in c.value]


@pytest.mark.libreoffice
def test_long_texts_survive_libreoffice(tmp_path, libreoffice):
    _long_texts_workbook(tmp_path / "bulk.xlsx", bulk=True)
    saved = libreoffice.convert(tmp_path / "bulk.xlsx", "xlsx", tmp_path / "saved")
    expected = [text.replace("\r\n", "\n") for text in LONG_TEXTS]  # LibreOffice keeps line feeds only
    assert _texts(saved) == expected


def test_zero_is_written_without_a_sign():
    workbook, buffer, sheet = _sheet()
    sheet.add_rows(0, [[Decimal("-0"), Decimal("-0.0"), 0]], [[None, None, None]])
    sheet.write_number(1, 0, number_value(Decimal("-0")))
    xml = _parts(finish(workbook, buffer))["xl/worksheets/sheet1.xml"]
    assert b"<v>-0" not in xml and xml.count(b"<v>0</v>") == 4
