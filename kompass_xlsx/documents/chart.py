"""A native, editable Word chart in a python-docx document.

python-docx has no chart API, so the chart is added as Word itself stores one: a chart part
(word/charts/chartN.xml, DrawingML, written by XlsxWriter: workbooks/draft_chart.py) related from
the document, an embedded workbook with the data related from the chart (`c:externalData`, which
Word's "Edit Data" opens), and an inline `w:drawing` in a run that points at the chart part.
This uses python-docx's packaging layer (docx.opc: Part, PackURI, relate_to) and the run's
underlying element (`run._r`); tests/test_draft.py pins both.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Emu
from docx.text.paragraph import Paragraph

from ..workbooks.draft_chart import DraftChart

DATA_RID = "rId1"
_EXTERNAL_DATA = '<c:externalData r:id="{rid}"><c:autoUpdate val="0"/></c:externalData>'
_INLINE = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{shape_id}" name="{name}" descr="{descr}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def chart_xml_for_word(chart_xml: bytes, data_rid: str, language: str) -> bytes:
    """XlsxWriter's chart XML with the link to its embedded data and the document's language.

    `c:externalData` belongs after the chart area's `c:spPr` and before `c:printSettings` (the
    schema's order), so it goes right before `c:printSettings`, or at the end when there is none.
    """
    xml = chart_xml.decode("utf-8")
    link = _EXTERNAL_DATA.format(rid=data_rid)
    if "<c:printSettings>" in xml:
        xml = xml.replace("<c:printSettings>", link + "<c:printSettings>", 1)
    else:
        xml = xml.replace("</c:chartSpace>", link + "</c:chartSpace>", 1)
    xml = xml.replace('<c:lang val="en-US"/>', f'<c:lang val="{language}"/>', 1)
    return xml.encode("utf-8")


def add_chart(paragraph: Paragraph, chart: DraftChart, width: Emu, height: Emu, name: str, language: str) -> None:
    """Put `chart` into `paragraph` as an inline, editable Word chart of the given size.

    Args:
        paragraph: an (empty) paragraph of the document's body.
        chart: the chart XML and its data workbook.
        width, height: the chart's size on the page.
        name: the chart's name and alternative text (read by screen readers).
        language: the chart's language tag (sv-SE, en-GB): number format of its axis.
    """
    document_part = paragraph.part
    package = document_part.package
    number = 1 + sum(1 for part in package.iter_parts() if str(part.partname).startswith("/word/charts/chart"))
    data = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), CT.SML_SHEET, chart.workbook, package)
    xml = chart_xml_for_word(chart.chart_xml, DATA_RID, language)
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CT.DML_CHART, xml, package)
    if chart_part.relate_to(data, RT.PACKAGE) != DATA_RID:  # a new part's first relationship
        raise AssertionError("python-docx numbered the chart's first relationship differently")
    rid = document_part.relate_to(chart_part, RT.CHART)
    shape_id = document_part.next_id
    inline = _INLINE.format(cx=int(width), cy=int(height), shape_id=shape_id, name=_escape(name), descr=_escape(name), rid=rid)
    paragraph.add_run()._r.append(parse_xml(inline))
