"""The Distribution sheet of the national summary workbook (see national.py).

Per framework version: the best totals, the quartiles of each area and the total with a box-like
chart, and the count of evaluations per tenth of the max points with a column chart. The charts
read their data from cells on the sheet (the box chart from helper columns from CHART_DATA_COL on).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from ..labels import Lang, counted_label, number_text
from ..merging import Band, VersionSummary
from ..models import Framework
from .common import checked, set_width, word_width
from .national_kit import NationalKit

CHART_DATA_COL = 12
CHART_WIDTH, CHART_HEIGHT = 600, 300  # pixels, at most
BOX_SEGMENTS = ("nat_chart_box_base", "nat_chart_box_low", "nat_chart_box_mid_low", "nat_chart_box_mid_high", "nat_chart_box_high")


def write_distribution(kit: NationalKit, sheet: Worksheet) -> None:
    row = kit.heading(sheet, kit.label("nat_distribution_title"))
    kit.distribution_widths = {0: Decimal(18), 1: Decimal(40), **{col: Decimal(12) for col in range(2, 11)}, 11: Decimal(3)}
    kit.distribution_widths |= {col: Decimal(14) for col in range(CHART_DATA_COL, CHART_DATA_COL + len(BOX_SEGMENTS) + 1)}
    for col, width in kit.distribution_widths.items():
        set_width(sheet, col, width)
    checked(sheet.write_string(row, 0, kit.label("nat_best_title"), kit.fmt.section), "best")
    row += 1
    header_row(kit, sheet, row, [kit.label(key) for key in ("nat_col_framework", "nat_col_best_who", "nat_col_best_total", "nat_col_evaluations")])
    first_best = row + 1
    for summary in kit.outcome.versions:
        for best in summary.best:
            row += 1
            who = f"{best.evaluation.municipality} {best.evaluation.year or ''}".strip()
            for col, value in enumerate((summary.id, who, best.total, len(summary.evaluations))):
                kit.put(sheet, row, col, value, kit.cell_text)
    kit.ignore_number_text(sheet, first_best, row, [0, 1])  # version, municipality
    row += 3
    breaks = []
    for summary in kit.outcome.versions:
        breaks.append(row)  # each version on a page of its own: no chart split, no heading alone at a page foot
        row = write_version_distribution(kit, sheet, row, summary) + 2
    sheet.set_h_pagebreaks(breaks)
    sheet.print_area(0, 0, row, CHART_DATA_COL - 1)  # the chart data beside it is for the charts, not for print
    kit.page(sheet)


def column_pixels(width: Decimal) -> int:
    """A column's width in pixels as Excel lays it out for 11-point Calibri (XlsxWriter's own conversion)."""
    return int(float(width) * 7 + 0.5) + 5 if width >= 1 else int(float(width) * 12 + 0.5)

def header_row(kit: NationalKit, sheet: Worksheet, row: int, texts: Sequence[str], first_col: int = 0) -> None:
    """Headers that wrap between words: a column too narrow for a header's longest word is widened."""
    widths = kit.distribution_widths
    for col, text in enumerate(texts, start=first_col):
        checked(sheet.write_string(row, col, text, kit.section_header), text)
        needed = word_width(text, bold=True)
        if needed > widths[col]:
            widths[col] = needed
            set_width(sheet, col, needed)
    kit.fit_row(sheet, row, [(text, widths[col], True) for col, text in enumerate(texts, start=first_col)])

def write_version_distribution(kit: NationalKit, sheet: Worksheet, row: int, summary: VersionSummary) -> int:
    """Quartiles with a box-like chart, and counts per tenth of the max with a column chart."""
    name, fw = sheet.get_name(), summary.framework
    checked(sheet.write_string(row, 0, counted_label("nat_version_heading", kit.lang, len(summary.evaluations), version=fw.id), kit.fmt.section), "version")
    row += 1
    checked(sheet.write_string(row, 0, kit.label("nat_quartiles_title"), kit.fmt.meta_key), "quartiles")
    checked(sheet.write_string(row, CHART_DATA_COL, kit.label("nat_chart_data"), kit.fmt.meta_key), "chart data")
    row += 1
    quartile_header = row
    headers = ("nat_col_area", "nat_col_title", "nat_col_count", "nat_col_min", "nat_col_q1", "nat_col_median", "nat_col_q3", "nat_col_max")
    header_row(kit, sheet, row, [kit.label(key) for key in headers])
    header_row(kit, sheet, row, [kit.label(key) for key in (*BOX_SEGMENTS, "nat_col_median")], CHART_DATA_COL)
    figures = [(kit.label("nat_col_area_n", number=a.number), a.title, summary.overall.areas[a.number]) for a in fw.areas]
    figures.append((kit.label("nat_col_total"), "", summary.overall.total))
    shown = kit.shown_value
    lowest = kit.points_format(stats.minimum for _, _, stats in figures)  # one number format per column
    best = kit.points_format(stats.maximum for _, _, stats in figures)
    for figure, title, stats in figures:
        row += 1
        values = (figure, title, stats.count, stats.minimum, shown(stats.q1), shown(stats.median), shown(stats.q3), stats.maximum)
        fmts = (kit.cell_text, kit.cell_wrap, kit.exact, lowest, kit.shown, kit.shown, kit.shown, best)
        for col, (value, fmt) in enumerate(zip(values, fmts, strict=True)):
            kit.put(sheet, row, col, value, fmt)
        kit.fit_row(sheet, row, [(title, kit.distribution_widths[1], False)])
        parts = (stats.minimum, stats.q1 - stats.minimum, stats.median - stats.q1, stats.q3 - stats.median, stats.maximum - stats.q3, stats.median)
        for col, part in enumerate(parts, start=CHART_DATA_COL):
            kit.put(sheet, row, col, part, kit.exact)
    profile_chart = box_chart(kit, name, fw, quartile_header)

    row += 2
    checked(sheet.write_string(row, 0, kit.label("nat_bands_title"), kit.fmt.meta_key), "bands")
    row += 1
    band_header = row
    texts = [kit.label("nat_col_band"), kit.label("nat_col_total_points")]
    texts += [f"{a.number} {a.sheet_title}" for a in fw.areas] + [kit.label("nat_col_total")]
    header_row(kit, sheet, row, texts)
    for index, total_band in enumerate(summary.total_bands):
        row += 1
        kit.put(sheet, row, 0, band_label(kit, total_band, fw.max), kit.cell_text)
        kit.put(sheet, row, 1, band_points(kit, total_band), kit.cell_text)
        for col, area in enumerate(fw.areas, start=2):
            kit.put(sheet, row, col, summary.area_bands[area.number][index].count, kit.exact)
        kit.put(sheet, row, len(fw.areas) + 2, total_band.count, kit.exact)
    total_col = len(fw.areas) + 2
    bands_chart = kit.workbook.add_chart({"type": "column"})
    bands_chart.add_series(
        {
            "name": [name, band_header, total_col],
            "categories": [name, band_header + 1, 0, row, 0],
            "values": [name, band_header + 1, total_col, row, total_col],
            "fill": {"color": "#2E75B6"},
            "gap": 40,
        }
    )
    most = max(band.count for band in summary.total_bands)
    bands_chart.set_title({"name": kit.label("nat_chart_bands_title", version=fw.id)})
    bands_chart.set_legend({"none": True})
    bands_chart.set_y_axis({"min": 0, "major_unit": max(1, -(-most // 5)), "name": kit.label("nat_col_count")})
    bands_chart.set_x_axis({"name": kit.label("nat_col_band")})
    # both charts within the printed columns (up to CHART_DATA_COL - 1), the second from column 5
    widths = kit.distribution_widths
    second = sum(column_pixels(widths[col]) for col in range(5, CHART_DATA_COL)) - 8
    first = min(CHART_WIDTH, sum(column_pixels(widths[col]) for col in range(0, 5)) - 8)
    profile_chart.set_size({"width": first, "height": CHART_HEIGHT})
    bands_chart.set_size({"width": min(CHART_WIDTH, second), "height": CHART_HEIGHT})
    row += 2
    checked(sheet.insert_chart(row, 0, profile_chart, {"x_offset": 2, "y_offset": 2}), "box chart")
    checked(sheet.insert_chart(row, 5, bands_chart, {"x_offset": 2, "y_offset": 2}), "bands chart")
    return row + CHART_HEIGHT // 20 + 1

def box_chart(kit: NationalKit, name: str, fw: Framework, header_row: int):
    """A box-like stacked column chart per area: an invisible base up to the minimum, four quartile
    segments up to the maximum, and the median as a marker."""
    first, last = header_row + 1, header_row + len(fw.areas)
    chart = kit.workbook.add_chart({"type": "column", "subtype": "stacked"})
    fills = [None, "#DEEBF7", "#2E75B6", "#1F4E79", "#DEEBF7"]
    for offset, fill in enumerate(fills):
        col = CHART_DATA_COL + offset
        series = {"name": [name, header_row, col], "categories": [name, first, 0, last, 0], "values": [name, first, col, last, col], "gap": 80}
        if fill is None:
            series.update({"fill": {"none": True}, "border": {"none": True}})
        else:
            series.update({"fill": {"color": fill}, "border": {"color": "#404040"}})
        chart.add_series(series)
    median_col = CHART_DATA_COL + len(BOX_SEGMENTS)
    median = kit.workbook.add_chart({"type": "line"})
    median.add_series(
        {
            "name": [name, header_row, median_col],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, median_col, last, median_col],
            "line": {"none": True},
            "marker": {"type": "diamond", "size": 8, "fill": {"color": "#C00000"}, "border": {"color": "#C00000"}},
        }
    )
    chart.combine(median)
    chart.set_title({"name": kit.label("nat_chart_box_title", version=fw.id)})
    chart.set_legend({"position": "bottom", "delete_series": [0]})
    chart.set_y_axis({"min": 0, "max": max(area.max for area in fw.areas), "name": kit.label("nat_col_score")})
    return chart

def band_points(kit: NationalKit, band: Band) -> str:
    """A band in points: '0–<80' ... '720–800'."""
    low, high = number_text(band.lower, kit.lang), number_text(band.upper, kit.lang)
    return f"{low}–{high}" if band.last else f"{low}–<{high}"

def band_label(kit: NationalKit, band: Band, maximum: int) -> str:
    """A band as a share of the max: '0–<10 %' ... '90–100 %'."""
    low = number_text(band.lower * 100 / maximum, kit.lang)
    high = number_text(band.upper * 100 / maximum, kit.lang)
    unit = " %" if kit.lang is Lang.SV else "%"
    return f"{low}–{high}{unit}" if band.last else f"{low}–<{high}{unit}"
