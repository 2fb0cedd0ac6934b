"""The register of municipalities and groups, and what uses it: `kompass new`, `kompass check` and the
national figures; the form's text inputs that grow with what is typed; the form's guidance."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.consensus import make_consensus
from kompass_xlsx.findings import FindingCode, finding
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.identity_checks import fitting_version
from kompass_xlsx.layout import comment_name
from kompass_xlsx.merging import merge_results
from kompass_xlsx.municipalities import GROUPS, parse_register, register, resolved_group
from kompass_xlsx.workbooks.common import text_height
from kompass_xlsx.workbooks.national import build_national_workbook
from kompass_xlsx.workbooks.scoring_form import COMMENT_WIDTH, INSTRUCTIONS_WIDTH, QUESTION_WIDTH

from workbook_helpers import defined_cell, write_filled

VERSIONS = ["2002", "2010", "2016", "2020"]


def full_scores(framework, points=Decimal(1)):
    return {q.id: points for q in framework.questions}


# --- the register ----------------------------------------------------------------------------


def test_register_has_the_290_municipalities_with_unique_codes_groups_among_the_nine_and_its_sources():
    known = register()
    codes = [m.code for m in known.municipalities]
    assert len(known.municipalities) == 290
    assert len(set(codes)) == 290 and all(re.fullmatch(r"[0-9]{4}", code) for code in codes)
    assert len({m.name for m in known.municipalities}) == 290
    assert {m.group for m in known.municipalities} == set(GROUPS.values()) and len(GROUPS) == 9
    assert "SKR" in known.sources["source_groups"] and "Kommungruppsindelning 2023" in known.sources["source_groups"]
    assert "SCB" in known.sources["source_codes"] and known.sources["date"].startswith("2023")
    assert (known.find("Kalix").code, known.find("Kalix").group) == ("2514", "Landsbygdskommun")
    assert known.find("stockholm").group == "Storstäder" and known.find("Göteborgs stad").code == "1480"
    assert known.find("Malung-Sälen").code == "2023" and known.find("Håbo").code == "0305" and known.find("Habo").code == "0643"


def test_the_register_is_package_data_inside_kompass_xlsx():
    import kompass_xlsx

    data = Path(kompass_xlsx.__file__).parent / "data" / "kommuner.csv"
    assert data.is_file() and parse_register(data.read_text(encoding="utf-8")) == register()
    with pytest.raises(ValueError, match="unknown group code 'X9'"):
        parse_register("kod,kommun,gruppkod,kommungrupp\n0001,Nowhere,X9,Nothing\n")


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("landsbygdskommun ", ("Landsbygdskommun", False)),  # one of the nine: as the register spells it
        ("Pendlingskommun nära mindre stad/tätort", ("Pendlingskommun nära mindre tätort", False)),  # the 2017 name
        ("", ("Landsbygdskommun", True)),  # missing: the register's
        ("Storstader", ("Landsbygdskommun", True)),  # misspelt: the register's, not the near group
        ("Egen grupp", ("Egen grupp", False)),  # another grouping keeps its own
    ],
)
def test_resolved_group_of_kalix(group, expected):
    resolved = resolved_group("Kalix", group)
    assert (resolved.name, resolved.from_register) == expected


def test_a_municipality_outside_the_register_keeps_its_own_group():
    assert resolved_group("Oslo", "Storstad").name == "Storstad"
    assert resolved_group("Oslo", "").name is None


# --- every text input grows with what is typed ---------------------------------------------------


def sheet_xml(data: bytes, workbook, sheet_name: str) -> str:
    index = workbook.sheetnames.index(sheet_name) + 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def assert_text_inputs_grow(data: bytes, framework) -> int:
    """Every comment, strengths and improvements input (and the details' text inputs) wraps, is not
    merged, sits in a row without a custom height, and its sheet lets the evaluator format rows."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    names = [comment_name(q.id) for q in framework.questions]
    names += [f"{kind}_{a.number}" for a in framework.areas for kind in ("strengths", "improvements")]
    names += ["municipality", "evaluators", "municipality_group"]
    checked = 0
    for name in names:
        cell = defined_cell(workbook, name)
        sheet = cell.parent
        assert cell.alignment.wrap_text is True, name
        assert cell.protection.locked is False, name
        assert not any(cell.coordinate in merged for merged in sheet.merged_cells.ranges), name
        xml = sheet_xml(data, workbook, sheet.title)
        row = re.search(rf'<row r="{cell.row}"[^>]*>', xml)
        assert row is None or "customHeight" not in row.group(0), (name, row.group(0))
        protection = re.search(r"<sheetProtection[^>]*>", xml).group(0)
        assert 'formatRows="0"' in protection and 'formatColumns="0"' in protection, name
        checked += 1
    return checked


@pytest.mark.parametrize("version", VERSIONS)
def test_every_text_input_of_the_blank_form_wraps_unmerged_in_a_row_without_custom_height(version):
    from kompass_xlsx.forms import template_bytes

    framework = get_framework(version)
    assert assert_text_inputs_grow(template_bytes(version), framework) == len(framework.questions) + 16 + 3


def test_every_text_input_of_a_filled_form_and_of_a_consensus_grows_too(tmp_path):
    framework = get_framework("2020")
    long = "ord " * 300
    texts = {"comments": {q.id: long for q in framework.questions}, "strengths": {1: long}, "improvements": {8: long}}
    sources = []
    for k, name in enumerate(("Anna", "Per")):
        sources.append(write_filled(tmp_path / f"{name}.xlsx", framework, full_scores(framework), evaluators=(name,), workbook_id=f"w{k}", **texts))
    filled = sources[0].read_bytes()
    assert_text_inputs_grow(filled, framework)
    outcome = make_consensus(sources)
    assert not outcome.refused
    assert_text_inputs_grow(outcome.data, framework)

    # a row the tool wrote a text into keeps a height that shows it (LibreOffice prints rows as stored)
    workbook = openpyxl.load_workbook(sources[0])
    cell = defined_cell(workbook, comment_name("1.1"))
    height = workbook[cell.parent.title].row_dimensions[cell.row].height
    assert height >= text_height(long.strip(), Decimal(COMMENT_WIDTH)) - 1  # XlsxWriter rounds to whole pixels
    cell = defined_cell(workbook, "strengths_1")
    assert workbook[cell.parent.title].row_dimensions[cell.row].height >= text_height(long.strip(), Decimal(QUESTION_WIDTH)) - 1


# --- guidance ----------------------------------------------------------------------------------


def test_details_lists_kommun_and_kommungrupp_and_shows_code_and_framework_once(tmp_path):
    path = write_filled(tmp_path / "k.xlsx", get_framework("2020"), {}, municipality="Kalix")
    workbook = openpyxl.load_workbook(path)
    details = workbook["Uppgifter"]
    by_cell = {str(dv.sqref): dv for dv in details.data_validations.dataValidation}
    municipality, group = defined_cell(workbook, "municipality"), defined_cell(workbook, "municipality_group")
    kommun = by_cell[municipality.coordinate]
    assert kommun.type == "list" and kommun.errorStyle == "warning" and "_kommuner" in kommun.formula1
    assert "290" in kommun.prompt and kommun.showInputMessage
    grupp = by_cell[group.coordinate]
    assert grupp.type == "list" and grupp.errorStyle in (None, "stop")
    assert grupp.formula1.strip('"').split(",") == list(GROUPS.values())
    values = {row[0].value: row[1].value for row in details.iter_rows(min_row=3) if row[0].value}
    assert values["Ramverk (version)"] == "Kommunkompassen 2020"
    assert "INDEX" in values["Kommunkod"] and "MATCH(municipality" in values["Kommunkod"]
    cached = {row[0].value: row[1].value for row in openpyxl.load_workbook(path, data_only=True)["Uppgifter"].iter_rows(min_row=3) if row[0].value}
    assert cached["Kommunkod"] == "2514"
    assert workbook.security.lockStructure is True and not workbook.security.workbookPassword


def test_instruction_rows_are_tall_enough_for_their_paragraphs(tmp_path):
    from kompass_xlsx.forms import template_bytes

    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes("2020"))
    sheet = openpyxl.load_workbook(path)["Instruktioner"]
    paragraphs = [(row[0].row, row[0].value) for row in sheet.iter_rows(min_row=3) if row[0].value]
    assert len(paragraphs) >= 8
    for row, text in paragraphs:
        assert sheet.row_dimensions[row].height >= text_height(text, Decimal(INSTRUCTIONS_WIDTH)) - 1, text


# --- kompass new ------------------------------------------------------------------------------------


def new_args(tmp_path, *extra, municipality="Kalix", year="2022"):
    return ["new", "--framework", "2020", "--municipality", municipality, "--year", year, "-o", str(tmp_path / "n.xlsx"), *extra]


def test_new_fills_code_and_group_from_the_register(tmp_path):
    result = CliRunner().invoke(cli, new_args(tmp_path, municipality=" kalix "), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(tmp_path / "n.xlsx", data_only=True)
    assert defined_cell(workbook, "municipality").value == "Kalix"
    assert defined_cell(workbook, "municipality_group").value == "Landsbygdskommun"
    meta = {row[0]: row[1] for row in workbook["_kompass"].iter_rows(values_only=True)}
    assert meta["municipality_code"] == "2514"

    result = CliRunner().invoke(cli, new_args(tmp_path, "--group", "större stad", "--force"), catch_exceptions=False)
    assert result.exit_code == 0
    assert defined_cell(openpyxl.load_workbook(tmp_path / "n.xlsx"), "municipality_group").value == "Större stad"


def test_new_with_a_misspelt_name_suggests_the_nearest_and_exits_2(tmp_path):
    result = CliRunner().invoke(cli, new_args(tmp_path, municipality="Kalx"))
    assert result.exit_code == 2
    assert "Menade du Kalix?" in result.output and "--force-name" in result.output
    assert not (tmp_path / "n.xlsx").exists()

    result = CliRunner().invoke(cli, new_args(tmp_path, "--force-name", municipality="Kalx"), catch_exceptions=False)
    assert result.exit_code == 0
    workbook = openpyxl.load_workbook(tmp_path / "n.xlsx")
    assert defined_cell(workbook, "municipality").value == "Kalx"
    assert defined_cell(workbook, "municipality_group").value is None


def test_new_refuses_a_group_that_is_not_one_of_the_nine(tmp_path):
    result = CliRunner().invoke(cli, new_args(tmp_path, "--group", "Storstad"))
    assert result.exit_code == 2 and "'Storstad'" in result.output and "Storstäder" in result.output
    assert not (tmp_path / "n.xlsx").exists()


def test_new_warns_when_the_year_does_not_fit_the_version(tmp_path):
    result = CliRunner().invoke(cli, new_args(tmp_path, year="2005"), catch_exceptions=False)
    assert result.exit_code == 0 and (tmp_path / "n.xlsx").exists()
    assert "Varning: året 2005 passar inte ramverksversion 2020" in result.stderr and "var 2002" in result.stderr
    result = CliRunner().invoke(cli, new_args(tmp_path, "--force", year="2021"), catch_exceptions=False)
    assert result.stderr == ""


def test_fitting_version_rule():
    v2010, v2020 = get_framework("2010"), get_framework("2020")
    assert fitting_version(v2020, 2005).id == "2002"  # before the version came into use
    assert fitting_version(v2010, 2015) is None and fitting_version(v2010, 2017) is None  # the next came 2016
    assert fitting_version(v2010, 2018).id == "2016"  # two years after the next one came into use
    assert fitting_version(v2020, 2030) is None  # the newest version has no next


# --- kompass check -----------------------------------------------------------------------------------


def codes(result):
    return [(f.code, f.sheet, f.cell) for f in result.findings]


def test_check_warns_about_a_municipality_outside_the_register(tmp_path):
    fw = get_framework("2020")
    result = check_workbook(write_filled(tmp_path / "x.xlsx", fw, full_scores(fw), municipality="Kalx", year=2022))
    assert result.valid
    assert codes(result) == [(FindingCode.MUNICIPALITY_NOT_IN_REGISTER, "Uppgifter", "B3")]
    assert result.findings[0].message == finding(
        FindingCode.MUNICIPALITY_NOT_IN_REGISTER, lang="sv", value="Kalx", hint=" Menade du Kalix?"
    ).message


def test_check_warns_about_a_group_that_is_not_one_of_the_nine(tmp_path):
    fw = get_framework("2020")
    path = write_filled(tmp_path / "g.xlsx", fw, full_scores(fw), municipality="Kalix", year=2022, municipality_group="Landsbygdskomun")
    result = check_workbook(path)
    assert result.valid and codes(result) == [(FindingCode.GROUP_UNKNOWN, "Uppgifter", "B8")]
    assert "räknar Kalix till 'Landsbygdskommun' enligt SKR:s register" in result.findings[0].message
    other = check_workbook(write_filled(tmp_path / "o.xlsx", fw, full_scores(fw), municipality_group="Egen grupp", year=2022))
    assert codes(other) == [(FindingCode.GROUP_UNKNOWN, "Uppgifter", "B8")] and "egen grupp" in other.findings[0].message
    good = check_workbook(write_filled(tmp_path / "ok.xlsx", fw, full_scores(fw), municipality_group="landsbygdskommun", year=2022))
    assert good.findings == ()


def test_check_warns_when_the_year_does_not_fit_the_version(tmp_path):
    fw = get_framework("2020")
    result = check_workbook(write_filled(tmp_path / "y.xlsx", fw, full_scores(fw), year=2005))
    assert result.valid and codes(result) == [(FindingCode.YEAR_FRAMEWORK_MISMATCH, "Uppgifter", "B4")]
    assert "den version som användes 2005 var 2002" in result.findings[0].message


# --- the national figures --------------------------------------------------------------------------


def test_the_national_summary_groups_a_missing_group_by_the_register_and_says_so(tmp_path):
    fw = get_framework("2020")
    results = [
        check_workbook(write_filled(tmp_path / "kalix.xlsx", fw, full_scores(fw), municipality="Kalix", year=2021, workbook_id="a")),
        check_workbook(write_filled(tmp_path / "pajala.xlsx", fw, full_scores(fw, Decimal(2)), municipality="Pajala", year=2021, workbook_id="b", municipality_group="Landsbygdskommun")),
    ]
    outcome = merge_results(results)
    group = outcome.version("2020").by_group["Landsbygdskommun"]
    assert group.count == 2
    path = tmp_path / "national.xlsx"
    path.write_bytes(build_national_workbook(outcome))
    sheet = openpyxl.load_workbook(path)["Utvärderingar"]
    shown = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0] in ("Kalix", "Pajala")}
    assert "Landsbygdskommun (enligt SKR:s register)" in shown["Kalix"]
    assert "Landsbygdskommun" in shown["Pajala"] and "Landsbygdskommun (enligt SKR:s register)" not in shown["Pajala"]
