"""The Overview sheet of the national summary workbook, the sheet it opens on (see national.py).

On top, what the coordinator has to act on: files read and merged, and the rejected, conflicting and
duplicate files counted, each with the sheet to look at. Then one block per framework version, each
printed on a page of its own: how many evaluations, municipalities and years; per area (with its
title) and in total the mean, median, lowest and highest points, the same figures as the Averages
sheet's "all years" rows; and the version's area profile as a native chart of its table's cells.
"""

from __future__ import annotations

import math
from decimal import Decimal

from ..labels import counted_label, label
from ..merging import VersionSummary
from ..national import shown_parts
from .bulk import BulkRowsWorksheet
from .common import checked, set_width
from .national_kit import TITLE_HEIGHT, NationalKit

COLUMN_WIDTHS = (8, 40, 9, 11, 9, 9, 9)  # area, title, max, mean, median, lowest, highest: one A4 page wide
CHART_WIDTH, CHART_HEIGHT = 640, 300  # pixels
ROW_PIXELS = 20  # a row of the default height


def write_overview(kit: NationalKit, sheet: BulkRowsWorksheet, sheet_names: dict[str, str]) -> None:
    """The Overview sheet: the files to act on, then a page per framework version.

    Args:
        kit: the national writer (formats, outcome, helpers).
        sheet: the worksheet, the first of the workbook.
        sheet_names: the names of the other sheets by key ("averages", "rejected", "conflicts", ...).
    """
    for col, width in enumerate(COLUMN_WIDTHS):
        set_width(sheet, col, Decimal(width))
    note = kit.label("nat_overview_note", averages=sheet_names["averages"], evaluations=sheet_names["evaluations"], questions=sheet_names["questions"])
    columns = [("", width) for width in COLUMN_WIDTHS]
    row = kit.heading(sheet, kit.label("nat_overview_title"), note, columns)
    row = write_files(kit, sheet, row, sheet_names)
    breaks = []
    for index, summary in enumerate(kit.outcome.versions):
        if index:
            breaks.append(row)
        row = write_version(kit, sheet, row, summary) + 1
    if breaks:
        sheet.set_h_pagebreaks(breaks)
    sheet.print_area(0, 0, max(row - 1, 0), len(COLUMN_WIDTHS) - 1)
    kit.page(sheet, landscape=False)


def write_files(kit: NationalKit, sheet: BulkRowsWorksheet, row: int, sheet_names: dict[str, str]) -> int:
    """Files read, merged, rejected, in conflict and duplicate, each with the sheet to look at; the next free row."""
    outcome = kit.outcome
    in_conflict = sum(len(c.results) for c in outcome.conflicts)
    facts = [
        ("nat_overview_files", outcome.inputs, None),
        ("nat_overview_merged", len(outcome.merged), "evaluations"),
        ("nat_overview_rejected", len(outcome.rejected), "rejected"),
        ("nat_overview_conflicts", in_conflict, "conflicts"),
        ("nat_overview_duplicates", len(outcome.duplicates), "conflicts"),
    ]
    checked(sheet.write_string(row, 0, kit.label("nat_overview_files_title"), kit.fmt.section), "files")
    row += 1
    for key, count, where in facts:
        checked(sheet.merge_range(row, 0, row, 1, kit.label(key), kit.fact_label), key)
        kit.put(sheet, row, 2, count, kit.fact_number)
        if where is not None and count:
            action = "nat_overview_see_conflicts" if key == "nat_overview_conflicts" else "nat_overview_see"
            text = kit.label(action, sheet=sheet_names[where])
            checked(sheet.merge_range(row, 3, row, len(COLUMN_WIDTHS) - 1, text, kit.cell_wrap), "see")
            kit.fit_row(sheet, row, [(text, Decimal(sum(COLUMN_WIDTHS[3:])), False)])
        row += 1
    return row + 1


def write_version(kit: NationalKit, sheet: BulkRowsWorksheet, row: int, summary: VersionSummary) -> int:
    """One framework version: counts, the table per area and in total, the area profile chart; the next free row."""
    fw, overall = summary.framework, summary.overall
    evaluations = summary.evaluations
    heading = counted_label("nat_version_heading", kit.lang, len(evaluations), version=fw.id)
    checked(sheet.write_string(row, 0, heading, kit.fmt.title), "version")
    sheet.set_row(row, TITLE_HEIGHT)
    row += 2
    years = sorted({r.evaluation.year for r in evaluations if r.evaluation.year is not None})
    municipalities = {r.evaluation.municipality.strip().casefold() for r in evaluations}
    counts = [("nat_overview_evaluations", len(evaluations)), ("nat_overview_municipalities", len(municipalities)), ("nat_overview_years", len(years))]
    for key, count in counts:
        checked(sheet.merge_range(row, 0, row, 1, kit.label(key), kit.fact_label), key)
        kit.put(sheet, row, 2, count, kit.fact_number)
        row += 1
    if years:  # the years as numbers: the first and, when there are more, the last
        kit.put(sheet, row - 1, 3, years[0], kit.year_number)
        if len(years) > 1:
            checked(sheet.write_string(row - 1, 4, "–", kit.centred), "dash")
            kit.put(sheet, row - 1, 5, years[-1], kit.year_number)
    row += 1

    header = row
    headers = ("nat_col_area", "nat_col_title", "nat_col_max_points", "nat_col_mean", "nat_col_median", "nat_col_min", "nat_col_best")
    for col, key in enumerate(headers):
        checked(sheet.write_string(row, col, kit.label(key), kit.section_header), key)
    kit.fit_row(sheet, row, [(kit.label(key), Decimal(width), True) for key, width in zip(headers, COLUMN_WIDTHS)])
    shown_areas, shown_total = shown_parts({n: stats.mean for n, stats in overall.areas.items()}, overall.total.mean)
    every = [*overall.areas.values(), overall.total]
    lowest, best = [s.minimum for s in every], [s.maximum for s in every]  # one number format per column
    for area in fw.areas:
        row += 1
        stats = overall.areas[area.number]
        values = (area.number, area.title, area.max, shown_areas[area.number], kit.shown_value(stats.median), stats.minimum, stats.maximum)
        formats = (kit.centred_number, kit.cell_wrap, kit.exact, kit.shown, kit.shown, kit.points_format(lowest), kit.points_format(best))
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            kit.put(sheet, row, col, value, fmt)
        kit.fit_row(sheet, row, [(area.title, Decimal(COLUMN_WIDTHS[1]), False)])
    last_area = row
    row += 1
    total = overall.total
    values = (None, kit.label("nat_col_total"), fw.max, shown_total, kit.shown_value(total.median), total.minimum, total.maximum)
    formats = (kit.exact_bold, kit.exact_bold, kit.exact_bold, kit.shown_bold, kit.shown_bold, kit.points_format(lowest, True), kit.points_format(best, True))
    for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
        kit.put(sheet, row, col, value, fmt)
    row += 2

    chart = profile_chart(kit, sheet.get_name(), summary, header, last_area)
    checked(sheet.insert_chart(row, 0, chart, {"x_offset": 2, "y_offset": 2}), "profile chart")
    return row + math.ceil(CHART_HEIGHT / ROW_PIXELS) + 1


def profile_chart(kit: NationalKit, name: str, summary: VersionSummary, header: int, last_area: int):
    """The national area profile: the mean per area as columns, the lowest and highest as markers."""
    fw = summary.framework
    first = header + 1
    chart = kit.workbook.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": [name, header, 3],
            "categories": [name, first, 0, last_area, 0],
            "values": [name, first, 3, last_area, 3],
            "fill": {"color": "#2E75B6"},
            "gap": 60,
            "data_labels": {"value": True, "num_format": "0.0", "position": "inside_end", "font": {"color": "white", "size": 8}},
        }
    )
    markers = kit.workbook.add_chart({"type": "line"})
    for col, color, shape in ((5, "#C00000", "triangle"), (6, "#1E7B34", "diamond")):
        markers.add_series(
            {
                "name": [name, header, col],
                "categories": [name, first, 0, last_area, 0],
                "values": [name, first, col, last_area, col],
                "line": {"none": True},
                "marker": {"type": shape, "size": 8, "fill": {"color": color}, "border": {"color": color}},
            }
        )
    chart.combine(markers)
    chart.set_title({"name": label("nat_chart_profile_title", kit.lang, version=fw.id), "name_font": {"size": 12}})
    chart.set_x_axis({"name": kit.label("nat_col_area")})
    chart.set_y_axis({"min": 0, "max": max(area.max for area in fw.areas), "name": kit.label("nat_col_score"), "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    return chart
