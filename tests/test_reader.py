"""kompass_xlsx.reader: cells exactly as stored, and every file it must refuse, with its message.

Inputs are real files: written by XlsxWriter, saved by LibreOffice, or (for malformed and hostile
files, which no office program writes) put together part by part with zipfile.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import signal
import struct
import threading
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompass_xlsx.errors import WorkbookReadError
from kompass_xlsx.reader import Cell, CellKind, DefinedName, SheetState, open_workbook

from fault_helpers import minimal_parts

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NUMBER, TEXT, BOOL, ERROR = CellKind.NUMBER, CellKind.TEXT, CellKind.BOOL, CellKind.ERROR
SHEET1 = "xl/worksheets/sheet1.xml"


# --- building inputs -------------------------------------------------------------------------


def write_xlsx(path: Path, build: Callable[[xlsxwriter.Workbook], None], **options) -> Path:
    """A workbook written by XlsxWriter; build(workbook) adds the content."""
    workbook = xlsxwriter.Workbook(path, options)
    workbook.set_properties({"created": datetime(2024, 1, 1)})
    build(workbook)
    workbook.close()
    return path


def one_sheet(path: Path, fill: Callable[[xlsxwriter.Workbook, object], None], name: str = "Blad1", **options) -> Path:
    def build(workbook):
        fill(workbook, workbook.add_worksheet(name))

    return write_xlsx(path, build, **options)


def rewrite(source: Path, target: Path, edit: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a zip package with each part passed through edit(name, data); None drops the part."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = edit(info.filename, original.read(info))
            if data is not None:
                copy.writestr(info.filename, data)
    return target


def replace_in(part: str, old: bytes | str, new: bytes | str, count: int = 0):
    """An edit for rewrite() that replaces a regex in one part."""
    old = old.encode() if isinstance(old, str) else old
    new = new.encode() if isinstance(new, str) else new

    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        changed, n = re.subn(old, new, data, count=count)
        assert n, f"{old!r} not found in {part}"
        return changed

    return edit


def edited(source: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    """A copy of a package with a regex replaced in one part."""
    return rewrite(source, target, replace_in(part, old, new))


def without(source: Path, target: Path, part_suffix: str) -> Path:
    """A copy of a package without the parts whose names end with part_suffix."""
    return rewrite(source, target, lambda name, data: None if name.endswith(part_suffix) else data)


def write_package(path: Path, parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as package:
        for name, data in parts.items():
            package.writestr(name, data.encode() if isinstance(data, str) else data)
    return path


def minimal_cells(path: Path, sheet_data: str, **parts) -> dict[str, Cell]:
    return dict(open_workbook(write_package(path, minimal_parts(sheet_data, **parts))).sheet_cells("S"))


def compound_file(path: Path, streams: list[str]) -> Path:
    """A Compound File Binary (OLE2) container with a directory of these (empty) streams.

    The container of an .xls and of a password-protected .xlsx ([MS-CFB]); 512-byte sectors:
    sector 0 is the FAT, sector 1 the directory.
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, 1, 0)  # FAT sectors, first directory sector, transaction
    struct.pack_into("<IIIII", header, 56, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name: str, kind: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB III", raw, 64, len(encoded), kind, 1, free, free, free)
        struct.pack_into("<IQ", raw, 116, end, 0)
        return bytes(raw)

    entries = [entry("Root Entry", 5)] + [entry(name, 2) for name in streams]
    directory = b"".join(entries).ljust(512 * ((len(entries) + 3) // 4), b"\0")
    path.write_bytes(bytes(header) + fat + directory)
    return path


def declare_size(path: Path, part: str, size: int) -> Path:
    """Make the zip headers (local and central) of one part declare another unpacked size."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_length_at)[0]
            if data[at + name_at : at + name_at + length] == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def zeros_part(package: zipfile.ZipFile, name: str, megabytes: int) -> None:
    """A part of that many megabytes of zero bytes, deflated as it is written (a classic bomb)."""
    chunk = bytes(1024 * 1024)
    with package.open(name, "w") as stream:
        for _ in range(megabytes):
            stream.write(chunk)


@pytest.fixture
def sample(tmp_path) -> Path:
    """A workbook with every kind of value, a hidden sheet and defined names."""

    def build(workbook):
        sheet = workbook.add_worksheet("1 Område")
        sheet.write_number("A1", 5)
        sheet.write_number("A2", 5.5)
        sheet.write_number("A3", 7.000000000000001)
        sheet.write_number("A4", -0.25)
        sheet.write_string("B1", "  spaced  ")
        sheet.write_string("B2", "tab\there")
        sheet.write_string("B3", "rad 1\nrad 2")
        sheet.write_boolean("C1", True)
        sheet.write_boolean("C2", False)
        sheet.write_formula("D1", "=1/0", None, "#DIV/0!")
        sheet.write_formula("D2", "=A1+A2", None, 10.5)
        sheet.write_formula("D3", '="x"&B2', None, "xtab\there")
        sheet.write_datetime("E1", date(2024, 1, 2), workbook.add_format({"num_format": "yyyy-mm-dd"}))
        sheet.write_number("E2", 3, workbook.add_format({"num_format": '0.0 "dagar"'}))
        sheet.write_string("J20", "far away")
        keys = workbook.add_worksheet("Kim's keys")
        keys.write_string("A1", "framework")
        keys.write_string("B1", "2020")
        keys.hide()
        workbook.define_name("score_1_1", "='1 Område'!$A$1")
        workbook.define_name("keys", "='Kim''s keys'!$A$1:$B$1")
        workbook.define_name("total", "='1 Område'!$D$2")
        workbook.define_name("doubled", "='1 Område'!$A$1*2")
        workbook.define_name("broken", "=#REF!")
        workbook.define_name("'1 Område'!local_name", "='1 Område'!$A$2")

    return write_xlsx(tmp_path / "sample.xlsx", build)


def comparable(cells) -> dict[str, tuple]:
    return {ref: (c.kind, c.value, c.is_date, c.has_cached_value) for ref, c in cells.items()}


# --- values ----------------------------------------------------------------------------------


def test_numbers_are_exact_decimals_of_the_stored_text(sample):
    cells = open_workbook(sample).sheet_cells("1 Område")
    assert cells["A1"] == Cell("A1", NUMBER, Decimal("5"))
    assert cells["A2"] == Cell("A2", NUMBER, Decimal("5.5"))
    assert str(cells["A3"].value) == "7.000000000000001"  # not 7.0000000000000008882 (via float), not 7
    assert cells["A4"].value == Decimal("-0.25")
    assert all(type(cells[ref].value) is Decimal for ref in ("A1", "A2", "A3", "A4"))


def test_number_text_forms_excel_writes(tmp_path):
    cells = minimal_cells(
        tmp_path / "n.xlsx",
        '<row r="1"><c r="A1"><v>1E-3</v></c><c r="B1" t="n"><v>-0</v></c><c r="C1"><v>12345678901234567890</v></c>'
        '<c r="D1" s="0"><v></v></c><c r="E1"/></row>',
    )
    assert comparable(cells) == {
        "A1": (NUMBER, Decimal("0.001"), False, True),
        "B1": (NUMBER, Decimal("0"), False, True),
        "C1": (NUMBER, Decimal("12345678901234567890"), False, True),
    }  # D1 (empty <v>) and E1 (styled but empty) are empty cells: absent


def test_text_is_kept_exactly_shared_strings(sample):
    cells = open_workbook(sample).sheet_cells("1 Område")
    assert cells["B1"] == Cell("B1", TEXT, "  spaced  ")
    assert cells["B2"].value == "tab\there"
    assert cells["B3"].value == "rad 1\nrad 2"
    assert cells["J20"].value == "far away"


def test_inline_strings_and_rich_text_runs(tmp_path):
    def fill(workbook, sheet):
        sheet.write_string("A1", "  inline  ")
        sheet.write_rich_string("A2", "plain ", workbook.add_format({"bold": True}), "bold", " end ")
        sheet.write_string("A3", "ctrl\x01char and a literal _x0041_")

    for options in ({"constant_memory": True}, {}):  # inline strings, then shared strings
        path = one_sheet(tmp_path / f"strings{len(options)}.xlsx", fill, **options)
        cells = open_workbook(path).sheet_cells("Blad1")
        assert {ref: cell.value for ref, cell in cells.items()} == {
            "A1": "  inline  ",
            "A2": "plain bold end ",
            "A3": "ctrl\x01char and a literal _x0041_",
        }, options
    assert b't="inlineStr"' in zipfile.ZipFile(tmp_path / "strings1.xlsx").read("xl/worksheets/sheet1.xml")


def test_the_longest_text_a_cell_holds_comes_back_whole(tmp_path):
    longest = ("å" * 99 + " ") * 327 + "ö" * 67  # 32,767 characters, more bytes than expat's text buffer

    def fill(workbook, sheet):
        sheet.write_string("A1", longest)

    for options in ({"constant_memory": True}, {}):
        path = one_sheet(tmp_path / f"long{len(options)}.xlsx", fill, **options)
        assert open_workbook(path).cell("Blad1", "A1").value == longest


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"), max_size=40)
points = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.one_of(texts, points, st.booleans()), min_size=1, max_size=12), inline=st.booleans())
def test_written_values_read_back_equal(tmp_path, values, inline):
    def fill(workbook, sheet):
        for row, value in enumerate(values):
            if isinstance(value, bool):
                sheet.write_boolean(row, 0, value)
            elif isinstance(value, Decimal):
                sheet.write_number(row, 0, float(value))
            else:
                sheet.write_string(row, 0, value)

    path = one_sheet(tmp_path / "property.xlsx", fill, **({"constant_memory": True} if inline else {}))
    cells = open_workbook(path).sheet_cells("Blad1")
    # XlsxWriter stores a number as f"{number:.16G}" (so 562567.43 as 562567.4300000001): that text
    # is what must come back. An empty string is stored as "" or not at all, depending on the writer.
    stored = [Decimal(f"{float(v):.16G}") if isinstance(v, Decimal) else v for v in values]
    expected = {f"A{row + 1}": value for row, value in enumerate(stored) if value != ""}
    assert {ref: cell.value for ref, cell in cells.items() if cell.value != ""} == expected


def test_phonetic_runs_are_not_part_of_the_text(tmp_path):
    shared = (
        '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>'
        '<si><t xml:space="preserve"> x </t></si>'
    )
    cells = minimal_cells(
        tmp_path / "ph.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><r><t>a</t></r><rPh><t>no</t></rPh><r><t>b</t></r></is></c></row>',
        shared=shared,
    )
    assert [cell.value for cell in cells.values()] == ["東京", " x ", "ab"]


def test_booleans_and_errors(sample):
    cells = open_workbook(sample).sheet_cells("1 Område")
    assert cells["C1"] == Cell("C1", BOOL, True)
    assert cells["C2"] == Cell("C2", BOOL, False)
    assert cells["D1"] == Cell("D1", ERROR, "#DIV/0!", formula="1/0")


def test_formulas_keep_their_cached_values_and_are_never_evaluated(sample):
    cells = open_workbook(sample).sheet_cells("1 Område")
    assert cells["D2"] == Cell("D2", NUMBER, Decimal("10.5"), formula="A1+A2")
    assert cells["D3"] == Cell("D3", TEXT, "xtab\there", formula='"x"&B2')


def test_a_formula_never_calculated_has_no_cached_value(tmp_path):
    def fill(workbook, sheet):
        sheet.write_number("A1", 2)
        sheet.write_formula("B1", "=A1*2", None, 4)
        sheet.write_formula("C1", '=A1&"x"', None, "2x")

    source = one_sheet(tmp_path / "calculated.xlsx", fill)
    # As written by a program that does not calculate: <f> without <v>.
    cached = rb"<v>[^<]*</v></c>(?=<c r=\"C1|</row)"  # the <v> of B1 and C1
    never = edited(source, tmp_path / "never.xlsx", "xl/worksheets/sheet1.xml", cached, b"</c>")
    cells = open_workbook(never).sheet_cells("Blad1")
    assert cells["A1"] == Cell("A1", NUMBER, Decimal(2))
    assert cells["B1"] == Cell("B1", TEXT, "", formula="A1*2", has_cached_value=False)
    assert cells["C1"] == Cell("C1", TEXT, "", formula='A1&"x"', has_cached_value=False)


def test_shared_formula_dependants_are_formulas_too(tmp_path):
    cells = minimal_cells(
        tmp_path / "shared.xlsx",
        '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row>'
        '<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>',
    )
    assert cells == {
        "A1": Cell("A1", NUMBER, Decimal(2), formula="B1*2"),
        "A2": Cell("A2", NUMBER, Decimal(4), formula=""),
        "A3": Cell("A3", TEXT, "", formula="", has_cached_value=False),
    }


def test_dates_are_numbers_with_a_date_format(tmp_path):
    formats = {
        "A1": ("yyyy-mm-dd", True),
        "A2": (14, True),  # built-in short date
        "A3": (22, True),  # built-in date and time
        "A4": ("[h]:mm", True),
        "A5": ("[$-41D]d mmmm yyyy", True),
        "A6": ('0.0 "dagar"', False),  # d, a, g inside quotes
        "A7": ("[Red]0.00", False),
        "A8": ("#,##0\\ \\d", False),  # an escaped d
        "A9": ("0%", False),
        "A10": (None, False),
    }

    def fill(workbook, sheet):
        for ref, (code, _) in formats.items():
            cell_format = None if code is None else workbook.add_format({"num_format": code})
            sheet.write_number(ref, 45293.25, cell_format)
        sheet.write_string("B1", "text", workbook.add_format({"num_format": "yyyy-mm-dd"}))

    cells = open_workbook(one_sheet(tmp_path / "dates.xlsx", fill)).sheet_cells("Blad1")
    assert {ref: cells[ref].is_date for ref in formats} == {ref: is_date for ref, (_, is_date) in formats.items()}
    assert cells["A1"].value == Decimal("45293.25")
    assert cells["B1"].is_date is False


def test_date_1904_is_reported(tmp_path):
    path = one_sheet(tmp_path / "mac.xlsx", lambda wb, sheet: sheet.write_number("A1", 1), date_1904=True)
    assert open_workbook(path).date1904 is True
    assert open_workbook(one_sheet(tmp_path / "pc.xlsx", lambda wb, sheet: None)).date1904 is False


def test_cells_and_rows_without_r_follow_the_previous_ones(tmp_path):
    cells = minimal_cells(
        tmp_path / "nor.xlsx",
        '<row r="2"><c><v>1</v></c><c><v>2</v></c><c r="E2"><v>5</v></c><c><v>6</v></c></row>'
        "<row><c><v>3</v></c></row>",
    )
    assert {ref: int(cell.value) for ref, cell in cells.items()} == {"A2": 1, "B2": 2, "E2": 5, "F2": 6, "A3": 3}


def test_a_namespace_prefix_on_the_elements_is_understood(tmp_path):
    parts = minimal_parts()
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN_NS}"><x:dimension ref="A1"/><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="inlineStr"><x:is><x:t>hej</x:t></x:is></x:c><x:c r="B1"><x:v>2.5</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    cells = open_workbook(write_package(tmp_path / "prefixed.xlsx", parts)).sheet_cells("S")
    assert cells == {"A1": Cell("A1", TEXT, "hej"), "B1": Cell("B1", NUMBER, Decimal("2.5"))}


def test_a_wrong_dimension_is_ignored(sample, tmp_path):
    wrong = edited(sample, tmp_path / "wrong.xlsx", SHEET1, rb"<dimension [^>]*>", b'<dimension ref="A1"/>')
    expected = open_workbook(sample).sheet_cells("1 Område")
    assert open_workbook(wrong).sheet_cells("1 Område") == expected
    assert "J20" in expected


# --- workbook structure ----------------------------------------------------------------------


def test_sheets_in_order_with_their_state(tmp_path):
    def build(workbook):
        workbook.add_worksheet("Första")
        workbook.add_worksheet("Dold").hide()
        workbook.add_worksheet("Mycket dold").very_hidden()
        workbook.add_chartsheet("Diagram").set_chart(workbook.add_chart({"type": "line"}))
        workbook.get_worksheet_by_name("Första").write_column("A1", [1, 2, 3])
        workbook.worksheets()[3].chart.add_series({"values": "='Första'!$A$1:$A$3"})

    workbook = open_workbook(write_xlsx(tmp_path / "states.xlsx", build))
    assert [(sheet.name, sheet.state) for sheet in workbook.sheets] == [
        ("Första", SheetState.VISIBLE),
        ("Dold", SheetState.HIDDEN),
        ("Mycket dold", SheetState.VERY_HIDDEN),
        ("Diagram", SheetState.VISIBLE),
    ]
    assert workbook.sheets[2].state == "veryHidden"
    assert workbook.sheet_names == ["Första", "Dold", "Mycket dold", "Diagram"]
    assert workbook.sheet_cells("Diagram") == {}


def test_defined_names_workbook_level_only(sample):
    names = open_workbook(sample).defined_names
    assert names == {
        "score_1_1": DefinedName("score_1_1", "1 Område", "A1", "'1 Område'!$A$1"),
        "keys": DefinedName("keys", "Kim's keys", "A1:B1", "'Kim''s keys'!$A$1:$B$1"),
        "total": DefinedName("total", "1 Område", "D2", "'1 Område'!$D$2"),
        "doubled": DefinedName("doubled", None, None, "'1 Område'!$A$1*2"),
        "broken": DefinedName("broken", None, None, "#REF!"),
    }  # local_name has a localSheetId: left out


@pytest.mark.parametrize(
    ("text", "sheet", "ref"),
    [
        ("Blad1!$B$5:$B$9", "Blad1", "B5:B9"),
        ("Blad1!c3", "Blad1", "C3"),
        ("'Område 1'!$D$7", "Område 1", "D7"),
        ("'It''s'!A1", "It's", "A1"),
        ("Blad1!#REF!", None, None),
        ("[1]Blad1!$A$1", None, None),  # external workbook: never followed
        ("'[Other.xlsx]Blad1'!$A$1", None, None),
        ("Blad1:Blad3!$A$1", None, None),  # 3-D reference
        ("Blad1!$A$1,Blad1!$B$2", None, None),  # more than one area
        ("Blad1!$A:$A", None, None),
        ("0.5", None, None),
        ('"text"', None, None),
        ("SUM(Blad1!$A$1:$A$3)", None, None),
        ("Blad1!$XFD$1048576", "Blad1", "XFD1048576"),  # the last cell of a sheet
        ("Blad1!$XFE$1", None, None),  # beyond the last column, row or before the first row: no cell
        ("Blad1!A1048577", None, None),
        ("Blad1!$A$0", None, None),
        ("Blad1!A1:B1048577", None, None),
    ],
)
def test_defined_name_references(tmp_path, text, sheet, ref):
    parts = minimal_parts()
    escaped = text.replace("&", "&amp;").replace('"', "&quot;")
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        "</sheets>", f'</sheets><definedNames><definedName name="n">{escaped}</definedName></definedNames>'
    )
    names = open_workbook(write_package(tmp_path / "names.xlsx", parts)).defined_names
    assert names["n"] == DefinedName("n", sheet, ref, text)


def test_sheet_cells_are_parsed_once_and_read_only(sample):
    workbook = open_workbook(sample)
    cells = workbook.sheet_cells("1 Område")
    assert workbook.sheet_cells("1 Område") is cells
    with pytest.raises(TypeError):
        cells["A1"] = None  # type: ignore[index]
    assert workbook.cell("1 Område", "$a$1") == cells["A1"]
    assert workbook.cell("1 Område", "Z99") is None
    assert workbook.cell("No such sheet", "A1") is None
    assert workbook.sheet_cells("No such sheet") == {}


def test_a_damaged_sheet_that_is_not_read_still_makes_the_file_unreadable(sample, tmp_path):
    # Excel refuses (repairs) such a file and LibreOffice drops the sheet: no part is trusted unseen.
    damaged = edited(sample, tmp_path / "half.xlsx", "xl/worksheets/sheet2.xml", rb"</sheetData>", b"</sheetDta>")
    with pytest.raises(WorkbookReadError, match=r"damaged: sheet 'Kim's keys' is not well-formed XML"):
        open_workbook(damaged)


def test_absolute_relationship_targets(sample, tmp_path):
    rels = "xl/_rels/workbook.xml.rels"
    absolute = edited(sample, tmp_path / "abs.xlsx", rels, rb'"worksheets/', b'"/xl/worksheets/')
    assert b'Target="/xl/worksheets/sheet1.xml"' in zipfile.ZipFile(absolute).read("xl/_rels/workbook.xml.rels")
    assert open_workbook(absolute).sheet_cells("1 Område") == open_workbook(sample).sheet_cells("1 Område")


def test_the_template_of_the_tool_reads(tmp_path):
    templates = sorted((Path(__file__).parent.parent / "workbook_templates").glob("*.xlsx"))
    assert len(templates) == 4
    for template in templates:
        workbook = open_workbook(template)
        assert "_kompass" in workbook.sheet_names
        assert all(workbook.sheet_cells(name) is not None for name in workbook.sheet_names)


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_a_libreoffice_saved_workbook_reads_back_the_same(sample, libreoffice, tmp_path):
    # The source has a wrong <dimension>; LibreOffice reads all cells anyway, and so do we.
    wrong = edited(sample, tmp_path / "dim.xlsx", SHEET1, rb"<dimension [^>]*>", b'<dimension ref="B2"/>')
    saved = open_workbook(libreoffice.convert(wrong, "xlsx", tmp_path / "lo"))
    original = open_workbook(wrong)
    assert saved.sheets == original.sheets
    assert saved.defined_names == original.defined_names
    for name in original.sheet_names:
        before, after = comparable(original.sheet_cells(name)), comparable(saved.sheet_cells(name))
        if name == "1 Område":  # LibreOffice keeps 15 significant digits: 7.000000000000001 comes back as 7
            assert (before.pop("A3")[1], after.pop("A3")[1]) == (Decimal("7.000000000000001"), Decimal(7))
        assert after == before, name
        for ref, cell in original.sheet_cells(name).items():
            if cell.formula is not None:
                assert saved.cell(name, ref).formula == cell.formula


# --- files that are refused ------------------------------------------------------------------


def refused(path: Path, *phrases: str) -> str:
    """Open path, expect WorkbookReadError naming the file and containing every phrase."""
    with pytest.raises(WorkbookReadError) as caught:
        open_workbook(path)
    message = str(caught.value)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message, message
    return message


def test_missing_file(tmp_path):
    refused(tmp_path / "nope.xlsx", "does not exist")


def test_a_folder(tmp_path):
    refused(tmp_path, "is a folder, not a workbook file")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(path, "is empty (0 bytes)", "Save the workbook again")


def test_not_a_zip(tmp_path):
    path = tmp_path / "scores.xlsx"
    path.write_text("fråga;poäng\n1.1;10\n", encoding="utf-8")
    refused(path, "is not an Excel workbook (.xlsx)", "not a zip package", "save it as an Excel workbook (.xlsx)")


def test_truncated_zip(sample, tmp_path):
    data = sample.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "is damaged or incomplete", "cut off while copying or downloading")


def test_corrupt_part_in_the_zip(sample, tmp_path):
    data = bytearray(sample.read_bytes())
    with zipfile.ZipFile(sample) as package:
        info = package.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10 : start + 40] = bytes(30)  # zeros in the middle of the deflated workbook part
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "is damaged", "xl/workbook.xml")


@pytest.mark.libreoffice
def test_old_xls_from_libreoffice(sample, libreoffice, tmp_path):
    xls = libreoffice.convert(sample, "xls", tmp_path / "lo")
    renamed = xls.rename(tmp_path / "renamed.xlsx")  # the content decides, not the name
    refused(renamed, "is an old Excel 97-2003 workbook (.xls)", "save it as an Excel workbook (.xlsx)")


def test_old_xls(tmp_path):
    path = compound_file(tmp_path / "old.xls", ["Workbook", "\x05SummaryInformation"])
    refused(path, "is an old Excel 97-2003 workbook (.xls)")


def test_password_protected_xlsx(tmp_path):
    path = compound_file(tmp_path / "secret.xlsx", ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"])
    message = refused(path, "is password-protected (encrypted)", "remove the password")
    assert ".xls)" not in message


def test_password_protected_xlsx_with_a_damaged_container(tmp_path):
    path = compound_file(tmp_path / "secret.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, 48, 999)  # the directory sector points beyond the end
    path.write_bytes(bytes(data))
    refused(path, "is password-protected (encrypted)")


def test_opendocument_spreadsheet(tmp_path):
    path = write_package(
        tmp_path / "scores.xlsx",
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"},
        zipfile.ZIP_STORED,
    )
    refused(path, "is an OpenDocument spreadsheet (.ods)", "save it as 'Excel 2007-365 (.xlsx)'")


@pytest.mark.libreoffice
def test_opendocument_spreadsheet_from_libreoffice(sample, libreoffice, tmp_path):
    refused(libreoffice.convert(sample, "ods", tmp_path / "lo"), "is an OpenDocument spreadsheet (.ods)")


def test_a_zip_that_is_not_a_spreadsheet(tmp_path):
    refused(write_package(tmp_path / "notes.xlsx", {"notes.txt": "hej"}), "is a zip file but not an Excel workbook")
    word = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
        'Target="word/document.xml"/></Relationships>',
        "word/document.xml": "<document/>",
    }
    refused(write_package(tmp_path / "letter.xlsx", word), "is a zip file but not an Excel workbook", "a Word document")
    word["word/document.xml"] = "<workbook/>"  # a workbook part anywhere else must be a workbook too
    word["_rels/.rels"] = word["_rels/.rels"].replace("word/document.xml", "other/book.xml")
    word["other/book.xml"] = f'<worksheet xmlns="{MAIN_NS}"/>'
    refused(write_package(tmp_path / "odd.xlsx", word), "is a zip file but not an Excel workbook")


def test_binary_workbook(tmp_path):
    parts = minimal_parts()
    parts["_rels/.rels"] = parts["_rels/.rels"].replace("xl/workbook.xml", "xl/workbook.bin")
    parts["xl/workbook.bin"] = "\x83\x01\x00"
    del parts["xl/workbook.xml"]
    refused(write_package(tmp_path / "binary.xlsx", parts), "is an Excel binary workbook (.xlsb)")


@pytest.fixture
def macro_workbook(tmp_path) -> Path:
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0 not a real VBA project")

    def build(workbook):
        workbook.add_worksheet().write("A1", 1)
        workbook.add_vba_project(str(vba))

    return write_xlsx(tmp_path / "macros.xlsm", build)


def test_macro_workbook_is_refused(macro_workbook):
    refused(macro_workbook, "is a macro-enabled workbook (.xlsm)", "save it as a normal Excel workbook (.xlsx)")


def test_macro_content_type_without_a_vba_project_is_refused(macro_workbook, tmp_path):
    no_vba = without(macro_workbook, tmp_path / "typed.xlsx", "vbaProject.bin")
    refused(no_vba, "is a macro-enabled workbook (.xlsm)")


def test_macro_workbook_when_allowed(macro_workbook):
    workbook = open_workbook(macro_workbook, allow_macros=True)
    assert workbook.has_macros is True
    assert workbook.cell("Sheet1", "A1").value == 1


def test_an_ordinary_workbook_has_no_macros(sample):
    assert open_workbook(sample).has_macros is False


# --- hostile files ---------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)


def test_billion_laughs_in_a_sheet_is_refused(tmp_path):
    parts = minimal_parts()
    parts["xl/worksheets/sheet1.xml"] = (
        BILLION_LAUGHS + f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        "&lol9;</t></is></c></row></sheetData></worksheet>"
    )
    path = write_package(tmp_path / "laughs.xlsx", parts)
    start = time.process_time()  # this process's CPU time: the load of a shared machine does not count
    with pytest.raises(WorkbookReadError, match="sheet 'S' contains an XML DOCTYPE or ENTITY declaration"):
        open_workbook(path)
    assert time.process_time() - start < 1


def test_external_entity_in_the_workbook_part_is_refused(tmp_path):
    parts = minimal_parts()
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        + parts["xl/workbook.xml"].split("?>", 1)[1].replace('name="S"', 'name="&secret;"')
    )
    refused(write_package(tmp_path / "xxe.xlsx", parts), "part 'xl/workbook.xml' contains an XML DOCTYPE or ENTITY")


def test_a_declaration_the_byte_check_cannot_see_is_refused_by_the_parser(tmp_path):
    # UTF-16 hides "<!DOCTYPE" from a byte search; expat's doctype handler still sees it.
    parts: dict[str, bytes | str] = dict(minimal_parts())
    parts["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY e "x">]>'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData/></worksheet>'
    ).encode("utf-16")
    path = write_package(tmp_path / "utf16.xlsx", parts)
    with pytest.raises(WorkbookReadError, match="contains an XML DOCTYPE or ENTITY declaration"):
        open_workbook(path)


def refused_quickly(path: Path, *phrases: str) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        refused(path, *phrases)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < 1, f"took {seconds:.2f} s"
    assert peak < 20 * 1024 * 1024, f"peak memory {peak:,} bytes"


def test_zip_bomb_that_lies_about_its_size(tmp_path):
    # 100 MB of zeros deflated to ~100 KB, while the headers say the part is 2,000 bytes.
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in minimal_parts().items():
            if name != "xl/workbook.xml":
                package.writestr(name, data)
        zeros_part(package, "xl/workbook.xml", 100)
    declare_size(path, "xl/workbook.xml", 2000)
    refused_quickly(path, "is damaged", "xl/workbook.xml")


def test_zip_bomb_with_a_huge_ratio(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in minimal_parts().items():
            package.writestr(name, data)
        zeros_part(package, "xl/media/image1.png", 50)
    refused_quickly(path, "is refused", "xl/media/image1.png", "more than 200 times its size")


def test_zip_that_unpacks_to_too_much(tmp_path):
    path = tmp_path / "big.xlsx"
    parts: dict[str, bytes | str] = dict(minimal_parts())
    parts.update({f"xl/media/image{n}.png": os.urandom(1024 * 1024) for n in (1, 2)})
    write_package(path, parts, zipfile.ZIP_STORED)
    for n in (1, 2):  # 1 MB stored each, declared 150 MB: a ratio of 150 passes, 300 MB in total does not
        declare_size(path, f"xl/media/image{n}.png", 150 * 1024 * 1024)
    refused_quickly(path, "is refused", "would unpack to 314,5", "more than the 200 MB allowed")


@pytest.mark.parametrize("zip64", [False, True])
def test_zip_with_too_many_parts(tmp_path, monkeypatch, zip64):
    if zip64:  # a ZIP64 end record, whose count the reader must find, as with more than 65,535 parts
        monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)
    parts: dict[str, bytes | str] = dict(minimal_parts())
    parts.update({f"xl/junk/{n}.xml": b"" for n in range(10_001)})
    path = write_package(tmp_path / "many.xlsx", parts, zipfile.ZIP_STORED)
    assert (b"PK\x06\x06" in path.read_bytes()) is zip64
    refused_quickly(path, "has 10006 parts", "more than the 10000 allowed")


def test_a_zip64_workbook_reads(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)
    zip64 = rewrite(sample, tmp_path / "zip64.xlsx", lambda name, data: data)
    assert b"PK\x06\x06" in zip64.read_bytes()
    assert open_workbook(zip64).sheet_cells("1 Område") == open_workbook(sample).sheet_cells("1 Område")


def test_zip_with_a_password(sample, tmp_path):
    data = bytearray(sample.read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 8] |= 1  # the "encrypted" flag of the first part in the central directory
    path = tmp_path / "zipcrypto.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "is a password-protected zip file")


# --- damaged parts ---------------------------------------------------------------------------


def test_a_missing_sheet_part(sample, tmp_path):
    gone = without(sample, tmp_path / "gone.xlsx", "xl/worksheets/sheet2.xml")
    refused(gone, "is damaged: sheet 'Kim's keys' points to part 'xl/worksheets/sheet2.xml', which is missing")


def test_damaged_cell_values(tmp_path):
    cases = {
        '<c r="A1"><v>abc</v></c>': "sheet 'S' holds 'abc' in cell A1, where a number belongs",
        '<c r="A1"><v>NaN</v></c>': "holds 'NaN' in cell A1",
        '<c r="A1" t="s"><v>7</v></c>': "sheet 'S' refers to shared string '7' in cell A1, which does not exist",
        '<c r="A1" t="zz"><v>1</v></c>': "has cell A1 of unknown type t='zz'",
    }
    for number, (cell, message) in enumerate(cases.items()):
        path = write_package(tmp_path / f"bad{number}.xlsx", minimal_parts(f'<row r="1">{cell}</row>'))
        with pytest.raises(WorkbookReadError, match=re.escape(message)):
            open_workbook(path).sheet_cells("S")


def test_the_fast_cell_constructor_makes_equal_cells():
    from kompass_xlsx.reader import _cell

    made = _cell("D7", NUMBER, Decimal("1.5"), "A1", True, True)
    assert made == Cell("D7", NUMBER, Decimal("1.5"), "A1", True, True)
    assert hash(made) == hash(Cell("D7", NUMBER, Decimal("1.5"), "A1", True, True))
    with pytest.raises(AttributeError):
        made.value = Decimal(2)  # type: ignore[misc]


# --- damaged files: a WorkbookReadError, never another exception (found by fuzzing) ----------


def damaged_sheet(path: Path, *phrases: str) -> str:
    """Open path and read sheet S; expect WorkbookReadError naming the file and containing every phrase."""
    with pytest.raises(WorkbookReadError) as caught:
        open_workbook(path).sheet_cells("S")
    message = str(caught.value)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message, message
    return message


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ('<row r="1"><c r="A&amp;10"><v>1</v></c></row>', "A&10"),
        ('<row r="1"><c r="1e-4007"><v>1</v></c></row>', "1e-4007"),
        ('<row r="1"><c r="A0"><v>1</v></c></row>', "A0"),
        ('<row r="1"><c r="A01"><v>1</v></c></row>', "A01"),
        ('<row r="1"><c r="XFE1"><v>1</v></c></row>', "XFE1"),  # one column beyond XFD
        ('<row r="1"><c r="A1048577"><v>1</v></c></row>', "A1048577"),  # one row beyond the last
        ('<row r="1"><c r="$A$1"><v>1</v></c></row>', "$A$1"),
        ('<row r="1"><c r="Ä1"><v>1</v></c></row>', "Ä1"),
        ('<row r="1"><c r="A1:B2"><v>1</v></c></row>', "A1:B2"),
        (f'<row r="1"><c r="A{"9" * 5000}"><v>1</v></c></row>', "A" + "9" * 36 + "..."),
        ('<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>', "XFE1"),  # no r: the column after XFD
        ('<c><v>1</v></c>', "A0"),  # no r and no row
        ('<row r="1"><c r="A1"><row/><v>1</v></c></row>', ""),  # a row inside the cell: no reference left
    ],
)
def test_a_cell_reference_that_is_not_a_cell_is_refused(tmp_path, row, shown):
    path = write_package(tmp_path / "ref.xlsx", minimal_parts(row))
    damaged_sheet(path, f"is damaged: sheet 'S' has a cell at '{shown}', which is not a cell reference", "(A1 to XFD1048576)")


def test_the_first_and_last_cells_of_a_sheet_read_and_lower_case_references_are_upper_cased(tmp_path):
    sheet_data = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="d1"><v>4</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c><c r="xfc1048576"><v>3</v></c></row>'
    )
    cells = minimal_cells(tmp_path / "corners.xlsx", sheet_data)
    assert {ref: cell.value for ref, cell in cells.items()} == {"A1": 1, "D1": 4, "XFD1048576": 2, "XFC1048576": 3}
    assert cells["D1"].ref == "D1"


@pytest.mark.parametrize("row_number", ["A0", "0", "-1", "1048577", "1e3", "", "9" * 5000])
def test_a_row_number_that_is_not_a_row_is_refused(tmp_path, row_number):
    path = write_package(tmp_path / "row.xlsx", minimal_parts(f'<row r="{row_number}"><c><v>1</v></c></row>'))
    if not row_number:  # r="" is a row without a number: the one after the previous row
        assert dict(open_workbook(path).sheet_cells("S")).keys() == {"A1"}
        return
    shown = row_number if len(row_number) <= 40 else row_number[:37] + "..."
    damaged_sheet(path, f"is damaged: sheet 'S' has a row numbered '{shown}'", "(1 to 1048576)")


def test_two_cells_at_one_reference_are_refused(tmp_path):
    for row in ('<row r="7"><c r="D7"><v>1</v></c><c r="D7"><v>2</v></c></row>',
                '<row r="7"><c r="D7"><v>1</v></c></row><row r="8"><c r="d7"><v>2</v></c></row>'):
        path = write_package(tmp_path / "twice.xlsx", minimal_parts(row))
        damaged_sheet(path, "is damaged: sheet 'S' has two cells at D7")


def test_cells_out_of_order_read(tmp_path):
    sheet_data = '<row r="2"><c r="B2"><v>4</v></c><c r="A2"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'
    cells = minimal_cells(tmp_path / "order.xlsx", sheet_data)
    assert {ref: cell.value for ref, cell in cells.items()} == {"B2": 4, "A2": 3, "A1": 1}


def test_a_negative_shared_string_index_is_refused(tmp_path):
    # shared[-1] is the last string: it must not be read as one
    parts = minimal_parts('<row r="1"><c r="A1" t="s"><v>-1</v></c></row>', shared="<si><t>x</t></si>")
    path = write_package(tmp_path / "negative.xlsx", parts)
    damaged_sheet(path, "refers to shared string '-1' in cell A1, which does not exist")


@pytest.mark.parametrize("number", ["1e999999", "-2e308", "1E+309", "1e-400", "0E-400"])
def test_a_number_no_workbook_can_hold_is_refused(tmp_path, number):
    path = write_package(tmp_path / "huge.xlsx", minimal_parts(f'<row r="1"><c r="A1"><v>{number}</v></c></row>'))
    damaged_sheet(path, f"holds '{number}' in cell A1, beyond what a number can be")


def test_the_largest_and_smallest_doubles_read(tmp_path):
    sheet_data = '<row r="1"><c r="A1"><v>1.7976931348623157E+308</v></c><c r="B1"><v>4.9E-324</v></c></row>'
    cells = minimal_cells(tmp_path / "doubles.xlsx", sheet_data)
    assert cells["A1"].value == Decimal("1.7976931348623157E+308")
    assert cells["B1"].value == Decimal("4.9E-324")


@pytest.mark.parametrize(
    "encoding", ["U--8", "rot13", "base64", "shift_jis", "undefined", "punycode", "idna", "x" * 300]
)
@pytest.mark.parametrize("part", ["xl/workbook.xml", SHEET1])
def test_a_declared_encoding_that_cannot_be_read_is_refused(tmp_path, encoding, part):
    parts = minimal_parts('<row r="1"><c r="A1"><v>1</v></c></row>')
    parts[part] = parts[part].replace('encoding="UTF-8"', f'encoding="{encoding}"')
    path = write_package(tmp_path / "encoding.xlsx", parts)
    with pytest.raises(WorkbookReadError) as caught:
        open_workbook(path).sheet_cells("S")
    message = str(caught.value)
    assert f"'{path}' is damaged: " in message
    assert "part 'xl/workbook.xml'" in message if part == "xl/workbook.xml" else "sheet 'S'" in message
    assert "declares a character encoding that cannot be read" in message


def test_a_single_byte_encoding_expat_or_python_knows_still_reads(tmp_path):
    parts: dict[str, bytes | str] = dict(minimal_parts())
    for encoding in ("ISO-8859-1", "cp1252"):
        parts[SHEET1] = (
            f'<?xml version="1.0" encoding="{encoding}"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>Område</t></is></c></row></sheetData></worksheet>'
        ).encode("latin-1")
        path = write_package(tmp_path / f"{encoding}.xlsx", parts)
        assert open_workbook(path).cell("S", "A1").value == "Område"


def test_escaped_surrogates_become_text_that_can_be_written(tmp_path):
    shared = "<si><t>_xD83D__xDE00_</t></si><si><t>a_xD800_b</t></si><si><t>_xDE00__xD83D_</t></si>"
    sheet_data = '<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{n}</v></c>' for n, c in enumerate("ABC")) + "</row>"
    cells = minimal_cells(tmp_path / "surrogates.xlsx", sheet_data, shared=shared)
    assert [cells[ref].value for ref in ("A1", "B1", "C1")] == ["\U0001F600", "a\ufffdb", "\ufffd\ufffd"]
    for cell in cells.values():
        cell.value.encode("utf-8")  # a lone surrogate cannot be printed or written as JSON


def test_a_zip64_end_record_cut_short_is_refused(sample, tmp_path):
    data = sample.read_bytes()
    at = data.rfind(b"PK\x05\x06")
    end = bytearray(data[at : at + 22])
    struct.pack_into("<H", end, 10, 0xFFFF)  # "see the ZIP64 end record"
    struct.pack_into("<H", end, 20, 4)  # a 4-byte comment: the ZIP64 record's signature, and nothing after it
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, at + 20 + 22, 1)
    path = tmp_path / "zip64.xlsx"
    path.write_bytes(data[:at] + locator + bytes(end) + b"PK\x06\x06")
    with pytest.raises(WorkbookReadError):
        open_workbook(path)


def test_a_zip_version_zipfile_cannot_read_is_refused(sample, tmp_path):
    data = bytearray(sample.read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 6, 160)  # "version needed to extract": 16.0
    path = tmp_path / "version.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "uses a zip format Excel does not write", "zip file version 16.0")


@pytest.mark.parametrize("compression", [12, 14, 99])  # bzip2 and LZMA over deflated data, an unknown method
def test_a_part_with_the_wrong_compression_method_is_refused(sample, tmp_path, compression):
    data = bytearray(sample.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at >= 0:
            struct.pack_into("<H", data, at + offset, compression)
            at = data.find(signature, at + 4)
    path = tmp_path / "method.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookReadError):
        open_workbook(path)


def test_a_stored_part_marked_lzma_with_bad_properties_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("KOMPASS_LANG", "en")
    parts: dict[str, bytes | str] = dict(minimal_parts())
    parts["xl/workbook.xml"] = b"\x09\x14\x05\x00" + b"\xff" * 5 + b"<workbook/>"  # LZMA properties no coder takes
    data = bytearray(write_package(tmp_path / "lzma.xlsx", parts, zipfile.ZIP_STORED).read_bytes())
    for signature, method_at, name_length_at, name_at in ((b"PK\x03\x04", 8, 26, 30), (b"PK\x01\x02", 10, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_length_at)[0]
            if data[at + name_at : at + name_at + length] == b"xl/workbook.xml":
                struct.pack_into("<H", data, at + method_at, zipfile.ZIP_LZMA)
            at = data.find(signature, at + 4)
    path = tmp_path / "lzma.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "uses a zip compression (method 14 in part 'xl/workbook.xml') that Excel cannot open")


def opened_within(path: Path, seconds: float) -> BaseException | None:
    """What open_workbook(path) raised within the time limit (None when it returned); fails when it blocks."""
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            open_workbook(path)
            outcome.append(None)
        except BaseException as err:  # noqa: BLE001 - handed to the test
            outcome.append(err)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"open_workbook({str(path)!r}) still reading after {seconds} s"
    return outcome[0]


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    error = opened_within(pipe, 2)
    assert isinstance(error, WorkbookReadError)
    assert str(error) == f"'{pipe}' is not a regular file (it is a device, a pipe or a socket), so it is not a workbook"


def test_an_endless_device_is_refused_without_reading_it():
    error = opened_within(Path("/dev/zero"), 2)
    assert isinstance(error, WorkbookReadError)
    assert "is not a regular file" in str(error)


def test_a_path_with_a_nul_character_is_refused(tmp_path):
    with pytest.raises(WorkbookReadError, match="cannot be read"):
        open_workbook(str(tmp_path / "a\0b.xlsx"))


def test_sheets_that_share_a_part_parse_it_once(tmp_path):
    # 3,000 sheets over one part of 50,000 cells: 140 KB of file, and minutes of parsing when each sheet parses it
    rows = ("".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ") for r in range(1, 5001))
    parts = minimal_parts("".join(f'<row r="{r}">{cells}</row>' for r, cells in enumerate(rows, 1)))
    sheets = "".join(f'<sheet name="S{n}" sheetId="{n + 1}" r:id="rId1"/>' for n in range(3000))
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace('<sheet name="S" sheetId="1" r:id="rId1"/>', sheets)
    workbook = open_workbook(write_package(tmp_path / "shared.xlsx", parts))
    start = time.perf_counter()
    first = workbook.sheet_cells("S0")
    assert all(workbook.sheet_cells(sheet.name) is first for sheet in workbook.sheets)
    assert len(first) == 50_000
    assert time.perf_counter() - start < 2


def test_an_inline_string_of_many_runs_takes_linear_time(tmp_path):
    # Adding the runs up one by one took seconds for 8 MB, and minutes for more. Twice the runs must take
    # about twice the time (four times would be quadratic). The time is this process's CPU time, the
    # fastest of three reads of each size, and no absolute limit is set: the other processes of a
    # shared machine (a CI runner) must not decide.
    def fastest(count: int) -> float:
        parts = minimal_parts(f'<row r="1"><c r="A1" t="inlineStr"><is>{"<r><t>ab</t></r>" * count}</is></c></row>')
        path = write_package(tmp_path / f"runs{count}.xlsx", parts, zipfile.ZIP_STORED)
        times = []
        for _ in range(3):
            start = time.process_time()
            assert open_workbook(path).cell("S", "A1").value == "ab" * count
            times.append(time.process_time() - start)
        return min(times)

    small, large = fastest(150_000), fastest(300_000)
    assert large < 3 * small, (small, large)


def test_the_hash_is_of_the_bytes_read(sample):
    workbook = open_workbook(sample)
    assert workbook.sha256 == hashlib.sha256(sample.read_bytes()).hexdigest()


# A small fuzzer: a real scoring workbook, damaged at random in its XML parts and its zip structure.

FUZZ_VALUES = (
    b"9" * 5000, b"-1", b"-0", b"1e999999", b"1e-4007", b"", b"A0", b"A&amp;10", b"XFE1", b"A1048577", b"a1",
    b"NaN", b" 3 ", "\u0663".encode(), b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"&#0;", b"_xD800_", b"1_0",
    b"99999999999999999999", b"2e308", b"$A$1", b"s", b"str", b"e", b"b", b"d", b"inlineStr", b"zz", b"#REF!",
)
FUZZ_ENCODINGS = (b"U--8", b"rot13", b"shift_jis", b"undefined", b"punycode", b"utf-16", b"cp1252", b"x" * 300)
FUZZ_ATTRIBUTE = re.compile(rb'\s([\w:]+)="([^"]*)"')
FUZZ_TEXT = re.compile(rb">([^<]+)<")
FUZZ_ELEMENT = re.compile(rb"<(\w[\w:]*)[^>]*?(?:/>|>[^<]*</\1>)")
# zip header fields (offset, struct format) after each signature: versions, flags, methods, sizes, offsets
ZIP_FIELDS = {
    b"PK\x01\x02": [(6, "H"), (8, "H"), (10, "H"), (20, "I"), (24, "I"), (28, "H"), (30, "H"), (42, "I")],
    b"PK\x03\x04": [(4, "H"), (6, "H"), (8, "H"), (18, "I"), (22, "I"), (26, "H"), (28, "H")],
    b"PK\x05\x06": [(8, "H"), (10, "H"), (12, "I"), (16, "I"), (20, "H")],
}
ZIP_VALUES = (0, 1, 8, 12, 14, 63, 99, 160, 0x800, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF)


def damaged_xml(rng: random.Random, data: bytes) -> bytes:
    """An XML part with one kind of damage: a flipped byte, cut off, a bad value, bad bytes, a deep or a
    repeated, swapped or missing element, an encoding no one can read."""
    attribute = rng.choice(list(FUZZ_ATTRIBUTE.finditer(data)) or [None])
    text = rng.choice(list(FUZZ_TEXT.finditer(data)) or [None])
    elements = list(FUZZ_ELEMENT.finditer(data))
    element = rng.choice(elements or [None])
    at = rng.randrange(len(data) + 1)
    damage = rng.randrange(11)
    if damage == 0:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if damage == 1:
        return data[:at]
    if damage == 2 and attribute:
        return data[: attribute.end()] + b" " + attribute[1] + b'="' + attribute[2] + b'"' + data[attribute.end() :]
    if damage in (3, 4) and attribute:
        return data[: attribute.start(2)] + rng.choice(FUZZ_VALUES) + data[attribute.end(2) :]
    if damage == 5 and text:
        return data[: text.start(1)] + rng.choice(FUZZ_VALUES) + data[text.end(1) :]
    if damage == 6:
        return data[:at] + rng.choice((b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x1f")) + data[at:]
    if damage == 7 and element:
        depth = rng.choice((100, 50_000))
        return data[: element.end()] + b"<a>" * depth + b"</a>" * depth + data[element.end() :]
    if damage == 8 and element:
        return data[: element.end()] + element[0] * rng.choice((1, 500)) + data[element.end() :]
    if damage == 9 and len(elements) > 1:
        first, second = sorted(rng.sample(elements, 2), key=lambda match: match.start())
        if first.end() <= second.start():
            middle = data[first.end() : second.start()]
            return data[: first.start()] + second[0] + middle + first[0] + data[second.end() :]
    if damage == 10:
        encoding = b'encoding="' + rng.choice(FUZZ_ENCODINGS) + b'"'
        return re.sub(rb'encoding="[^"]*"', encoding, data, count=1)
    return data[: element.start()] + data[element.end() :] if element else data


def damaged_zip(rng: random.Random, data: bytes) -> bytes:
    """A package with a few header fields of its zip structure set to odd values."""
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        signature = rng.choice(list(ZIP_FIELDS))
        spots = [match.start() for match in re.finditer(re.escape(signature), data)]
        offset, field = rng.choice(ZIP_FIELDS[signature])
        at = rng.choice(spots) + offset
        if at + struct.calcsize(field) <= len(damaged):
            value = rng.choice(ZIP_VALUES + (rng.randrange(1 << 16),)) & (0xFFFF if field == "H" else 0xFFFFFFFF)
            struct.pack_into("<" + field, damaged, at, value)
    return bytes(damaged)


@contextmanager
def time_limit(seconds: float):
    """Fail instead of hanging (where the platform has interval timers)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(*_args: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_damaged_scoring_workbooks_are_read_or_refused_never_crash(tmp_path):
    from kompass_xlsx.checking import check_workbook
    from kompass_xlsx.findings import FindingCode
    from kompass_xlsx.frameworks import get_framework

    from workbook_helpers import write_filled

    framework = get_framework("2020")
    base = write_filled(tmp_path / "base.xlsx", framework, {q.id: Decimal(q.max // 2) for q in framework.questions})
    with zipfile.ZipFile(base) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    xml_parts = sorted(name for name in parts if name.endswith((".xml", ".rels")))
    rng = random.Random(20240611)
    outcomes: Counter[str] = Counter()
    path = tmp_path / "damaged.xlsx"
    for number in range(300):
        mutant = dict(parts)
        for _ in range(rng.choice((1, 1, 2, 3))):
            name = rng.choice(xml_parts)
            mutant[name] = damaged_xml(rng, mutant[name])
        packed = BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in mutant.items():
                package.writestr(name, data)
        data = packed.getvalue()
        path.write_bytes(damaged_zip(rng, data) if number % 8 == 0 else data)
        with time_limit(5):
            try:
                workbook = open_workbook(path)
                for sheet in workbook.sheets:
                    workbook.sheet_cells(sheet.name)
                outcomes["read"] += 1
            except WorkbookReadError:
                outcomes["refused"] += 1
            result = check_workbook(path)
        unreadable = [f for f in result.findings if f.code is FindingCode.FILE_UNREADABLE]
        outcomes["unreadable" if unreadable else "checked"] += 1
    # both kinds of outcome, in numbers that show the damage reaches past the zip into the cells
    assert outcomes["read"] > 50 and outcomes["refused"] > 50 and outcomes["checked"] > 50, outcomes
