"""`kompass demo`: the whole flow on the five published evaluations shipped as examples."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checking import check_workbook
from .errors import KompassError
from .frameworks import get_framework
from .models import Evaluation
from .outputs import make_folder, write_atomic
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
    drafts: list[tuple[Path, int]] = field(default_factory=list)  # each Word draft and its prompts


def write_scoring_workbooks(outdir: Path, force: bool) -> list[Path]:
    folder = outdir / "scoring"
    make_folder(folder)
    paths = []
    for published in published_evaluations():
        path = folder / f"{file_stem(published)}.xlsx"
        data = build_scoring_workbook(get_framework(published.framework), as_evaluation(published), created=FIXED_CREATED)
        write_atomic(path, data, force=force)
        paths.append(path)
    return paths


NATIONAL_NAME = "nationell-sammanstallning.xlsx"


def run_demo(outdir: Path, force: bool = False) -> DemoRun:
    """The whole flow on the built-in examples, written under outdir:

    scoring/*.xlsx (filled scoring workbooks), their check, NATIONAL_NAME (the national summary of
    them), results/*-resultat.xlsx (each municipality's result workbook, compared with the earlier
    evaluations the published report gives figures for and with the national average) and
    reports/*-rapport.docx (each municipality's Word report draft, from the same figures).
    """
    from .documents.draft import build_draft
    from .comparison import PreviousResult
    from .merging import merge_results
    from .national import NationalRow, national_figures
    from .reporting import build_report
    from .workbooks.national import build_national_workbook

    make_folder(outdir)
    run = DemoRun()
    run.scoring = write_scoring_workbooks(outdir, force)
    run.checked = [check_workbook(path) for path in run.scoring]
    invalid = [r.path for r in run.checked if not r.valid]
    if invalid:
        raise KompassError(f"the built-in examples do not check valid: {', '.join(invalid)}")

    outcome = merge_results(run.checked)
    run.national = outdir / NATIONAL_NAME
    write_atomic(run.national, build_national_workbook(outcome, created=FIXED_CREATED), force=force)
    rows = [NationalRow.from_workbook_result(r) for r in outcome.merged]

    results = outdir / "results"
    make_folder(results)
    reports = outdir / "reports"
    make_folder(reports)
    published = {(p.municipality, p.year): p for p in published_evaluations()}
    for result, scoring_path in zip(run.checked, run.scoring):
        ev = result.evaluation
        source = published[(ev.municipality, ev.year)]
        earlier = [
            PreviousResult.from_earlier(e, municipality=ev.municipality, source=f"Kommunkompassen {ev.municipality} {ev.year}")
            for e in source.earlier
        ]
        figures = national_figures(rows, ev.framework, source=NATIONAL_NAME)
        path = results / f"{scoring_path.stem}-resultat.xlsx"
        write_atomic(path, build_report(result, earlier, figures, created=FIXED_CREATED), force=force)
        run.results.append(path)
        draft = build_draft(result, earlier, figures, created=FIXED_CREATED)
        draft_path = reports / f"{scoring_path.stem}-rapport.docx"
        write_atomic(draft_path, draft.data, force=force)
        run.drafts.append((draft_path, draft.prompts))
    return run
