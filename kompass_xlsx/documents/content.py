"""What the report draft shows: the figures of report_figures (the same as the result workbook's,
by construction) plus what only the draft needs (the method text, the sources)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..comparison import Comparison, PreviousResult
from ..errors import KompassError
from ..models import Comparability, Evaluation, Framework
from ..national import NationalFigures
from ..report_figures import PERCENT_PLACES, ReportFigures, report_figures
from ..results import WorkbookResult
from ..scoring import percent, round_half_up
from .intro import Intro

__all__ = ["PERCENT_PLACES", "DraftContent", "draft_content", "shown_percent"]


def shown_percent(points: Decimal, maximum: int) -> Decimal:
    """A share of the maximum in percent as shown: rounded once to PERCENT_PLACES (as report_figures)."""
    return round_half_up(percent(points, maximum), PERCENT_PLACES)


@dataclass(frozen=True)
class DraftContent:
    """Everything the draft shows.

    Attributes:
        framework: the evaluation's framework version.
        evaluation: the evaluation read from the scoring workbook.
        figures: the report's figures (report_figures): areas, total, change, references, highlights.
        intro: the method text.
        source_name, source_sha256: the scoring workbook's file name and SHA-256.
        framework_file: the framework file's name.
        national: the national figures given, if any (for the sources section).
        created: when the draft was made.
    """

    framework: Framework
    evaluation: Evaluation
    figures: ReportFigures
    intro: Intro
    source_name: str
    source_sha256: str
    framework_file: str
    national: NationalFigures | None
    created: datetime

    @property
    def chart_earlier(self) -> Comparison | None:
        """The earlier evaluation in the area table and the chart: that of the change, when it is
        at least partly comparable."""
        change = self.figures.change
        if change is None or change.verdict is Comparability.NONE:
            return None
        return change.comparison


def draft_content(
    framework: Framework,
    result: WorkbookResult,
    previous: Sequence[PreviousResult],
    national: NationalFigures | None,
    intro: Intro,
    source_name: str,
    created: datetime,
    framework_file: str = "",
) -> DraftContent:
    """The draft's content for a valid checked evaluation.

    Raises:
        KompassError: the result is not valid, or the national figures are of another version.
    """
    ev = result.evaluation
    if not result.valid or ev is None or result.total is None:
        raise KompassError(f"{result.path}: not a valid evaluation; a report draft needs complete, valid scores")
    if national is not None and national.framework != framework.id:
        raise KompassError(f"national figures of framework {national.framework} cannot be compared with framework {framework.id}")
    return DraftContent(
        framework=framework,
        evaluation=ev,
        figures=report_figures(framework, result, previous, national),
        intro=intro,
        source_name=source_name,
        source_sha256=result.sha256,
        framework_file=framework_file or f"{framework.id}.toml",
        national=national,
        created=created,
    )
