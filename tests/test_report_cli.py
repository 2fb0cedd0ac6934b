"""`kompass report` refuses comparisons that would mislead: another municipality, a later year, a wrong file."""

import pytest
from decimal import Decimal

from click.testing import CliRunner

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework

from workbook_helpers import write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts


def scores(framework, value):
    return {q.id: min(Decimal(q.max), Decimal(value)) for q in framework.questions}


def test_previous_must_be_an_earlier_evaluation_of_the_same_municipality(tmp_path):
    fw = get_framework("2020")
    current = write_filled(tmp_path / "olofstrom-2022.xlsx", fw, scores(fw, 7), municipality="Olofström", year=2022, workbook_id="a")
    other = write_filled(tmp_path / "karlskrona-2019.xlsx", fw, scores(fw, 5), municipality="Karlskrona", year=2019, workbook_id="b")
    later = write_filled(tmp_path / "olofstrom-2024.xlsx", fw, scores(fw, 5), municipality="olofström ", year=2024, workbook_id="c")
    earlier = write_filled(tmp_path / "olofstrom-2020.xlsx", fw, scores(fw, 5), municipality="OLOFSTRÖM", year=2020, workbook_id="d")
    out = tmp_path / "result.xlsx"

    wrong_town = CliRunner().invoke(cli, ["report", str(current), "-o", str(out), "--previous", str(other)])
    assert wrong_town.exit_code == 2
    assert "is an evaluation of Karlskrona, not of Olofström" in wrong_town.stderr
    wrong_year = CliRunner().invoke(cli, ["report", str(current), "-o", str(out), "--previous", str(later)])
    assert wrong_year.exit_code == 2
    assert "is from 2024, not earlier than this evaluation (2022)" in wrong_year.stderr
    assert not out.exists()

    fine = CliRunner().invoke(cli, ["report", str(current), "-o", str(out), "--previous", str(earlier)])
    assert fine.exit_code == 0, fine.output
    assert out.exists()


def test_a_national_summary_is_not_a_scoring_workbook(tmp_path, swedish):
    fw = get_framework("2016")
    folder = tmp_path / "in"
    folder.mkdir()
    write_filled(folder / "a.xlsx", fw, scores(fw, 4))
    national = tmp_path / "national.xlsx"
    assert CliRunner().invoke(cli, ["merge", str(folder), "-o", str(national), "--no-cache"]).exit_code == 0
    from kompass_xlsx.messages import set_language

    set_language("sv")  # the command above chose the language of its own run
    result = check_workbook(national)
    assert [f.code.value for f in result.findings] == ["NOT_KOMPASS_WORKBOOK"]
    assert "det är en nationell sammanställning från kompass" in result.findings[0].message


def test_report_never_overwrites_its_inputs(tmp_path):
    fw = get_framework("2020")
    source = write_filled(tmp_path / "o.xlsx", fw, scores(fw, 7), municipality="Olofström", year=2022)
    before = source.read_bytes()
    result = CliRunner().invoke(cli, ["report", str(source), "-o", str(source), "--force"])
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert source.read_bytes() == before


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    fw = get_framework("2020")
    source = write_filled(tmp_path / "o.xlsx", fw, scores(fw, 7), municipality="Olofström", year=2022)
    result = CliRunner().invoke(cli, ["report", str(source), "-o", "/proc/result.xlsx"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write /proc/result.xlsx: ") and "Traceback" not in result.output


def test_a_result_workbook_is_not_a_scoring_workbook(tmp_path):
    fw = get_framework("2016")
    source = write_filled(tmp_path / "k.xlsx", fw, scores(fw, 4))
    out = tmp_path / "resultat.xlsx"
    assert CliRunner().invoke(cli, ["report", str(source), "-o", str(out)]).exit_code == 0
    checked = CliRunner().invoke(cli, ["--lang", "sv", "check", str(out)])
    assert checked.exit_code == 2
    assert "det är en resultatbok från kompass" in checked.output


def test_every_workbook_output_must_be_named_xlsx(tmp_path):
    fw = get_framework("2016")
    a = write_filled(tmp_path / "a.xlsx", fw, scores(fw, 5), evaluators=["Anna"], workbook_id="a")
    b = write_filled(tmp_path / "b.xlsx", fw, scores(fw, 6), evaluators=["Per"], workbook_id="b")
    out = tmp_path / "out.csv"
    commands = [
        ["new", "--framework", "2016", "--municipality", "Ale", "--year", "2024", "-o", str(out)],
        ["report", str(a), "-o", str(out)],
        ["consensus", str(a), str(b), "-o", str(out)],
        ["merge", str(a), str(b), "-o", str(out), "--no-cache"],
    ]
    for command in commands:
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, command
        assert "its name must end in .xlsx (for example out.xlsx)" in result.stderr
        assert not out.exists()
