"""Helpers for tests: filled scoring workbooks and reading them with openpyxl."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import strategies as st

from kompass_xlsx.identity_checks import fitting_version
from kompass_xlsx.models import Evaluation, Framework
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook


def scores_strategy(framework: Framework):
    """Random complete scores on the framework's step."""
    steps_per_point = int(1 / framework.step)
    return st.fixed_dictionaries(
        {
            q.id: st.integers(min_value=0, max_value=q.max * steps_per_point).map(lambda n: Decimal(n) * framework.step)
            for q in framework.questions
        }
    )


def fitting_year(framework: Framework, wanted: int = 2024) -> int:
    """`wanted` when it fits the framework version (no YEAR_FRAMEWORK_MISMATCH), else its first year."""
    return wanted if fitting_version(framework, wanted) is None else framework.in_use_from


def write_filled(path: Path, framework: Framework, scores: dict[str, Decimal], **identity) -> Path:
    """A scoring workbook filled with `scores`, of a municipality in the register and a year that fits
    the version, so that it has no warnings of its own."""
    evaluation = Evaluation(
        framework=framework.id,
        workbook_id=identity.pop("workbook_id", "00000000-0000-4000-8000-000000000001"),
        municipality=identity.pop("municipality", "Kalix"),
        year=identity.pop("year", fitting_year(framework)),
        scores=scores,
        **identity,
    )
    path.write_bytes(build_scoring_workbook(framework, evaluation))
    return path


def defined_cell(workbook: openpyxl.Workbook, name: str):
    """The cell a workbook-level defined name points at, as openpyxl sees it."""
    (sheet, ref), = workbook.defined_names[name].destinations
    return workbook[sheet][ref.replace("$", "")]


def summary_values(path: Path) -> dict[str, Decimal]:
    """The cached values of total_1..total_8 and total, exactly as stored."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    names = [f"total_{n}" for n in range(1, 9)] + ["total"]
    return {name: Decimal(str(defined_cell(workbook, name).value)) for name in names}
