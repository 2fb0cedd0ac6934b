"""The scoring workbook in LibreOffice: recalculated totals, names, validation and protection survive."""

from __future__ import annotations

import random
import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from kompass_xlsx.forms import template_bytes
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.layout import score_name
from kompass_xlsx.scoring import compute_totals

from workbook_helpers import defined_cell, summary_values, write_filled

pytestmark = pytest.mark.libreoffice


def random_scores(framework, seed):
    rng = random.Random(seed)
    per_point = int(1 / framework.step)
    return {q.id: Decimal(rng.randint(0, q.max * per_point)) * framework.step for q in framework.questions}


def exact(value: Decimal, step: Decimal) -> Decimal:
    """A total LibreOffice computed in binary floating point, back on the exact decimal grid."""
    return (value / step).quantize(Decimal(1)) * step


@pytest.mark.parametrize("version", ["2002", "2010", "2016", "2020"])
def test_libreoffice_recalculates_the_same_totals_and_keeps_the_form(tmp_path, libreoffice, version):
    fw = get_framework(version)
    scores = random_scores(fw, seed=int(version))
    source = write_filled(tmp_path / f"filled-{version}.xlsx", fw, scores)
    saved = libreoffice.convert(source, "xlsx", tmp_path / "lo")

    totals = compute_totals(fw, scores)
    expected = {f"total_{a.number}": a.points for a in totals.areas} | {"total": totals.total}
    computed = summary_values(saved)
    assert {name: exact(value, fw.step) for name, value in computed.items()} == expected
    assert all(abs(computed[name] - expected[name]) < Decimal("1e-9") for name in expected)

    original, after = openpyxl.load_workbook(source), openpyxl.load_workbook(saved)
    assert after.sheetnames == original.sheetnames
    assert after["_kompass"].sheet_state == "hidden"
    for q in fw.questions:
        assert defined_cell(after, score_name(q.id)).coordinate == defined_cell(original, score_name(q.id)).coordinate
    for area in fw.areas:
        sheet = after[area.sheet_name]
        assert sheet.protection.sheet is True
        formulas = sorted(dv.formula1 for dv in sheet.data_validations.dataValidation)
        assert len(formulas) == len(area.questions)
        assert all("ISNUMBER" in f for f in formulas)
        assert defined_cell(after, score_name(area.questions[0].id)).protection.locked is False


def test_a_template_filled_like_a_user_does_recalculates_in_libreoffice(tmp_path, libreoffice):
    """Copy the blank template, type scores into it (openpyxl, no cached totals), let LibreOffice calculate."""
    fw = get_framework("2020")
    path = tmp_path / "copied-template.xlsx"
    path.write_bytes(template_bytes("2020"))
    scores = random_scores(fw, seed=7)
    wb = openpyxl.load_workbook(path)
    for qid, score in scores.items():
        defined_cell(wb, score_name(qid)).value = Decimal(score)
    defined_cell(wb, "municipality").value = "Exempelby"
    defined_cell(wb, "year").value = 2024
    wb.save(path)

    saved = libreoffice.convert(path, "xlsx", tmp_path / "lo")
    totals = compute_totals(fw, scores)
    computed = summary_values(saved)
    assert exact(computed["total"], fw.step) == totals.total
    after = openpyxl.load_workbook(saved, data_only=True)
    summary = after["Sammanfattning"]
    assert summary["A2"].value == "Exempelby 2024"
    assert summary.cell(defined_cell(after, "total").row + 2, 1).value == "Alla delfrågor har poäng."


def test_pdf_has_one_page_per_visible_sheet(tmp_path, libreoffice):
    fw = get_framework("2010")
    source = write_filled(tmp_path / "print.xlsx", fw, random_scores(fw, seed=1))
    pdf = libreoffice.convert(source, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])
    assert pages == 3 + len(fw.areas)  # instructions, details, summary, one page per area; _kompass is hidden
