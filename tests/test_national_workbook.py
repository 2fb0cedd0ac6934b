"""The national summary workbook: read back with openpyxl, opened by LibreOffice, inert user text."""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
import pytest

from kompass_xlsx import tool_version
from kompass_xlsx.municipalities import group_of
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import label
from kompass_xlsx.merging import merge_results
from kompass_xlsx.national import EVALUATION_COLUMNS, NationalRow, national_figures, read_national_rows
from kompass_xlsx.workbooks.national import build_national_workbook
from kompass_xlsx.workbooks.result import build_result_workbook, word_width

from layout_helpers import broken_words, pdf_text
from test_merging import HYPERLINK, make, mixed_results

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


def exact_text(text: str) -> Fraction:
    """The exact mean as the Swedish sheet writes it, with a decimal comma ("56,056")."""
    assert "." not in text
    return Fraction(Decimal(text.replace(",", ".")))


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
        NationalRow.from_workbook_result(r).model_copy(update={"municipality_group": group_of(r.evaluation).name})
        for r in outcome.merged
    ]


def independent_totals(result) -> tuple[dict[int, Decimal], Decimal]:
    framework = get_framework(result.framework)
    areas = {a.number: sum((result.evaluation.scores[q.id] for q in a.questions), Decimal(0)) for a in framework.areas}
    return areas, sum(result.evaluation.scores.values(), Decimal(0))


def test_sheets_in_order_and_hidden_data_sheets(book):
    assert book.sheetnames == [
        "Översikt", "Utvärderingar", "Medelvärden", "Fördelning", "Grupper", "Delfrågor", "Avvisade",
        "Konflikter och dubbletter", "Om sammanställningen", "_evaluations", "_kompass",
    ]
    assert [ws.sheet_state for ws in book] == ["visible"] * 9 + ["hidden"] * 2
    assert book.active.title == "Översikt"


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
        assert [Decimal(str(row[area_header(row, n)])) for n in range(1, 9)] == [areas[n] for n in range(1, 9)]
        assert Decimal(str(row["Totalt"])) == total
        assert row["SHA-256"] == result.sha256
        assert row["Arbetsboks-id"] == result.evaluation.workbook_id
    olofstrom = next(r for r in table_rows(sheet) if r["Kommun"].value == "Olofström")
    assert olofstrom["Utvärderare"].value == "=SUM(A1), Anna"
    assert olofstrom["Utvärderare"].data_type == "s"
    assert (olofstrom["Kommungrupp"].value, olofstrom["Invånare"].value, olofstrom["Storleksklass"].value) == ("Pendlingskommun", 13000, "10 000–24 999 invånare")


def area_header(row: dict, number: int) -> str:
    """The header of area `number`'s column: its number and title(s), "3 Styrning och kontroll"."""
    (header,) = [h for h in row if h.startswith(f"{number} ")]
    return header


def test_evaluations_area_columns_carry_the_area_titles(book):
    headers = [c.value for c in book["Utvärderingar"][HEADER_ROW]]
    # 2010, 2016 and 2020 are merged: an area's titles in those versions, each once
    assert "1 Offentlighet och demokrati / Förtroendevalda & medborgare" in headers
    assert "8 Kommunen som samhällsbyggare / Ledarskap och medarbetarskap" in headers


def test_hidden_evaluations_sheet_holds_exact_numbers_that_report_reads_back(book, national, outcome):
    sheet = book["_evaluations"]
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == list(EVALUATION_COLUMNS) == [
        "workbook_id", "framework", "municipality", "year", "municipality_group", "population", "total",
        "area_1", "area_2", "area_3", "area_4", "area_5", "area_6", "area_7", "area_8",
    ]
    expected = []
    for result in outcome.merged:
        ev = result.evaluation
        areas, total = independent_totals(result)
        expected.append([ev.workbook_id, ev.framework, ev.municipality, ev.year, group_of(ev).name, ev.population, total, *(areas[n] for n in range(1, 9))])
    read = [[c.value if c.data_type == "s" or c.value is None else Decimal(str(c.value)) for c in row] for row in cells[1:]]
    assert read == expected
    assert all(c.data_type == "s" for row in cells[1:] for c in row[:3])  # id, version and municipality as text
    assert all(c.data_type == "n" for row in cells[1:] for c in row[6:])  # points as numbers
    assert read_national_rows(national) == expected_rows(outcome)


def test_a_national_summary_of_text_rows_is_still_read(tmp_path, outcome):
    """Summaries written before the numbers were numbers hold every value as text: the reader takes both."""
    from national_helpers import write_national

    rows = expected_rows(outcome)
    assert read_national_rows(write_national(tmp_path / "older.xlsx", rows)) == rows


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
    assert Fraction(Decimal(str(row["Medelvärde, oavrundat"]))) == mean  # a mean of four terminates: exact

    question = table[("2020", "Alla år", "Delfråga", "1.1")]
    scores = [Fraction(r.evaluation.scores["1.1"]) for r in merged_2020]
    assert (question["Antal"], question["Maxpoäng"]) == (4, 20)
    assert abs(Fraction(Decimal(str(question["Medelvärde"]))) - sum(scores) / 4) < Fraction(1, 10)  # rounded to add up to its area
    area = table[("2020", "Alla år", "Område", "3")]
    area_points = [Fraction(independent_totals(r)[0][3]) for r in merged_2020]
    assert Fraction(Decimal(str(area["Medelvärde, oavrundat"]))) == sum(area_points) / 4

    # per evaluation year where a version has more than one, and every version present
    scopes = sorted({(key[0], key[1]) for key in table})
    assert scopes == [("2010", "Alla år"), ("2016", "Alla år"), ("2016", "År 2017"), ("2016", "År 2018"),
                      ("2020", "Alla år"), ("2020", "År 2021"), ("2020", "År 2022"), ("2020", "År 2023")]
    year_2021 = [Fraction(independent_totals(r)[1]) for r in merged_2020 if r.evaluation.year == 2021]
    assert Decimal(str(table[("2020", "År 2021", "Totalt", None)]["Medelvärde"])) == rounded_once(sum(year_2021) / 2)
    rows_per_scope = len(get_framework("2020").areas) + len(get_framework("2020").questions) + 1
    assert sum(1 for key in table if key[:2] == ("2020", "Alla år")) == rows_per_scope


def test_groups_per_municipality_group_and_population_class(book, outcome):
    table = averages_by_key(book["Grupper"], lead=3)
    groups = sorted({key[:3] for key in table})
    assert groups == [  # Kalix names no group: it counts in its group in the register
        ("2010", "Kommungrupp", "Landsbygdskommun"),
        ("2016", "Kommungrupp", "Större stad"),
        ("2016", "Storleksklass", "50 000–99 999 invånare"),
        ("2020", "Kommungrupp", "Landsbygdskommun"),
        ("2020", "Kommungrupp", "Pendlingskommun"),
        ("2020", "Kommungrupp", "Storstad"),
        ("2020", "Storleksklass", "10 000–24 999 invånare"),
        ("2020", "Storleksklass", "25 000–49 999 invånare"),
    ]
    members = [r for r in outcome.merged if r.path in ("olofstrom-2022.xlsx", "are-2021.xlsx")]
    total = table[("2020", "Kommungrupp", "Pendlingskommun", "Totalt", None)]
    assert total["Antal"] == 2
    assert Fraction(Decimal(str(total["Medelvärde, oavrundat"]))) == sum(Fraction(independent_totals(r)[1]) for r in members) / 2
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
        assert len(sheets) == 11
        for name in sheets:
            xml = archive.read(name).decode()
            assert "<f>" not in xml and "<f " not in xml, name
            assert "<hyperlink" not in xml, name


def test_rejected_sheet_lists_every_finding(book):
    rows = [values(r) for r in table_rows(book["Avvisade"])]
    assert [(r["Fil"], r["Kod"], r["Allvarlighet"], r["Plats"]) for r in rows] == [
        ("tomelilla.xlsx", None, None, None),
        ("trasig.xlsx", "FILE_UNREADABLE", "fel", None),
        ("vara-again.xlsx", "SCORE_ABOVE_MAX", "fel", "'3 Styrning och kontroll'!D7"),
        ("vara-again.xlsx", "ZERO_WITHOUT_COMMENT", "varning", "'1 Samspel'!D5"),
        ("vara.xlsx", "SCORE_ABOVE_MAX", "fel", "'3 Styrning och kontroll'!D7"),
        ("vara.xlsx", "ZERO_WITHOUT_COMMENT", "varning", "'1 Samspel'!D5"),
    ]  # severities in the workbook's language; codes as they are
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
    column_a = [c.value for c in sheet["A"]]
    actions = column_a[column_a.index("Vad som ska göras") + 1 :]
    assert actions[:3] == ["Konflikt 1: Kiruna 2022 (2 filer)", label("nat_conflict_other", "sv"), None]  # no evaluators named
    duplicates_header = column_a.index("Dubbletter") + 4
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
        assert len(charts) == 3 * len(outcome.versions)  # a profile per version on the overview, two here
        xml = [archive.read(name).decode() for name in charts]
        assert sum('grouping val="stacked"' in chart and "<c:lineChart>" in chart for chart in xml) == len(outcome.versions)


def test_same_bytes_for_any_input_order(outcome):
    expected = build_national_workbook(outcome)
    results = mixed_results()
    for seed in range(3):
        random.Random(seed).shuffle(results)
        assert build_national_workbook(merge_results(results)) == expected


def test_english_labels():
    data = build_national_workbook(merge_results(mixed_results()), lang="en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[:9] == ["Overview", "Evaluations", "Averages", "Distribution", "Groups", "Questions", "Rejected", "Conflicts and duplicates", "About"]
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


def test_every_table_and_its_filter_cover_exactly_the_header_and_the_rows_below_it(book, thirty):
    for workbook in (book, thirty[2]):
        names = []
        for sheet in workbook.worksheets:
            for table in sheet.tables.values():
                name = table.name
                names.append(name)
                first, last = table.ref.split(":")
                header_row = int(re.sub(r"[A-Z]+", "", first))
                rows = table_rows(sheet, header_row)
                width = len([c for c in sheet[header_row] if c.value is not None])
                assert table.ref == f"A{header_row}:{get_column_letter(width)}{header_row + len(rows)}", (sheet.title, name)
                assert table.autoFilter.ref == table.ref
                assert [c.value for c in sheet[header_row]][:width] == [column.name for column in table.tableColumns]
        assert len(names) == len(set(names)) >= 4


@pytest.mark.libreoffice
def test_libreoffice_opens_the_national_workbook(national, outcome, tmp_path, libreoffice):
    saved = libreoffice.convert(national, "xlsx", tmp_path / "xlsx")
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames[0] == "Översikt" and "_evaluations" in book.sheetnames
    assert read_national_rows(saved) == expected_rows(outcome)
    comment = next(r for r in table_rows(book["Delfrågor"]) if r["Kommun"].value == "Olofström")["Kommentar"]
    assert (comment.value, comment.data_type) == (HYPERLINK, "s")
    pdf = libreoffice.convert(national, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000
    text = pdf_text(pdf)
    headers = [c.value for sheet in ("Utvärderingar", "Medelvärden", "Grupper", "Avvisade") for c in book[sheet][HEADER_ROW] if c.value]
    words = {word for header in headers for word in header.split()}
    assert [cut for cut in broken_words(text, headers) if cut.split("|")[0] not in words] == []  # "Kommun" is a header of its own
    assert "Utskriften visar kolumnerna till och med Totalt" in text  # the note wraps within the printed columns
    assert "arbetsboken." in text  # its last word too: not cut off at the print area


# --- shown figures add up, and agree with the result workbook ------------------------------

GROUPS = ("Pendlingskommun", "Större stad", "Landsbygdskommun", " storstad")


def thirty_results():
    """Thirty evaluations, most of 2020 (some groups spelled in other case and spacing), some of 2016."""
    results = []
    for i in range(30):
        version = "2020" if i < 24 else "2016"
        group = GROUPS[i % 4] if i != 5 else "pendlingskommun "
        results.append(make(version, f"Kommun {i + 1}", 2019 + i % 5, 100 + i, f"kommun-{i + 1}.xlsx", municipality_group=group, population=5_000 + 7_000 * i))
    return results


@pytest.fixture(scope="module")
def thirty(tmp_path_factory):
    outcome = merge_results(thirty_results())
    path = tmp_path_factory.mktemp("thirty") / "nationell.xlsx"
    path.write_bytes(build_national_workbook(outcome))
    return outcome, path, openpyxl.load_workbook(path)


def statistics_tables(sheet, lead: int) -> dict[tuple, dict]:
    """Each statistics table of a sheet (one per version and scope or group) as {(level, id): shown mean}."""
    tables: dict[tuple, dict] = {}
    for row in table_rows(sheet):
        keys = [row[h].value for h in list(row)[:lead]]
        level, figure = row[list(row)[lead]].value, row[list(row)[lead + 1]].value
        header = "Medelvärde" if "Medelvärde" in row else "Mean"
        tables.setdefault(tuple(keys), {})[(level, figure)] = Decimal(str(row[header].value))
    return tables


@pytest.mark.parametrize("which", ["mixed", "thirty"])
def test_every_statistics_table_adds_up_to_its_shown_totals(which, book, thirty):
    workbook = book if which == "mixed" else thirty[2]
    checked_tables = 0
    for sheet, lead in (("Medelvärden", 2), ("Grupper", 3)):
        for key, means in statistics_tables(workbook[sheet], lead).items():
            framework = get_framework(key[0])
            areas = [means[("Område", str(a.number))] for a in framework.areas]
            assert sum(areas) == means[("Totalt", None)], (sheet, key)
            for area in framework.areas:
                questions = [means[("Delfråga", q.id)] for q in area.questions]
                assert sum(questions) == means[("Område", str(area.number))], (sheet, key, area.number)
            checked_tables += 1
    assert checked_tables == (16 if which == "mixed" else 26)  # every version by year, group and size class


def test_shown_means_are_within_a_tenth_of_the_exact_means(thirty):
    for row in table_rows(thirty[2]["Medelvärden"]):
        shown, exact = Fraction(Decimal(str(row["Medelvärde"].value))), Fraction(Decimal(str(row["Medelvärde, oavrundat"].value)))
        assert abs(shown - exact) < Fraction(1, 10)
        if row["Nivå"].value == "Totalt":
            assert shown == rounded_once(exact)


def test_result_workbook_shows_the_national_and_group_averages_of_the_national_summary(thirty, tmp_path):
    """The same rule in both writers: the result workbook, made from the summary `kompass merge`
    wrote, shows for every area and the total the very figures the summary shows."""
    outcome, path, workbook = thirty
    averages = statistics_tables(workbook["Medelvärden"], 2)[("2020", "Alla år")]
    groups = statistics_tables(workbook["Grupper"], 3)
    me = next(r for r in outcome.merged if r.evaluation.municipality == "Kommun 6")  # in group "pendlingskommun "
    figures = national_figures(read_national_rows(path), "2020", source=path.name)
    result = tmp_path / "resultat.xlsx"
    result.write_bytes(build_result_workbook(get_framework("2020"), me, national=figures))
    summary = openpyxl.load_workbook(result)["Sammanfattning"]
    header = next(row[0].row for row in summary.iter_rows() if row[0].value == "Område" and row[1].value == "Rubrik")
    headers = [c.value for c in summary[header]]
    national_col, group_col = headers.index("Snitt riket") + 1, headers.index("Snitt grupp") + 1
    table = range(header + 1, header + 10)
    shown = [Decimal(str(summary.cell(row, national_col).value)) for row in table]
    assert shown == [averages[("Område", str(n))] for n in range(1, 9)] + [averages[("Totalt", None)]]
    group = groups[("2020", "Kommungrupp", "Pendlingskommun")]
    shown_group = [Decimal(str(summary.cell(row, group_col).value)) for row in table]
    assert shown_group == [group[("Område", str(n))] for n in range(1, 9)] + [group[("Totalt", None)]]
    comparison = openpyxl.load_workbook(result)["Jämförelser"]
    profile = {c.value: c.column for c in comparison[6]}
    national = next(text for text in profile if str(text).startswith("Riksgenomsnitt ("))
    assert [Decimal(str(comparison.cell(row, profile[national]).value)) for row in range(7, 15)] == shown[:8]


def test_unrounded_mean_is_a_number_shown_with_its_decimals(book, outcome, thirty):
    for workbook in (book, thirty[2]):
        for row in table_rows(workbook["Medelvärden"]):
            cell = row["Medelvärde, oavrundat"]
            assert cell.data_type == "n" and cell.number_format == "0.0##########"
    english = openpyxl.load_workbook(io.BytesIO(build_national_workbook(outcome, lang="en")))
    assert [r["Mean, unrounded"].value for r in table_rows(english["Averages"])] == [r["Medelvärde, oavrundat"].value for r in table_rows(book["Medelvärden"])]


def test_severity_in_the_workbooks_language(outcome):
    english = openpyxl.load_workbook(io.BytesIO(build_national_workbook(outcome, lang="en")))
    assert {r["Severity"].value for r in table_rows(english["Rejected"])} == {None, "error", "warning"}


def test_one_evaluation_of_a_version_is_one_evaluation(book):
    texts = [c.value for c in book["Fördelning"]["A"] if isinstance(c.value, str)]
    assert "Kommunkompassen 2010: 1 utvärdering" in texts
    assert "Kommunkompassen 2016: 2 utvärderingar" in texts


# --- layout --------------------------------------------------------------------------------


def column_width(ws, col: int) -> Decimal:
    """The width of a column (1 = A), also when the file gives it for a range of columns."""
    for dimension in ws.column_dimensions.values():
        if dimension.min and dimension.min <= col <= dimension.max:
            return Decimal(str(dimension.width))
    raise AssertionError(f"no width for column {col}")


def test_headers_break_between_words_and_rows_show_every_line(book):
    for sheet in ("Utvärderingar", "Medelvärden", "Grupper", "Delfrågor", "Avvisade"):
        ws = book[sheet]
        for cell in ws[HEADER_ROW]:
            if cell.value:
                assert column_width(ws, cell.column) >= word_width(cell.value, bold=True), (sheet, cell.value)
    averages = book["Medelvärden"]
    assert averages.row_dimensions[HEADER_ROW].height >= 30  # "Nedre kvartil" on two lines
    assert averages.row_dimensions[2].height >= 30  # the note wraps within the table's width


def test_distribution_titles_wrap_instead_of_being_cut_off():
    outcome = merge_results([make("2002", "Karlskoga", 2007, 1, "karlskoga.xlsx"), make("2002", "Kalix", 2004, 2, "kalix.xlsx")])
    distribution = openpyxl.load_workbook(io.BytesIO(build_national_workbook(outcome)))["Fördelning"]
    title = next(c for c in distribution["B"] if c.value == "Tydlighet i samspelet mellan politiker och tjänstemän")
    assert title.alignment.wrap_text and distribution.row_dimensions[title.row].height >= 30
    header = next(c for c in distribution["E"] if c.value == "Nedre kvartil")
    assert distribution.row_dimensions[header.row].height >= 30
    assert distribution.print_area.startswith("'Fördelning'!$A$1:$L$")  # the chart data beside it is not printed


def test_evaluations_print_landscape_one_page_wide_with_the_header_on_every_page(book, outcome):
    ws = book["Utvärderingar"]
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((1, 0), (None, 0))
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    last = HEADER_ROW + len(outcome.merged)
    assert ws.print_area == f"'Utvärderingar'!$A$1:$P${last}"  # up to the total; file, SHA-256 and id stay on screen
    assert ws["P4"].value == "Totalt"
    printed = sum(column_width(ws, col) for col in range(1, 17))
    assert printed < 245  # stored widths include the cell padding; area titles of three versions: prints at about 65 % on landscape A4


def test_comments_that_look_like_xml_arrive_as_text_and_the_workbook_stays_readable(tmp_path):
    comment = "<r>Ekonomi & styrning</r>"
    results = [make("2020", "Åre", 2022, 1, "are.xlsx", comments={"1.1": comment}), make("2020", "Ale", 2022, 2, "ale.xlsx")]
    path = tmp_path / "national.xlsx"
    path.write_bytes(build_national_workbook(merge_results(results)))
    book = openpyxl.load_workbook(path)
    comments = [r["Kommentar"].value for r in table_rows(book["Delfrågor"]) if r["Kommun"].value == "Åre" and r["Fråga"].value == "1.1"]
    assert comments == [comment]


@pytest.mark.parametrize("failing", ["write_about", "shared strings"])
def test_a_failure_while_building_leaves_no_temporary_files(outcome, tmp_path, monkeypatch, failing):
    from kompass_xlsx.workbooks import common, national

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where XlsxWriter and the row blocks put their parts

    def fail(*args):
        raise OSError(28, "No space left on device")

    if failing == "write_about":  # while the sheets are filled
        monkeypatch.setattr(national.NationalWriter, failing, fail)
    else:  # while the parts are written out, after the sheets'
        monkeypatch.setattr(common.PlainSharedStrings, "_write_si", fail)
    with pytest.raises(OSError):
        build_national_workbook(outcome)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    build_national_workbook(outcome)
    assert list(tmp_path.iterdir()) == []
