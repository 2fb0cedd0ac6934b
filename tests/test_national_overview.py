"""The national summary's Overview sheet, its print, number-like texts and the merge rules behind it."""

from __future__ import annotations

import ast
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils.cell import range_boundaries

from kompass_xlsx.merging import Conflict, consensus_command, is_copy_name, merge_results
from kompass_xlsx.workbooks.national import build_national_workbook

from test_merging import make, mixed_results
from test_national_workbook import table_rows

PACKAGE = Path(__file__).resolve().parent.parent / "kompass_xlsx"


@pytest.fixture(scope="module")
def outcome():
    return merge_results(mixed_results())


@pytest.fixture(scope="module")
def national(outcome, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("overview") / "nationell.xlsx"
    path.write_bytes(build_national_workbook(outcome))
    return path


@pytest.fixture(scope="module")
def book(national):
    return openpyxl.load_workbook(national)


def overview_blocks(sheet) -> dict[str, dict]:
    """Each version's block of the Overview: {version: {"counts": {...}, "rows": {area or "Totalt": (mean, median, lowest, highest)}}}."""
    blocks: dict[str, dict] = {}
    current = None
    rows = list(sheet.iter_rows(values_only=True))
    for number, row in enumerate(rows):
        first = row[0]
        if isinstance(first, str) and (match := re.fullmatch(r"Kommunkompassen (\d{4}): \d+ utvärderinga?r?", first)):
            current = blocks.setdefault(match.group(1), {"counts": {}, "rows": {}})
        elif current is not None and first in ("Utvärderingar", "Kommuner", "Utvärderingsår"):
            current["counts"][first] = (row[2], row[3], row[5])
        elif current is not None and (isinstance(first, int) or row[1] == "Totalt"):
            key = "Totalt" if row[1] == "Totalt" else first
            current["rows"][key] = tuple(Decimal(str(v)) for v in row[3:7])
    return blocks


def test_the_workbook_opens_on_the_overview(book):
    assert book.sheetnames[0] == "Översikt" and book.active.title == "Översikt"
    assert book["Översikt"].sheet_view.tabSelected


def test_overview_figures_equal_the_averages_sheet_for_each_version(book, outcome):
    blocks = overview_blocks(book["Översikt"])
    assert list(blocks) == ["2010", "2016", "2020"]
    averages = {}
    for row in table_rows(book["Medelvärden"]):
        if row["Urval"].value == "Alla år" and row["Nivå"].value in ("Område", "Totalt"):
            key = "Totalt" if row["Nivå"].value == "Totalt" else int(row["Id"].value)
            figures = tuple(Decimal(str(row[h].value)) for h in ("Medelvärde", "Median", "Lägsta", "Högsta"))
            averages.setdefault(row["Ramverk"].value, {})[key] = figures
    for summary in outcome.versions:
        block = blocks[summary.id]
        assert block["rows"] == averages[summary.id]
        assert list(block["rows"]) == [*range(1, 9), "Totalt"]
        years = sorted({r.evaluation.year for r in summary.evaluations})
        assert block["counts"]["Utvärderingar"][0] == len(summary.evaluations)
        assert block["counts"]["Kommuner"][0] == len({r.evaluation.municipality for r in summary.evaluations})
        assert block["counts"]["Utvärderingsår"] == (len(years), years[0], years[-1] if len(years) > 1 else None)


def test_overview_names_the_areas_and_counts_what_needs_action(book):
    sheet = book["Översikt"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Samspel mellan förtroendevalda och medborgare" in texts  # area titles, not "Område 1"
    facts = {row[0]: (row[2], row[3]) for row in sheet.iter_rows(values_only=True) if row[0] in ("Filer lästa", "Avvisade filer", "Filer i konflikt (ej medräknade)", "Dubbletter (räknade en gång)")}
    assert facts == {
        "Filer lästa": (19, None),
        "Avvisade filer": (4, 'se bladet "Avvisade"'),
        "Filer i konflikt (ej medräknade)": (6, 'se bladet "Konflikter och dubbletter": vad som ska göras'),
        "Dubbletter (räknade en gång)": (2, 'se bladet "Konflikter och dubbletter"'),
    }


def test_one_native_chart_per_version_on_the_overview(national, outcome):
    with zipfile.ZipFile(national) as archive:
        sheet_xml = sheet_parts(archive)["Översikt"]
        rels = archive.read(rels_of(sheet_xml)).decode()
        (drawing,) = re.findall(r'Target="([^"]*drawing\d+\.xml)"', rels)
        drawing_path = str(PurePosixPath(sheet_xml).parent.joinpath(drawing)).replace("worksheets/../", "")
        charts = re.findall(r"chart\d+\.xml", archive.read(rels_of(drawing_path)).decode())
        assert len(charts) == len(outcome.versions)
        for chart in charts:
            xml = archive.read(f"xl/charts/{chart}").decode()
            assert "<c:barChart>" in xml and "<c:lineChart>" in xml and "Översikt" in xml  # its data are the overview's cells


# --- number-like texts ---------------------------------------------------------------------

NUMBER_LIKE = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*")


def rels_of(part: str) -> str:
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / f"{path.name}.rels")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package, from the workbook and its relationships."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    return {s.get("name"): "xl/" + targets[s.get(f"{{{ns['r']}}}id")].lstrip("/").removeprefix("xl/") for s in workbook.find("m:sheets", ns)}


def ignored_number_text(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """The ranges of a sheet where Excel is told not to flag numbers stored as text, as (min_col, min_row, max_col, max_row)."""
    xml = archive.read(part).decode()
    ranges = []
    for sqref in re.findall(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"/>', xml):
        ranges += [range_boundaries(ref) for ref in sqref.split()]
    return ranges


def number_like_texts_outside_ignored_ranges(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    found = []
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        for sheet in book.worksheets:
            ignored = ignored_number_text(archive, parts[sheet.title])
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "s" or not isinstance(cell.value, str) or not NUMBER_LIKE.fullmatch(cell.value):
                        continue
                    if not any(c1 <= cell.column <= c2 and r1 <= cell.row <= r2 for c1, r1, c2, r2 in ignored):
                        found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def test_no_text_reads_as_a_number_outside_an_ignored_errors_range(national, tmp_path):
    assert number_like_texts_outside_ignored_ranges(national) == []
    # a municipality, group, evaluator and comment that look like numbers are marked too
    odd = [make("2020", "1234", 2022, 1, "a.xlsx", municipality_group="7", evaluators=("42",), comments={"1.1": "3,5"}), make("2020", "Ale", 2022, 2, "b.xlsx")]
    path = tmp_path / "odd.xlsx"
    path.write_bytes(build_national_workbook(merge_results(odd)))
    assert number_like_texts_outside_ignored_ranges(path) == []


def test_the_check_finds_a_number_stored_as_text(tmp_path):
    """The check above can fail: a version id written as text without its range is found."""
    import xlsxwriter

    path = tmp_path / "plain.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Blad")
    sheet.write_string(0, 0, "2020")
    sheet.write_string(1, 0, "48,5")
    sheet.write_string(2, 0, "Kalix")
    sheet.write_string(3, 0, "1.3")
    sheet.ignore_errors({"number_stored_as_text": "A4"})
    workbook.close()
    assert number_like_texts_outside_ignored_ranges(path) == ["Blad!A1: '2020'", "Blad!A2: '48,5'"]


def test_years_points_and_counts_are_numbers(book):
    for name in ("Utvärderingar", "Medelvärden", "Grupper", "Delfrågor", "Avvisade", "Konflikter och dubbletter"):
        for row in table_rows(book[name]):
            for header in ("År", "Totalt", "Totalpoäng", "Antal", "Medelvärde", "Poäng", "Maxpoäng"):
                if header in row and row[header].value is not None:
                    assert row[header].data_type == "n", (name, header, row[header].value)


# --- print -----------------------------------------------------------------------------------


def pages_of(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


def sheet_of_page(text: str) -> str:
    """The sheet a printed page belongs to: the right part of its header line."""
    first = next(line for line in text.splitlines() if line.strip())
    return re.split(r"\s{2,}", first.strip())[-1]


@pytest.mark.libreoffice
def test_libreoffice_prints_the_overview_on_one_page_per_version(national, outcome, tmp_path, libreoffice):
    pdf = libreoffice.convert(national, "pdf", tmp_path / "pdf")
    pages = pages_of(pdf)
    overview = [text for text in pages if sheet_of_page(text) == "Översikt"]
    assert len(overview) == len(outcome.versions) == 3
    for text, summary in zip(overview, outcome.versions, strict=True):
        heading = f"Kommunkompassen {summary.id}: {len(summary.evaluations)} utvärdering"
        assert heading in text and text.count("Kommunkompassen 20") == 1  # its version only
        assert "Totalt" in text and summary.framework.areas[-1].title.split()[0] in text
    assert "Filerna" in overview[0]
    questions = [text for text in pages if sheet_of_page(text) == "Delfrågor"]
    assert len(questions) == 1 and "skrivs inte ut" in questions[0]  # the long table is not printed
    distribution = [text for text in pages if sheet_of_page(text) == "Fördelning"]
    assert len(distribution) == 1 + len(outcome.versions)  # the best results, then a page per version


# --- merge rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("x.xlsx", False), ("x - kopia.xlsx", True), ("Kopia av x.xlsx", True), ("x - Copy.xlsx", True), ("copy-of-x.xlsx", True),
        ("x (1).xlsx", True), ("kopia/x.xlsx", False), ("Kopiator.xlsx", False), ("Copyright 2024.xlsx", False), ("x_kopia.xlsx", True),
    ],
)
def test_a_copys_name(name, copy):
    assert is_copy_name(name) is copy


@pytest.mark.parametrize("order", [0, 1])
def test_duplicates_keep_the_original_by_name_then_age_then_name_order(order):
    a = make("2020", "Sala", 2024, 1, "x - kopia.xlsx")
    b = a.model_copy(update={"path": "x.xlsx"})
    pair = [a, b] if order else [b, a]
    merged = merge_results(pair, {"x.xlsx": 2, "x - kopia.xlsx": 1})  # the copy is older: the name still decides
    assert [r.path for r in merged.merged] == ["x.xlsx"] and [d.result.path for d in merged.duplicates] == ["x - kopia.xlsx"]
    c, d = a.model_copy(update={"path": "a.xlsx"}), a.model_copy(update={"path": "b.xlsx"})
    assert [r.path for r in merge_results([c, d], {"a.xlsx": 5, "b.xlsx": 3}).merged] == ["b.xlsx"]  # the oldest
    assert [r.path for r in merge_results([d, c]).merged] == ["a.xlsx"]  # no times: the first in name order


def test_one_teams_workbooks_get_a_quoted_consensus_command_and_others_none():
    anna = make("2020", "Sala", 2024, 1, "runda 2024/Anna's.xlsx", evaluators=("Anna Berg",))
    per = make("2020", "Sala", 2024, 2, "runda 2024/per.xlsx", evaluators=("Per Ek", "Lisa Ek"))
    team = Conflict("Sala", 2024, (anna, per))
    assert consensus_command(team) == "kompass consensus 'runda 2024/Anna'\"'\"'s.xlsx' 'runda 2024/per.xlsx' -o 'runda 2024/sala-2024-konsensus.xlsx'"
    dash = make("2020", "Sala", 2024, 7, "-lisa.xlsx", evaluators=("Lisa",))
    assert consensus_command(Conflict("Sala", 2024, (dash, per))) == "kompass consensus ./-lisa.xlsx 'runda 2024/per.xlsx' -o sala-2024-konsensus.xlsx"
    both = make("2020", "Sala", 2024, 3, "consensus.xlsx", evaluators=("Anna Berg", "Per Ek", "Lisa Ek"))
    unnamed = make("2020", "Sala", 2024, 4, "c.xlsx")
    other_version = make("2016", "Sala", 2024, 5, "d.xlsx", evaluators=("Olle",))
    same_id = make("2020", "Sala", 2024, 6, "e.xlsx", evaluators=("Olle",), workbook_id=anna.evaluation.workbook_id)
    for results in ((anna, per, both), (anna, unnamed), (anna, other_version), (anna, same_id), (anna,) * 6):
        assert consensus_command(Conflict("Sala", 2024, results)) is None


def test_sheet_writers_import_one_way():
    """workbooks/national.py imports the sheet modules; they import neither it nor each other."""
    for module in ("national_overview", "national_distribution", "national_kit"):
        tree = ast.parse((PACKAGE / "workbooks" / f"{module}.py").read_text(encoding="utf-8"))
        siblings = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}
        assert not siblings & {"national", "national_overview", "national_distribution"}, (module, siblings)


def column_formats(sheet, header_cells: tuple[str, ...]) -> list[dict[str, list[tuple[Decimal, str]]]]:
    """Each table of a sheet whose header row holds `header_cells`: {header: [(value, number format), ...]}."""
    tables, current, cols = [], None, {}
    for row in sheet.iter_rows():
        texts = [c.value for c in row]
        if all(h in texts for h in header_cells):
            cols = {h: texts.index(h) for h in header_cells}
            current = {h: [] for h in header_cells}
            tables.append(current)
        elif current is not None and all(isinstance(row[i].value, (int, float)) for i in cols.values()):
            for h, i in cols.items():
                current[h].append((Decimal(str(row[i].value)), row[i].number_format))
        elif current is not None and not any(v is not None for v in texts[:3]):
            current = None
    return tables


@pytest.mark.parametrize("sheet_name", ["Översikt", "Fördelning"])
def test_lowest_and_best_show_one_number_format_per_column_that_shows_every_figure_exactly(sheet_name, tmp_path):
    path = tmp_path / "n.xlsx"
    path.write_bytes(build_national_workbook(merge_results(mixed_results())))
    tables = column_formats(openpyxl.load_workbook(path)[sheet_name], ("Lägsta", "Högsta" if sheet_name == "Fördelning" else "Högsta (bästa)"))
    assert len(tables) >= 3
    for table in tables:
        for column in table.values():
            assert len(column) == 9
            formats = {fmt for _, fmt in column}
            assert len(formats) == 1, formats
            (fmt,) = formats
            places = len(fmt.split(".")[1]) if "." in fmt else 0
            assert re.fullmatch(r"0(\.0+)?", fmt), fmt
            assert all(value == round(value, places) for value, _ in column)
            assert places == max(max(0, -value.normalize().as_tuple().exponent) for value, _ in column)


def test_merge_proposes_the_consensus_file_name_status_proposes():
    from kompass_xlsx.plan import file_stem

    anna = make("2020", "Östersund", 2024, 1, "omgång/anna.xlsx", evaluators=("Anna Berg",))
    per = make("2020", "Östersund", 2024, 2, "omgång/per.xlsx", evaluators=("Per Ek",))
    output = Conflict("Östersund Kommun", 2024, (anna, per)).consensus_output()
    assert output == f"omgång/{file_stem('Östersund Kommun', 2024)}-konsensus.xlsx" == "omgång/ostersund-kommun-2024-konsensus.xlsx"
