"""What checking one workbook gives: the evaluation read, its exact totals, and its findings."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from .findings import Finding, Severity
from .models import Evaluation, Framework
from .scoring import compute_totals, missing_scores, points_text


class AreaPoints(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    points: Decimal
    max: int


class WorkbookResult(BaseModel):
    """One workbook after reading and validation. Totals exist only when every score is valid."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    evaluation: Evaluation | None = None
    findings: tuple[Finding, ...] = ()
    areas: tuple[AreaPoints, ...] = ()
    total: Decimal | None = None

    @property
    def framework(self) -> str | None:
        return self.evaluation.framework if self.evaluation else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return self.evaluation is not None and self.total is not None and not self.errors

    def area_points(self) -> dict[int, Decimal]:
        return {a.number: a.points for a in self.areas}

    def to_json_dict(self, with_findings: bool = True) -> dict:
        """The object DESIGN.md fixes for `kompass check --json` (and, without findings, merge)."""
        ev = self.evaluation
        data = {
            "path": self.path,
            "valid": self.valid,
            "framework": self.framework,
            "municipality": ev.municipality if ev else None,
            "year": ev.year if ev else None,
            "workbook_id": ev.workbook_id if ev else None,
            "sha256": self.sha256,
            "total": None if self.total is None else points_text(self.total),
            "areas": [{"number": a.number, "points": points_text(a.points), "max": a.max} for a in self.areas],
        }
        if with_findings:
            data["findings"] = [f.to_json_dict() for f in self.findings]
        return data


def with_totals(framework: Framework, evaluation: Evaluation, path: str, sha256: str, findings: tuple[Finding, ...] = ()) -> WorkbookResult:
    """A result for an evaluation; totals are added when the scores are complete and nothing is wrong."""
    has_errors = any(f.severity is Severity.ERROR for f in findings)
    if has_errors or missing_scores(framework, evaluation.scores):
        return WorkbookResult(path=path, sha256=sha256, evaluation=evaluation, findings=findings)
    totals = compute_totals(framework, evaluation.scores)
    areas = tuple(AreaPoints(number=a.number, points=a.points, max=a.max) for a in totals.areas)
    return WorkbookResult(path=path, sha256=sha256, evaluation=evaluation, findings=findings, areas=areas, total=totals.total)
