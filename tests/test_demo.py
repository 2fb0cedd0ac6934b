"""`kompass demo`: the whole flow on the built-in examples."""

import pytest
from decimal import Decimal

import openpyxl
from click.testing import CliRunner

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.national import read_national_rows
from kompass_xlsx.published import published_evaluations

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts


def test_demo_writes_checked_scoring_results_and_national(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    scoring = sorted((out / "scoring").glob("*.xlsx"))
    assert [p.name for p in scoring] == [
        "kalix-2012.xlsx", "karlskoga-2007.xlsx", "karlskrona-2018.xlsx", "olofstrom-2022.xlsx", "ostersund-2015.xlsx",
    ]
    checked = {check_workbook(p).evaluation.municipality: check_workbook(p) for p in scoring}
    assert all(r.valid for r in checked.values())
    assert checked["Karlskoga"].total == Decimal("457.5")
    for published in published_evaluations():
        assert checked[published.municipality].evaluation.scores == published.scores
    assert "Karlskoga 2007, framework 2002, total 457.5 of 800" in result.output

    rows = read_national_rows(out / "nationell-sammanstallning.xlsx")
    assert sorted(r.municipality for r in rows) == sorted(checked)
    results = sorted((out / "results").glob("*-resultat.xlsx"))
    assert len(results) == 5
    wb = openpyxl.load_workbook(out / "results" / "karlskoga-2007-resultat.xlsx")
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any("2003" in t for t in texts)  # compared with its 2003 evaluation

    again = CliRunner().invoke(cli, ["demo", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert CliRunner().invoke(cli, ["demo", str(out), "--force"]).exit_code == 0
