"""The Word report draft (`kompass report --docx`, `kompass demo`): read back with python-docx,
printed by LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from decimal import Decimal

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX
from docx.table import Table
from docx.text.paragraph import Paragraph

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.demo import run_demo
from kompass_xlsx.documents.draft import build_draft
from kompass_xlsx.documents.intro import BlockKind, parse_blocks
from kompass_xlsx.documents.elements import list_items
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.published import published_evaluations

from workbook_helpers import write_filled

KARLSKOGA_AREAS = ["56", "48,5", "63", "67", "54", "50", "39", "80"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo"))


def body(document) -> list[Paragraph | Table]:
    """The document's paragraphs and tables in reading order."""
    items = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            items.append(Paragraph(element, document))
        elif element.tag.endswith("}tbl"):
            items.append(Table(element, document))
    return items


def rows_of(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_after(items, heading: str) -> Table:
    """The first table after the heading paragraph with this text."""
    start = next(i for i, item in enumerate(items) if isinstance(item, Paragraph) and item.text == heading)
    return next(item for item in items[start:] if isinstance(item, Table))


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", ".").replace("\u2212", "-"))


def draft_of(demo, stem: str):
    path = next(p for p, _ in demo.drafts if p.name == f"{stem}-rapport.docx")
    return path, docx.Document(str(path))


def test_karlskoga_draft_holds_the_published_figures_and_every_strength_in_order(demo):
    _, document = draft_of(demo, "karlskoga-2007")
    items = body(document)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Karlskoga fick 457,5 av 800 poäng (57,2 %)" in text
    area_table = rows_of(table_after(items, "Poäng per område"))
    assert [row[1] for row in area_table[1:9]] == KARLSKOGA_AREAS
    assert area_table[9][0] == "Totalt" and area_table[9][1] == "457,5"
    assert area_table[0][4] == "Karlskoga 2003" and area_table[9][4:6] == ["346,5", "+111"]

    published = next(p for p in published_evaluations() if p.municipality == "Karlskoga")
    strengths, area, collecting = {}, None, False
    for item in items:
        if not isinstance(item, Paragraph):
            continue
        style = item.style.name
        if style == "Heading 2" and item.text.startswith("Område "):
            area = int(item.text.split()[1])
        elif style.startswith("Heading"):
            collecting = style == "Heading 3" and item.text == "Styrkor" and area is not None
            if collecting:
                strengths[area] = []
        elif collecting and style == "List Bullet":
            strengths[area].append(item.text)
    assert list(strengths) == list(range(1, 9))
    for number_ in range(1, 9):
        assert strengths[number_] == list(published.area_texts(number_).strengths)
    # the area sections hold each area's points in order
    area_lines = [p.text for p in document.paragraphs if re.fullmatch(r"[\d,]+ av 100 poäng \([\d,]+ %\)\.", p.text)]
    assert [line.split(" av ")[0] for line in area_lines] == KARLSKOGA_AREAS


def test_every_demo_draft_adds_up_and_has_only_counted_prompts(demo):
    assert len(demo.drafts) == 5
    for path, prompts in demo.drafts:
        document = docx.Document(str(path))
        items = body(document)
        scores = rows_of(table_after(items, "4 Poängsammanställning"))
        header, *rows = scores
        assert header[:3] == ["Fråga", "Frågeställning", "Poäng"]
        total = rows[-1]
        assert total[1] == "Totalt"
        area_rows = [row for row in rows[:-1] if re.fullmatch(r"\d", row[0])]
        assert len(area_rows) == 8, path.name
        assert sum(number(row[2]) for row in area_rows) == number(total[2]), path.name
        for index, row in enumerate(rows[:-1]):  # each area row is the sum of its questions below it
            if row in area_rows:
                questions = []
                for below in rows[index + 1 : -1]:
                    if below in area_rows:
                        break
                    questions.append(number(below[2]))
                assert sum(questions) == number(row[2]), (path.name, row)
        overview = rows_of(table_after(items, "Poäng per område"))
        assert sum(number(row[1]) for row in overview[1:9]) == number(overview[9][1])

        highlighted = [run for p in document.paragraphs for run in p.runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
        marks = [run for run in highlighted if run.text == "ATT SKRIVA: "]
        assert len(marks) == prompts > 0
        for paragraph in document.paragraphs:
            if paragraph.style.name.startswith("Heading") or paragraph.style.name in ("Title", "Subtitle"):
                assert paragraph.text.strip(), f"empty heading in {path.name}"
            assert "xxx" not in paragraph.text.lower()


def test_the_chart_is_a_native_word_chart_with_its_data_embedded(demo):
    path, _ = draft_of(demo, "karlskoga-2007")
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        chart = package.read("word/charts/chart1.xml").decode()
        chart_rels = package.read("word/charts/_rels/chart1.xml.rels").decode()
        document_rels = package.read("word/_rels/document.xml.rels").decode()
        embedded = package.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    assert "application/vnd.openxmlformats-officedocument.drawingml.chart+xml" in types
    assert 'Target="charts/chart1.xml"' in document_rels
    assert "relationships/package" in chart_rels and "Microsoft_Excel_Worksheet1.xlsx" in chart_rels
    assert '<c:externalData r:id="rId1">' in chart and '<c:lang val="sv-SE"/>' in chart
    cached = re.findall(r"<c:v>([^<]*)</c:v>", chart)
    for value in ["56", "48.5", "80", "38", "37.5", "71", "Karlskoga 2007", "Karlskoga 2003"]:
        assert value in cached
    sheet = openpyxl.load_workbook(io.BytesIO(embedded)).active
    assert [sheet.cell(row, 2).value for row in range(2, 10)] == [56, 48.5, 63, 67, 54, 50, 39, 80]
    assert sheet["B1"].value == "Karlskoga 2007" and sheet["C1"].value == "Karlskoga 2003"
    assert sum(name.startswith("word/charts/") for name in names) == 2  # the chart and its relationships


@pytest.mark.libreoffice
def test_libreoffice_prints_every_demo_draft(demo, libreoffice, tmp_path):
    for path, _ in demo.drafts:
        pdf = libreoffice.convert(path, "pdf", tmp_path / path.stem)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        result = check_workbook(demo.scoring[[p.stem for p in demo.scoring].index(path.stem.removesuffix("-rapport"))])
        framework = get_framework(result.framework)
        total = format(result.total.normalize(), "f").replace(".", ",")
        assert f"fick {total} av 800 poäng" in text, path.name
        for area in framework.areas:
            assert " ".join(area.title.split()) in text, (path.name, area.title)
        assert "xxx" not in text.lower()
        assert "Poäng per område" in text  # the chart's title, drawn by LibreOffice from the chart part
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 8
        layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        score_pages = [page for page in layout.split("\f") if re.search(r"^\s+Totalt\s+[0-9,]+\s+800\s+[0-9,]+ %$", page, re.M)]
        assert len(score_pages) == 1, path.name
        question_rows = re.findall(r"^[1-8]\.[0-9]+\s", score_pages[0], re.M)
        assert len(question_rows) >= 2, (path.name, score_pages[0])  # the total row never stands alone on a page


def test_report_command_writes_a_draft_alone_or_with_the_workbook(tmp_path):
    fw = get_framework("2020")
    source = write_filled(
        tmp_path / "o.xlsx", fw, {q.id: Decimal(q.max) / 2 for q in fw.questions}, municipality="Olofström", year=2022,
        comments={"1.1": "Bra information på webben.\nMen inget om resultat."}, strengths={1: "• Medborgarbudget\n\n- Policy för mutor"},
        improvements={1: "Resultat på webben"},
    )
    draft = tmp_path / "rapport.docx"
    alone = CliRunner().invoke(cli, ["report", str(source), "--docx", str(draft)], catch_exceptions=False)
    assert alone.exit_code == 0, alone.output
    assert alone.output == f'Skrev {draft}: rapportutkast, 9 markerade ställen ("ATT SKRIVA") kvar för utvärderarnas egen text\n'
    document = docx.Document(str(draft))
    texts = [p.text for p in document.paragraphs]
    assert "Bra information på webben." in texts and "Men inget om resultat." in texts
    styrkor = texts.index("Styrkor")
    assert texts[styrkor + 1 : styrkor + 3] == ["Medborgarbudget", "Policy för mutor"]

    both = CliRunner().invoke(cli, ["report", str(source), "--docx", str(draft), "-o", str(tmp_path / "r.xlsx"), "--force"])
    assert both.exit_code == 0 and (tmp_path / "r.xlsx").exists()

    neither = CliRunner().invoke(cli, ["report", str(source)])
    assert neither.exit_code == 2 and "ange minst en utdatafil" in neither.stderr
    wrong = CliRunner().invoke(cli, ["report", str(source), "--docx", str(tmp_path / "rapport.pdf")])
    assert wrong.exit_code == 2 and "måste sluta på .docx" in wrong.stderr
    intro = tmp_path / "metod.txt"
    intro.write_text("Vår metod.", encoding="utf-8")
    no_draft = CliRunner().invoke(cli, ["report", str(source), "-o", str(tmp_path / "r2.xlsx"), "--intro", str(intro)])
    assert no_draft.exit_code == 2 and "ange också --docx" in no_draft.stderr
    assert not (tmp_path / "r2.xlsx").exists()


def test_own_method_text_replaces_the_standard_one(tmp_path):
    fw = get_framework("2016")
    source = write_filled(tmp_path / "k.xlsx", fw, {q.id: Decimal(q.max) for q in fw.questions}, municipality="Kalmar", year=2019)
    intro = tmp_path / "metod.md"
    intro.write_text("# Vår metod\n\nVi intervjuade **42** personer\nunder två dagar.\n\n- dokument\n- webbplats\n", encoding="utf-8")
    draft = tmp_path / "r.docx"
    result = CliRunner().invoke(cli, ["report", str(source), "--docx", str(draft), "--intro", str(intro)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(draft))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 3", "Vår metod") in paragraphs
    assert ("Normal", "Vi intervjuade 42 personer under två dagar.") in paragraphs
    assert ("List Bullet", "dokument") in paragraphs
    assert not any("tre källor" in text for _, text in paragraphs)  # the standard text is gone
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "metod.md" in cells

    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Vi intervjuade många".encode("latin-1"))
    refused = CliRunner().invoke(cli, ["report", str(source), "--docx", str(tmp_path / "x.docx"), "--intro", str(bad)])
    assert refused.exit_code == 2
    assert f"{bad}: metodtexten (--intro) är inte UTF-8" in refused.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_invalid_workbook_gets_no_draft(tmp_path):
    fw = get_framework("2020")
    scores = {q.id: Decimal(q.max) for q in fw.questions}
    scores["1.1"] = Decimal(fw.questions[0].max) + 1
    source = write_filled(tmp_path / "bad.xlsx", fw, scores)
    result = CliRunner().invoke(cli, ["report", str(source), "--docx", str(tmp_path / "r.docx")])
    assert result.exit_code == 1
    assert "SCORE_ABOVE_MAX" in result.stderr or "1.1" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_english_draft(tmp_path):
    fw = get_framework("2010")
    source = write_filled(tmp_path / "k.xlsx", fw, {q.id: Decimal(q.max) for q in fw.questions}, municipality="Kalix", year=2012)
    result = build_draft(check_workbook(source), lang="en")
    document = docx.Document(io.BytesIO(result.data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1 Introduction", "2 Results", "3 Detailed review per area", "4 Score summary", "5 About the sources"]
    assert any(p.text == "Kalix scored 800 of 800 points (100.0 %) under Kommunkompassen 2010." for p in document.paragraphs)
    marks = [r for p in document.paragraphs for r in p.runs if r.text == "TO WRITE: "]
    assert len(marks) == result.prompts == 10


def test_control_characters_from_a_workbook_do_not_break_the_document(tmp_path):
    fw = get_framework("2020")
    source = write_filled(tmp_path / "k.xlsx", fw, {q.id: Decimal(q.max) for q in fw.questions}, municipality="Kalmar", year=2023)
    result = check_workbook(source)
    evaluation = result.evaluation.model_copy(
        update={"comments": {"1.1": "Ljud\x07 och\x0b tab\tslut"}, "strengths": {1: "• Bra\x1b saker"}}
    )
    draft = build_draft(result.model_copy(update={"evaluation": evaluation}))
    document = docx.Document(io.BytesIO(draft.data))
    texts = [p.text for p in document.paragraphs]
    assert "Ljud och tab\tslut" in texts and "Bra saker" in texts


def test_every_draft_text_has_both_languages_with_the_same_placeholders():
    from string import Formatter

    from kompass_xlsx.documents.texts import TEXTS
    from kompass_xlsx.labels import Lang

    for key, texts in TEXTS.items():
        assert set(texts) == {Lang.SV, Lang.EN}, key
        fields = [{name for _, name, _, _ in Formatter().parse(texts[lang]) if name} for lang in (Lang.SV, Lang.EN)]
        assert fields[0] == fields[1], key


def test_bullets_are_one_per_line_without_typed_bullet_marks():
    assert list_items("• Första\n- Andra\n\n  * Tredje  \n1. Fjärde\nFemte – med tankstreck") == [
        "Första", "Andra", "Tredje", "Fjärde", "Femte – med tankstreck",
    ]
    blocks = parse_blocks("Rad ett\nrad två\n\n- punkt\n  fortsätter\n# Rubrik")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Rad ett rad två"), (BlockKind.BULLET, "punkt fortsätter"), (BlockKind.HEADING, "Rubrik"),
    ]


def test_the_command_line_starts_without_python_docx():
    code = "import sys, kompass_xlsx.cli; print(sorted(m for m in ('docx', 'lxml', 'xlsxwriter') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_reference_averages_appear_only_over_five_other_evaluations(tmp_path):
    fw = get_framework("2016")
    folder = tmp_path / "in"
    folder.mkdir()
    for n, town in enumerate(["Alby", "Bjuv", "Dals-Ed", "Eda", "Falun", "Gnosjö"]):
        scores = {q.id: min(Decimal(q.max), Decimal(n + 2)) for q in fw.questions}
        write_filled(folder / f"{n}.xlsx", fw, scores, municipality=town, year=2019, workbook_id=f"id-{n}", municipality_group="Pendlingskommun")
    national = tmp_path / "nationell.xlsx"
    assert CliRunner().invoke(cli, ["merge", str(folder), "-o", str(national), "--no-cache"]).exit_code == 0

    def area_table(source):
        draft = tmp_path / f"{source.stem}.docx"
        result = CliRunner().invoke(cli, ["report", str(source), "--national", str(national), "--docx", str(draft)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        document = docx.Document(str(draft))
        with zipfile.ZipFile(draft) as package:
            chart = package.read("word/charts/chart1.xml").decode()
        return rows_of(table_after(body(document), "Poäng per område")), [p.text for p in document.paragraphs], chart

    inside = folder / "0.xlsx"  # one of the six: five others
    rows, texts, chart = area_table(inside)
    assert rows[0][4:] == ["Riket", "Gruppen"]
    assert sum(number(row[4]) for row in rows[1:9]) == number(rows[9][4])
    assert "Riket: riksgenomsnittet, medelvärdet av 6 utvärderingar enligt Kommunkompassen 2016, avrundat en gång till en decimal." in texts
    assert all(re.fullmatch(r"\d+,\d", row[col]) for row in rows[1:] for col in (4, 5))  # averages keep their one decimal
    assert "<c:v>Riksgenomsnitt</c:v>" in chart

    fewer = tmp_path / "fewer.xlsx"
    (folder / "5.xlsx").unlink()
    national.unlink()
    assert CliRunner().invoke(cli, ["merge", str(folder), "-o", str(national), "--no-cache"]).exit_code == 0
    fewer.write_bytes(inside.read_bytes())
    rows, texts, chart = area_table(fewer)
    assert rows[0][4:] == []
    assert "Riksgenomsnitt visas inte: 4 andra utvärderingar enligt Kommunkompassen 2016, minst 5 behövs." in texts
    assert "Riksgenomsnitt" not in chart


@pytest.mark.libreoffice
def test_libreoffice_opens_the_chart_as_a_chart_with_its_data(demo, libreoffice, tmp_path):
    path, _ = draft_of(demo, "karlskoga-2007")
    odt = libreoffice.convert(path, "odt", tmp_path)
    with zipfile.ZipFile(odt) as package:
        objects = [package.read(name).decode() for name in package.namelist() if re.fullmatch(r"Object \d+/content\.xml", name)]
    charts = [content for content in objects if 'chart:class="chart:bar"' in content]
    assert len(charts) == 1  # an editable chart object, not a picture
    assert "Karlskoga 2007" in charts[0] and "Karlskoga 2003" in charts[0] and "48.5" in charts[0]


def test_the_draft_refuses_misleading_comparisons_as_the_result_workbook_does(tmp_path):
    fw = get_framework("2020")
    scores = {q.id: Decimal(q.max) / 2 for q in fw.questions}
    current = write_filled(tmp_path / "o.xlsx", fw, scores, municipality="Olofström", year=2022, workbook_id="a")
    other = write_filled(tmp_path / "k.xlsx", fw, scores, municipality="Karlskrona", year=2019, workbook_id="b")
    later = write_filled(tmp_path / "o24.xlsx", fw, scores, municipality="Olofström", year=2024, workbook_id="c")
    for earlier in (other, later, current):
        workbook = CliRunner().invoke(cli, ["report", str(current), "-o", str(tmp_path / "r.xlsx"), "--previous", str(earlier)])
        draft = CliRunner().invoke(cli, ["report", str(current), "--docx", str(tmp_path / "r.docx"), "--previous", str(earlier)])
        assert workbook.exit_code == draft.exit_code == 2
        assert workbook.stderr == draft.stderr
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r.docx").exists()
