"""Several evaluators, one result: a proposed consensus of two to five evaluations of one municipality.

The rules, fixed here and shown in the consensus workbook:

- Inputs are 2 to 5 valid scoring workbooks of the same evaluation: the same framework version,
  municipality (case and spacing ignored) and year. The same file (same SHA-256) may not come twice.
- The proposal for a sub-question is the median of the evaluators' scores. With an even number of
  evaluators that is the mean of the middle two; when it falls between two allowed scores it is rounded
  half up to the framework's step (3.25 with step 0.5 -> 3.5), with `scoring.round_half_up`.
- The spread of a sub-question is its highest minus its lowest score. The question is flagged for
  discussion when the spread exceeds the threshold: 20 % of the question's max by default, or an
  absolute number of points.
- Agreement, per area and overall: the share of sub-questions whose spread is within the threshold,
  and the mean absolute difference in points over every pair of evaluators and every sub-question.
- Comments, strengths and improvements of the evaluators are joined as "Anna: ...\\nPer: ...".
  An evaluator is known by the names in the workbook's details, or by the file name when it names none.

Everything is computed exactly with Decimals; the workbook rounds shown figures once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import combinations
from pathlib import Path, PurePath

from .aggregation import mean, median
from .checking import check_command, check_workbook, is_unusable, workbook_meta
from .messages import plural, say
from .errors import InputError
from .findings import FindingCode
from .frameworks import get_framework
from .labels import Lang
from .names import name_key
from .models import Area, Evaluation, Framework, Question
from .results import WorkbookResult
from .scoring import percent, points_text, round_half_up

MIN_SOURCES = 2
MAX_SOURCES = 5
DEFAULT_THRESHOLD_SHARE = Decimal("0.2")


# --- pure functions ---------------------------------------------------------------------------


def median_on_step(values: Sequence[Decimal], step: Decimal) -> Decimal:
    """The median of scores, on the step: between two allowed scores it is rounded half up.

    >>> median_on_step([Decimal(3), Decimal("3.5")], Decimal("0.5"))
    Decimal('3.5')
    """
    middle = median(values)
    if middle % step == 0:
        return middle
    return round_half_up(middle / step) * step


def spread(values: Sequence[Decimal]) -> Decimal:
    """Highest minus lowest value."""
    if not values:
        raise ValueError("spread of no values")
    return max(values) - min(values)


def check_threshold(points: Decimal) -> Decimal:
    """An absolute threshold in points, or ValueError when it is not a finite number >= 0."""
    if not points.is_finite() or points < 0:
        raise ValueError(f"the threshold must be a number of points >= 0, not {points}")
    return points


def question_threshold(maximum: int, points: Decimal | None = None) -> Decimal:
    """The spread a question may have without discussion: `points`, or 20 % of its max when None."""
    if points is None:
        return DEFAULT_THRESHOLD_SHARE * maximum
    return check_threshold(points)


def mean_pairwise_difference(score_rows: Sequence[Sequence[Decimal]]) -> Decimal:
    """Mean of |a - b| over every pair of evaluators in every row (one row = one question's scores)."""
    differences = [abs(a - b) for row in score_rows for a, b in combinations(row, 2)]
    return mean(differences)


# --- the consensus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One evaluator's workbook as an input of the consensus."""

    number: int  # 1-based, in the order given
    label: str  # how the evaluator is called in columns and joined texts
    path: str
    sha256: str
    evaluation: Evaluation

    @property
    def file_name(self) -> str:
        return PurePath(self.path).name

    @property
    def named(self) -> tuple[str, ...]:
        """The evaluators the workbook names, or its file name when it names none."""
        return self.evaluation.evaluators or (self.file_name,)


@dataclass(frozen=True)
class QuestionConsensus:
    question: Question
    scores: tuple[Decimal, ...]  # one per source, in source order
    comments: tuple[str, ...]
    proposal: Decimal
    spread: Decimal
    threshold: Decimal

    @property
    def flagged(self) -> bool:
        """True when the evaluators differ by more than the threshold: discuss this question."""
        return self.spread > self.threshold

    @property
    def relative_spread(self) -> Decimal:
        """The spread in percent of the question's max (exact)."""
        return percent(self.spread, self.question.max)


@dataclass(frozen=True)
class Agreement:
    """How well the evaluators agree over a set of sub-questions."""

    questions: int
    within: int  # questions whose spread is within the threshold
    mean_difference: Decimal  # mean |a - b| in points over pairs of evaluators and questions

    @property
    def share_within(self) -> Decimal:
        """Exact share of the questions within the threshold, in percent."""
        return percent(Decimal(self.within), self.questions)


@dataclass(frozen=True)
class AreaConsensus:
    area: Area
    agreement: Agreement
    points: tuple[Decimal, ...]  # each source's area total, in source order
    proposal_points: Decimal


@dataclass(frozen=True)
class PairDifference:
    first: Source
    second: Source
    mean_difference: Decimal


@dataclass(frozen=True)
class Consensus:
    framework: Framework
    sources: tuple[Source, ...]
    threshold: Decimal | None  # absolute points, or None for the default share of each max
    questions: tuple[QuestionConsensus, ...]  # framework order
    areas: tuple[AreaConsensus, ...]
    overall: Agreement
    pairs: tuple[PairDifference, ...]
    evaluation: Evaluation  # the consensus evaluation: proposals, joined texts, a new workbook id
    warnings: tuple[str, ...] = ()

    @property
    def flagged(self) -> tuple[QuestionConsensus, ...]:
        return tuple(q for q in self.questions if q.flagged)

    @property
    def discussion_order(self) -> tuple[QuestionConsensus, ...]:
        """Flagged questions first, largest spread relative to max first; then the rest in framework order."""
        flagged = sorted(self.flagged, key=lambda q: -q.relative_spread)  # sorted() is stable: ties keep framework order
        return tuple(flagged) + tuple(q for q in self.questions if not q.flagged)


def source_labels(evaluations: Sequence[Evaluation], paths: Sequence[str]) -> list[str]:
    """Each source's label: its evaluators joined with ' / ', or its file name; repeated labels get ' (n)'."""
    bases = [" / ".join(ev.evaluators) or PurePath(path).name for ev, path in zip(evaluations, paths)]
    keys = [name_key(base) for base in bases]
    return [f"{base} ({n})" if keys.count(key) > 1 else base for n, (base, key) in enumerate(zip(bases, keys), start=1)]


def joined(sources: Sequence[Source], texts: Sequence[str]) -> str:
    """'Anna: ...\\nPer: ...' for the sources whose text is not empty."""
    return "\n".join(f"{source.label}: {text.strip()}" for source, text in zip(sources, texts) if text.strip())


def union_of_names(sources: Sequence[Source]) -> tuple[str, ...]:
    """Every evaluator named by any source, once (case and spacing ignored), in order of appearance."""
    seen: dict[str, str] = {}
    for source in sources:
        for name in source.named:
            seen.setdefault(name_key(name), name.strip())
    return tuple(seen.values())


def agreement(questions: Sequence[QuestionConsensus]) -> Agreement:
    return Agreement(
        questions=len(questions),
        within=sum(1 for q in questions if not q.flagged),
        mean_difference=mean_pairwise_difference([q.scores for q in questions]),
    )


def _first(values) -> object:
    return next((v for v in values if v is not None), None)


def build_consensus(
    framework: Framework,
    sources: Sequence[Source],
    threshold: Decimal | None = None,
    workbook_id: str | None = None,
) -> Consensus:
    """The proposed consensus of complete evaluations of one municipality and year.

    Args:
        framework: the framework version every source uses.
        sources: 2 to 5 evaluations with complete scores.
        threshold: the spread in points above which a question is flagged; None for 20 % of its max.
        workbook_id: the new workbook's id; a fresh UUID when None.
    """
    sources = tuple(sources)
    evaluations = [s.evaluation for s in sources]
    questions = []
    for question in framework.questions:
        scores = tuple(ev.scores[question.id] for ev in evaluations)
        questions.append(
            QuestionConsensus(
                question=question,
                scores=scores,
                comments=tuple(ev.comments.get(question.id, "") for ev in evaluations),
                proposal=median_on_step(scores, framework.step),
                spread=spread(scores),
                threshold=question_threshold(question.max, threshold),
            )
        )
    by_id = {q.question.id: q for q in questions}
    areas = []
    for area in framework.areas:
        in_area = [by_id[q.id] for q in area.questions]
        areas.append(
            AreaConsensus(
                area=area,
                agreement=agreement(in_area),
                points=tuple(sum((q.scores[i] for q in in_area), Decimal(0)) for i in range(len(sources))),
                proposal_points=sum((q.proposal for q in in_area), Decimal(0)),
            )
        )
    pairs = tuple(
        PairDifference(a, b, mean(tuple(abs(q.scores[a.number - 1] - q.scores[b.number - 1]) for q in questions)))
        for a, b in combinations(sources, 2)
    )
    first = evaluations[0]
    dates = [ev.evaluation_date for ev in evaluations if ev.evaluation_date is not None]
    evaluation = Evaluation(
        framework=framework.id,
        workbook_id=workbook_id or str(uuid.uuid4()),
        municipality=municipality_spelling([ev.municipality for ev in evaluations]),
        year=first.year,
        evaluators=union_of_names(sources),
        evaluation_date=max(dates) if dates else None,
        population=_first(ev.population for ev in evaluations),
        municipality_group=_first(ev.municipality_group for ev in evaluations),
        scores={q.question.id: q.proposal for q in questions},
        comments={q.question.id: text for q in questions if (text := joined(sources, q.comments))},
        strengths={a.number: text for a in framework.areas if (text := joined(sources, [ev.strengths.get(a.number, "") for ev in evaluations]))},
        improvements={a.number: text for a in framework.areas if (text := joined(sources, [ev.improvements.get(a.number, "") for ev in evaluations]))},
    )
    return Consensus(
        framework=framework,
        sources=sources,
        threshold=threshold,
        questions=tuple(questions),
        areas=tuple(areas),
        overall=agreement(questions),
        pairs=pairs,
        evaluation=evaluation,
        warnings=tuple(_same_evaluator_warnings(sources)),
    )


def municipality_spelling(names: Sequence[str]) -> str:
    """The spelling of the municipality for the consensus: the most common one, spaces tidied; among
    equally common ones the first in mixed case ("Olofström" rather than "OLOFSTRÖM" or "olofström")."""
    tidy = [" ".join(name.split()) for name in names]
    counts = {name: tidy.count(name) for name in tidy}
    return max(tidy, key=lambda name: (counts[name], name != name.lower() and name != name.upper()))


def _same_evaluator_warnings(sources: Sequence[Source]) -> list[str]:
    warnings = []
    for a, b in combinations(sources, 2):
        shared = [name for name in a.evaluation.evaluators if name_key(name) in {name_key(n) for n in b.evaluation.evaluators}]
        if shared:
            warnings.append(say("consensus_same_evaluator", a=a.path, b=b.path, names=", ".join(shared)))
    return warnings


# --- checking the inputs ------------------------------------------------------------------------


def identity_problems(results: Sequence[WorkbookResult]) -> list[str]:
    """Why the workbooks are not one evaluation: the same file twice, or differing version, municipality, year."""
    problems = []
    by_sha: dict[str, str] = {}
    for result in results:
        if result.sha256 and result.sha256 in by_sha:
            problems.append(say("consensus_same_file", first=by_sha[result.sha256], second=result.path, sha=result.sha256[:12]))
        elif result.sha256:
            by_sha[result.sha256] = result.path
    read = [r for r in results if r.evaluation is not None]
    fields = (
        ("framework version", lambda ev: ev.framework, lambda ev: ev.framework),
        ("municipality", lambda ev: name_key(ev.municipality), lambda ev: ev.municipality.strip() or say("value_none")),
        ("year", lambda ev: ev.year, lambda ev: str(ev.year) if ev.year is not None else say("value_none")),
    )
    differing = []
    for name, key, shown in fields:
        if len({key(r.evaluation) for r in read}) > 1:
            values = ", ".join(f"{r.path}: {shown(r.evaluation)}" for r in read)
            differing.append(say("consensus_differs", field=say(f"field_{name}"), values=values))
    if differing:
        problems.append(say("consensus_not_one", differing="; ".join(differing)))
    return problems


def source_sha256s(path: Path) -> set[str]:
    """The SHA-256 of each source of a consensus workbook (its hidden sheet lists them); empty for others."""
    meta = workbook_meta(path)
    return {value for key, value in meta.items() if key.startswith("source_") and key.endswith("_sha256") and value}


def repeated_evaluation_problems(results: Sequence[WorkbookResult], sources: Sequence[set[str]]) -> list[str]:
    """One evaluator's evaluation given twice: a re-saved copy (same evaluator, same scores), or a
    consensus workbook given beside one of the workbooks it was made from. Either would count one
    evaluator twice in the medians."""
    problems = []
    for (a, a_sources), (b, b_sources) in combinations(zip(results, sources), 2):
        if not (a.valid and b.valid):
            continue
        if a.sha256 in b_sources or b.sha256 in a_sources:
            consensus, source = (b, a) if a.sha256 in b_sources else (a, b)
            problems.append(say("consensus_from_source", consensus=consensus.path, source=source.path))
            continue
        a_names = {name_key(n) for n in a.evaluation.evaluators}
        shared = [name for name in b.evaluation.evaluators if name_key(name) in a_names]
        if shared and a.evaluation.scores == b.evaluation.scores:
            problems.append(say("consensus_copy", a=a.path, b=b.path, names=", ".join(shared)))
    return problems


@dataclass(frozen=True)
class ConsensusOutcome:
    """What `make_consensus` gives: the checked inputs and either the reasons to refuse, or the workbook."""

    results: tuple[WorkbookResult, ...]
    problems: tuple[str, ...] = ()
    consensus: Consensus | None = None
    data: bytes | None = None

    @property
    def invalid(self) -> tuple[WorkbookResult, ...]:
        return tuple(r for r in self.results if not r.valid)

    @property
    def unusable(self) -> bool:
        """Some input cannot be used as a scoring workbook at all (unreadable, or another kind of file)."""
        return any(is_unusable(r) for r in self.results)

    @property
    def refused(self) -> bool:
        return self.data is None


def _invalid_problem(result: WorkbookResult) -> str:
    if any(f.code is FindingCode.FILE_UNREADABLE for f in result.findings):
        return say("consensus_unreadable", path=result.path)
    if is_unusable(result):
        return say("consensus_not_scoring", path=result.path)
    errors = plural(len(result.errors), say("word_error"), say("word_errors"))
    return say("consensus_invalid", path=result.path, errors=errors, command=check_command(result.path))


def check_count(count: int) -> None:
    """Raises InputError unless there are MIN_SOURCES..MAX_SOURCES inputs."""
    if not MIN_SOURCES <= count <= MAX_SOURCES:
        raise InputError(say("consensus_check_count", min=MIN_SOURCES, max=MAX_SOURCES, count=count))


def consensus_from_results(
    results: Sequence[WorkbookResult], threshold: Decimal | None = None, workbook_id: str | None = None
) -> Consensus:
    """The consensus of valid results of one evaluation (see `identity_problems`)."""
    check_count(len(results))
    evaluations = [r.evaluation for r in results]
    labels = source_labels(evaluations, [r.path for r in results])
    sources = [
        Source(number=n, label=label, path=r.path, sha256=r.sha256, evaluation=r.evaluation)
        for n, (r, label) in enumerate(zip(results, labels), start=1)
    ]
    return build_consensus(get_framework(evaluations[0].framework), sources, threshold, workbook_id)


def make_consensus(
    paths: Sequence[Path],
    threshold: Decimal | None = None,
    lang: Lang | str = Lang.SV,
    created: datetime | None = None,
    workbook_id: str | None = None,
) -> ConsensusOutcome:
    """Check each evaluator's workbook and, when all are valid and of one evaluation, build the consensus workbook.

    Args:
        paths: 2 to 5 completed scoring workbooks.
        threshold: flag a question when its spread exceeds this many points; None for 20 % of its max.
        lang: language of the new workbook's labels.
        created: document creation time (forms.creation_time() when None).
        workbook_id: the new workbook's id; a fresh UUID when None.

    Returns:
        The outcome: `refused` with `problems` and the `invalid` results, or the `consensus` and its `data`.

    Raises:
        InputError: fewer than 2 or more than 5 paths.
        ValueError: a negative threshold.
    """
    from .forms import creation_time
    from .workbooks.consensus import build_consensus_workbook

    check_count(len(paths))
    if threshold is not None:
        check_threshold(threshold)
    results = tuple(check_workbook(Path(path)) for path in paths)
    problems = [_invalid_problem(r) for r in results if not r.valid]
    problems += identity_problems(results)
    problems += repeated_evaluation_problems(results, [source_sha256s(Path(path)) for path in paths])
    if problems:
        return ConsensusOutcome(results=results, problems=tuple(problems))
    consensus = consensus_from_results(results, threshold, workbook_id)
    data = build_consensus_workbook(consensus, lang, created or creation_time())
    return ConsensusOutcome(results=results, consensus=consensus, data=data)


def threshold_text(threshold: Decimal | None) -> str:
    """The threshold as stored in the hidden sheet: '20%' of each max, or '2.5' points."""
    if threshold is None:
        return f"{points_text(DEFAULT_THRESHOLD_SHARE * 100)}%"
    return points_text(threshold)
