"""The fast formula path gives exactly what stock XlsxWriter writes."""

from xlsxwriter.worksheet import Worksheet

from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.models import Evaluation
from kompass_xlsx.workbooks import common
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook


def test_scoring_workbook_bytes_equal_those_of_stock_xlsxwriter(monkeypatch):
    evaluation = Evaluation(framework="2010", workbook_id="w", municipality="Exempelby", year=2024)
    fast = build_scoring_workbook(get_framework("2010"), evaluation)
    monkeypatch.setattr(common.KompassWorkbook, "worksheet_class", Worksheet)
    stock = build_scoring_workbook(get_framework("2010"), evaluation)
    assert fast == stock


def test_formulas_with_newer_functions_still_get_their_prefix():
    fast, stock = common.PlainFormulaWorksheet(), Worksheet()
    for formula in ("=XLOOKUP(1,A1:A2,B1:B2)", "=AND(ISNUMBER(D5),D5<=20)", "{=SUM(A1:A3)}", "=STDEV.S(A1:A9)", "=concat(A1,B1)"):
        for expand in (False, True):
            assert fast._prepare_formula(formula, expand) == stock._prepare_formula(formula, expand), (formula, expand)
    assert fast._prepare_formula("=XLOOKUP(1,A1:A2,B1:B2)") == "_xlfn.XLOOKUP(1,A1:A2,B1:B2)"
