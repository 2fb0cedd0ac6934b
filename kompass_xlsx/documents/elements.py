"""The building blocks of the Word draft on top of python-docx: headings, paragraphs, bullets,
prompts, notes, tables and fields, each in Word's own styles (the module writer.py composes them).

Tables get their header row repeated on every page and rows that never split; a prompt is the one
kind of placeholder text, marked and highlighted, and counted in `prompts`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..labels import Lang
from .texts import text

TABLE_STYLE = "Light List Accent 1"
TABLE_FONT_SIZE = 10
_LEADING_BULLET = re.compile(r"^\s*(?:[-*•·–—▪◦‣●]|\d+[.)])\s*")


def list_items(text: str) -> list[str]:
    """The bullets of a strengths or improvements text: one per line or paragraph the evaluators
    wrote, without a bullet or number they typed themselves."""
    items = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        item = _LEADING_BULLET.sub("", line, count=1).strip() if _LEADING_BULLET.match(line) else line.strip()
        if item:
            items.append(item)
    return items


def comment_paragraphs(text: str) -> list[str]:
    """A comment's paragraphs: one per line the evaluators wrote, empty lines dropped."""
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(words: str) -> str:
    """Text without the control characters XML 1.0 cannot hold (a workbook may carry them; Word
    could not open a document with them), tabs and line ends kept."""
    return _NOT_XML.sub("", words)


class DocumentElements:
    """A python-docx document and the elements the draft is made of, in the language `lang`."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.prompts = 0
        self.doc = Document()
        self._style_ids: dict[str, str] = {}

    def styled(self, paragraph: Paragraph, style: str | None) -> Paragraph:
        """Give `paragraph` a paragraph style by name. The style id is looked up once per name:
        python-docx looks it up, and scans every style for the default, on each paragraph."""
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            paragraph._p.get_or_add_pPr().style = self._style_ids[style]
        return paragraph

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def run(self, paragraph: Paragraph, words: str, bold: bool | None = None, italic: bool | None = None):
        """A run of text added to `paragraph` (XML-safe), bold or italic when asked."""
        added = paragraph.add_run(xml_safe(words))
        added.bold, added.italic = bold, italic
        return added

    def heading(self, words: str, level: int) -> Paragraph:
        if not words.strip():
            raise ValueError("a heading needs text")
        return self.paragraph(words, f"Heading {level}")

    def paragraph(self, words: str = "", style: str | None = None) -> Paragraph:
        return self.styled(self.doc.add_paragraph(xml_safe(words)), style)

    def bullet(self, words: str) -> Paragraph:
        return self.paragraph(words, "List Bullet")

    def prompt(self, words: str) -> Paragraph:
        """A prompt for the evaluators' own prose: marked and highlighted, counted."""
        paragraph = self.doc.add_paragraph()
        mark = paragraph.add_run(self.t("prompt_mark"))
        mark.bold = True
        body = paragraph.add_run(xml_safe(words))
        for run in (mark, body):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        self.prompts += 1
        return paragraph

    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        numeric: Sequence[bool],
        bold_rows: Sequence[int] = (),
        keep_together: bool = False,
        keep_end: int = 0,
    ) -> Table:
        """A table in TABLE_STYLE: header row repeated on every page, numbers right-aligned,
        rows never split across pages, `bold_rows` (indexes into rows) in bold; a table to keep
        together (a short one) moves whole to the next page rather than break; the last `keep_end` rows
        stay on one page, so a total row never stands alone on a page."""
        header_rows = [] if headers is None else [headers]
        table = self.doc.add_table(rows=len(header_rows) + len(rows), cols=len(widths))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            table._tbl.tblPr.append(look)
        look.set(qn("w:firstRow"), "1" if headers is not None else "0")
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:lastRow"), "0")
        look.set(qn("w:lastColumn"), "0")
        look.set(qn("w:noHBand"), "0")
        look.set(qn("w:noVBand"), "1")
        look.set(qn("w:val"), "0420" if headers is not None else "0400")  # the same flags as a hex mask (LibreOffice reads this)
        for r, values in enumerate([*header_rows, *rows]):
            row = table.rows[r]
            row_pr = row._tr.get_or_add_trPr()
            row_pr.append(OxmlElement("w:cantSplit"))
            is_header = r < len(header_rows)
            if is_header:
                row_pr.append(OxmlElement("w:tblHeader"))
            cells = row.cells
            for col, value in enumerate(values):
                cell = cells[col]
                cell.width = Cm(widths[col])
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(xml_safe(value))
                run.font.size = Pt(TABLE_FONT_SIZE)
                if is_header or (r - len(header_rows)) in bold_rows:
                    run.bold = True
                if numeric[col]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                last = len(header_rows) + len(rows) - 1
                if (keep_together or r >= last - keep_end + 1) and r < last:
                    paragraph.paragraph_format.keep_with_next = True
        for col, width in enumerate(widths):
            table.columns[col].width = Cm(width)
        self.paragraph()
        return table

    def note(self, words: str, keep_with_next: bool = False) -> None:
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = keep_with_next or None
        run = paragraph.add_run(xml_safe(words))
        run.italic = True
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)

    def field(self, paragraph: Paragraph, instruction: str, shown: str) -> None:
        """A Word field (PAGE, TOC) with the text shown until Word updates it."""
        def fld(kind: str):
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            return element

        paragraph.add_run()._r.append(fld("begin"))
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        paragraph.add_run()._r.append(code)
        paragraph.add_run()._r.append(fld("separate"))
        lines = shown.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
        paragraph.add_run()._r.append(fld("end"))
