"""The result workbook (`kompass report`): exact figures, comparisons, native charts, print setup, LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from click.testing import CliRunner

from kompass_xlsx import tool_version
from kompass_xlsx.cli import cli
from kompass_xlsx.comparison import PreviousResult
from kompass_xlsx.errors import KompassError
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import Lang, label
from kompass_xlsx.models import Evaluation
from kompass_xlsx.national import NationalRow, national_figures
from kompass_xlsx.published import published_evaluations
from kompass_xlsx.reader import CellKind, open_workbook
from kompass_xlsx.reporting import InvalidWorkbookError, build_report, make_report
from kompass_xlsx.results import with_totals
from kompass_xlsx.scoring import compute_totals, percent, round_half_up
from kompass_xlsx.workbooks.common import FIXED_CREATED
from kompass_xlsx.workbooks.result import QUARTILE_FILLS, build_result_workbook
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook

from layout_helpers import broken_words, pdf_text
from national_helpers import random_rows, write_national
from workbook_helpers import write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

PUBLISHED = {e.slug: e for e in published_evaluations()}
SHA = "ab" * 32
FORMULA_LIKE = "=HYPERLINK(\"http://example.com\")"
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
D = Decimal


def evaluation_of(slug: str, **changes) -> Evaluation:
    """A published evaluation with its strengths and improvements, and a comment that looks like a formula."""
    p = PUBLISHED[slug]
    values = dict(
        framework=p.framework,
        workbook_id=f"00000000-0000-4000-8000-{zlib.crc32(slug.encode()):012d}",
        municipality=p.municipality,
        year=p.year,
        evaluators=p.evaluators,
        population=p.population,
        municipality_group=p.municipality_group,
        scores=p.scores,
        comments={f"{n}.1": FORMULA_LIKE for n in range(1, 9)},
        strengths={a.number: "\n".join(a.strengths) for a in p.areas},
        improvements={a.number: "\n".join(a.improvements) for a in p.areas} | {1: "=1+1 is text, not a formula"},
    )
    return Evaluation(**(values | changes))


def result_of(slug: str, **changes):
    evaluation = evaluation_of(slug, **changes)
    return with_totals(get_framework(evaluation.framework), evaluation, f"/data/{slug}.xlsx", SHA)


def published_previous(slug: str) -> list[PreviousResult]:
    p = PUBLISHED[slug]
    return [PreviousResult.from_earlier(e, p.municipality) for e in p.earlier]


def write_result(tmp_path: Path, slug: str, previous=None, national=None, lang="sv", **changes) -> Path:
    result = result_of(slug, **changes)
    previous = published_previous(slug) if previous is None else previous
    data = build_result_workbook(get_framework(result.framework), result, previous, national, f"{slug}.xlsx", SHA, lang, FIXED_CREATED)
    path = tmp_path / f"{slug}-result-{lang}.xlsx"
    path.write_bytes(data)
    return path


def national_for(framework_id: str, count: int = 24, seed: int = 1, **kwargs):
    return national_figures(random_rows(get_framework(framework_id), count, seed), framework_id, source="nationell.xlsx", **kwargs)


def rows_of(path: Path, sheet: str) -> dict[int, dict[str, object]]:
    """A sheet's cells as {row: {column letter: value}}; numbers as exact Decimals, as stored."""
    rows: dict[int, dict[str, object]] = {}
    for ref, cell in open_workbook(path).sheet_cells(sheet).items():
        column, row = re.match(r"([A-Z]+)([0-9]+)", ref).groups()
        rows.setdefault(int(row), {})[column] = cell.value
    return rows


def table_after(rows, header: str, count: int) -> list[dict[str, object]]:
    """The `count` rows below the first row whose column A holds `header`."""
    start = min(n for n, cells in rows.items() if cells.get("A") == header)
    return [rows.get(start + i, {}) for i in range(1, count + 1)]


def header_columns(rows, header: str) -> dict[str, str]:
    start = min(n for n, cells in rows.items() if cells.get("A") == header)
    return {text: column for column, text in rows[start].items()}


# --- figures -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(PUBLISHED))
def test_summary_and_area_sheets_hold_the_exact_figures(tmp_path, slug):
    fw = get_framework(PUBLISHED[slug].framework)
    path = write_result(tmp_path, slug)
    totals = compute_totals(fw, PUBLISHED[slug].scores)
    summary = table_after(rows_of(path, label("res_sheet_summary", "sv")), label("res_col_area", "sv"), 9)
    assert {row["A"]: row["C"] for row in summary[:8]} == {str(a.number): a.points for a in totals.areas}  # area numbers as text
    assert summary[8]["B"] == "Totalt" and summary[8]["C"] == totals.total
    for row, area in zip(summary, totals.areas):
        assert row["D"] == area.max
        assert row["E"] == round_half_up(percent(area.points, area.max), 1) / 100
    for area in fw.areas:
        rows = rows_of(path, area.sheet_name)
        questions = table_after(rows, label("res_col_question_id", "sv"), len(area.questions) + 1)
        assert {row["A"]: row["C"] for row in questions[:-1]} == {q.id: PUBLISHED[slug].scores[q.id] for q in area.questions}
        assert questions[-1]["C"] == totals.areas[area.number - 1].points


def test_karlskoga_2007_result_is_457_5_with_the_published_area_totals(tmp_path):
    path = write_result(tmp_path, "Karlskoga-2007", national=national_for("2002"))
    summary = table_after(rows_of(path, "Sammanfattning"), "Område", 9)
    karlskoga = PUBLISHED["Karlskoga-2007"]
    assert {int(row["A"]): row["C"] for row in summary[:8]} == karlskoga.published_area_totals
    assert summary[8]["C"] == D("457.5") == karlskoga.published_total


def test_text_is_written_as_text_never_as_a_formula(tmp_path):
    path = write_result(tmp_path, "Olofström-2022")
    workbook = open_workbook(path)
    sheet = get_framework("2020").area(1).sheet_name
    cells = workbook.sheet_cells(sheet)
    formula_like = [c for c in cells.values() if isinstance(c.value, str) and c.value.startswith("=")]
    assert {c.value for c in formula_like} == {FORMULA_LIKE, "=1+1 is text, not a formula"}
    assert all(c.kind is CellKind.TEXT and c.formula is None for c in formula_like)
    strengths = [c.value for c in cells.values() if c.value in PUBLISHED["Olofström-2022"].areas[0].strengths]
    assert strengths == list(PUBLISHED["Olofström-2022"].areas[0].strengths)
    assert not any(c.formula for name in workbook.sheet_names for c in workbook.sheet_cells(name).values())


def test_national_figures_are_shown_rounded_so_that_they_add_up(tmp_path):
    national = national_for("2020", count=31, seed=9)
    path = write_result(tmp_path, "Olofström-2022", national=national, municipality_group="Pendlingskommun")
    rows = rows_of(path, "Sammanfattning")
    columns = header_columns(rows, "Område")
    table = table_after(rows, "Område", 9)
    for header in ("Snitt riket", "Snitt grupp"):
        shown = [row[columns[header]] for row in table]
        assert sum(shown[:8]) == shown[8], header
        assert all(value == round_half_up(value, 1) for value in shown)
    assert table[8][columns["Snitt riket"]] == round_half_up(national.total.mean, 1)
    assert all(row[columns["Snitt riket"]] + row["G"] == row["C"] for row in table)  # the difference beside it, exact
    own = NationalRow(framework="2020", municipality="Olofström", year=2022, total=table[8]["C"], areas={n: table[n - 1]["C"] for n in range(1, 9)})
    rank, count = national.position(table[8]["C"], own)
    assert count == 32
    texts = [cell for cells in rows.values() for cell in cells.values() if isinstance(cell, str)]
    assert f"Placering efter totalpoäng: {rank} av 32" in texts
    best = max(national.total.maximum, table[8]["C"])
    assert any(text.startswith(f"Bästa totalresultat hittills: {format(best.normalize(), 'f').replace('.', ',')} poäng") for text in texts)
    assert any(label("res_quartile_note", "sv") in text for text in texts)
    quartiles = [row[columns["Kvartil"]] for row in table]
    assert quartiles[8] == national.quartile(table[8]["C"], own)
    assert set(quartiles) <= {1, 2, 3, 4}


def summary_texts(path: Path, sheet: str = "Sammanfattning") -> list[str]:
    return [cell for cells in rows_of(path, sheet).values() for cell in cells.values() if isinstance(cell, str)]


def quartile_filled(path: Path) -> list[bool]:
    """Whether each points cell of the summary (areas, then total) has a quartile colour."""
    sheet = openpyxl.load_workbook(path).worksheets[0]  # the summary, in either language
    fills = {f"FF{fill[1:]}" for fill in QUARTILE_FILLS}
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value in ("Område", "Area") and row[2].value in ("Poäng", "Points"))
    return [sheet.cell(row, 3).fill.fgColor.rgb in fills for row in range(header + 1, header + 10)]


def all_texts(path: Path) -> list[str]:
    """The texts of the summary and comparison sheets (in either language)."""
    book = open_workbook(path)
    return [cell.value for name in book.sheet_names[:3] for cell in book.sheet_cells(name).values() if isinstance(cell.value, str)]


def test_a_national_row_that_only_shares_the_workbook_id_is_not_this_evaluation(tmp_path):
    itself = NationalRow.from_workbook_result(result_of("Olofström-2022"))
    copied = itself.model_copy(update={"municipality": "Annanby", "municipality_group": "Storstad"})  # its workbook copied
    others = random_rows(get_framework("2020"), 5, seed=21)
    national = national_figures([copied, *others], "2020", source="nationell.xlsx")
    path = write_result(tmp_path, "Olofström-2022", previous=[], national=national)
    texts = all_texts(path)
    assert label("res_national_self_out", "sv") in texts and label("res_national_self_in", "sv") not in texts
    assert any(text.startswith("Sammanställningen har en annan utvärdering med samma arbetsboks-id (Annanby 2022,") for text in texts)
    assert any(text.startswith("Placering efter totalpoäng:") and text.endswith(" av 7") for text in texts)  # counted in
    assert "Snitt riket" in texts  # 6 other evaluations: the copied one is another
    assert not any("Storstad" in text for text in texts)  # the group of the other evaluation is not taken
    same = national_figures([itself, *others], "2020", source="nationell.xlsx")
    texts = all_texts(write_result(tmp_path, "Olofström-2022", previous=[], national=same))
    assert label("res_national_self_in", "sv") in texts and not any("samma arbetsboks-id" in text for text in texts)


def test_one_evaluation_gives_no_national_figure_no_position_and_no_quartile_and_says_why(tmp_path):
    itself = NationalRow.from_workbook_result(result_of("Olofström-2022"))
    national = national_figures([itself], "2020", source="nationell.xlsx")
    path = write_result(tmp_path, "Olofström-2022", previous=[], national=national)
    rows = rows_of(path, "Sammanfattning")
    assert list(header_columns(rows, "Område")) == ["Område", "Rubrik", "Poäng", "Max", "Procent"]
    assert quartile_filled(path) == [False] * 9
    texts = summary_texts(path)
    assert "Riksgenomsnitt visas inte: 0 andra utvärderingar enligt Kommunkompassen 2020, minst 5 behövs." in texts
    assert not any(text.startswith(("Placering", "Bästa", "Kvartil")) for text in texts)  # never compared with itself
    assert "Nationella jämförelsetal: 1 utvärdering enligt Kommunkompassen 2020 (nationell.xlsx)." in all_texts(path)
    assert "Utvärderad enligt Kommunkompassen 2020." in texts  # not "(version 2020)" after a title that names it


def test_quartiles_and_none_where_all_are_equal(tmp_path):
    result = result_of("Olofström-2022")
    own = result.area_points()
    rows = []
    for i, area_2 in enumerate((D(10), D(20), D(30), D(40), D(50))):
        areas = {n: D(50) for n in range(1, 9)} | {1: own[1], 2: area_2}
        rows.append(NationalRow(workbook_id=f"id-{i}", framework="2020", municipality=f"K{i}", year=2021, total=sum(areas.values(), D(0)), areas=areas))
    national = national_figures(rows, "2020", source="nationell.xlsx")
    path = write_result(tmp_path, "Olofström-2022", previous=[], national=national, lang="en")
    rows_ = rows_of(path, "Summary")
    quartiles = [row[header_columns(rows_, "Area")["Quartile"]] for row in table_after(rows_, "Area", 9)]
    assert quartiles[0] == "–"  # area 1: all six have the same points
    assert quartiles[1] == national.quartile(own[2], NationalRow.from_workbook_result(result), 2) == 4  # 65 against 10..50
    assert quartile_filled(path) == [False] + [True] * 8
    texts = summary_texts(path, "Summary")
    assert label("res_quartile_all_equal", "en") in texts
    assert "Position by total points: 1 of 6" in texts
    assert "National figures: 5 evaluations under Kommunkompassen 2020 (nationell.xlsx)." in texts


def test_the_comparison_sheet_follows_lineage_and_shows_text_where_there_is_no_match(tmp_path):
    previous = [PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392),
                               areas={n: D(40 + n) for n in range(1, 9)}, source="olofstrom-2017.xlsx")]
    path = write_result(tmp_path, "Olofström-2022", previous=previous, national=national_for("2020"))
    rows = rows_of(path, "Jämförelser")
    start = min(n for n, cells in rows.items() if cells.get("A") == "Jämfört med Olofström 2017 (Kommunkompassen 2016)")
    block = [rows[start + 3 + i] for i in range(9)]
    points = compute_totals(get_framework("2020"), PUBLISHED["Olofström-2022"].scores)
    area2, area8, total = block[1], block[7], block[8]
    assert (area2["D"], area2["E"], area2["F"], area2["G"]) == ("8", D(48), points.areas[1].points - 48, "delvis jämförbart")
    assert get_framework("2020").area(2).lineage.note in area2["H"]
    assert (area8["D"], area8["E"], area8.get("F"), area8["G"]) == ("4, 6", "ingen motsvarighet", None, "ej jämförbart")
    assert (total["C"], total["E"], total.get("F"), total["G"]) == (points.total, D(392), None, "ej jämförbart")
    assert "2016 och 2020" in total["H"]
    national = table_after(rows, "Jämfört med riksgenomsnittet (Kommunkompassen 2020)", 11)[2:]
    assert all(row["C"] - row["D"] == row["E"] for row in national)


def test_karlskoga_comparison_shows_the_printed_improvements(tmp_path):
    rows = rows_of(write_result(tmp_path, "Karlskoga-2007"), "Jämförelser")
    start = min(n for n, cells in rows.items() if cells.get("A") == "Jämfört med Karlskoga 2003 (Kommunkompassen 2002)")
    block = [rows[start + 3 + i] for i in range(9)]
    assert [row["F"] for row in block] == [D(18), D(11), D(3), D("4.5"), D(25), D("19.5"), D(21), D(9), D(111)]
    assert {row["G"] for row in block} == {"jämförbart"}


# --- charts ------------------------------------------------------------------------------


def resolve(path: Path, formula: str) -> list[object]:
    """The values of a range such as 'Jämförelser'!$C$7:$C$14 (or one cell) as stored."""
    sheet, ref = formula.rsplit("!", 1)
    sheet = sheet.strip("'").replace("''", "'")
    first, _, last = ref.replace("$", "").partition(":")
    (col1, row1), (col2, row2) = (re.match(r"([A-Z]+)([0-9]+)", r).groups() for r in (first, last or first))
    assert col1 == col2
    cells = open_workbook(path).sheet_cells(sheet)
    return [cells[f"{col1}{row}"].value if f"{col1}{row}" in cells else None for row in range(int(row1), int(row2) + 1)]


def chart_series(path: Path) -> list[list[tuple[str, str, str]]]:
    """(name, categories, values) range formulas of every series of every chart, chart by chart."""
    charts = []
    with zipfile.ZipFile(path) as package:
        names = sorted(n for n in package.namelist() if re.fullmatch(r"xl/charts/chart[0-9]+\.xml", n))
        for name in names:
            root = ElementTree.fromstring(package.read(name))
            charts.append([
                tuple(ser.find(f"c:{part}//c:f", NS).text for part in ("tx", "cat", "val"))
                for ser in root.iter(f"{{{NS['c']}}}ser")
            ])
    return charts


def test_charts_draw_the_profile_against_earlier_evaluations_and_the_national_average(tmp_path):
    fw = get_framework("2002")
    national = national_for("2002", seed=4)
    path = write_result(tmp_path, "Karlskoga-2007", national=national, municipality_group="Pendlingskommun")
    summary, earlier, against_national = chart_series(path)
    points = compute_totals(fw, PUBLISHED["Karlskoga-2007"].scores)
    for name, categories, values in earlier + against_national:
        assert resolve(path, categories) == [area.sheet_name for area in fw.areas]
    national_name, group_name = "Riksgenomsnitt (24 utvärderingar)", "Snitt Pendlingskommun (12 utvärderingar)"
    assert [resolve(path, name)[0] for name, _, _ in summary] == ["Karlskoga 2007", "Karlskoga 2003", national_name, group_name]
    assert all(resolve(path, categories) == [str(n) for n in range(1, 9)] for _, categories, _ in summary)  # by area number
    assert [resolve(path, name) for name, _, _ in earlier] == [["Karlskoga 2007"], ["Karlskoga 2003"]]
    assert resolve(path, earlier[0][2]) == [a.points for a in points.areas]
    assert resolve(path, earlier[1][2]) == [PUBLISHED["Karlskoga-2007"].earlier[0].area_totals[n] for n in range(1, 9)]
    assert [resolve(path, name)[0] for name, _, _ in against_national] == ["Karlskoga 2007", national_name, group_name]
    shown, _ = national.shown_means()
    assert resolve(path, against_national[1][2]) == [shown[n] for n in range(1, 9)]
    assert all(formula.rsplit("!", 1)[0].strip("'") == "Jämförelser" for chart in (summary, earlier, against_national) for series in chart for formula in series)


def test_an_area_without_a_comparable_figure_is_a_gap_in_the_chart(tmp_path):
    previous = [PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392), areas={n: D(40 + n) for n in range(1, 9)})]
    path = write_result(tmp_path, "Olofström-2022", previous=previous)
    summary, earlier = chart_series(path)
    assert resolve(path, earlier[1][2]) == [D(41), D(48), D(43), D(45), D(42), D(47), D(46), None]
    assert summary[1][2] == earlier[1][2]  # the summary draws the earlier partly comparable evaluation as well


def test_without_comparisons_one_profile_chart_is_drawn(tmp_path):
    path = write_result(tmp_path, "Kalix-2012", previous=[], lang="en")
    summary, only = chart_series(path)
    assert [resolve(path, name) for name, _, _ in only] == [["Kalix 2012"]]
    assert [resolve(path, name) for name, _, _ in summary] == [["Kalix 2012"]]
    texts = [c for cells in rows_of(path, "Comparison").values() for c in cells.values()]
    assert label("res_no_comparisons", "en") in texts


# --- workbook ----------------------------------------------------------------------------


def test_sheets_in_english_and_swedish(tmp_path):
    areas = [a.sheet_name for a in get_framework("2010").areas]
    assert open_workbook(write_result(tmp_path, "Kalix-2012", lang="en")).sheet_names == ["Summary", "Charts", "Comparison", *areas, "About", "_kompass"]
    swedish = open_workbook(write_result(tmp_path, "Kalix-2012"))
    assert swedish.sheet_names == ["Sammanfattning", "Diagram", "Jämförelser", *areas, "Om rapporten", "_kompass"]
    assert [s.state for s in swedish.sheets][-1] == "hidden"
    meta = {swedish.cell("_kompass", f"A{r}").value: swedish.cell("_kompass", f"B{r}").value for r in range(1, 8)}
    assert meta["kind"] == "result" and meta["framework"] == "2010" and meta["municipality"] == "Kalix"


def test_every_sheet_prints_on_a4_with_headers_and_page_numbers(tmp_path):
    path = write_result(tmp_path, "Östersund-2015", national=national_for("2010"))
    with zipfile.ZipFile(path) as package:
        sheets = sorted((n for n in package.namelist() if re.fullmatch(r"xl/worksheets/sheet[0-9]+\.xml", n)), key=lambda n: int(re.sub(r"\D", "", n)))
        assert len(sheets) == 13
        sheets.remove("xl/worksheets/sheet13.xml")  # the hidden _kompass sheet is never printed
        for name in sheets:
            xml = package.read(name).decode()
            assert 'paperSize="9"' in xml, name
            assert "Östersund 2015" in xml and "Sida &amp;P av &amp;N" in xml, name
        for name in sheets[:2]:  # the summary and the charts: one page
            xml = package.read(name).decode()
            assert "<pageSetUpPr fitToPage=\"1\"/>" in xml and 'fitToHeight="0"' not in xml, name
        for name in sheets[2:]:  # the others: a scale that fits the width, and page breaks set by the writer
            xml = package.read(name).decode()
            assert "fitToPage" not in xml and re.search(r'scale="([0-9]+)"', xml), name
        assert 'orientation="landscape"' in package.read("xl/worksheets/sheet2.xml").decode()
        workbook = package.read("xl/workbook.xml").decode()
    assert workbook.count("_xlnm.Print_Titles") == 9  # header rows repeat on the summary and every area sheet


def test_about_sheet_tells_where_the_result_comes_from(tmp_path):
    path = write_result(tmp_path, "Karlskoga-2007", national=national_for("2002", sha256="cd" * 32))
    about = {cells.get("A"): cells.get("B") for cells in rows_of(path, "Om rapporten").values()}
    assert about["Källfil"] == "Karlskoga-2007.xlsx" and about["SHA-256 (källfil)"] == SHA
    assert about["Verktyg"] == f"kompass-xlsx {tool_version()}"
    assert about["Skapad"] == "2026-01-01 00:00 UTC"
    assert about["Utvärderare"] == "Leif Eldås, Gunnar Gidenstam"
    assert about["Ramverk"] == "Kommunkompassen 2002"  # the title already names the version
    assert "cd" * 32 in about["Nationell sammanställning"]
    assert about["Tidigare utvärdering"].startswith("Karlskoga 2003, Kommunkompassen 2002 – publicerad rapport")


def test_the_same_inputs_give_the_same_bytes():
    result = result_of("Kalix-2012")
    args = (get_framework("2010"), result, [], national_for("2010"), "kalix.xlsx", SHA, "sv", FIXED_CREATED)
    assert build_result_workbook(*args) == build_result_workbook(*args)


def test_an_invalid_result_or_foreign_national_figures_are_refused():
    fw = get_framework("2020")
    incomplete = with_totals(fw, Evaluation(framework="2020", municipality="X", year=2022, scores={"1.1": D(1)}), "x.xlsx", "")
    with pytest.raises(KompassError, match="not a valid evaluation"):
        build_result_workbook(fw, incomplete)
    with pytest.raises(KompassError, match="national figures of framework 2016"):
        build_result_workbook(fw, result_of("Olofström-2022"), national=national_for("2016"))
    same = PreviousResult.from_workbook_result(result_of("Olofström-2022"))
    with pytest.raises(KompassError, match="is the evaluation itself"):
        build_report(result_of("Olofström-2022"), [same])


def test_the_same_earlier_evaluation_given_twice_is_refused():
    earlier = PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392), areas={n: D(49) for n in range(1, 9)},
                             source="olofstrom-2017.xlsx", sha256="12" * 32, workbook_id="id-2017")
    result = result_of("Olofström-2022")
    with pytest.raises(KompassError, match=r"--previous is given olofstrom-2017.xlsx and kopia.xlsx: the same file \(same SHA-256\)"):
        build_report(result, [earlier, earlier.model_copy(update={"source": "kopia.xlsx"})])
    resaved = earlier.model_copy(update={"sha256": "34" * 32})
    with pytest.raises(KompassError, match=r"given olofstrom-2017.xlsx twice: the same workbook \(workbook id id-2017, 2017\)"):
        build_report(result, [earlier, resaved])
    other_year = earlier.model_copy(update={"sha256": "56" * 32, "year": 2013, "framework": "2010", "source": "olofstrom-2013.xlsx"})
    assert build_report(result, [earlier, other_year])  # one workbook id, another year: another evaluation
    published = published_previous("Olofström-2022") * 2  # figures from a report carry no file or id, but are the same
    with pytest.raises(KompassError, match=r"twice: the same figures \(Kommunkompassen 2016, 2017\)"):
        build_report(result, published)


# --- from files: make_report and the command ---------------------------------------------


@pytest.fixture
def files(tmp_path):
    fw, fw16 = get_framework("2020"), get_framework("2016")
    olofstrom = PUBLISHED["Olofström-2022"].scores
    source = write_filled(tmp_path / "olofstrom-2022.xlsx", fw, olofstrom, municipality="Olofström", year=2022, municipality_group="Pendlingskommun")
    earlier_scores = {q.id: D(q.max) / 2 for q in fw16.questions}
    earlier = write_filled(tmp_path / "olofstrom-2017.xlsx", fw16, earlier_scores, municipality="Olofström", year=2017, workbook_id="00000000-0000-4000-8000-000000002017")
    national = write_national(tmp_path / "nationell.xlsx", random_rows(fw, 20, seed=2) + random_rows(fw16, 3, seed=3))
    invalid = write_filled(tmp_path / "invalid.xlsx", fw, dict(olofstrom, **{"1.1": D(99)}), municipality="Olofström", year=2022)
    return {"source": source, "earlier": earlier, "national": national, "invalid": invalid, "dir": tmp_path}


def test_make_report_reads_checks_and_compares_real_files(files):
    data = make_report(files["source"], [files["earlier"]], files["national"], created=FIXED_CREATED)
    path = files["dir"] / "result.xlsx"
    path.write_bytes(data)
    summary = table_after(rows_of(path, "Sammanfattning"), "Område", 9)
    assert summary[8]["C"] == compute_totals(get_framework("2020"), PUBLISHED["Olofström-2022"].scores).total
    about = {cells.get("A"): cells.get("B") for cells in rows_of(path, "Om rapporten").values()}
    assert about["Källfil"] == "olofstrom-2022.xlsx"
    assert "nationell.xlsx" in about["Nationell sammanställning"]
    assert "olofstrom-2017.xlsx" in about["Tidigare utvärdering"]
    assert len(chart_series(path)) == 3  # the summary's, and against the earlier and the national figures


def test_make_report_uses_the_scoring_workbooks_language(tmp_path):
    fw = get_framework("2010")
    evaluation = evaluation_of("Kalix-2012")
    path = tmp_path / "kalix-en.xlsx"
    path.write_bytes(build_scoring_workbook(fw, evaluation, "en"))
    result = tmp_path / "kalix-result.xlsx"
    result.write_bytes(make_report(path, created=FIXED_CREATED))
    assert open_workbook(result).sheet_names[:3] == ["Summary", "Charts", "Comparison"]
    result.write_bytes(make_report(path, lang=Lang.SV, created=FIXED_CREATED))
    assert open_workbook(result).sheet_names[0] == "Sammanfattning"


def test_make_report_refuses_an_invalid_workbook_with_its_findings(files):
    with pytest.raises(InvalidWorkbookError) as caught:
        make_report(files["invalid"])
    assert [f.question for f in caught.value.result.errors] == ["1.1"]
    with pytest.raises(InvalidWorkbookError, match="earlier workbook is not valid"):
        make_report(files["source"], [files["invalid"]])


def test_report_command(files):
    runner = CliRunner()
    out = files["dir"] / "out.xlsx"
    args = ["report", str(files["source"]), "--previous", str(files["earlier"]), "--national", str(files["national"]), "-o", str(out)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    assert open_workbook(out).sheet_names[0] == "Sammanfattning"

    again = runner.invoke(cli, args)
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0

    invalid = runner.invoke(cli, ["report", str(files["invalid"]), "-o", str(files["dir"] / "x.xlsx")])
    assert invalid.exit_code == 1
    assert "SCORE_ABOVE_MAX" in invalid.stderr or "1.1" in invalid.stderr
    assert "is not valid" in invalid.stderr
    assert not (files["dir"] / "x.xlsx").exists()

    twice = runner.invoke(cli, ["report", str(files["source"]), "--previous", str(files["earlier"]), "--previous", str(files["earlier"]), "-o", str(files["dir"] / "z.xlsx")])
    assert twice.exit_code == 2
    assert "Error: --previous is given olofstrom-2017.xlsx twice: the same file (same SHA-256)" in twice.stderr
    assert not (files["dir"] / "z.xlsx").exists()

    not_national = runner.invoke(cli, ["report", str(files["source"]), "--national", str(files["earlier"]), "-o", str(files["dir"] / "y.xlsx")])
    assert not_national.exit_code == 2
    assert "not a national summary workbook" in not_national.stderr


# --- LibreOffice -------------------------------------------------------------------------


def pdf_pages(pdf: Path) -> list[tuple[str, bool]]:
    """(sheet name from the page header, landscape?) for every page of a PDF."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    pages = []
    for number, (width, height) in enumerate(sizes, start=1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        header = next(line for line in text.splitlines() if line.strip())
        parts = re.split(r"\s{2,}", header.strip())
        pages.append((parts[1] if len(parts) == 3 else header.strip(), float(width) > float(height)))
    return pages


@pytest.mark.libreoffice
def test_libreoffice_opens_every_result_workbook_and_prints_it_sanely(tmp_path, libreoffice):
    sources = []
    for index, slug in enumerate(sorted(PUBLISHED)):
        framework = PUBLISHED[slug].framework
        lang = "en" if index % 2 else "sv"
        sources.append((slug, lang, write_result(tmp_path, slug, national=national_for(framework, seed=index), lang=lang, municipality_group="Pendlingskommun")))
    outdir = tmp_path / "pdf"
    completed = subprocess.run(
        [libreoffice.binary, f"-env:UserInstallation={libreoffice.profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *(str(path) for _, _, path in sources)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    for slug, lang, path in sources:
        pdf = outdir / f"{path.stem}.pdf"
        assert pdf.exists(), (slug, completed.stdout, completed.stderr)
        pages = pdf_pages(pdf)
        per_sheet: dict[str, list[bool]] = {}
        for sheet, landscape in pages:
            per_sheet.setdefault(sheet, []).append(landscape)
        fw = get_framework(PUBLISHED[slug].framework)
        assert list(per_sheet) == open_workbook(path).sheet_names[:-1], slug  # all but the hidden _kompass
        assert per_sheet[label("res_sheet_charts", lang)] == [True], slug  # the charts: one landscape page
        assert per_sheet[label("res_sheet_summary", lang)] == [False], slug
        for area in fw.areas:
            assert per_sheet[area.sheet_name] == [False], (slug, area.sheet_name)  # each area on one A4 page
        assert 12 <= len(pages) <= 20, (slug, len(pages))
        headers = [label(key, lang) for key in ("res_col_national_short", "res_col_group_short", "res_col_quartile", "res_col_verdict",
                                                "res_col_difference", "res_col_matches", "res_col_percent", "res_col_comment", "res_col_compared_with")]
        headers.append("Pendlingskommun")  # the group's name in the headers of its average
        assert broken_words(pdf_text(pdf), headers) == [], slug  # no header word broken across lines


def test_report_reads_the_national_summary_that_kompass_merge_writes(files, tmp_path):
    """The contract between `kompass merge` and `kompass report`: the hidden `_evaluations` sheet."""
    folder = tmp_path / "evaluations"
    folder.mkdir()
    fw = get_framework("2020")
    for number, row in enumerate(random_rows(fw, 5, seed=11)):
        scores = {q.id: q.max * (D("0.2"), D("0.4"), D("0.5"), D("0.6"), D("0.8"))[number] for q in fw.questions}
        write_filled(folder / f"kommun-{number}.xlsx", fw, scores, municipality=row.municipality, year=2023, workbook_id=row.workbook_id)
    shutil.copy(files["source"], folder / "olofstrom-2022.xlsx")
    national = tmp_path / "merged.xlsx"
    runner = CliRunner()
    merged = runner.invoke(cli, ["merge", str(folder), "-o", str(national)])
    assert merged.exit_code == 0, merged.output
    out = tmp_path / "result.xlsx"
    reported = runner.invoke(cli, ["report", str(files["source"]), "--national", str(national), "-o", str(out)])
    assert reported.exit_code == 0, reported.output
    texts = [c for cells in rows_of(out, "Sammanfattning").values() for c in cells.values() if isinstance(c, str)]
    # Totals 160, 320, 400, 480, 640 and Olofström's 452, which is one of the merged evaluations itself.
    assert "Placering efter totalpoäng: 3 av 6" in texts
    assert label("res_national_self_in", "sv") in all_texts(out)


LONG_COMMENT = "\n".join(
    [f"Anna: {' '.join(f'iakttagelse{n}' for n in range(140))}", f"Per: {' '.join(f'underlag{n}' for n in range(140))}", "Slutord."]
)


def test_rows_of_text_keep_every_word_in_order_and_each_piece_fits_a_row():
    from kompass_xlsx.workbooks.common import ROW_HEIGHT_MAX, rows_of_text, text_height

    assert rows_of_text("Kort kommentar.\nTvå rader.", D(46)) == ["Kort kommentar.\nTvå rader."]
    link = "https://example.org/" + "a" * 4000
    for text in (LONG_COMMENT, f"Se {link} för underlag", "ord " * 2000):
        pieces = rows_of_text(text, D(46))
        assert len(pieces) > 1 and all(text_height(piece, D(46)) < ROW_HEIGHT_MAX for piece in pieces)
        assert "".join("".join(pieces).split()) == "".join(text.split())


@pytest.mark.libreoffice
def test_a_comment_taller_than_a_row_goes_on_in_the_rows_below_and_prints_in_full(tmp_path, libreoffice):
    result = result_of("Olofström-2022")
    comments = dict(result.evaluation.comments) | {"1.2": LONG_COMMENT}
    long = result.model_copy(update={"evaluation": result.evaluation.model_copy(update={"comments": comments})})
    data = build_result_workbook(get_framework("2020"), long, [], None, "o.xlsx", SHA, "sv", FIXED_CREATED)
    path = tmp_path / "long.xlsx"
    path.write_bytes(data)
    sheet = openpyxl.load_workbook(path).worksheets[3]  # area 1
    ids = [sheet.cell(row, 1).value for row in range(5, 5 + 12)]
    first = ids.index("1.2")
    continued = ids[first + 1:].index("1.3")
    assert continued >= 2 and ids[first + 1:first + 1 + continued] == [None] * continued
    shown = [sheet.cell(5 + first + n, 6).value for n in range(continued + 1)]
    assert "".join("".join(shown).split()) == "".join(LONG_COMMENT.split())
    assert all(sheet.row_dimensions[5 + first + n].height <= 409 for n in range(continued + 1))
    assert check_area_sum(sheet)
    text = pdf_text(libreoffice.convert(path, "pdf", tmp_path / "pdf"))
    assert "underlag139" in text and "iakttagelse139" in text and "Slutord." in text


def check_area_sum(sheet) -> bool:
    """The area's sum row still adds up the question rows' points (continuation rows have none)."""
    points = [sheet.cell(row, 3).value for row in range(5, sheet.max_row + 1)]
    numbers = [p for p in points if isinstance(p, int | float)]
    return numbers[-1] == sum(numbers[:-1]) if numbers else False
