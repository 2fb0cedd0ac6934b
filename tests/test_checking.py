"""`kompass check`: reading completed workbooks back, one test per case the reader must handle."""

from __future__ import annotations

import json
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.folders import find_workbooks
from kompass_xlsx.cli import cli
from kompass_xlsx.findings import FindingCode, Severity, finding
from kompass_xlsx.forms import new_scoring_workbook
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.layout import score_name
from kompass_xlsx.scoring import compute_totals, points_text

from workbook_helpers import defined_cell, scores_strategy, write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

FW = get_framework("2002")
AREA1 = FW.area(1).sheet_name


def karlskoga_like_scores(framework=FW) -> dict[str, Decimal]:
    rng = random.Random(2007)
    per_point = int(1 / framework.step)
    # 1 .. max-1 so no area is full and no score is zero: no plausibility warnings by accident
    return {q.id: Decimal(rng.randint(per_point, (q.max - 1) * per_point)) * framework.step for q in framework.questions}


@pytest.fixture
def filled(tmp_path) -> Path:
    return write_filled(tmp_path / "filled.xlsx", FW, karlskoga_like_scores())


def edit(path: Path, change) -> Path:
    """Change a workbook the way a user with a spreadsheet program would, and save it."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def set_score(question_id: str, value):
    return lambda wb: setattr(defined_cell(wb, score_name(question_id)), "value", value)


def codes(result) -> list[tuple[str, str, str | None]]:
    return [(f.code.value, f.location, f.question) for f in result.findings]


def test_a_valid_workbook_reads_back_exactly(filled):
    result = check_workbook(filled)
    scores = karlskoga_like_scores()
    assert result.valid and result.findings == ()
    assert result.evaluation.scores == scores
    assert result.total == compute_totals(FW, scores).total
    assert result.evaluation.municipality == "Kalix" and result.evaluation.year == 2002


def test_an_integer_stored_as_float_is_an_integer(filled):
    result = check_workbook(edit(filled, set_score("1.1", 20.0)))
    assert result.evaluation.scores["1.1"] == 20 and result.valid


def test_a_score_stored_as_minus_zero_is_zero(filled):
    result = check_workbook(edit(filled, set_score("1.1", -0.0)))
    score = result.evaluation.scores["1.1"]
    assert score == 0 and not score.is_signed() and result.valid
    assert not any(area["points"].startswith("-") for area in result.to_json_dict()["areas"])


@pytest.mark.parametrize(
    ("typed", "read", "code"),
    [("5", "5", "SCORE_TEXT"), ("5,5", "5.5", "SCORE_DECIMAL_COMMA"), ("  12.5 ", "12.5", "SCORE_TEXT")],
)
def test_numbers_typed_as_text_are_read_with_a_warning(filled, typed, read, code):
    result = check_workbook(edit(filled, set_score("1.2", typed)))
    assert result.evaluation.scores["1.2"] == Decimal(read)
    assert codes(result) == [(code, f"'{AREA1}'!D6", "1.2")]
    assert result.findings[0].severity is Severity.WARNING
    assert result.valid


def test_an_empty_score_is_an_error_and_there_is_no_total(filled):
    result = check_workbook(edit(filled, set_score("1.3", None)))
    assert codes(result) == [("SCORE_MISSING", f"'{AREA1}'!D7", "1.3")]
    assert not result.valid and result.total is None


def test_a_formula_without_a_cached_value_is_an_error(filled, swedish):
    result = check_workbook(edit(filled, set_score("1.1", "=10+10")))
    assert codes(result) == [("SCORE_FORMULA_UNCALCULATED", f"'{AREA1}'!D5", "1.1")]
    assert result.findings[0].message == finding(FindingCode.SCORE_FORMULA_UNCALCULATED, question="1.1", lang="sv").message
    assert "Öppna filen i Excel eller LibreOffice" in result.findings[0].message


@pytest.mark.libreoffice
def test_a_formula_with_a_cached_value_is_used_with_a_warning(filled, libreoffice, tmp_path):
    saved = libreoffice.convert(edit(filled, set_score("1.1", "=10+10.5")), "xlsx", tmp_path / "lo")
    result = check_workbook(saved)
    assert result.evaluation.scores["1.1"] == Decimal("20.5")
    assert codes(result) == [("SCORE_FORMULA", f"'{AREA1}'!D5", "1.1")]
    assert result.valid


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("#DIV/0!", "SCORE_ERROR_VALUE"),
        ("ca 5", "SCORE_NOT_A_NUMBER"),
        (-1, "SCORE_NEGATIVE"),
        (41, "SCORE_ABOVE_MAX"),
        (2.25, "SCORE_OFF_STEP"),
        (True, "SCORE_NOT_A_NUMBER"),
    ],
)
def test_bad_scores_are_errors_at_their_cell(filled, value, code):
    result = check_workbook(edit(filled, set_score("1.1", value)))
    assert codes(result) == [(code, f"'{AREA1}'!D5", "1.1")]
    assert not result.valid and result.total is None


def test_an_off_step_score_stored_as_a_full_binary_float_is_shown_as_typed(filled, tmp_path, swedish):
    # Excel stores a typed 2.25 as it is, but many values (2.45, 9.95) as 17 digits; openpyxl writes the short form
    edit(filled, set_score("1.1", 2.3))
    noisy = tmp_path / "noisy.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(noisy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/") and b"<v>2.3</v>" in data:
                data = data.replace(b"<v>2.3</v>", b"<v>2.2999999999999998</v>")
            target.writestr(item, data)
    result = check_workbook(noisy)
    expected = finding(FindingCode.SCORE_OFF_STEP, question="1.1", lang="sv", value="2,3", step="0,5", nearest="2,5")
    assert [f.message for f in result.findings] == [expected.message]


def test_off_step_message_suggests_the_nearest_allowed_score_in_the_printed_language(filled, tmp_path):
    """Findings are printed text: Swedish by default, English with --lang en, whatever the workbook's labels."""
    from kompass_xlsx.messages import set_language

    english = tmp_path / "english.xlsx"
    english.write_bytes(new_scoring_workbook("2002", "Kalix", 2004, lang="en", workbook_id="e"))
    def fill(wb):
        for qid, value in karlskoga_like_scores().items():
            defined_cell(wb, score_name(qid)).value = value
        defined_cell(wb, score_name("1.1")).value = 2.25
    english = edit(english, fill)
    swedish_labels = edit(filled, set_score("1.1", 2.25))
    try:
        for lang, texts in (("sv", {"value": "2,25", "step": "0,5", "nearest": "2,5"}), ("en", {"value": "2.25", "step": "0.5", "nearest": "2.5"})):
            set_language(lang)
            expected = finding(FindingCode.SCORE_OFF_STEP, question="1.1", lang=lang, **texts)
            assert check_workbook(swedish_labels).findings[0].message == expected.message
            assert [f.message for f in check_workbook(english).findings] == [expected.message]
    finally:
        set_language(None)


def test_a_changed_max_is_tampering_and_scores_are_judged_by_the_framework(filled):
    def tamper(wb):
        sheet = wb[AREA1]
        sheet["C5"].value = 50  # the framework says 40
        sheet["D5"].value = 45

    result = check_workbook(edit(filled, tamper))
    assert codes(result) == [("MAX_CHANGED", f"'{AREA1}'!C5", "1.1"), ("SCORE_ABOVE_MAX", f"'{AREA1}'!D5", "1.1")]


def test_a_deleted_question_row_is_reported_and_the_rest_still_found(filled):
    result = check_workbook(edit(filled, lambda wb: wb[AREA1].delete_rows(6)))  # row of question 1.2
    missing = [f for f in result.findings if f.code is FindingCode.QUESTION_MISSING]
    assert [(f.question, f.severity) for f in missing] == [("1.2", Severity.ERROR)]
    assert result.evaluation.scores["1.3"] == karlskoga_like_scores()["1.3"]
    assert not result.valid


def test_renamed_sheet_and_inserted_rows_are_found_by_question_id(filled):
    def rearrange(wb):
        sheet = wb[AREA1]
        sheet.insert_rows(3, amount=2)  # openpyxl does not move names: they now point at wrong rows
        sheet.title = "Område ett"

    result = check_workbook(edit(filled, rearrange))
    assert result.evaluation.scores == karlskoga_like_scores()
    assert result.valid
    assert [f.location for f in result.findings] == []


def test_names_pointing_at_the_wrong_row_fall_back_to_the_id(filled):
    result = check_workbook(edit(filled, lambda wb: wb[AREA1].insert_rows(5)))
    assert result.evaluation.scores == karlskoga_like_scores()
    assert {f.code for f in result.findings} == {FindingCode.NAME_BROKEN}
    assert result.valid


@pytest.mark.parametrize(
    ("framework", "code"),
    [(None, "FRAMEWORK_MISSING"), ("2019", "FRAMEWORK_UNKNOWN")],
)
def test_missing_or_unknown_framework(filled, framework, code, swedish):
    def change(wb):
        for row in wb["_kompass"].iter_rows():
            if row[0].value == "framework":
                row[1].value = framework

    result = check_workbook(edit(filled, change))
    assert [f.code.value for f in result.findings] == [code]
    assert result.evaluation is None and not result.valid
    if framework == "2019":
        assert "(kända: 2002, 2010, 2016, 2020). Menade du 20" in result.findings[0].message


def test_a_workbook_that_is_not_a_kompass_workbook(tmp_path):
    path = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget 2024"
    wb.save(path)
    result = check_workbook(path)
    assert [f.code.value for f in result.findings] == ["NOT_KOMPASS_WORKBOOK"]


def test_missing_municipality_and_year_are_errors_at_their_cells(filled):
    def clear(wb):
        defined_cell(wb, "municipality").value = None
        defined_cell(wb, "year").value = "tjugotjugofyra"

    result = check_workbook(edit(filled, clear))
    assert codes(result) == [("MUNICIPALITY_MISSING", "Uppgifter!B3", None), ("YEAR_INVALID", "Uppgifter!B4", None)]


def test_plausibility_warnings(tmp_path):
    scores = karlskoga_like_scores()
    for q in FW.area(2).questions:
        scores[q.id] = Decimal(q.max)
    scores["3.1"] = Decimal(0)
    path = write_filled(tmp_path / "p.xlsx", FW, scores, improvements={2: "Mer uppföljning."})
    result = check_workbook(path)
    assert sorted(f.code.value for f in result.findings) == [
        "FULL_SCORE_NO_STRENGTHS",
        "TOP_SCORE_WITH_IMPROVEMENTS",
        "ZERO_WITHOUT_COMMENT",
    ]
    assert result.valid  # warnings only
    path = write_filled(tmp_path / "q.xlsx", FW, scores, strengths={2: "Tydligt."}, comments={"3.1": "Saknas helt."})
    assert check_workbook(path).findings == ()


def test_a_blank_template_copied_and_filled_by_hand_is_readable(tmp_path):
    path = tmp_path / "copy.xlsx"
    path.write_bytes((Path(__file__).parent.parent / "workbook_templates" / "kommunkompassen-2016.xlsx").read_bytes())
    fw = get_framework("2016")
    scores = karlskoga_like_scores(fw)

    def fill(wb):
        for qid, value in scores.items():
            defined_cell(wb, score_name(qid)).value = value
        defined_cell(wb, "municipality").value = "Karlskrona"
        defined_cell(wb, "year").value = 2018

    result = check_workbook(edit(path, fill))
    assert result.valid, result.findings
    assert result.evaluation.scores == scores
    assert result.evaluation.workbook_id == ""


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_through_openpyxl_gives_the_same_exact_scores(tmp_path, data):
    version = data.draw(st.sampled_from(["2002", "2010", "2016", "2020"]))
    fw = get_framework(version)
    scores = data.draw(scores_strategy(fw))
    path = write_filled(tmp_path / f"rt-{version}.xlsx", fw, scores)
    edit(path, lambda wb: None)  # re-saved by openpyxl: cached totals dropped, scores rewritten
    result = check_workbook(path)
    assert result.evaluation.scores == scores
    assert result.total == compute_totals(fw, scores).total


@pytest.mark.libreoffice
@pytest.mark.parametrize("version", ["2002", "2010", "2016", "2020"])
def test_round_trip_through_libreoffice_gives_the_same_exact_scores(tmp_path, libreoffice, version):
    fw = get_framework(version)
    scores = karlskoga_like_scores(fw)
    path = write_filled(tmp_path / f"lo-{version}.xlsx", fw, scores, comments={fw.questions[0].id: "=HYPERLINK(\"x\")"})
    saved = libreoffice.convert(path, "xlsx", tmp_path / "lo")
    result = check_workbook(saved)
    assert result.evaluation.scores == scores
    assert result.total == compute_totals(fw, scores).total
    assert result.evaluation.comments[fw.questions[0].id] == "=HYPERLINK(\"x\")"


@pytest.mark.libreoffice
def test_libreoffice_wrong_dimension_is_ignored(tmp_path, libreoffice, filled):
    saved = libreoffice.convert(filled, "xlsx", tmp_path / "lo")
    broken = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            target.writestr(item, data)
    assert check_workbook(broken).evaluation.scores == karlskoga_like_scores()


# --- the command --------------------------------------------------------------------------


def test_cli_check_text_report_and_exit_codes(tmp_path, filled):
    bad = write_filled(tmp_path / "bad.xlsx", FW, {**karlskoga_like_scores(), "1.3": Decimal(25)})
    result = CliRunner().invoke(cli, ["check", str(filled), str(bad)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{filled}: valid, total {points_text(check_workbook(filled).total)} of 800"
    assert lines[1] == f"{bad}: INVALID, 1 error, 0 warnings"
    expected = finding(FindingCode.SCORE_ABOVE_MAX, question="1.3", lang="en", value="25", max=20).message
    assert lines[2] == f"  '{AREA1}'!D7  1.3  error: {expected}"
    assert lines[-1] == "2 files: 1 valid, 1 invalid, 0 unusable"
    assert CliRunner().invoke(cli, ["check", str(filled)]).exit_code == 0


def test_cli_check_json_has_the_design_shape(filled):
    result = CliRunner().invoke(cli, ["check", "--json", str(filled)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    (entry,) = data["files"]
    assert {"path", "valid", "framework", "municipality", "year", "total", "areas", "findings"} <= set(entry)
    assert entry["valid"] is True and entry["framework"] == "2002" and entry["year"] == 2002
    assert isinstance(entry["total"], str) and Decimal(entry["total"]) == check_workbook(filled).total
    assert [a["number"] for a in entry["areas"]] == list(range(1, 9))
    assert all(isinstance(a["points"], str) and a["max"] == 100 for a in entry["areas"])


def test_cli_strict_turns_warnings_into_errors(filled):
    edit(filled, set_score("1.2", "5,5"))
    assert CliRunner().invoke(cli, ["check", str(filled)]).exit_code == 0
    strict = CliRunner().invoke(cli, ["check", "--strict", "--json", str(filled)])
    assert strict.exit_code == 1
    assert json.loads(strict.output)["files"][0]["findings"][0]["severity"] == "error"


def test_cli_searches_folders_and_skips_lock_files(tmp_path, filled):
    folder = tmp_path / "in" / "deep"
    folder.mkdir(parents=True)
    (folder / "x.xlsx").write_bytes(filled.read_bytes())
    (folder / "~$x.xlsx").write_bytes(b"lock")
    (folder / "notes.txt").write_text("not a workbook")
    result = CliRunner().invoke(cli, ["check", "--json", str(tmp_path / "in")])
    assert result.exit_code == 0
    assert [Path(f["path"]).name for f in json.loads(result.output)["files"]] == ["x.xlsx"]


def test_folders_are_searched_through_links_once_and_broken_links_are_reported(tmp_path, filled):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.xlsx").write_bytes(filled.read_bytes())
    root = tmp_path / "in"
    (root / ".hidden").mkdir(parents=True)
    (root / "a.xlsx").write_bytes(filled.read_bytes())
    (root / ".hidden" / "b.xlsx").write_bytes(filled.read_bytes())
    (root / "link-to-folder").symlink_to(elsewhere, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)  # must not be walked forever
    (root / "second-link.xlsx").symlink_to(root / "a.xlsx")  # the same file again
    (root / "broken.xlsx").symlink_to(tmp_path / "gone.xlsx")
    found = find_workbooks([root, tmp_path / "in" / ".." / "in" / "a.xlsx"])
    assert [p.relative_to(root).as_posix() for p in found] == ["a.xlsx", "broken.xlsx", "link-to-folder/linked.xlsx"]
    result = CliRunner().invoke(cli, ["check", "--json", str(root)])
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert files["linked.xlsx"]["valid"] and files["a.xlsx"]["valid"]
    assert files["broken.xlsx"]["findings"][0]["code"] == "FILE_UNREADABLE"
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "empty"),
        ("text.xlsx", b"municipality;score\n", "not a zip"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
    ],
)
def test_cli_unusable_files_exit_2_without_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{path}: UNUSABLE" in result.output
    assert message.lower() in result.output.lower()


def test_cli_truncated_workbook_is_unusable(tmp_path, filled):
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(filled.read_bytes()[:5000])
    result = CliRunner().invoke(cli, ["check", str(truncated)])
    assert result.exit_code == 2 and "UNUSABLE" in result.output


@pytest.mark.libreoffice
def test_cli_ods_is_unusable_with_advice(tmp_path, libreoffice, filled):
    ods = libreoffice.convert(filled, "ods", tmp_path / "ods")
    result = CliRunner().invoke(cli, ["check", str(ods)])
    assert result.exit_code == 2
    assert "OpenDocument" in result.output or ".ods" in result.output


@pytest.mark.parametrize("args", [["/nonexistent/x.xlsx"], ["EMPTY_DIR"]])
def test_cli_missing_path_or_empty_folder_exit_2(tmp_path, args):
    args = [str(tmp_path) if a == "EMPTY_DIR" else a for a in args]
    result = CliRunner().invoke(cli, ["check", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


def test_year_missing_and_unreadable_details_are_reported(filled):
    def change(wb):
        defined_cell(wb, "year").value = None
        defined_cell(wb, "population").value = "många"
        defined_cell(wb, "evaluation_date").value = "i våras"

    result = check_workbook(edit(filled, change))
    assert codes(result) == [
        ("YEAR_MISSING", "Uppgifter!B4", None),
        ("DETAIL_INVALID", "Uppgifter!B7", None),
        ("DETAIL_INVALID", "Uppgifter!B5", None),
    ]
    assert [f.severity for f in result.findings] == [Severity.ERROR, Severity.WARNING, Severity.WARNING]


def test_details_are_read(tmp_path):
    from datetime import date

    path = write_filled(
        tmp_path / "d.xlsx", FW, karlskoga_like_scores(), evaluators=("Anna Berg", "Per Ek"),
        population=30150, municipality_group="Större stad", evaluation_date=date(2007, 12, 4),
    )
    ev = check_workbook(path).evaluation
    assert (ev.evaluators, ev.population, ev.municipality_group, ev.evaluation_date) == (
        ("Anna Berg", "Per Ek"), 30150, "Större stad", date(2007, 12, 4)
    )


def test_unusable_file_is_one_file_unreadable_finding_in_json(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    result = CliRunner().invoke(cli, ["check", "--json", str(path)])
    assert result.exit_code == 2
    (entry,) = json.loads(result.output)["files"]
    assert entry["valid"] is False
    assert [f["code"] for f in entry["findings"]] == ["FILE_UNREADABLE"]


# --- found in review: odd values, wrong columns, odd paths ---------------------------------


@pytest.mark.parametrize("value", [1e308, -1e308, 1e27])
def test_huge_scores_are_out_of_range_not_a_crash(filled, value):
    result = check_workbook(edit(filled, set_score("1.1", value)))
    assert [f.code.value for f in result.findings] == ["SCORE_NEGATIVE" if value < 0 else "SCORE_ABOVE_MAX"]
    assert len(result.findings[0].message) < 200


def test_a_tiny_score_is_off_step_unless_it_is_float_noise(filled):
    # The documented tolerance (FLOAT_NOISE, 1E-9) is far below any step: 1E-6 is a score off the step,
    # 1E-30 what a sum such as 0.1+0.2-0.3 leaves, which is 0.
    result = check_workbook(edit(filled, set_score("1.1", 1e-6)))
    assert [f.code.value for f in result.findings] == ["SCORE_OFF_STEP"]
    result = check_workbook(edit(filled, set_score("1.1", 1e-30)))
    assert [f.code.value for f in result.findings] == ["ZERO_WITHOUT_COMMENT"]
    assert result.evaluation.scores["1.1"] == 0


def test_a_date_in_a_score_cell_is_not_points(filled):
    from datetime import datetime

    result = check_workbook(edit(filled, set_score("1.1", datetime(1900, 1, 5))))
    assert codes(result) == [("SCORE_IS_DATE", f"'{AREA1}'!D5", "1.1")]


def test_a_name_moved_to_another_column_is_not_trusted(filled):
    from openpyxl.workbook.defined_name import DefinedName

    def repoint(wb):
        del wb.defined_names["score_1_1"]
        wb.defined_names["score_1_1"] = DefinedName("score_1_1", attr_text=f"'{AREA1}'!$C$5")  # the max cell

    result = check_workbook(edit(filled, repoint))
    assert codes(result) == [("NAME_BROKEN", f"'{AREA1}'!C5", "1.1")]
    assert result.evaluation.scores["1.1"] == karlskoga_like_scores()["1.1"]


def test_an_inserted_column_is_followed_by_its_header(filled):
    result = check_workbook(edit(filled, lambda wb: wb[AREA1].insert_cols(3)))  # between question and max
    assert result.evaluation.scores == karlskoga_like_scores()
    assert result.total == compute_totals(FW, karlskoga_like_scores()).total
    assert {f.code for f in result.findings} == {FindingCode.NAME_BROKEN}


@pytest.mark.parametrize(
    ("value", "code"),
    [(12345, "MUNICIPALITY_INVALID"), (False, "MUNICIPALITY_INVALID"), ("K" * 101, "MUNICIPALITY_INVALID")],
)
def test_a_municipality_that_is_not_a_name(filled, value, code):
    result = check_workbook(edit(filled, lambda wb: setattr(defined_cell(wb, "municipality"), "value", value)))
    assert [f.code.value for f in result.findings] == [code]
    assert not result.valid


@pytest.mark.parametrize("value", ["Infinity", True, 2024.5, "2024 ", "1e400"])
def test_odd_years(filled, value):
    result = check_workbook(edit(filled, lambda wb: setattr(defined_cell(wb, "year"), "value", value)))
    if value == "2024 ":
        assert result.valid and result.evaluation.year == 2024
    else:
        assert [f.code.value for f in result.findings] == ["YEAR_INVALID"]


@pytest.mark.parametrize("value", ["²", "١٢٣", "12 000 000 000 000"])
def test_odd_populations_are_warnings(filled, value):
    result = check_workbook(edit(filled, lambda wb: setattr(defined_cell(wb, "population"), "value", value)))
    assert [f.code.value for f in result.findings] == ["DETAIL_INVALID"]
    assert result.evaluation.population is None


def test_a_fifo_is_refused_without_hanging(tmp_path):
    import os

    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["check", str(fifo)])
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_not_a_kompass_workbook_exits_2(tmp_path):
    path = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(path)
    assert CliRunner().invoke(cli, ["check", str(path)]).exit_code == 2


def test_cli_new_refuses_names_with_separators(tmp_path):
    result = CliRunner().invoke(cli, ["new", "--framework", "2020", "--municipality", "X", "--year", "2024", "--evaluator", "Berg, Anna", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "comma or semicolon" in result.stderr
    result = CliRunner().invoke(cli, ["new", "--framework", "2020", "--municipality", "X" * 101, "--year", "2024", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "at most 100 characters" in result.stderr
