"""The scoring workbook: structure, names, validation, protection, cached totals, determinism."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompass_xlsx.cli import cli
from kompass_xlsx.forms import TEMPLATE_NAME, new_scoring_workbook, template_bytes
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.layout import COL_SCORE, FIRST_QUESTION_ROW
from kompass_xlsx.scoring import compute_totals

from conftest import REPO
from workbook_helpers import defined_cell, scores_strategy, summary_values, write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

VERSIONS = ["2002", "2010", "2016", "2020"]
FIXED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def new_workbook(tmp_path: Path, version: str, lang: str = "sv") -> openpyxl.Workbook:
    data = new_scoring_workbook(version, "Exempelby", 2024, ("Anna Berg", "Per Ek"), lang, workbook_id="id-1", created=FIXED)
    path = tmp_path / f"new-{version}-{lang}.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("version", VERSIONS)
def test_sheets_and_meta(tmp_path, version):
    fw = get_framework(version)
    wb = new_workbook(tmp_path, version)
    assert wb.sheetnames == ["Instruktioner", "Uppgifter", "Sammanfattning", *[a.sheet_name for a in fw.areas], "_kommuner", "_kompass"]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    meta = {row[0]: row[1] for row in wb["_kompass"].iter_rows(values_only=True)}
    assert meta["framework"] == version
    assert meta["workbook_id"] == "id-1"
    assert meta["municipality"] == "Exempelby" and meta["year"] == "2024"
    assert meta["tool_version"]
    assert wb["_kompass"].sheet_state == "hidden" and wb["_kommuner"].sheet_state == "hidden"
    assert all(wb[name].sheet_state == "visible" for name in wb.sheetnames[:-2])
    assert wb.properties.creator == "Anna Berg, Per Ek"
    assert wb.properties.title == f"Kommunkompassen {version} – Exempelby 2024"


@pytest.mark.parametrize("version", VERSIONS)
def test_defined_names_point_at_the_inputs(tmp_path, version):
    fw = get_framework(version)
    wb = new_workbook(tmp_path, version)
    for area in fw.areas:
        for offset, q in enumerate(area.questions):
            score = defined_cell(wb, f"score_{q.id.replace('.', '_')}")
            assert score.parent.title == area.sheet_name
            assert (score.row, score.column) == (FIRST_QUESTION_ROW + offset + 1, COL_SCORE + 1)
            assert score.parent.cell(score.row, 1).value == q.id
            assert score.parent.cell(score.row, 3).value == q.max
            comment = defined_cell(wb, f"comment_{q.id.replace('.', '_')}")
            assert (comment.parent.title, comment.row) == (area.sheet_name, score.row)
        for name in (f"strengths_{area.number}", f"improvements_{area.number}"):
            box = defined_cell(wb, name)
            assert box.parent.title == area.sheet_name
            assert box.protection.locked is False
        assert defined_cell(wb, f"total_{area.number}").parent.title == "Sammanfattning"
    assert defined_cell(wb, "municipality").value == "Exempelby"
    assert defined_cell(wb, "year").value == 2024
    assert defined_cell(wb, "evaluators").value == "Anna Berg, Per Ek"
    assert defined_cell(wb, "total").parent.title == "Sammanfattning"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_score_cell_is_validated_and_only_inputs_are_unlocked(tmp_path, version):
    fw = get_framework(version)
    wb = new_workbook(tmp_path, version)
    for area in fw.areas:
        sheet = wb[area.sheet_name]
        assert sheet.protection.sheet is True and not sheet.protection.password
        validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
        assert len(validations) == len(area.questions)
        for offset, q in enumerate(area.questions):
            ref = f"D{FIRST_QUESTION_ROW + offset + 1}"
            dv = validations[ref]
            assert dv.type == "custom" and dv.errorStyle in (None, "stop") and dv.showErrorMessage  # stop is the default
            assert f"{ref}<={q.max}" in dv.formula1
            assert dv.prompt.startswith(f"0–{q.max} poäng")
        unlocked = {c.coordinate for row in sheet.iter_rows() for c in row if c.protection.locked is False}
        score_rows = range(FIRST_QUESTION_ROW + 1, FIRST_QUESTION_ROW + len(area.questions) + 1)
        assert {f"D{r}" for r in score_rows} | {f"E{r}" for r in score_rows} <= unlocked
        assert not any(ref[0] in "ABC" and int(ref[1:]) in score_rows for ref in unlocked)
        assert sheet.freeze_panes == f"A{FIRST_QUESTION_ROW + 1}"
        assert sheet.page_setup.paperSize == 9
    for name in wb.sheetnames:
        assert wb[name].protection.sheet is True


def test_swedish_and_english_labels(tmp_path):
    sv = new_workbook(tmp_path, "2002", "sv")
    en = new_workbook(tmp_path, "2002", "en")
    assert sv.sheetnames[:3] == ["Instruktioner", "Uppgifter", "Sammanfattning"]
    assert en.sheetnames[:3] == ["Instructions", "Details", "Summary"]
    assert sv["1 Offentlighet och demokrati"]["D4"].value == "Poäng"
    assert en["1 Offentlighet och demokrati"]["D4"].value == "Score"
    dv = en["1 Offentlighet och demokrati"].data_validations.dataValidation[0]
    assert dv.prompt == "0–40 points, half points allowed."
    assert dict(en["_kompass"].iter_rows(values_only=True))["lang"] == "en"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_cached_summary_values_are_the_exact_totals(tmp_path, data):
    version = data.draw(st.sampled_from(VERSIONS))
    fw = get_framework(version)
    scores = data.draw(scores_strategy(fw))
    path = write_filled(tmp_path / "filled.xlsx", fw, scores)
    totals = compute_totals(fw, scores)
    expected = {f"total_{a.number}": a.points for a in totals.areas} | {"total": totals.total}
    assert summary_values(path) == expected


def test_blank_summary_shows_dashes_and_not_filled_and_no_chart(tmp_path):
    fw = get_framework("2020")
    path = tmp_path / "blank.xlsx"
    path.write_bytes(template_bytes("2020"))
    wb = openpyxl.load_workbook(path, data_only=True)
    summary = wb["Sammanfattning"]
    total_row = defined_cell(wb, "total").row
    for row in range(total_row - len(fw.areas), total_row + 1):
        assert summary.cell(row, 3).value == "–" and summary.cell(row, 5).value == "–"  # points, percent
        assert summary.cell(row, 4).value in (100, 800)
    assert summary.cell(total_row, 6).value == len(fw.questions)
    assert summary.cell(total_row + 2, 1).value == "Ej ifyllt: ingen delfråga har poäng ännu."
    formula = openpyxl.load_workbook(path)["Sammanfattning"].cell(total_row + 2, 1).value
    assert "Ej ifyllt" in formula and "delfrågor saknar poäng." in formula  # it changes as scores are typed
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/charts/")]
    assert "resultatboken" in summary.cell(total_row + 3, 1).value


def test_one_scored_area_shows_its_points_and_the_others_dashes(tmp_path):
    fw = get_framework("2020")
    scores = {q.id: Decimal(1) for q in fw.areas[0].questions}
    wb = openpyxl.load_workbook(write_filled(tmp_path / "one.xlsx", fw, scores), data_only=True)
    assert defined_cell(wb, "total_1").value == len(scores)
    assert defined_cell(wb, "total_2").value == "–"
    assert defined_cell(wb, "total").value == len(scores)
    total_row = defined_cell(wb, "total").row
    assert wb["Sammanfattning"].cell(total_row + 2, 1).value == f"{len(fw.questions) - len(scores)} delfrågor saknar poäng."


def test_summary_has_a_native_chart_of_the_area_points(tmp_path):
    fw = get_framework("2016")
    path = write_filled(tmp_path / "c.xlsx", fw, {q.id: Decimal(1) for q in fw.questions})
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<c:barChart>" in xml
    assert "<c:f>Sammanfattning!$C$5:$C$12</c:f>" in xml
    assert "<c:f>Sammanfattning!$A$5:$A$12</c:f>" in xml


def test_same_inputs_give_identical_bytes_and_only_the_id_differs():
    first = new_scoring_workbook("2020", "Exempelby", 2024, ("A",), workbook_id="same", created=FIXED)
    second = new_scoring_workbook("2020", "Exempelby", 2024, ("A",), workbook_id="same", created=FIXED)
    assert first == second
    other = new_scoring_workbook("2020", "Exempelby", 2024, ("A",), workbook_id="other", created=FIXED)
    assert other != first

    def parts(data):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    a, b = parts(first), parts(other)
    differing = sorted(name for name in a if a[name] != b[name])
    assert differing == ["docProps/core.xml", "xl/sharedStrings.xml"]
    assert b["xl/sharedStrings.xml"] == a["xl/sharedStrings.xml"].replace(b"same", b"other")


@pytest.mark.parametrize("version", VERSIONS)
def test_committed_templates_are_up_to_date(version):
    committed = REPO / "workbook_templates" / TEMPLATE_NAME.format(version=version)
    assert committed.read_bytes() == template_bytes(version), (
        f"{committed.name} is out of date; regenerate with: kompass templates workbook_templates --force"
    )


def test_templates_have_no_identity(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes("2010"))
    wb = openpyxl.load_workbook(path)
    meta = dict(wb["_kompass"].iter_rows(values_only=True))
    assert meta["workbook_id"] is None and meta["municipality"] is None and meta["year"] is None
    assert defined_cell(wb, "municipality").value is None


def test_cli_new_writes_the_workbook_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "eval.xlsx"
    args = ["new", "--framework", "2016", "--municipality", "Karlskrona", "--year", "2018", "--evaluator", "Anna Berg", "-o", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == f"Wrote {out} (framework 2016, Karlskrona 2018)\n"
    wb = openpyxl.load_workbook(out)
    assert defined_cell(wb, "municipality").value == "Karlskrona"
    before = out.read_bytes()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2
    assert again.stderr == f"Error: {out} already exists; use --force to overwrite it\n"
    assert out.read_bytes() == before
    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["eval.xlsx"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--framework", "2021"], "unknown framework version '2021'"),
        (["--year", "1999"], "Invalid value for '--year'"),
        (["--lang", "de"], "Invalid value for '--lang'"),
    ],
)
def test_cli_new_refuses_bad_usage_with_exit_2(tmp_path, extra, message):
    args = {"--framework": "2020", "--municipality": "X", "--year": "2024", "-o": str(tmp_path / "x.xlsx")}
    for key, value in zip(extra[::2], extra[1::2]):
        args[key] = value
    result = CliRunner().invoke(cli, ["new", *[item for pair in args.items() for item in pair]])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_long_texts_are_cut_to_fit_a_cell_and_headers_stay_within_excels_limit(tmp_path):
    from kompass_xlsx.models import Evaluation
    from kompass_xlsx.workbooks.common import CELL_TEXT_MAX, ROW_HEIGHT_MAX
    from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook

    fw = get_framework("2002")
    long_text = "Mycket lång kommentar 😀 " * 2000
    evaluation = Evaluation(
        framework="2002", municipality="Å&Ö " * 70, year=2024, comments={"1.1": long_text},
        strengths={1: "=HYPERLINK(\"http://x\")" + long_text},
    )
    path = tmp_path / "long.xlsx"
    path.write_bytes(build_scoring_workbook(fw, evaluation))  # xlsxwriter warnings are errors in the tests
    wb = openpyxl.load_workbook(path)
    comment = defined_cell(wb, "comment_1_1").value
    assert comment.endswith(" […]") and len(comment.encode("utf-16-le")) // 2 <= CELL_TEXT_MAX
    strengths = defined_cell(wb, "strengths_1")
    assert strengths.data_type == "s" and strengths.value.startswith("=HYPERLINK")
    area = wb[fw.area(1).sheet_name]
    assert all((dim.height or 0) <= ROW_HEIGHT_MAX for dim in area.row_dimensions.values())
    assert len((area.oddHeader.left.text or "").replace("&&", "&")) <= 80
