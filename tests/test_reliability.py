"""Defect classes found by differential fuzzing (our reading against LibreOffice's), one test each.

Every input is built in code: a filled scoring workbook with one part edited, or a package of a
few parts. Each class is either read exactly as a spreadsheet program shows it, or a finding
(FILE_UNREADABLE when no spreadsheet opens the file) — never a silent choice, never a traceback.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompass_xlsx.checking import FLOAT_NOISE, check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.errors import WorkbookReadError
from kompass_xlsx.reader import Cell, CellKind, open_workbook

from fault_helpers import (
    MAIN_NS,
    PKG_REL_NS,
    REL_NS,
    edited_part,
    filled,
    minimal_parts,
    one_cell,
    parts_of,
    score_place,
    with_cell,
    write_parts,
)

NUMBER, TEXT = CellKind.NUMBER, CellKind.TEXT


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in English, whatever KOMPASS_LANG says where the suite runs (Swedish is the default)."""
    monkeypatch.setenv("KOMPASS_LANG", "en")


@pytest.fixture
def valid(tmp_path) -> Path:
    return filled(tmp_path / "valid.xlsx")


def codes(result) -> list[str]:
    return [f.code.value for f in result.findings]


def unreadable(result, *phrases: str) -> None:
    assert codes(result) == ["FILE_UNREADABLE"] and not result.valid
    for phrase in phrases:
        assert phrase in result.findings[0].message


# --- numbers a spreadsheet would not take ----------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    ["1_0", "\uff15", "\u0661\u0660", "\u0967", "5\u00a0", "\u20035", "1 0", "0x10", "INF", "-INF", "NaN", "5,5", "1e", "e5", "+-1", ""],
)
def test_a_number_is_read_only_in_the_xml_schema_double_form(tmp_path, stored):
    # LibreOffice reads '1_0' as 1 and full-width or Arabic-Indic digits as 0; Decimal() took them as 10 and 5
    xml = f'<c r="A1"><v>{stored}</v></c>'
    if not stored:
        assert one_cell(tmp_path / "n.xlsx", xml) == {}
        return
    with pytest.raises(WorkbookReadError, match="where a number belongs"):
        one_cell(tmp_path / "n.xlsx", xml)


@pytest.mark.parametrize(
    ("stored", "value"),
    [(" 5 ", "5"), ("\n7\t", "7"), ("5.", "5"), (".5", "0.5"), ("+5", "5"), ("1E3", "1E+3"), ("-0", "-0"), ("2.5e-1", "0.25")],
)
def test_the_xml_schema_double_forms_read_exactly(tmp_path, stored, value):
    cell = one_cell(tmp_path / "n.xlsx", f'<c r="A1"><v>{stored}</v></c>')["A1"]
    assert cell.kind is NUMBER and cell.value == Decimal(value)


@pytest.mark.parametrize("stored", ["1e1000000", "-1E+1000000", "1e999999", "9e99999999999999999999", "1e-1000000"])
def test_a_huge_exponent_is_refused_not_a_traceback(tmp_path, valid, stored):
    with pytest.raises(WorkbookReadError, match="beyond what a number can be"):
        one_cell(tmp_path / "n.xlsx", f'<c r="A1"><v>{stored}</v></c>')
    result = check_workbook(with_cell(valid, tmp_path / "huge.xlsx", "1.1", f'<c r="{{ref}}"><v>{stored}</v></c>'))
    unreadable(result, "beyond what a number can be")


def test_a_huge_exponent_does_not_stop_a_merge(tmp_path, valid):
    folder = tmp_path / "in"
    folder.mkdir()
    with_cell(valid, folder / "huge.xlsx", "1.1", '<c r="{ref}"><v>1e1000000</v></c>')
    filled(folder / "ok.xlsx", municipality="Annanby", workbook_id="00000000-0000-4000-8000-000000000009")
    run = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(tmp_path / "n.xlsx"), "--no-cache", "--jobs", "1"])
    assert run.exit_code == 1, run.output
    assert (tmp_path / "n.xlsx").exists() and "Traceback" not in run.output


# --- which value of a cell counts -------------------------------------------------------------


def test_a_number_cell_with_inline_text_is_its_number_as_libreoffice_shows(tmp_path):
    assert one_cell(tmp_path / "a.xlsx", '<c r="A1"><v>5</v><is><t>7</t></is></c>') == {"A1": Cell("A1", NUMBER, Decimal(5))}
    # <is> outside an inlineStr cell is shown by no program: the cell is empty, not 7
    assert one_cell(tmp_path / "b.xlsx", '<c r="A1"><is><t>7</t></is></c>') == {}
    assert one_cell(tmp_path / "c.xlsx", '<c r="A1" t="n"><is><t>7</t></is></c>') == {}


def test_an_inline_string_cell_is_its_inline_text(tmp_path):
    cells = one_cell(tmp_path / "a.xlsx", '<c r="A1" t="inlineStr"><is><t>5</t><r><t>0</t></r></is></c>')
    assert cells == {"A1": Cell("A1", TEXT, "50")}


@pytest.mark.parametrize("cell", ['<c r="A1" t="inlineStr"><v>5</v></c>', '<c r="A1" t="inlineStr"><v>5</v><is><t>7</t></is></c>'])
def test_an_inline_string_cell_with_a_stored_value_is_refused(tmp_path, cell):
    # LibreOffice shows such a cell empty, Excel its inline text: no reading would match both
    with pytest.raises(WorkbookReadError, match="inline-text cell A1"):
        one_cell(tmp_path / "a.xlsx", cell)


@pytest.mark.parametrize("stored", ["5", "2024-01-02", "1900-01-05T00:00:00"])
def test_an_iso_date_cell_in_a_score_is_a_date(tmp_path, valid, stored):
    # Excel and LibreOffice show a t="d" cell as a date (LibreOffice: the serial day number)
    result = check_workbook(with_cell(valid, tmp_path / "d.xlsx", "1.1", f'<c r="{{ref}}" t="d"><v>{stored}</v></c>'))
    assert codes(result) == ["SCORE_IS_DATE"] and not result.valid


# --- namespaces --------------------------------------------------------------------------------


def test_an_element_in_a_foreign_namespace_is_not_spreadsheetml(tmp_path, valid):
    assert one_cell(tmp_path / "a.xlsx", '<c r="A1"><v xmlns="urn:other">7</v></c>') == {}
    assert one_cell(tmp_path / "b.xlsx", '<c r="A1" xmlns:o="urn:other"><o:v>7</o:v></c>') == {}
    # an attribute in another namespace is not the cell's type
    cells = one_cell(tmp_path / "c.xlsx", '<c r="A1" xmlns:o="urn:other" o:t="s"><v>7</v></c>')
    assert cells == {"A1": Cell("A1", NUMBER, Decimal(7))}
    # the score cell's value in another namespace: the score is missing, as LibreOffice shows it
    result = check_workbook(with_cell(valid, tmp_path / "ns.xlsx", "1.1", '<c r="{ref}"><v xmlns="urn:other">7</v></c>'))
    assert codes(result) == ["SCORE_MISSING"]


def test_a_prefix_bound_to_spreadsheetml_is_spreadsheetml(tmp_path):
    cells = one_cell(tmp_path / "a.xlsx", f'<c r="A1" xmlns:x="{MAIN_NS}"><x:v>7</x:v></c>')
    assert cells == {"A1": Cell("A1", NUMBER, Decimal(7))}


def test_an_unbound_prefix_is_refused(tmp_path, valid):
    with pytest.raises(WorkbookReadError, match="unbound prefix"):
        one_cell(tmp_path / "a.xlsx", '<c r="A1"><q:v>7</q:v></c>')
    unreadable(check_workbook(edited_part(valid, tmp_path / "b.xlsx", "docProps/app.xml", "<Application>", "<q:Application>")), "unbound prefix")


def test_a_root_element_in_a_foreign_namespace_is_refused(tmp_path):
    parts = minimal_parts('<row r="1"><c r="A1"><v>1</v></c></row>')
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(MAIN_NS, "urn:not-spreadsheetml")
    with pytest.raises(WorkbookReadError, match="is not SpreadsheetML"):
        open_workbook(write_parts(tmp_path / "a.xlsx", parts))


def test_strict_open_xml_namespaces_read(tmp_path):
    strict_main, strict_rel = "http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships"
    parts = minimal_parts('<row r="1"><c r="A1"><v>3</v></c></row>')
    for name in ("xl/workbook.xml", "xl/worksheets/sheet1.xml"):
        parts[name] = parts[name].replace(MAIN_NS, strict_main).replace(REL_NS, strict_rel)
    assert open_workbook(write_parts(tmp_path / "strict.xlsx", parts)).cell("S", "A1").value == 3


# --- repeated ids, names and keys --------------------------------------------------------------


def test_two_relationships_with_one_id_are_refused(tmp_path, valid):
    rels = "xl/_rels/workbook.xml.rels"
    data = parts_of(valid)[rels].decode()
    first = data[data.index("<Relationship ") : data.index("/>", data.index("<Relationship ")) + 2]
    repeated = first.replace('Target="', 'Target="x').replace("worksheets/", "worksheets/other")
    result = check_workbook(edited_part(valid, tmp_path / "ids.xlsx", rels, first, first + repeated))
    unreadable(result, "has two relationships with the id 'rId1'")


@pytest.mark.parametrize("second_name", ["xl/workbook.xml", "XL/Workbook.xml", "xl\\workbook.xml"])
def test_a_part_stored_twice_in_the_zip_is_refused(tmp_path, valid, second_name):
    parts = list(parts_of(valid).items())
    workbook = dict(parts)["xl/workbook.xml"]
    with pytest.warns(UserWarning) if second_name == "xl/workbook.xml" else _nothing():
        write_parts(tmp_path / "twice.xlsx", [*parts, (second_name, workbook)])
    unreadable(check_workbook(tmp_path / "twice.xlsx"), "is in its zip package twice")


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_backslashes_in_member_names_are_read_as_excel_reads_them(tmp_path, valid):
    parts = [(name.replace("/", "\\"), data) for name, data in parts_of(valid).items()]
    result = check_workbook(write_parts(tmp_path / "windows.xlsx", parts))
    assert result.valid and result.total == check_workbook(valid).total


def test_a_score_cell_inside_merged_cells_is_a_finding(tmp_path, valid):
    part, ref = score_place(valid, "1.1")
    row = ref[1:]
    merged = edited_part(valid, tmp_path / "merged.xlsx", part, '<mergeCells count="2">', f'<mergeCells count="3"><mergeCell ref="C{row}:D{row}"/>')
    result = check_workbook(merged)
    assert codes(result) == ["SCORE_IN_MERGED_CELLS"] and not result.valid
    assert result.findings[0].cell == ref and f"C{row}:D{row}" in result.findings[0].message
    # the first cell of a range is what the sheet shows: a score there is read
    first = edited_part(valid, tmp_path / "first.xlsx", part, '<mergeCells count="2">', f'<mergeCells count="3"><mergeCell ref="D{row}:E{row}"/>')
    assert check_workbook(first).valid


def test_a_key_given_twice_in_the_hidden_sheet_is_a_finding(tmp_path, valid):
    from kompass_xlsx.layout import META_SHEET

    workbook = open_workbook(valid)
    part = workbook._sheet_parts[META_SHEET]  # noqa: SLF001
    rows = parts_of(valid)[part].decode().count("<row ")
    framework_row = next(ref for ref, cell in workbook.sheet_cells(META_SHEET).items() if cell.value == "framework")
    assert workbook.sheet_cells(META_SHEET)["B" + framework_row[1:]].value == "2020"
    extra = (
        f'<row r="{rows + 5}"><c r="A{rows + 5}" t="inlineStr"><is><t>framework</t></is></c>'
        f'<c r="B{rows + 5}" t="inlineStr"><is><t>2016</t></is></c></row>'
    )
    twice = edited_part(valid, tmp_path / "twice.xlsx", part, "</sheetData>", extra + "</sheetData>")
    result = check_workbook(twice)
    assert codes(result) == ["META_KEY_REPEATED"] and not result.valid
    assert "'2020'" in result.findings[0].message and "'2016'" in result.findings[0].message
    same = edited_part(valid, tmp_path / "same.xlsx", part, "</sheetData>", extra.replace("2016", "2020") + "</sheetData>")
    assert check_workbook(same).valid


# --- packages no spreadsheet opens ---------------------------------------------------------------


@pytest.mark.parametrize(("method", "number"), [(zipfile.ZIP_LZMA, 14), (zipfile.ZIP_BZIP2, 12)])
def test_lzma_and_bzip2_members_are_refused(tmp_path, valid, method, number):
    parts = parts_of(valid)
    path = tmp_path / "packed.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data, compress_type=method if name == "docProps/app.xml" else zipfile.ZIP_DEFLATED)
    unreadable(check_workbook(path), f"method {number}", "docProps/app.xml")


@pytest.mark.parametrize(
    ("missing", "phrase"),
    [("[Content_Types].xml", "[Content_Types].xml"), ("_rels/.rels", "_rels/.rels"), ("xl/workbook.xml", "is missing")],
)
def test_a_package_without_its_required_parts_is_unreadable(tmp_path, valid, missing, phrase):
    parts = {name: data for name, data in parts_of(valid).items() if name != missing}
    unreadable(check_workbook(write_parts(tmp_path / "missing.xlsx", parts)), phrase)


def test_package_relationships_naming_no_workbook_are_unreadable(tmp_path, valid):
    parts = parts_of(valid)
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}"></Relationships>'
    ).encode()
    unreadable(check_workbook(write_parts(tmp_path / "norel.xlsx", parts)), "names no workbook part")


@pytest.mark.parametrize(
    ("part", "damage"),
    [
        ("docProps/app.xml", lambda data: data.replace(b"Microsoft", b"Micro\xff\xfesoft")),
        ("docProps/core.xml", lambda data: data.replace(b"</cp:coreProperties>", b"")),
        ("xl/theme/theme1.xml", lambda data: data[: len(data) // 2]),
        ("xl/charts/chart1.xml", lambda data: data.replace(b"?>", b'?><!DOCTYPE c [<!ENTITY e "x">]>', 1)),
        ("xl/drawings/_rels/drawing1.xml.rels", lambda data: data + b"<extra/>"),
    ],
)
def test_damage_in_a_part_that_is_not_read_makes_the_file_unreadable(tmp_path, valid, part, damage):
    parts = parts_of(valid)
    parts[part] = damage(parts[part])
    unreadable(check_workbook(write_parts(tmp_path / "damaged.xlsx", parts)), part)


def test_invalid_utf8_in_a_read_part_is_refused(tmp_path, valid):
    part, _ = score_place(valid, "1.1")
    damaged = edited_part(valid, tmp_path / "utf8.xlsx", part, "<sheetData>", b"<sheetData>\xc3(")
    unreadable(check_workbook(damaged), "not well-formed")


# --- float noise ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "stored", "read"),
    [("1.1", "10.000000000000002", None), ("1.1", "9.9999999999999982", None), ("1.2", "-2.8E-17", "0"), ("1.2", "2.8E-17", "0"), ("1.2", "3.0000000000000004", "3")],
)
def test_float_noise_is_removed_before_the_sign_and_max_checks(tmp_path, valid, question, stored, read):
    from kompass_xlsx.frameworks import get_framework

    maximum = get_framework("2020").questions_by_id[question].max
    read = read or str(maximum)
    stored = stored if not stored.startswith(("10.", "9.9")) else stored.replace("10", str(maximum), 1).replace("9.99", str(maximum - 1) + ".99", 1)
    result = check_workbook(with_cell(valid, tmp_path / "noise.xlsx", question, f'<c r="{{ref}}"><v>{stored}</v></c>'))
    assert result.evaluation.scores[question] == Decimal(read), stored
    assert not {"SCORE_NEGATIVE", "SCORE_ABOVE_MAX", "SCORE_OFF_STEP"} & set(codes(result))


def test_the_float_noise_tolerance_is_far_below_any_step(frameworks):
    assert FLOAT_NOISE == Decimal("1E-9")
    assert all(FLOAT_NOISE * 1000 < fw.step for fw in frameworks.values())


def test_a_value_beyond_the_tolerance_is_judged_as_stored(tmp_path, valid):
    result = check_workbook(with_cell(valid, tmp_path / "above.xlsx", "1.2", '<c r="{ref}"><v>-0.000001</v></c>'))
    assert codes(result) == ["SCORE_NEGATIVE"]


# --- names with control characters ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["Ab\x01c", "Ab\x1b[2Jc", "Ab\ufffec", "Ab\tc"])
def test_check_flags_a_municipality_with_control_characters(tmp_path, name):
    result = check_workbook(filled(tmp_path / "ctl.xlsx", municipality=name))
    assert codes(result) == ["MUNICIPALITY_INVALID"] and not result.valid
    assert "\\u00" in result.findings[0].message or "\\ufffe" in result.findings[0].message


def test_a_control_character_written_into_a_workbook_leaves_it_well_formed(tmp_path):
    # the summary's subtitle is a formula whose cached value holds the municipality: XlsxWriter wrote it raw
    path = filled(tmp_path / "ctl.xlsx", municipality="Ab\x01c")
    for name, data in parts_of(path).items():
        assert b"\x01" not in data, name
    open_workbook(path)  # every part well-formed


@pytest.mark.parametrize("option", ["--municipality", "--evaluator"])
@pytest.mark.parametrize("value", ["Ab\x1bc", "Ab\udcffc", "Ab\x00c"])
def test_new_refuses_control_characters_and_invalid_utf8_in_names(tmp_path, option, value):
    args = ["new", "--framework", "2020", "--municipality", "Åre", "--year", "2024", "-o", str(tmp_path / "n.xlsx")]
    if option == "--municipality":
        args[args.index("--municipality") + 1] = value
    else:
        args += ["--evaluator", value]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 2, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)
    assert option in run.output and "\x1b" not in run.output and "\\u" in run.output
    assert not (tmp_path / "n.xlsx").exists()


def test_new_refuses_a_municipality_of_invalid_utf8_bytes_in_a_real_process(tmp_path):
    import os
    import subprocess
    import sys

    output = tmp_path / "n.xlsx"
    completed = subprocess.run(
        [sys.executable, "-m", "kompass_xlsx", "new", "--framework", "2020", "--municipality", os.fsdecode(b"G\xe4vle"), "--year", "2024", "-o", str(output)],
        capture_output=True,
    )
    assert completed.returncode == 2 and b"Traceback" not in completed.stderr
    assert b"--municipality" in completed.stderr and not output.exists()


# --- long comments -------------------------------------------------------------------------------


def test_a_comment_longer_than_a_cell_is_warned_and_cut_in_the_national_merge(tmp_path, valid):
    import openpyxl

    from kompass_xlsx.layout import comment_name

    workbook = open_workbook(valid)
    name = workbook.defined_names[comment_name("1.1")]
    part = workbook._sheet_parts[name.sheet]  # noqa: SLF001
    folder = tmp_path / "in"
    folder.mkdir()
    long = with_cell(valid, folder / "long.xlsx", "1.1", '<c r="{ref}"><v>1</v></c>')
    parts = parts_of(long)
    xml = parts[part].decode()
    cell = f'<c r="{name.ref}" t="inlineStr"><is><t>{"y" * 40_000}</t></is></c>'
    import re

    xml, count = re.subn(rf'<c r="{name.ref}"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1, flags=re.DOTALL)
    if not count:
        row = name.ref[1:]
        xml = re.sub(rf'(<row r="{row}"[^>]*>.*?)(</row>)', lambda m: m[1] + cell + m[2], xml, count=1, flags=re.DOTALL)
    parts[part] = xml.encode()
    write_parts(long, parts)
    result = check_workbook(long)
    assert result.valid and codes(result) == ["COMMENT_TOO_LONG"]
    filled(folder / "other.xlsx", municipality="Annanby", workbook_id="00000000-0000-4000-8000-000000000009")
    output = tmp_path / "national.xlsx"
    run = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(output), "--no-cache", "--jobs", "1"])
    assert run.exit_code == 0, run.output
    assert "Warning: " in run.stderr and "long.xlsx: the comment on question 1.1 is longer than a cell holds" in run.stderr
    national = openpyxl.load_workbook(output, read_only=True)
    longest = max(len(str(value)) for sheet in national.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value)
    assert longest == 32767


# --- LibreOffice, the second real program ----------------------------------------------------------

SHOWN_AS_READ = {
    "v_and_is": ('<c r="A1"><v>5</v><is><t>7</t></is></c>', "5"),
    "is_in_a_number": ('<c r="A1"><is><t>7</t></is></c>', ""),
    "foreign_v": ('<c r="A1"><v xmlns="urn:other">7</v></c>', ""),
    "bound_prefix": (f'<c r="A1" xmlns:x="{MAIN_NS}"><x:v>7</x:v></c>', "7"),
    "foreign_type": ('<c r="A1" xmlns:o="urn:other" o:t="s"><v>7</v></c>', "7"),
    "spaces": ('<c r="A1"><v> 5. </v></c>', "5"),
    "inline": ('<c r="A1" t="inlineStr"><is><t>a</t><r><t>b</t></r></is></c>', "ab"),
}


@pytest.mark.libreoffice
def test_libreoffice_shows_these_cells_as_the_reader_reads_them(tmp_path, libreoffice):
    import subprocess

    files = []
    for name, (xml, _) in SHOWN_AS_READ.items():
        files.append(write_parts(tmp_path / f"{name}.xlsx", minimal_parts(f'<row r="1">{xml}</row>')))
    out = tmp_path / "csv"
    subprocess.run(
        [libreoffice.binary, f"-env:UserInstallation={libreoffice.profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "csv", "--outdir", str(out), *map(str, files)],
        capture_output=True, timeout=300, check=True,
    )
    for name, (xml, shown) in SHOWN_AS_READ.items():
        assert (out / f"{name}.csv").read_text().strip() == shown, name
        cell = open_workbook(tmp_path / f"{name}.xlsx").cell("S", "A1")
        assert ("" if cell is None else str(cell.value)) == shown, name
