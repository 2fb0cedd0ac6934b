"""The national summary workbook: read back with openpyxl, opened by LibreOffice, inert user text."""

from __future__ import annotations

import io
import random
import re
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from kompass_xlsx import tool_version
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import label
from kompass_xlsx.merging import merge_results
from kompass_xlsx.national import EVALUATION_COLUMNS, NationalRow, read_national_rows
from kompass_xlsx.scoring import points_text
from kompass_xlsx.workbooks.national import build_national_workbook

from test_merging import HYPERLINK, mixed_results

HEADER_ROW = 4  # the tables' header row as Excel numbers it; data from row 5


@pytest.fixture(scope="module")
def outcome():
    return merge_results(mixed_results())


@pytest.fixture(scope="module")
def national(outcome, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("national") / "national.xlsx"
    path.write_bytes(build_national_workbook(outcome))
    return path


@pytest.fixture(scope="module")
def book(national):
    return openpyxl.load_workbook(national)


def table_rows(sheet, header_row: int = HEADER_ROW) -> list[dict]:
    """The rows under a header row as dicts by header, up to the first empty row."""
    headers = [c.value for c in sheet[header_row]]
    rows = []
    for cells in sheet.iter_rows(min_row=header_row + 1):
        if all(c.value in (None, "") for c in cells):
            break
        rows.append({h: c for h, c in zip(headers, cells) if h is not None})
    return rows


def values(row: dict) -> dict:
    return {key: cell.value for key, cell in row.items()}


def rounded_once(value: Fraction) -> Decimal:
    """Half away from zero to one decimal, computed from the exact fraction (values here are >= 0)."""
    tenths = value * 10
    whole = tenths.numerator // tenths.denominator
    if tenths - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 10


def expected_rows(outcome) -> list[NationalRow]:
    """The rows `kompass report --national` should read: text as stored, trimmed as the reader trims it."""
    return [
        NationalRow.from_workbook_result(r).model_copy(update={"municipality_group": (r.evaluation.municipality_group or "").strip() or None})
        for r in outcome.merged
    ]


def independent_totals(result) -> tuple[dict[int, Decimal], Decimal]:
    framework = get_framework(result.framework)
    areas = {a.number: sum((result.evaluation.scores[q.id] for q in a.questions), Decimal(0)) for a in framework.areas}
    return areas, sum(result.evaluation.scores.values(), Decimal(0))


def test_sheets_in_order_and_hidden_data_sheets(book):
    assert book.sheetnames == [
        "Utvärderingar", "Medelvärden", "Fördelning", "Grupper", "Delfrågor", "Avvisade",
        "Konflikter och dubbletter", "Om sammanställningen", "_evaluations", "_kompass",
    ]
    assert [ws.sheet_state for ws in book] == ["visible"] * 8 + ["hidden"] * 2
    assert book.active.title == "Utvärderingar"


def test_evaluations_sheet_is_a_filterable_table_of_exact_points(book, outcome):
    sheet = book["Utvärderingar"]
    (name, ref), = sheet.tables.items()
    assert ref == f"A{HEADER_ROW}:S{HEADER_ROW + len(outcome.merged)}"
    rows = [values(r) for r in table_rows(sheet)]
    assert [(r["Kommun"], r["År"], r["Ramverk"], r["Fil"]) for r in rows] == [
        (r.evaluation.municipality, r.evaluation.year, r.framework, r.path) for r in outcome.merged
    ]
    for row, result in zip(rows, outcome.merged, strict=True):
        areas, total = independent_totals(result)
        assert [Decimal(str(row[f"Område {n}"])) for n in range(1, 9)] == [areas[n] for n in range(1, 9)]
        assert Decimal(str(row["Totalt"])) == total
        assert row["SHA-256"] == result.sha256
        assert row["Arbetsboks-id"] == result.evaluation.workbook_id
    olofstrom = next(r for r in table_rows(sheet) if r["Kommun"].value == "Olofström")
    assert olofstrom["Utvärderare"].value == "=SUM(A1), Anna"
    assert olofstrom["Utvärderare"].data_type == "s"
    assert (olofstrom["Kommungrupp"].value, olofstrom["Invånare"].value, olofstrom["Storleksklass"].value) == ("Pendlingskommun", 13000, "10 000–24 999 invånare")


def test_hidden_evaluations_sheet_is_exact_text_that_report_reads_back(book, national, outcome):
    sheet = book["_evaluations"]
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == list(EVALUATION_COLUMNS) == [
        "workbook_id", "framework", "municipality", "year", "municipality_group", "population", "total",
        "area_1", "area_2", "area_3", "area_4", "area_5", "area_6", "area_7", "area_8",
    ]
    assert all(c.data_type == "s" for row in cells for c in row)
    expected = []
    for result in outcome.merged:
        ev = result.evaluation
        areas, total = independent_totals(result)
        expected.append(
            [ev.workbook_id, ev.framework, ev.municipality, str(ev.year), ev.municipality_group or "", "" if ev.population is None else str(ev.population), points_text(total)]
            + [points_text(areas[n]) for n in range(1, 9)]
        )
    assert [[c.value or "" for c in row] for row in cells[1:]] == expected
    assert read_national_rows(national) == expected_rows(outcome)


def test_meta_sheet_says_national(book):
    meta = {row[0].value: row[1].value for row in book["_kompass"].iter_rows()}
    assert meta["kind"] == "national"
    assert meta["tool_version"] == tool_version()
    assert meta["framework_versions"] == "2010,2016,2020"


def averages_by_key(sheet, lead: int) -> dict[tuple, dict]:
    return {tuple(r[h].value for h in list(r)[: lead + 2]): values(r) for r in table_rows(sheet)}


def test_averages_are_exact_statistics_rounded_once(book, outcome):
    table = averages_by_key(book["Medelvärden"], lead=2)
    merged_2020 = [r for r in outcome.merged if r.framework == "2020"]
    totals = [Fraction(independent_totals(r)[1]) for r in merged_2020]
    row = table[("2020", "Alla år", "Totalt", None)]
    mean = sum(totals) / len(totals)
    ordered = sorted(totals)
    assert row["Antal"] == 4
    assert Decimal(str(row["Medelvärde"])) == rounded_once(mean)
    assert Decimal(str(row["Median"])) == rounded_once((ordered[1] + ordered[2]) / 2)
    assert (Fraction(Decimal(str(row["Lägsta"]))), Fraction(Decimal(str(row["Högsta"])))) == (ordered[0], ordered[-1])
    assert Decimal(str(row["Nedre kvartil"])) == rounded_once(ordered[0] + (ordered[1] - ordered[0]) * Fraction(3, 4))
    assert Decimal(str(row["Övre kvartil"])) == rounded_once(ordered[2] + (ordered[3] - ordered[2]) * Fraction(1, 4))
    assert Fraction(Decimal(row["Medelvärde, exakt"])) == mean  # exact text; a mean of four terminates

    question = table[("2020", "Alla år", "Delfråga", "1.1")]
    scores = [Fraction(r.evaluation.scores["1.1"]) for r in merged_2020]
    assert (question["Antal"], Decimal(str(question["Medelvärde"])), question["Maxpoäng"]) == (4, rounded_once(sum(scores) / 4), 20)
    area = table[("2020", "Alla år", "Område", "3")]
    area_points = [Fraction(independent_totals(r)[0][3]) for r in merged_2020]
    assert Fraction(Decimal(area["Medelvärde, exakt"])) == sum(area_points) / 4

    # per evaluation year, and every version present
    scopes = sorted({(key[0], key[1]) for key in table})
    assert scopes == [("2010", "Alla år"), ("2010", "År 2012"), ("2016", "Alla år"), ("2016", "År 2017"), ("2016", "År 2018"),
                      ("2020", "Alla år"), ("2020", "År 2021"), ("2020", "År 2022"), ("2020", "År 2023")]
    year_2021 = [Fraction(independent_totals(r)[1]) for r in merged_2020 if r.evaluation.year == 2021]
    assert Decimal(str(table[("2020", "År 2021", "Totalt", None)]["Medelvärde"])) == rounded_once(sum(year_2021) / 2)
    rows_per_scope = len(get_framework("2020").areas) + len(get_framework("2020").questions) + 1
    assert sum(1 for key in table if key[:2] == ("2020", "Alla år")) == rows_per_scope


def test_groups_per_municipality_group_and_population_class(book, outcome):
    table = averages_by_key(book["Grupper"], lead=3)
    groups = sorted({key[:3] for key in table})
    assert groups == [
        ("2016", "Kommungrupp", "Större stad"),
        ("2016", "Storleksklass", "50 000–99 999 invånare"),
        ("2020", "Kommungrupp", "Pendlingskommun"),
        ("2020", "Kommungrupp", "Storstad"),
        ("2020", "Storleksklass", "10 000–24 999 invånare"),
        ("2020", "Storleksklass", "25 000–49 999 invånare"),
    ]
    members = [r for r in outcome.merged if r.path in ("olofstrom-2022.xlsx", "are-2021.xlsx")]
    total = table[("2020", "Kommungrupp", "Pendlingskommun", "Totalt", None)]
    assert total["Antal"] == 2
    assert Fraction(Decimal(total["Medelvärde, exakt"])) == sum(Fraction(independent_totals(r)[1]) for r in members) / 2
    assert table[("2016", "Storleksklass", "50 000–99 999 invånare", "Delfråga", "8.7")]["Antal"] == 2


def test_questions_sheet_is_long_format_and_comments_stay_inert(book, outcome):
    rows = table_rows(book["Delfrågor"])
    assert len(rows) == sum(len(get_framework(r.framework).questions) for r in outcome.merged) == 45 + 2 * 45 + 4 * 36
    olofstrom = [r for r in rows if r["Kommun"].value == "Olofström"]
    first = olofstrom[0]
    assert (first["Fråga"].value, first["Kommentar"].value, first["Kommentar"].data_type) == ("1.1", HYPERLINK, "s")
    merged = {(r.evaluation.municipality, r.evaluation.year): r for r in outcome.merged}
    for row in rows:
        result = merged[(row["Kommun"].value, row["År"].value)]
        assert Decimal(str(row["Poäng"].value)) == result.evaluation.scores[row["Fråga"].value]
        assert row["Maxpoäng"].value == get_framework(result.framework).questions_by_id[row["Fråga"].value].max


def test_no_cell_holds_a_formula_or_a_link(national):
    with zipfile.ZipFile(national) as archive:
        sheets = [name for name in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)]
        assert len(sheets) == 10
        for name in sheets:
            xml = archive.read(name).decode()
            assert "<f>" not in xml and "<f " not in xml, name
            assert "<hyperlink" not in xml, name


def test_rejected_sheet_lists_every_finding(book):
    rows = [values(r) for r in table_rows(book["Avvisade"])]
    assert [(r["Fil"], r["Kod"], r["Allvarlighet"], r["Plats"]) for r in rows] == [
        ("tomelilla.xlsx", None, None, None),
        ("trasig.xlsx", "FILE_UNREADABLE", "error", None),
        ("vara-again.xlsx", "SCORE_ABOVE_MAX", "error", "'3 Styrning och kontroll'!D7"),
        ("vara-again.xlsx", "ZERO_WITHOUT_COMMENT", "warning", "'1 Samspel'!D5"),
        ("vara.xlsx", "SCORE_ABOVE_MAX", "error", "'3 Styrning och kontroll'!D7"),
        ("vara.xlsx", "ZERO_WITHOUT_COMMENT", "warning", "'1 Samspel'!D5"),
    ]
    assert rows[0]["Meddelande"] == label("nat_rejected_no_totals", "sv")
    assert rows[1]["Meddelande"] == "not a zip file"
    assert rows[4]["Meddelande"].startswith("Question 3.2: the score 40 is above")


def test_conflicts_and_duplicates_sheet(book, outcome):
    sheet = book["Konflikter och dubbletter"]
    conflicts = [values(r) for r in table_rows(sheet)]
    assert [(r["Konflikt"], r["Kommun"], r["År"], r["Fil"]) for r in conflicts] == [
        (1, "Kiruna", 2022, "kiruna-a.xlsx"),
        (1, " kiruna ", 2022, "kiruna-b.xlsx"),
        (2, "Ludvika", 2019, "ludvika-v1.xlsx"),
        (2, "Ludvika", 2019, "ludvika-v2.xlsx"),
        (3, "Mora", 2020, "mora-2020-old.xlsx"),
        (3, "Mora", 2020, "mora-2020-new.xlsx"),
    ]
    duplicates_header = HEADER_ROW + len(conflicts) + 6
    assert sheet.cell(duplicates_header - 3, 1).value == "Dubbletter"
    duplicates = [values(r) for r in table_rows(sheet, duplicates_header)]
    assert [(r["Fil"], r["Dubblett av"], r["Skäl"]) for r in duplicates] == [
        ("resaved/karlskrona.xlsx", "karlskrona-2018.xlsx", "Samma arbetsbok och samma innehåll"),
        ("x/olofstrom-copy.xlsx", "olofstrom-2022.xlsx", "Identisk fil (samma SHA-256)"),
    ]


def test_about_sheet_counts_the_inputs(book):
    about = {row[0].value: row[1].value for row in book["Om sammanställningen"].iter_rows(min_row=4, max_row=11)}
    assert about == {
        "Skapad": "2026-01-01 00:00 UTC",
        "Verktygsversion": tool_version(),
        "Filer lästa": 19,
        "Sammanslagna utvärderingar": 7,
        "Avvisade filer": 4,
        "Dubbletter": 2,
        "Filer i konflikt": 6,
        "Ramverksversioner": "2010 (1 st), 2016 (2 st), 2020 (4 st)",
    }


def test_distribution_has_best_results_quartiles_and_native_charts(book, national, outcome):
    sheet = book["Fördelning"]
    best = [values(r) for r in table_rows(sheet, 5)]
    expected = []
    for version in ("2010", "2016", "2020"):
        merged = [r for r in outcome.merged if r.framework == version]
        top = max(merged, key=lambda r: independent_totals(r)[1])
        expected.append((version, f"{top.evaluation.municipality} {top.evaluation.year}", independent_totals(top)[1], len(merged)))
    assert [(r["Ramverk"], r["Kommun och år"], Decimal(str(r["Bästa totalpoäng"])), r["Utvärderingar"]) for r in best] == expected
    texts = [c.value for c in sheet["A"] if isinstance(c.value, str)]
    assert "Kommunkompassen 2020: 4 utvärderingar" in texts
    with zipfile.ZipFile(national) as archive:
        charts = [name for name in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", name)]
        assert len(charts) == 2 * len(outcome.versions)
        box = archive.read("xl/charts/chart1.xml").decode()
        assert 'grouping val="stacked"' in box and "<c:lineChart>" in box


def test_same_bytes_for_any_input_order(outcome):
    expected = build_national_workbook(outcome)
    results = mixed_results()
    for seed in range(3):
        random.Random(seed).shuffle(results)
        assert build_national_workbook(merge_results(results)) == expected


def test_english_labels():
    data = build_national_workbook(merge_results(mixed_results()), lang="en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[:8] == ["Evaluations", "Averages", "Distribution", "Groups", "Questions", "Rejected", "Conflicts and duplicates", "About"]
    assert [c.value for c in book["Evaluations"][HEADER_ROW]][:3] == ["Municipality", "Year", "Framework"]


def test_a_merge_where_everything_was_rejected_still_gives_a_workbook(tmp_path):
    rejected = [r for r in mixed_results() if not r.valid]
    path = tmp_path / "empty.xlsx"
    path.write_bytes(build_national_workbook(merge_results(rejected)))
    book = openpyxl.load_workbook(path)
    assert len(book["Utvärderingar"].tables) == 0
    assert [c.value for c in book["Utvärderingar"][HEADER_ROW]][0] == "Kommun"
    assert len(table_rows(book["Avvisade"])) == 6
    assert read_national_rows(path) == []


@pytest.mark.libreoffice
def test_libreoffice_opens_the_national_workbook(national, outcome, tmp_path, libreoffice):
    saved = libreoffice.convert(national, "xlsx", tmp_path / "xlsx")
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames[0] == "Utvärderingar" and "_evaluations" in book.sheetnames
    assert read_national_rows(saved) == expected_rows(outcome)
    comment = next(r for r in table_rows(book["Delfrågor"]) if r["Kommun"].value == "Olofström")["Kommentar"]
    assert (comment.value, comment.data_type) == (HYPERLINK, "s")
    pdf = libreoffice.convert(national, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000
