"""Where a round of evaluations stands (`kompass status`): per evaluation, which evaluators'
workbooks are back, complete and valid, whether a consensus exists, and the next command to run."""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .findings import FindingCode
from .messages import say, say_count
from .names import name_key, sort_name


class State(StrEnum):
    """Where one workbook stands."""

    MISSING = "missing"  # planned, but no workbook in the folder
    NOT_STARTED = "not_started"  # in the folder, but no score entered yet (not back)
    INCOMPLETE = "incomplete"  # some scores missing, nothing else wrong
    INVALID = "invalid"  # errors other than missing scores
    COMPLETE = "complete"  # complete and valid
    UNUSABLE = "unusable"  # not a scoring workbook that can be read


@dataclass(frozen=True)
class WorkbookStatus:
    """One evaluator's workbook (or the consensus workbook) of an evaluation."""

    name: str
    path: str | None
    state: State
    errors: int = 0
    missing: tuple[tuple[int, int, int], ...] = ()  # (area, scores missing, sub-questions in the area)

    @property
    def back(self) -> bool:
        return self.state not in (State.MISSING, State.NOT_STARTED)

    def to_json_dict(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "state": self.state.value,
            "errors": self.errors,
            "missing": [{"area": area, "missing": count, "questions": of} for area, count, of in self.missing],
        }


@dataclass(frozen=True)
class EvaluationStatus:
    """One evaluation of the round."""

    municipality: str
    year: int | None
    framework: str | None
    workbooks: tuple[WorkbookStatus, ...]
    consensus: WorkbookStatus | None
    next_command: str | None
    waiting_for: tuple[str, ...] = ()
    result: str | None = None  # the result workbook, once `kompass report` has written it

    @property
    def complete(self) -> bool:
        """Every evaluator's workbook back, complete and valid, and the consensus too when there is one."""
        states = [w.state for w in self.workbooks] + ([self.consensus.state] if self.consensus else [])
        return bool(self.workbooks) and all(state is State.COMPLETE for state in states)

    def to_json_dict(self) -> dict:
        return {
            "municipality": self.municipality,
            "year": self.year,
            "framework": self.framework,
            "complete": self.complete,
            "workbooks": [w.to_json_dict() for w in self.workbooks],
            "consensus": self.consensus.to_json_dict() if self.consensus else None,
            "next": self.next_command,
            "waiting_for": list(self.waiting_for),
            "result": self.result,
        }


@dataclass(frozen=True)
class RoundStatus:
    """Every evaluation of the folder (or of the plan), and the files that were not read."""

    evaluations: tuple[EvaluationStatus, ...]
    unusable: tuple[tuple[str, str], ...] = ()  # (path, what is wrong and what to do)
    notes: tuple[str, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return bool(self.evaluations) and all(e.complete for e in self.evaluations) and not self.unusable

    def to_json_dict(self) -> dict:
        return {
            "complete": self.complete,
            "evaluations": [e.to_json_dict() for e in self.evaluations],
            "unusable": [{"path": path, "reason": reason} for path, reason in self.unusable],
        }


@dataclass(frozen=True)
class _Read:
    """A workbook found in the folder, read and checked."""

    path: Path
    result: object  # WorkbookResult
    meta: dict

    @property
    def is_consensus(self) -> bool:
        return any(key.startswith("source_") for key in self.meta)

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "scoring") if self.meta else "scoring"


def workbook_status(read: _Read, name: str) -> WorkbookStatus:
    """The state of one read workbook."""
    from .checking import is_unusable
    from .frameworks import all_frameworks

    result = read.result
    shown = str(read.path)
    if is_unusable(result) or result.evaluation is None:
        return WorkbookStatus(name, shown, State.UNUSABLE, errors=len(result.errors))
    missing_codes = [f for f in result.errors if f.code is FindingCode.SCORE_MISSING]
    other_errors = len(result.errors) - len(missing_codes)
    if not result.evaluation.scores and missing_codes:
        return WorkbookStatus(name, shown, State.NOT_STARTED)
    framework = all_frameworks().get(result.evaluation.framework)
    per_area = Counter(int(f.question.split(".")[0]) for f in missing_codes if f.question)
    sizes = {area.number: len(area.questions) for area in framework.areas} if framework else {}
    missing = tuple((area, count, sizes.get(area, count)) for area, count in sorted(per_area.items()))
    if other_errors:
        return WorkbookStatus(name, shown, State.INVALID, errors=other_errors, missing=missing)
    if missing:
        return WorkbookStatus(name, shown, State.INCOMPLETE, missing=missing)
    return WorkbookStatus(name, shown, State.COMPLETE if result.valid else State.INVALID, errors=len(result.errors))


def round_status(folder: Path, plan: Path | None = None) -> RoundStatus:
    """Read every workbook of `folder` and tell where each evaluation stands.

    With a plan, the evaluations and evaluators are the plan's (a planned workbook not in the folder is
    missing); without, they are those the workbooks name, grouped by municipality and year.

    Raises:
        InputError: the folder does not exist or holds no spreadsheet.
        PlanError: the plan cannot be read or has a wrong row.
    """
    from .checking import check_workbook, workbook_meta
    from .folders import survey
    from .plan import folded, read_plan

    found = survey([folder])
    reads = [_Read(path, check_workbook(path), workbook_meta(path)) for path in found.workbooks]
    reads = [r for r in reads if r.kind == "scoring"]  # result and national workbooks are outputs
    reads, copies = _without_older_copies(reads)
    unusable = [(str(path), advice) for path, advice in found.unusable if not _is_plan(path, plan)]
    groups: dict[tuple[str, int | None], list[_Read]] = {}
    names: dict[tuple[str, int | None], tuple[str, str | None]] = {}
    for read in reads:
        ev = read.result.evaluation
        if (ev is None or not ev.municipality) and _is_plan(read.path, plan):
            continue  # the round's plan kept in its folder
        if ev is None or not ev.municipality:
            unusable.append((str(read.path), read.result.findings[0].message if read.result.findings else ""))
            continue
        key = (name_key(ev.municipality), ev.year)
        original = next((earlier for earlier in groups.get(key, []) if _is_copy(read, earlier)), None)
        if original is not None:  # consensus would refuse the pair, and one evaluator must not count twice
            if (len(read.path.name), read.path.name) < (len(original.path.name), original.path.name):
                group = groups[key]  # keep the natural name (kalix-2024-anna-berg.xlsx, not "... (1).xlsx")
                group[group.index(original)] = read
                read, original = original, read
            unusable.append((str(read.path), say("status_copy", original=original.path)))
            continue
        groups.setdefault(key, []).append(read)
        names.setdefault(key, (ev.municipality, ev.framework))
    planned: dict[tuple[str, int | None], list[str]] = {}
    if plan is not None:
        for workbook in read_plan(plan, force_name=True):  # names kept with new --plan --force-name
            key = (name_key(workbook.municipality), workbook.year)
            planned.setdefault(key, []).append(workbook.evaluator)
            names.setdefault(key, (workbook.municipality, workbook.framework))
    evaluations = []
    for key in sorted(set(groups) | set(planned), key=lambda k: (sort_name(names[k][0]), k[1] or 0)):
        municipality, framework = names[key]
        evaluations.append(_evaluation(municipality, key[1], framework, groups.get(key, []), planned.get(key), folded))
    notes = tuple(copies) + tuple(found.notes()[len(found.unusable):])  # lock files and the count of other files
    return RoundStatus(tuple(evaluations), tuple(unusable), notes)


def _without_older_copies(reads: list[_Read]) -> tuple[list[_Read], list[str]]:
    """One workbook per workbook id: a filled copy saved beside the blank it came from ("x (1).xlsx"
    next to "x.xlsx", naming the same evaluators) is one evaluator's workbook, not two. The one with the
    most scores is kept; of equals the one whose name is not a copy's (merge's rule), else the newest;
    each other is named in a note saying what to do."""
    from .merging import is_copy_name

    by_id: dict[tuple, list[_Read]] = {}
    kept: list[_Read] = []
    for read in reads:
        workbook_id = read.meta.get("workbook_id") if read.meta else None
        if workbook_id and read.result.evaluation is not None:  # one blank copied for two evaluators stays two
            evaluators = tuple(sorted(name_key(n) for n in read.result.evaluation.evaluators))
            by_id.setdefault((workbook_id, evaluators), []).append(read)
        else:
            kept.append(read)
    notes = []
    for same in by_id.values():
        best = max(same, key=lambda r: (len(r.result.evaluation.scores), not is_copy_name(r.path.name), r.path.stat().st_mtime, str(r.path)))
        kept.append(best)
        notes += [say("status_older_copy", path=shlex.quote(str(r.path)), kept=shlex.quote(str(best.path))) for r in same if r is not best]
    order = {id(read): index for index, read in enumerate(reads)}
    return sorted(kept, key=lambda r: order[id(r)]), sorted(notes)


def _is_plan(path: Path, plan: Path | None) -> bool:
    """True when `path` is the plan given, or a file with a plan's header row (Kommun, År, Utvärderare)."""
    from .errors import KompassError
    from .plan import plan_rows

    try:
        if plan is not None and path.resolve() == plan.resolve():
            return True
        next(plan_rows(path), None)
    except (KompassError, OSError):  # PlanError, or a workbook the reader cannot open
        return False
    return True


def _is_copy(read: _Read, earlier: _Read) -> bool:
    """True when `read` is `earlier` again: the same file, or the same evaluator's same scores saved anew."""
    if read.is_consensus or earlier.is_consensus:
        return False
    a, b = read.result, earlier.result
    if a.sha256 and a.sha256 == b.sha256:
        return True
    shared = {name_key(n) for n in a.evaluation.evaluators} & {name_key(n) for n in b.evaluation.evaluators}
    return bool(shared) and bool(a.evaluation.scores) and a.evaluation.scores == b.evaluation.scores


def _evaluation(municipality, year, framework, reads, planned, folded) -> EvaluationStatus:
    consensus_reads = [r for r in reads if r.is_consensus]
    own = [r for r in reads if not r.is_consensus]
    workbooks: list[WorkbookStatus] = []
    if planned is None:
        for read in own:
            ev = read.result.evaluation
            workbooks.append(workbook_status(read, ", ".join(ev.evaluators) or read.path.stem))
    else:
        left = list(own)
        for name in planned:
            match = next((r for r in left if folded(name) in {folded(n) for n in r.result.evaluation.evaluators}), None)
            if match is None:
                match = next((r for r in left if r.path.stem.startswith(folded(name)) or folded(name) in r.path.stem), None)
            if match is None:
                workbooks.append(WorkbookStatus(name, None, State.MISSING))
            else:
                left.remove(match)
                workbooks.append(workbook_status(match, name))
        for read in left:  # a workbook of this evaluation that the plan does not name
            ev = read.result.evaluation
            workbooks.append(workbook_status(read, ", ".join(ev.evaluators) or read.path.stem))
    consensus = None
    if consensus_reads:
        newest = max(consensus_reads, key=lambda r: r.path.stat().st_mtime)
        consensus = workbook_status(newest, say("status_consensus_name"))
    next_command, waiting = _next_step(municipality, year, workbooks, consensus)
    result = _result_output(municipality, year, workbooks, consensus)
    if result is not None and next_command and next_command.startswith("kompass report ") and Path(result).exists():
        next_command = None  # the result workbook the next command would write is already there
    else:
        result = None
    return EvaluationStatus(municipality, year, framework, tuple(workbooks), consensus, next_command, waiting, result)


def _result_output(municipality, year, workbooks, consensus) -> str | None:
    """Where the suggested `kompass report` writes the result: in the current folder, as the README's
    walk-through does, so that the round's folder holds only scoring workbooks (`check` and `merge` of
    it never meet a result workbook); None when a report is not the step that fits."""
    from .plan import file_stem

    if consensus is not None or (len(workbooks) == 1 and workbooks[0].path):
        return f"{file_stem(municipality, year or 0)}-resultat.xlsx"
    return None


def _next_step(municipality, year, workbooks, consensus) -> tuple[str | None, tuple[str, ...]]:
    """The next command to run for an evaluation, or the evaluators to wait for."""
    from .plan import file_stem

    stem = file_stem(municipality, year or 0)
    if consensus is not None:
        if consensus.state is State.COMPLETE:
            return _command("report", consensus.path, "-o", _result_output(municipality, year, workbooks, consensus)), ()
        return _command("check", consensus.path), ()
    to_fix = [w for w in workbooks if w.back and w.state is not State.COMPLETE]
    if to_fix:
        return _command("check", to_fix[0].path), ()
    waiting = tuple(w.name for w in workbooks if not w.back)
    if waiting or not workbooks:
        return None, waiting
    paths = [w.path for w in workbooks]
    folder = Path(paths[0]).parent
    if len(paths) == 1:
        return _command("report", paths[0], "-o", _result_output(municipality, year, workbooks, None)), ()
    return _command("consensus", *paths, "-o", str(folder / f"{stem}-konsensus.xlsx")), ()


def _command(name: str, *args: str) -> str:
    return " ".join(["kompass", name, *(shlex.quote(arg) for arg in args)])


def status_line(evaluation: EvaluationStatus) -> str:
    """One line: the evaluation, how many workbooks are back, each workbook's state, the consensus,
    and the next command (or whom the round waits for)."""
    back = sum(w.back for w in evaluation.workbooks)
    parts = [
        say("status_head", municipality=evaluation.municipality, year=evaluation.year or "?", back=back, count=len(evaluation.workbooks))
    ]
    parts += [f"{w.name}: {_state_text(w)}" for w in evaluation.workbooks]
    if evaluation.consensus is None:
        parts.append(say("status_no_consensus"))
    else:
        parts.append(f"{evaluation.consensus.name}: {_state_text(evaluation.consensus)}")
    if evaluation.next_command:
        parts.append(say("status_next", command=evaluation.next_command))
    elif evaluation.waiting_for:
        parts.append(say("status_waiting", names=", ".join(evaluation.waiting_for)))
    elif evaluation.result:
        parts.append(say("status_result_made", path=shlex.quote(evaluation.result)))
    return "; ".join(parts)


def _state_text(workbook: WorkbookStatus) -> str:
    if workbook.state is State.INVALID:
        text = say_count("status_invalid", workbook.errors, errors=workbook.errors)
    elif workbook.state is State.INCOMPLETE:
        text = ""
    else:
        return say(f"state_{workbook.state.value}")
    if workbook.missing:
        areas = ", ".join(say("status_area_missing", area=a, missing=m, of=o) for a, m, o in workbook.missing)
        missing = say("status_missing_scores", areas=areas)
        text = f"{text}, {missing}" if text else missing
    return text
