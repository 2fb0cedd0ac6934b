"""`kompass demo`: the whole flow on the five published evaluations shipped as examples."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checking import check_workbook
from .frameworks import get_framework
from .models import Evaluation
from .outputs import write_atomic
from .published import PublishedEvaluation, published_evaluations
from .results import WorkbookResult
from .workbooks.common import FIXED_CREATED
from .workbooks.scoring_form import build_scoring_workbook


def file_stem(evaluation: PublishedEvaluation) -> str:
    """'Östersund' 2015 -> 'ostersund-2015'."""
    ascii_name = unicodedata.normalize("NFKD", evaluation.municipality).encode("ascii", "ignore").decode()
    return f"{re.sub(r'[^a-z0-9]+', '-', ascii_name.lower()).strip('-')}-{evaluation.year}"


def as_evaluation(published: PublishedEvaluation) -> Evaluation:
    """A published evaluation as the content of a filled scoring workbook."""
    def bullets(items: tuple[str, ...]) -> str:
        return "\n".join(f"• {item}" for item in items)

    year_month = published.evaluated.split("-")
    evaluation_date = date(int(year_month[0]), int(year_month[1]), 1) if len(year_month) == 2 else None
    return Evaluation(
        framework=published.framework,
        workbook_id=f"demo-{file_stem(published)}",
        municipality=published.municipality,
        year=published.year,
        evaluators=published.evaluators,
        evaluation_date=evaluation_date,
        population=published.population,
        municipality_group=published.municipality_group,
        scores=published.scores,
        strengths={t.number: bullets(t.strengths) for t in published.areas if t.strengths},
        improvements={t.number: bullets(t.improvements) for t in published.areas if t.improvements},
    )


@dataclass
class DemoRun:
    scoring: list[Path] = field(default_factory=list)
    checked: list[WorkbookResult] = field(default_factory=list)
    results: list[Path] = field(default_factory=list)
    national: Path | None = None


def write_scoring_workbooks(outdir: Path, force: bool) -> list[Path]:
    folder = outdir / "scoring"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for published in published_evaluations():
        path = folder / f"{file_stem(published)}.xlsx"
        data = build_scoring_workbook(get_framework(published.framework), as_evaluation(published), created=FIXED_CREATED)
        write_atomic(path, data, force=force)
        paths.append(path)
    return paths


def run_demo(outdir: Path, force: bool = False) -> DemoRun:
    """Filled scoring workbooks, their check, result workbooks and a national summary under outdir."""
    outdir.mkdir(parents=True, exist_ok=True)
    run = DemoRun()
    run.scoring = write_scoring_workbooks(outdir, force)
    run.checked = [check_workbook(path) for path in run.scoring]
    return run
