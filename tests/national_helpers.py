"""Helpers for tests: national summary workbooks with the hidden `_evaluations` sheet, written with XlsxWriter."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from kompass_xlsx.models import Framework
from kompass_xlsx.national import EVALUATION_COLUMNS, EVALUATIONS_SHEET, NationalRow


def random_rows(framework: Framework, count: int, seed: int, groups: tuple[str, ...] = ("Pendlingskommun", "Större stad")) -> list[NationalRow]:
    """`count` evaluations of `framework` with random scores on its step, spread over `groups`."""
    rng = random.Random(seed)
    per_point = int(1 / framework.step)
    rows = []
    for i in range(count):
        areas = {
            area.number: sum((Decimal(rng.randint(0, q.max * per_point)) * framework.step for q in area.questions), Decimal(0))
            for area in framework.areas
        }
        rows.append(
            NationalRow(
                workbook_id=f"00000000-0000-4000-8000-{i:012d}",
                framework=framework.id,
                municipality=f"Kommun {i + 1}",
                year=2020 + i % 5,
                municipality_group=groups[i % len(groups)] if groups else None,
                population=10_000 + 1_000 * i,
                total=sum(areas.values(), Decimal(0)),
                areas=areas,
            )
        )
    return rows


def write_national(path: Path, rows: list[NationalRow], header: tuple[str, ...] = EVALUATION_COLUMNS, sheet: str = EVALUATIONS_SHEET) -> Path:
    """A national summary workbook as `kompass merge` writes it: a visible sheet and the hidden rows, all text."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    workbook.add_worksheet("Utvärderingar").write_string(0, 0, "Kommunkompassen – nationell sammanställning")
    hidden = workbook.add_worksheet(sheet)
    for col, name in enumerate(header):
        assert hidden.write_string(0, col, name) == 0
    for row_number, row in enumerate(rows, start=1):
        for col, text in enumerate(row.to_texts()):
            if text:
                assert hidden.write_string(row_number, col, text) == 0
    hidden.hide()
    workbook.close()
    return path
