"""Shared writer parts: the fast formula path gives exactly what stock XlsxWriter writes; text stays plain text."""

import io

import openpyxl
from xlsxwriter.worksheet import Worksheet

from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.models import Evaluation
from kompass_xlsx.reader import open_workbook
from kompass_xlsx.workbooks import common
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook


def test_scoring_workbook_bytes_equal_those_of_stock_xlsxwriter(monkeypatch):
    evaluation = Evaluation(framework="2010", workbook_id="w", municipality="Exempelby", year=2024)
    fast = build_scoring_workbook(get_framework("2010"), evaluation)
    monkeypatch.setattr(common.KompassWorkbook, "worksheet_class", common.FittedRowsWorksheet)  # stock formulas
    stock = build_scoring_workbook(get_framework("2010"), evaluation)
    assert fast == stock


def test_formulas_with_newer_functions_still_get_their_prefix():
    fast, stock = common.PlainFormulaWorksheet(), Worksheet()
    for formula in ("=XLOOKUP(1,A1:A2,B1:B2)", "=AND(ISNUMBER(D5),D5<=20)", "{=SUM(A1:A3)}", "=STDEV.S(A1:A9)", "=concat(A1,B1)"):
        for expand in (False, True):
            assert fast._prepare_formula(formula, expand) == stock._prepare_formula(formula, expand), (formula, expand)
    assert fast._prepare_formula("=XLOOKUP(1,A1:A2,B1:B2)") == "_xlfn.XLOOKUP(1,A1:A2,B1:B2)"


def test_text_that_looks_like_rich_text_xml_stays_plain_text(tmp_path):
    # stock XlsxWriter writes "<r>...</r>" unescaped into the shared strings, which breaks the file
    texts = ["<r>Ekonomi & styrning</r>", "<r><t>x</t></r>", "  _x0041_ \x07 <r>"]
    workbook, buffer = common.new_workbook()
    sheet = workbook.add_worksheet("Data")
    for row, text in enumerate(texts):
        sheet.write_string(row, 0, text)
    data = common.finish(workbook, buffer)
    (tmp_path / "texts.xlsx").write_bytes(data)
    raw = open_workbook(tmp_path / "texts.xlsx")
    assert [raw.cell("Data", f"A{row + 1}").value for row in range(len(texts))] == texts
    read = openpyxl.load_workbook(io.BytesIO(data))["Data"]
    assert [read.cell(row + 1, 1).value for row in range(2)] == texts[:2]
