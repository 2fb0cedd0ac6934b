"""The area profile chart of the Word report draft, made by XlsxWriter's own chart classes.

A Word chart is a DrawingML chart part (the same XML as an Excel chart) plus an embedded workbook
that holds its data ("Edit Data" in Word opens it). This module writes that small workbook, with
the data and a native bar chart on one sheet, and returns both the workbook and the chart's XML as
XlsxWriter wrote it; documents/chart.py puts them into the Word document. The chart XML carries
the values themselves (XlsxWriter's data caches), so Word and LibreOffice draw it without
recalculating anything.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .common import checked, finish, new_workbook, number_value

CHART_PART = "xl/charts/chart1.xml"
"""Where XlsxWriter puts the first chart of a workbook (its packager's fixed naming)."""
FONT = {"name": "Calibri", "size": 9}


@dataclass(frozen=True)
class ChartSeries:
    """One series: its name, a value per category (None: no value, no bar) and its colour."""

    name: str
    values: tuple[Decimal | None, ...]
    colour: str


@dataclass(frozen=True)
class DraftChart:
    """The chart's XML as XlsxWriter wrote it, and the workbook holding its data."""

    chart_xml: bytes
    workbook: bytes


def build_draft_chart(
    sheet_name: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    title: str,
    maximum: int,
    created: datetime,
) -> DraftChart:
    """A horizontal bar chart of `series` over `categories` (first category at the top).

    Args:
        sheet_name: the data sheet's name (at most 31 characters).
        categories: the category labels (area number and short title).
        series: the series in legend order.
        title: the chart title.
        maximum: the value axis maximum (the areas' max points).
        created: the data workbook's creation time (fixed for reproducible drafts).
    """
    workbook, buffer = new_workbook()
    workbook.set_properties({"title": title, "created": created})
    sheet = workbook.add_worksheet(sheet_name)
    last = len(categories)
    for row, category in enumerate(categories, start=1):
        checked(sheet.write_string(row, 0, category), "chart category")
    for col, item in enumerate(series, start=1):
        checked(sheet.write_string(0, col, item.name), "chart series name")
        for row, value in enumerate(item.values, start=1):
            if value is not None:
                checked(sheet.write_number(row, col, number_value(value)), "chart value")
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, len(series), 14)
    chart = workbook.add_chart({"type": "bar"})
    for col, item in enumerate(series, start=1):
        chart.add_series(
            {
                "name": [sheet_name, 0, col],
                "categories": [sheet_name, 1, 0, last, 0],
                "values": [sheet_name, 1, col, last, col],
                "fill": {"color": item.colour},
                "border": {"none": True},
                "gap": 60,
            }
        )
    chart.set_title({"name": title, "name_font": {**FONT, "size": 11, "bold": True}})
    chart.set_x_axis(
        {"min": 0, "max": maximum, "major_unit": 20 if maximum >= 40 else None, "num_font": FONT,
         "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    )
    chart.set_y_axis({"reverse": True, "num_font": FONT})
    chart.set_legend({"position": "bottom", "font": FONT})
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": 620, "height": 120 + 34 * last})
    sheet.insert_chart(last + 2, 0, chart)
    data = finish(workbook, buffer)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        chart_xml = package.read(CHART_PART)
    return DraftChart(chart_xml, data)
