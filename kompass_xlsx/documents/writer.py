"""The Word report draft, written with python-docx from a DraftContent (content.py).

Sections as in the published reports: a title page and contents, 1 Inledning, 2 Resultat,
3 Detaljerad genomgång per område, 4 Poängsammanställning, 5 Om underlaget. Only Word's own
styles are used (Title, Subtitle, Heading 1-3, List Bullet, one table style), so the evaluators can
restyle the whole document at once and Word builds the table of contents from the headings.
The only placeholder text is the prompts: marked "ATT SKRIVA:" and highlighted, one per place
that needs the evaluators' own prose; `DraftWriter.prompts` counts them.
"""

from __future__ import annotations

import io
from decimal import Decimal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .. import tool_version
from ..comparison import Comparison, Reason
from ..labels import Lang, number_text
from ..models import Area, Comparability
from ..national import SHOWN_PLACES
from ..report_figures import Reference, ReferenceKind
from ..workbooks.draft_chart import ChartSeries, build_draft_chart
from .chart import add_chart
from .content import PERCENT_PLACES, DraftContent, shown_percent
from .elements import DocumentElements, comment_paragraphs, list_items, xml_safe
from .intro import Block, BlockKind
from .texts import MONTHS

LANGUAGE_TAGS = {Lang.SV: "sv-SE", Lang.EN: "en-GB"}
CURRENT_COLOUR, EARLIER_COLOUR = "#1F4E79", "#A5A5A5"
REFERENCE_COLOURS = {ReferenceKind.NATIONAL: "#ED7D31", ReferenceKind.GROUP: "#FFC000"}
TEXT_WIDTH = Cm(16)
MINUS = "\u2212"
TOTAL_KEPT_WITH = 3
"""The score summary's total row prints on one page with the rows above it: never alone on a page."""


class DraftWriter(DocumentElements):
    """Writes one report draft; one instance per document."""

    def __init__(self, content: DraftContent, lang: Lang) -> None:
        super().__init__(lang)
        self.c = content
        self.ev = content.evaluation
        self.fw = content.framework

    # --- helpers -----------------------------------------------------------------------------

    def num(self, value: Decimal | int) -> str:
        return number_text(value, self.lang)

    def signed(self, value: Decimal) -> str:
        if value > 0:
            return f"+{self.num(value)}"
        if value < 0:
            return f"{MINUS}{self.num(-value)}"
        return self.num(Decimal(0))

    def fixed(self, value: Decimal, places: int) -> str:
        """A figure already rounded for display, with all its decimals shown ("56,0"), as the result workbook shows it."""
        shown = format(value.quantize(Decimal(1).scaleb(-places)), "f")
        return shown.replace(".", ",") if self.lang is Lang.SV else shown

    def percent_number(self, value: Decimal) -> str:
        return self.fixed(value, PERCENT_PLACES)

    def pct(self, value: Decimal) -> str:
        return f"{self.percent_number(value)} %"

    def verdict(self, verdict: Comparability) -> str:
        return self.t(f"verdict_{verdict.value}")

    @property
    def who(self) -> str:
        return f"{self.ev.municipality} {self.ev.year}"

    def framework_name(self) -> str:
        if self.fw.id in self.fw.title:
            return self.fw.title
        return self.t("framework_name", title=self.fw.title, version=self.fw.id)

    def date_text(self) -> str:
        """The evaluation's month and year ("december 2007"), as the reports date an evaluation."""
        day = self.ev.evaluation_date
        assert day is not None
        return f"{MONTHS[self.lang][day.month - 1]} {day.year}"

    def names_text(self, names: tuple[str, ...]) -> str:
        """'A', 'A och B', 'A, B och C' (English: 'and')."""
        if len(names) <= 1:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.t('and')} {names[-1]}"

    def facts_text(self) -> str:
        """What the workbook says about the evaluation and the municipality, as one or two sentences."""
        ev = self.ev
        if ev.evaluation_date is not None:
            when = self.t("facts_in_month", month=self.date_text())
        else:
            when = self.t("facts_in_year", year=ev.year)
        key = "facts_when_by" if ev.evaluators else "facts_when"
        sentences = [self.t(key, municipality=ev.municipality, when=when, names=self.names_text(ev.evaluators))]
        if ev.population is not None:
            population = f"{ev.population:,}".replace(",", "\u00a0" if self.lang is Lang.SV else ",")
            if ev.municipality_group:
                sentences.append(self.t("facts_population_group", municipality=ev.municipality, population=population, group=ev.municipality_group))
            else:
                sentences.append(self.t("facts_population", municipality=ev.municipality, population=population))
        elif ev.municipality_group:
            sentences.append(self.t("facts_group", municipality=ev.municipality, group=ev.municipality_group))
        return " ".join(sentences)

    # --- the document ------------------------------------------------------------------------

    def build(self) -> bytes:
        self.setup()
        self.title_page()
        self.introduction()
        self.results()
        self.details()
        self.score_summary()
        self.about()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), LANGUAGE_TAGS[self.lang])
        normal.element.get_or_add_rPr().append(language)
        props = self.doc.core_properties
        props.title = f"Kommunkompassen {self.fw.id} – {self.who}"
        props.subject = self.t("subject")
        props.author = xml_safe(", ".join(self.ev.evaluators))
        props.comments = f"kompass-xlsx {tool_version()}"
        props.language = LANGUAGE_TAGS[self.lang]
        props.created = props.modified = self.c.created.replace(tzinfo=None)
        props.last_modified_by = ""
        props.revision = 1
        self.doc.styles["Heading 1"].paragraph_format.page_break_before = True  # each main section on a new page
        self.doc.styles["TOC Heading"].paragraph_format.page_break_before = False  # it is based on Heading 1
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = xml_safe(self.t("header", municipality=self.ev.municipality, year=self.ev.year))
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(self.t("footer_page"))
        self.field(footer, "PAGE", "1")

    def title_page(self) -> None:
        for _ in range(6):
            self.paragraph()
        self.paragraph(self.t("title"), "Title")
        self.paragraph(self.t("subtitle", municipality=self.ev.municipality, year=self.ev.year), "Subtitle")
        self.paragraph(self.t("title_framework", framework=self.framework_name()))
        if self.ev.evaluators:
            self.paragraph(self.t("title_evaluators", names=", ".join(self.ev.evaluators)))
        if self.ev.evaluation_date is not None:
            self.paragraph(self.t("title_date", date=self.date_text()))
        for _ in range(3):
            self.paragraph()
        self.paragraph(self.t("contents"), "TOC Heading")
        entries = [self.t(key) for key in ("h_intro", "h_result", "h_details", "h_scores", "h_about")]
        self.field(self.paragraph(), 'TOC \\o "1-1" \\h \\z \\u', "\n".join(entries))

    def introduction(self) -> None:
        self.heading(self.t("h_intro"), 1)
        self.heading(self.t("h_what"), 2)
        self.paragraph(self.t("what"))
        self.heading(self.t("h_areas"), 2)
        same_max = len({area.max for area in self.fw.areas}) == 1
        if same_max:
            self.paragraph(self.t("areas_lead", framework=self.framework_name(), area_max=self.fw.areas[0].max, max=self.fw.max))
        else:
            self.paragraph(self.t("areas_lead_mixed", framework=self.framework_name(), max=self.fw.max))
        for area in self.fw.areas:
            key = "area_item" if same_max else "area_item_max"
            self.bullet(self.t(key, number=area.number, title=area.title, max=area.max))
        self.heading(self.t("h_method"), 2)
        for block in self.c.intro.blocks:
            self.intro_block(block)
        self.heading(self.t("h_this_evaluation"), 2)
        self.paragraph(self.facts_text())
        self.prompt(self.t("prompt_municipality"))

    def intro_block(self, block: Block) -> None:
        if block.kind is BlockKind.HEADING:
            self.heading(block.text, 3)
            return
        paragraph = self.paragraph(style="List Bullet" if block.kind is BlockKind.BULLET else None)
        for span in block.spans:
            self.run(paragraph, span.text, span.bold or None, span.italic or None)

    # --- 2 Resultat ------------------------------------------------------------------------------

    def results(self) -> None:
        f = self.c.figures
        self.heading(self.t("h_result"), 1)
        self.paragraph(
            self.t("result_total", municipality=self.ev.municipality, points=self.num(f.total.points), max=self.fw.max,
                   percent=self.percent_number(f.total.percent), version=self.fw.id)
        )
        self.paragraph(self.change_text())
        self.heading(self.t("h_area_table"), 2)
        self.area_table()
        self.heading(self.t("h_profile"), 2)
        self.profile_chart()
        self.highlights()
        self.heading(self.t("h_summary"), 2)
        self.prompt(self.t("prompt_summary"))

    def change_text(self) -> str:
        change = self.c.figures.change
        if change is None:
            return self.t("change_none")
        previous = change.previous
        who, verdict = previous.label, self.verdict(change.verdict)
        earlier = change.comparison.total.earlier_points
        if change.difference is not None and earlier is not None:
            return self.t("change_same", who=who, earlier=self.num(earlier), difference=self.signed(change.difference), verdict=verdict)
        if change.verdict is Comparability.PARTIAL:
            key = "change_partial" if previous.total is not None else "change_partial_no_total"
            return self.t(key, who=who, earlier_version=previous.framework, earlier=self.num(previous.total or 0),
                          areas=len(change.compared_areas), count=len(self.fw.areas), verdict=verdict)
        key = "change_none_comparable" if previous.total is not None else "change_none_comparable_no_total"
        return self.t(key, who=who, earlier_version=previous.framework, earlier=self.num(previous.total or 0), verdict=verdict)

    def reference_label(self, reference: Reference) -> str:
        if reference.kind is ReferenceKind.GROUP:
            return self.t("reference_group", group=reference.name)
        return self.t("reference_national")

    def area_table(self) -> None:
        f = self.c.figures
        earlier = self.c.chart_earlier
        refs = f.shown_references
        headers = [self.t("col_area"), self.t("col_points"), self.t("col_max"), self.t("col_percent")]
        if earlier is not None:
            headers += [earlier.previous.label, self.t("col_difference")]
        headers += [self.t(f"reference_{r.kind.value}_short") for r in refs]
        rows = []
        for figure in (*f.areas, f.total):
            title = self.t("total") if figure.number is None else f"{figure.number} {figure.title}"
            row = [title, self.num(figure.points), str(figure.max), self.pct(figure.percent)]
            if earlier is not None:
                then = figure.earlier.earlier_points if figure.change is not None and figure.earlier is not None else None
                row += [self.no_figure(then), self.no_figure(figure.change, signed=True)]
            row += [self.average_text(r.average(figure.number)) for r in refs]
            rows.append(row)
        fixed = [1.8, 1.4, 2.1] + [2.4] * (len(headers) - 4)
        title_width = 16 - sum(fixed)
        if title_width < 6.5:  # too narrow for the full titles: the short ones of the framework file
            for row, area in zip(rows, self.fw.areas):
                row[0] = area.sheet_name
        self.table(headers, rows, [title_width, *fixed], [False] + [True] * (len(headers) - 1), bold_rows=[len(rows) - 1], keep_together=True)
        if earlier is not None:
            self.note(self.t("table_note_earlier", who=earlier.previous.label))
        for reference in f.references:
            label = self.reference_label(reference)
            if reference.shown:
                key = f"reference_shown_{reference.kind.value}"
                self.note(self.t(key, group=reference.name, count=reference.count, version=reference.framework))
            else:
                self.note(self.t("reference_hidden", label=label, count=reference.others, version=reference.framework, minimum=reference.minimum))

    def highlights(self) -> None:
        f = self.c.figures
        if not f.strongest and not f.weakest:
            return
        self.heading(self.t("h_strongest"), 2)
        for key, items in (("strongest_lead", f.strongest), ("weakest_lead", f.weakest)):
            if not items:
                continue
            lead = self.paragraph(self.t(key if any(item.sentence for item in items) else f"{key}_plain"))
            lead.paragraph_format.keep_with_next = True
            for item in items:
                words = self.t("highlight", number=item.number, title=item.title, percent=self.percent_number(item.percent))
                paragraph = self.bullet(words)
                if item.sentence:
                    self.run(paragraph, f" {item.sentence}", italic=True)

    def average_text(self, value: Decimal | None) -> str:
        """A shown average with its one decimal kept ("62,0"), as the result workbook shows averages."""
        return self.t("no_figure") if value is None else self.fixed(value, SHOWN_PLACES)

    def no_figure(self, value: Decimal | None, signed: bool = False) -> str:
        if value is None:
            return self.t("no_figure")
        return self.signed(value) if signed else self.num(value)

    def profile_chart(self) -> None:
        f = self.c.figures
        series = [ChartSeries(self.who, tuple(area.points for area in f.areas), CURRENT_COLOUR)]
        earlier = self.c.chart_earlier
        if earlier is not None:
            series.append(ChartSeries(earlier.previous.label, tuple(earlier.chart_points(a.number) for a in self.fw.areas), EARLIER_COLOUR))
        for reference in f.shown_references:
            values = tuple(reference.average(a.number) for a in self.fw.areas)
            series.append(ChartSeries(self.reference_label(reference), values, REFERENCE_COLOURS[reference.kind]))
        categories = [area.sheet_name for area in self.fw.areas]
        title = self.t("chart_title")
        chart = build_draft_chart(self.t("col_points"), categories, series, title, max(a.max for a in self.fw.areas), self.c.created)
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        height = Cm(2.6 + 0.7 * len(categories) * (1 + 0.25 * (len(series) - 1)))
        add_chart(paragraph, chart, TEXT_WIDTH, height, f"{title}: {self.who}", LANGUAGE_TAGS[self.lang])
        self.note(self.t("chart_caption"))

    # --- 3 Detaljerad genomgång -------------------------------------------------------------------

    def details(self) -> None:
        self.heading(self.t("h_details"), 1)
        for area in self.fw.areas:
            self.area_section(area)

    def area_section(self, area: Area) -> None:
        figures = self.c.figures.area(area.number)
        self.heading(self.t("h_area", number=area.number, title=area.title), 2)
        lead = self.paragraph(self.t("area_points", points=self.num(figures.points), max=area.max, percent=self.percent_number(figures.percent)))
        lead.paragraph_format.keep_with_next = True
        for comparison in self.c.figures.comparisons:
            self.paragraph(self.area_change(comparison, area.number)).paragraph_format.keep_with_next = True
            for note in comparison.area(area.number).notes:
                self.note(note, keep_with_next=True)
        rows = [[q.id, q.title, self.num(self.ev.scores[q.id]), str(q.max)] for q in area.questions]
        rows.append(["", self.t("area_sum", number=area.number), self.num(figures.points), str(area.max)])
        self.table(
            [self.t("col_question"), self.t("col_question_title"), self.t("col_points"), self.t("col_max")],
            rows, [1.6, 10.8, 1.9, 1.7], [False, False, True, True], bold_rows=[len(rows) - 1], keep_together=True,
        )
        comments = [(q, comment_paragraphs(self.ev.comments.get(q.id, ""))) for q in area.questions]
        comments = [(q, paragraphs) for q, paragraphs in comments if paragraphs]
        strengths = list_items(self.ev.strengths.get(area.number, ""))
        improvements = list_items(self.ev.improvements.get(area.number, ""))
        if comments:
            self.heading(self.t("h_comments"), 3)
            for question, paragraphs in comments:
                lead = self.paragraph()
                lead.paragraph_format.keep_with_next = True
                self.run(lead, f"{question.id} {question.title}", bold=True)
                for words in paragraphs:
                    self.paragraph(words)
        missing = None
        if not strengths and not improvements:
            missing = "missing_both"
        elif not strengths:
            missing = "missing_strengths"
        elif not improvements:
            missing = "missing_improvements"
        if not comments or missing:
            words = self.t("prompt_area", number=area.number) if not comments else ""
            if missing:
                words = (words + self.t("prompt_area_lists", missing=self.t(missing))).strip()
            self.prompt(words)
        for key, items in (("h_strengths", strengths), ("h_improvements", improvements)):
            if items:
                self.heading(self.t(key), 3)
                for item in items:
                    self.bullet(item)

    def area_change(self, comparison: Comparison, number: int) -> str:
        row = comparison.area(number)
        who = comparison.previous.label
        verdict = self.verdict(row.comparability)
        if row.earlier_points is None:
            key = "area_no_earlier_figure" if row.reason is Reason.NO_FIGURE else "area_no_counterpart"
            return self.t(key, who=who, verdict=verdict)
        if row.difference is None:
            return self.t("area_change_no_difference", who=who, earlier=self.num(row.earlier_points), verdict=verdict)
        return self.t("area_change", who=who, earlier=self.num(row.earlier_points), difference=self.signed(row.difference), verdict=verdict)

    # --- 4 Poängsammanställning -------------------------------------------------------------------

    def score_summary(self) -> None:
        self.heading(self.t("h_scores"), 1)
        self.paragraph(self.t("scores_lead"))
        rows, bold = [], []
        for area in self.fw.areas:
            figures = self.c.figures.area(area.number)
            bold.append(len(rows))
            rows.append([str(area.number), area.title, self.num(figures.points), str(area.max), self.pct(figures.percent)])
            for q in area.questions:
                score = self.ev.scores[q.id]
                rows.append([q.id, q.title, self.num(score), str(q.max), self.pct(shown_percent(score, q.max))])
        bold.append(len(rows))
        total = self.c.figures.total
        rows.append(["", self.t("total"), self.num(total.points), str(self.fw.max), self.pct(total.percent)])
        headers = [self.t("col_question"), self.t("col_question_title"), self.t("col_points"), self.t("col_max"), self.t("col_percent")]
        self.table(headers, rows, [1.6, 9.1, 1.9, 1.4, 2.0], [False, False, True, True, True], bold_rows=bold, keep_end=TOTAL_KEPT_WITH)

    # --- 5 Om underlaget --------------------------------------------------------------------------

    def about(self) -> None:
        c = self.c
        self.heading(self.t("h_about"), 1)
        self.paragraph(self.t("about_lead"))
        rows = [
            [self.t("about_source"), c.source_name],
            [self.t("about_sha256"), c.source_sha256],
        ]
        if self.ev.workbook_id:
            rows.append([self.t("about_workbook_id"), self.ev.workbook_id])
        rows += [
            [self.t("about_framework"), self.framework_name()],
            [self.t("about_framework_file"), c.framework_file],
            [self.t("about_tool"), f"kompass-xlsx {tool_version()}"],
        ]
        intro = c.intro
        rows.append([self.t("about_intro"), self.t("about_intro_standard", name=intro.source) if intro.standard else intro.source])
        for comparison in c.figures.comparisons:
            previous = comparison.previous
            parts = [f"{previous.label}, Kommunkompassen {previous.framework}", previous.source or self.t("published_report")]
            if previous.sha256:
                parts.append(f"SHA-256 {previous.sha256}")
            rows.append([self.t("about_previous"), " – ".join(parts)])
        if c.national is not None:
            parts = [c.national.source or "–"] + ([f"SHA-256 {c.national.sha256}"] if c.national.sha256 else [])
            rows.append([self.t("about_national"), " – ".join(parts)])
        rows.append([self.t("about_created"), c.created.strftime("%Y-%m-%d %H:%M")])
        self.table(None, rows, [4.5, 11.5], [False, False])

