"""The result workbook reads as the report: one printed summary page, meaningful comparisons only,
texts printed whole, no heading alone at a page's foot, no number stored as text, imports one way."""

from __future__ import annotations

import ast
import re
import subprocess
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from kompass_xlsx.comparison import PreviousResult
from kompass_xlsx.demo import run_demo
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import label
from kompass_xlsx.models import Evaluation
from kompass_xlsx.national import NationalRow, national_figures
from kompass_xlsx.published import published_evaluations
from kompass_xlsx.report_figures import MIN_REFERENCE_EVALUATIONS
from kompass_xlsx.results import with_totals
from kompass_xlsx.scoring import percent, round_half_up
from kompass_xlsx.workbooks import result_comparison
from kompass_xlsx.workbooks.common import FIXED_CREATED
from kompass_xlsx.workbooks.result import build_result_workbook
from kompass_xlsx.workbooks.result_cells import is_number_like

from national_helpers import random_rows

PUBLISHED = {e.slug: e for e in published_evaluations()}
D = Decimal
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def result_of(slug: str, **changes):
    p = PUBLISHED[slug]
    values = dict(
        framework=p.framework, workbook_id=f"00000000-0000-4000-8000-{zlib.crc32(slug.encode()):012d}", municipality=p.municipality,
        year=p.year, evaluators=p.evaluators, municipality_group=p.municipality_group, scores=p.scores,
        strengths={a.number: "\n".join(a.strengths) for a in p.areas}, improvements={a.number: "\n".join(a.improvements) for a in p.areas},
    )
    evaluation = Evaluation(**(values | changes))
    return with_totals(get_framework(evaluation.framework), evaluation, f"/data/{slug}.xlsx", "ab" * 32)


def write(tmp_path: Path, name: str, result, previous=(), national=None, lang="sv") -> Path:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(build_result_workbook(get_framework(result.framework), result, previous, national, "x.xlsx", "ab" * 32, lang, FIXED_CREATED))
    return path


def to_pdf(libreoffice, paths: list[Path], outdir: Path) -> list[Path]:
    completed = subprocess.run(
        [libreoffice.binary, f"-env:UserInstallation={libreoffice.profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return [outdir / f"{path.stem}.pdf" for path in paths]


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext -layout)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def sheet_of(page: str) -> str:
    """The sheet a printed page belongs to: the middle of its page header names it."""
    header = next(line for line in page.splitlines() if line.strip())
    return re.split(r"\s{2,}", header.strip())[1]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- the one-page summary --------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_prints_the_summary_of_every_demo_result_on_one_page_that_says_how_it_went(tmp_path, libreoffice):
    run = run_demo(tmp_path / "demo")
    pdfs = to_pdf(libreoffice, run.results, tmp_path / "pdf")
    by_name = {(r.evaluation.municipality, r.evaluation.year): r for r in run.checked}
    for path, pdf in zip(run.results, pdfs):
        pages = page_texts(pdf)
        summary = [page for page in pages if sheet_of(page) == "Sammanfattning"]
        assert len(summary) == 1, (path.name, [sheet_of(p) for p in pages])
        assert pages[0] is summary[0]
        text = flat(summary[0])
        workbook = openpyxl.load_workbook(path)
        municipality, year = workbook["_kompass"]["B4"].value, int(workbook["_kompass"]["B5"].value)
        result = by_name[(municipality, year)]
        fw = get_framework(result.framework)
        assert f"{municipality} {year}" in text
        total = format(result.total.normalize(), "f").replace(".", ",")
        shown = format(round_half_up(percent(result.total, 800), 1), "f").replace(".", ",")
        assert f"{total} av 800 poäng ({shown} %)" in text, path.name
        assert re.search(r"Förändring sedan \d{4}: |Ingen tidigare utvärdering att jämföra med\.", text), path.name
        for area in fw.areas:
            assert flat(area.title) in text, (path.name, area.title)
        assert "Starkaste områden" in text and "Svagaste områden" in text
        assert "Riksgenomsnitt visas inte:" in text  # the demo's summary has at most 2 evaluations of a version
        for page in pages:  # a comparison table never continues on a page without its header row
            if sheet_of(page) == "Jämförelser" and re.search(r"\bjämförbart\b", page):
                assert "Jämförbarhet" in page and "Förklaring" in page, (path.name, page[:300])


def test_the_summary_says_change_verdict_total_and_names_the_strongest_and_weakest(tmp_path):
    previous = [PreviousResult.from_earlier(e, "Karlskoga") for e in PUBLISHED["Karlskoga-2007"].earlier]
    path = write(tmp_path, "karlskoga", result_of("Karlskoga-2007"), previous)
    sheet = openpyxl.load_workbook(path)["Sammanfattning"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "457,5 av 800 poäng (57,2 %)" in texts
    assert "Förändring sedan 2003: +111 poäng, från 346,5 till 457,5 (jämförbart: samma version av ramverket)." in texts
    strongest = texts.index("Starkaste områden")
    assert texts[strongest + 2] == "Kommunen som samhällsbyggare (80,0 %)"
    assert texts[strongest + 3] == "Styrkor: Kommunens stöd och samarbete med föreningslivet."
    weakest = texts.index("Svagaste områden")
    assert texts[weakest + 2] == "Verksamhetsutveckling (39,0 %)"
    header = next(row for row in sheet.iter_rows() if row[0].value == "Område")
    assert [c.value for c in header] == ["Område", "Rubrik", "Poäng", "Max", "Procent", "Förändring sedan 2003"]
    change = [sheet.cell(header[0].row + n, 6).value for n in range(1, 10)]
    assert change == [18, 11, 3, 4.5, 25, 19.5, 21, 9, 111]


# --- only meaningful comparisons -------------------------------------------------------------


def summary_chart_names(path: Path) -> list[str]:
    """The series names of the chart drawn on the summary sheet, as the profile table's headers give them."""
    with zipfile.ZipFile(path) as package:
        rels = package.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        drawing = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels).group(1)
        drawing_rels = package.read(f"xl/drawings/_rels/{drawing}.rels").decode()
        chart = re.search(r'Target="\.\./charts/(chart\d+\.xml)"', drawing_rels).group(1)
        root = ElementTree.fromstring(package.read(f"xl/charts/{chart}"))
    refs = [ser.find(f"{CHART}tx//{CHART}f").text for ser in root.iter(f"{CHART}ser")]
    book = openpyxl.load_workbook(path)
    names = []
    for ref in refs:
        sheet, cell = ref.rsplit("!", 1)
        names.append(book[sheet.strip("'")][cell.replace("$", "")].value)
    return names


def summary_header(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["Sammanfattning"]
    return [c.value for c in next(row for row in sheet.iter_rows() if row[0].value == "Område")]


@pytest.mark.parametrize(("others", "shown"), [(4, False), (5, True)])
def test_the_national_average_is_shown_over_at_least_five_other_evaluations(tmp_path, others, shown):
    assert MIN_REFERENCE_EVALUATIONS == 5
    result = result_of("Olofström-2022")
    rows = [*random_rows(get_framework("2020"), others, seed=5, groups=()), NationalRow.from_workbook_result(result)]
    path = write(tmp_path, f"n{others}", result, national=national_figures(rows, "2020", source="nationell.xlsx"))
    header, names = summary_header(path), summary_chart_names(path)
    line = f"Riksgenomsnitt visas inte: {others} andra utvärderingar enligt Kommunkompassen 2020, minst 5 behövs."
    texts = [c.value for name in ("Sammanfattning", "Jämförelser") for row in openpyxl.load_workbook(path)[name].iter_rows() for c in row]
    assert ("Snitt riket" in header) is shown and ("Kvartil" in header) is shown
    assert any(str(name).startswith("Riksgenomsnitt (") for name in names) is shown
    assert (line in texts) is not shown
    assert any(str(t).startswith("Placering efter totalpoäng") for t in texts) is shown
    if shown:
        assert f"Riksgenomsnitt ({others + 1} utvärderingar)" in names
    area_1 = openpyxl.load_workbook(path)[get_framework("2020").area(1).sheet_name]
    area_texts = [c.value for row in area_1.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Riksgenomsnitt (") for t in area_texts) is shown
    assert (line in area_texts) is not shown


@pytest.mark.parametrize(("others", "shown"), [(4, False), (5, True)])
def test_the_group_average_is_shown_over_at_least_five_other_evaluations_of_the_group(tmp_path, others, shown):
    result = result_of("Olofström-2022", municipality_group="Glesbygd")
    fw = get_framework("2020")
    rows = [*random_rows(fw, others, seed=6, groups=("Glesbygd",)), *random_rows(fw, 8, seed=7, groups=("Storstad",))]
    rows = [row.model_copy(update={"workbook_id": f"w{i}", "municipality": f"Kommun {i}"}) for i, row in enumerate(rows)]
    path = write(tmp_path, f"g{others}", result, national=national_figures(rows, "2020", source="nationell.xlsx"))
    header, names = summary_header(path), summary_chart_names(path)
    assert "Snitt riket" in header  # 12 or 13 other evaluations
    assert ("Snitt grupp" in header) is shown
    assert (f"Snitt Glesbygd ({others} utvärderingar)" in names) is shown
    texts = [c.value for row in openpyxl.load_workbook(path)["Sammanfattning"].iter_rows() for c in row]
    hidden = f"Snitt för kommungruppen Glesbygd visas inte: {others} andra utvärderingar i gruppen, minst 5 behövs."
    assert (hidden in texts) is not shown
    if shown:
        assert "Kommungrupp: Glesbygd (5 utvärderingar)." in texts


def test_no_note_quotes_another_municipalitys_report(tmp_path):
    """Notes come from the framework lineage and this evaluation: a 2020 result of Kalix against its
    2016 evaluation does not cite Olofström, whose report the lineage note quotes."""
    result = result_of("Olofström-2022", municipality="Kalix", year=2021)
    earlier = PreviousResult(municipality="Kalix", year=2017, framework="2016", total=D(400), areas={n: D(50) for n in range(1, 9)})
    path = write(tmp_path, "kalix", result, [earlier])
    book = openpyxl.load_workbook(path)
    texts = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [t for t in texts if "Olofström" in t]
    assert any("Fortsätter 2016 område 1" in t for t in texts)  # the lineage itself is kept
    own = write(tmp_path, "olofstrom", result_of("Olofström-2022"), [earlier.model_copy(update={"municipality": "Olofström"})])
    own_texts = [c.value for row in openpyxl.load_workbook(own)["Jämförelser"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Olofström 2022 anger" in t for t in own_texts)  # its own report may be quoted


# --- print: long texts, headings, numbers ----------------------------------------------------

LONG_COMMENT = " ".join(f"kommentarord{n}" for n in range(115)) + " slutkommentar"
LONG_STRENGTHS = " ".join(f"styrkeord{n}" for n in range(270)) + " slutstyrka"


@pytest.mark.libreoffice
def test_a_long_comment_and_a_long_strengths_text_print_whole_and_no_heading_ends_a_page(tmp_path, libreoffice):
    assert len(LONG_COMMENT) >= 1500 and len(LONG_STRENGTHS) >= 3000
    result = result_of(
        "Olofström-2022",
        comments={"1.2": LONG_COMMENT},
        strengths={1: LONG_STRENGTHS, 2: "\n".join([LONG_STRENGTHS] * 3)},
        improvements={1: LONG_STRENGTHS, 2: "Kort förbättring."},
    )
    rows = [*random_rows(get_framework("2020"), 6, seed=8), NationalRow.from_workbook_result(result)]
    previous = [PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392), areas={n: D(40 + n) for n in range(1, 9)})]
    path = write(tmp_path, "long", result, previous, national_figures(rows, "2020", source="nationell.xlsx"))
    (pdf,) = to_pdf(libreoffice, [path], tmp_path / "pdf")
    pages = page_texts(pdf)
    area_1 = [page for page in pages if sheet_of(page) == get_framework("2020").area(1).sheet_name]
    text = flat(" ".join(area_1))
    assert "slutkommentar" in text and text.count("slutstyrka") == 2
    assert all(f"styrkeord{n} " in text for n in range(270))
    area_2 = flat(" ".join(page for page in pages if sheet_of(page) == get_framework("2020").area(2).sheet_name))
    assert area_2.count("slutstyrka") == 3 and "Kort förbättring." in area_2
    headings = {label(key, "sv") for key in ("res_strengths", "res_improvements", "res_area_compared", "res_strongest", "res_weakest")}
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Sida ")]
        assert body[-1] not in headings, (number, body[-3:])
        assert not body[-1].startswith("Jämfört med "), (number, body[-3:])


def ignored_ranges(sheet_xml: bytes) -> set[str]:
    root = ElementTree.fromstring(sheet_xml)
    cells: set[str] = set()
    for ignored in root.iter(f"{MAIN}ignoredError"):
        if ignored.get("numberStoredAsText") != "1":
            continue
        for ref in ignored.get("sqref").split():
            first, _, last = ref.partition(":")
            (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", r).groups() for r in (first, last or first))
            assert c1 == c2 or r1 == r2
            for col in range(openpyxl.utils.column_index_from_string(c1), openpyxl.utils.column_index_from_string(c2) + 1):
                for row in range(int(r1), int(r2) + 1):
                    cells.add(f"{openpyxl.utils.get_column_letter(col)}{row}")
    return cells


def number_like_texts_outside_ignored_ranges(path: Path) -> list[str]:
    """Cells whose text Excel would read as a number, outside every "number stored as text" ignored range."""
    found = []
    with zipfile.ZipFile(path) as package:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{MAIN}t"))
            for si in ElementTree.fromstring(package.read("xl/sharedStrings.xml")).iter(f"{MAIN}si")
        ]
        for name in sorted(n for n in package.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
            xml = package.read(name)
            ignored = ignored_ranges(xml)
            for c in ElementTree.fromstring(xml).iter(f"{MAIN}c"):
                if c.get("t") == "s":
                    text = shared[int(c.find(f"{MAIN}v").text)]
                elif c.get("t") == "inlineStr":
                    text = "".join(t.text or "" for t in c.iter(f"{MAIN}t"))
                else:
                    continue
                if is_number_like(text) and c.get("r") not in ignored:
                    found.append(f"{name}!{c.get('r')}: {text!r}")
    return found


def test_no_text_reads_as_a_number_outside_an_ignored_range(tmp_path):
    run = run_demo(tmp_path / "demo")
    result = result_of("Olofström-2022")
    rows = [*random_rows(get_framework("2020"), 8, seed=3), NationalRow.from_workbook_result(result)]
    previous = [PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392), areas={n: D(40 + n) for n in range(1, 9)})]
    full = write(tmp_path, "full", result, previous, national_figures(rows, "2020", source="2020"), lang="en")
    for path in [*run.results, full]:
        assert number_like_texts_outside_ignored_ranges(path) == [], path.name
    ids = openpyxl.load_workbook(full)[get_framework("2020").area(1).sheet_name]
    assert any(c.value == "1.1" and c.data_type == "s" for row in ids.iter_rows() for c in row)  # ids stay text


def test_is_number_like_reads_as_excel_does():
    assert all(is_number_like(t) for t in ("1", "1.1", "2019", " 42 ", "1,5", "-3", "1e3"))
    assert not any(is_number_like(t) for t in ("4, 6", "–", "nan", "Område 1", "", "1.1.2"))


def test_one_number_format_per_table_column(tmp_path):
    """Whole points as "0", half points as "0.0", percent with one decimal, averages with one."""
    rows = random_rows(get_framework("2002"), 9, seed=12)
    previous = [PreviousResult.from_earlier(e, "Karlskoga") for e in PUBLISHED["Karlskoga-2007"].earlier]
    half = write(tmp_path, "half", result_of("Karlskoga-2007"), previous, national_figures(rows, "2002"))
    whole = write(tmp_path, "whole", result_of("Kalix-2012"))
    for path, points_format in ((half, "0.0"), (whole, "0")):
        sheet = openpyxl.load_workbook(path)["Sammanfattning"]
        header = next(row for row in sheet.iter_rows() if row[0].value == "Område")
        first = header[0].row + 1
        for col, head in enumerate((c.value for c in header), start=1):
            cells = [sheet.cell(first + n, col) for n in range(8)]
            numbers = [c for c in cells if isinstance(c.value, int | float)]
            if not numbers:
                continue
            assert len({c.number_format for c in numbers}) == 1, (path.name, head)
            expected = {"Poäng": points_format, "Max": "0", "Procent": "0.0%", "Snitt riket": "0.0", "Kvartil": "0"}
            if head in expected:
                assert numbers[0].number_format == expected[head], (path.name, head)
    area = openpyxl.load_workbook(half)[get_framework("2002").area(2).sheet_name]  # 48.5 points: some half points
    header = next(row for row in area.iter_rows() if row[0].value == "Fråga")
    formats = {area.cell(r, 3).number_format for r in range(header[0].row + 1, header[0].row + 6) if isinstance(area.cell(r, 3).value, int | float)}
    assert len(formats) == 1


def test_the_comparison_sheets_do_not_import_the_workbook_writer():
    tree = ast.parse(Path(result_comparison.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "result" not in {(m or "").rsplit(".", 1)[-1] for m in imported}
    assert not any(isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) for node in ast.walk(tree))
