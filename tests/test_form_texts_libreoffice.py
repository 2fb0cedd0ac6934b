"""Every word the tool writes into a form prints in LibreOffice: long consensus texts, instructions."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from kompass_xlsx.consensus import make_consensus
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import LABELS, Lang

from workbook_helpers import write_filled

pytestmark = pytest.mark.libreoffice


def words(tag: str, length: int) -> str:
    """About `length` characters of numbered words, ending with the word END<tag>."""
    text, i = [], 0
    while len(" ".join(text)) < length:
        text.append(f"{tag}w{i}")
        i += 1
    return " ".join(text) + f" END{tag}"


def pdf_text(libreoffice, source, tmp_path) -> str:
    pdf = libreoffice.convert(source, "pdf", tmp_path / "pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_a_consensus_of_long_texts_prints_every_text_whole(tmp_path, libreoffice):
    fw = get_framework("2020")
    sources, ends = [], set()
    for k, name in enumerate(("Anna", "Per")):
        comments = {q.id: words(f"k{name}{q.id.replace('.', '')}", 600) for q in fw.questions}
        strengths = {a.number: words(f"s{name}{a.number}", 2000) for a in fw.areas}
        improvements = {a.number: words(f"f{name}{a.number}", 2000) for a in fw.areas}
        scores = {q.id: Decimal(q.max) / 2 + fw.step * k for q in fw.questions}
        sources.append(
            write_filled(
                tmp_path / f"{name}.xlsx", fw, scores, evaluators=(name,), workbook_id=f"w{k}",
                comments=comments, strengths=strengths, improvements=improvements,
            )
        )
        ends |= {text.rsplit(" ", 1)[1] for texts in (comments, strengths, improvements) for text in texts.values()}
    assert all(len(t) >= 600 for t in comments.values()) and all(len(t) >= 2000 for t in strengths.values())
    outcome = make_consensus(sources)
    assert not outcome.refused
    path = tmp_path / "konsensus.xlsx"
    path.write_bytes(outcome.data)

    text = pdf_text(libreoffice, path, tmp_path)
    printed = set(re.findall(r"END[ksf](?:Anna|Per)[0-9]+", text))
    assert printed == ends  # the last word of every evaluator's every text is on paper
    instruction = LABELS["con_instructions"][Lang.SV].rsplit(" ", 1)[1]  # "Skillnader" paragraph, whole
    assert instruction in " ".join(text.split())
    layout = subprocess.run(["pdftotext", "-layout", str(tmp_path / "pdf" / "konsensus.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    headings = {LABELS["strengths"][Lang.SV], LABELS["improvements"][Lang.SV]}
    for number, page in enumerate(layout.split("\f")[:-1], start=1):  # no heading alone at the foot of a page
        lines = [line.strip() for line in page.splitlines() if line.strip() and not re.fullmatch(r"Sida \d+ av \d+", line.strip())]
        assert lines[-1] not in headings, number
    texts_sheet = LABELS["con_sheet_texts"][Lang.SV]
    pages = [page for page in text.split("\f") if texts_sheet in [line.strip() for line in page.splitlines()[:6]]]
    assert len(pages) > 1  # the evaluators' texts side by side run over several pages, each headed by its columns
    for page in pages:
        assert re.search(rf"\b{LABELS['con_col_kind'][Lang.SV]}\b", page) and re.search(r"\bAnna\b", page) and re.search(r"\bPer\b", page), page[:300]


def test_blank_and_filled_forms_print_instructions_and_texts_whole(tmp_path, libreoffice):
    from kompass_xlsx.forms import template_bytes

    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(template_bytes("2020"))
    text = " ".join(pdf_text(libreoffice, blank, tmp_path).split())
    for paragraph in LABELS["instructions_body"][Lang.SV].split("\n"):
        assert paragraph.rsplit(" ", 1)[1].rstrip(".") in text
    assert "Ej ifyllt: ingen delfråga har poäng ännu." in text and "0,0 %" not in text and "0.0%" not in text

    fw = get_framework("2020")
    comments = {q.id: words(f"c{q.id.replace('.', '')}", 900) for q in fw.questions}
    strengths = {a.number: words(f"s{a.number}", 1500) for a in fw.areas}
    filled = write_filled(tmp_path / "filled.xlsx", fw, {q.id: Decimal(1) for q in fw.questions}, comments=comments, strengths=strengths)
    printed = set(re.findall(r"END[cs][0-9]+", pdf_text(libreoffice, filled, tmp_path)))
    assert len(printed) == len(comments) + len(strengths)


def test_libreoffice_keeps_the_text_boxes_single_unmerged_cells(tmp_path, libreoffice):
    fw = get_framework("2016")
    source = write_filled(tmp_path / "f.xlsx", fw, {q.id: Decimal(1) for q in fw.questions}, strengths={1: "Bra."})
    saved = openpyxl.load_workbook(libreoffice.convert(source, "xlsx", tmp_path / "lo"))
    area = saved[fw.area(1).sheet_name]
    below_questions = len(fw.area(1).questions) + 5
    assert [str(r) for r in area.merged_cells.ranges if r.min_row > below_questions] == []
    (sheet, ref), = saved.defined_names["strengths_1"].destinations
    assert saved[sheet][ref.replace("$", "")].value == "Bra."
