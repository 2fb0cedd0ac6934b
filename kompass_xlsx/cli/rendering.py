"""What the commands print for a checked file, a conflict, a count and a cut comment."""

from __future__ import annotations


def render_result(result, verbose: bool = True) -> list[str]:
    """One file's report: a status line, then each finding as `Sheet!D7  1.3  fel: message`.

    Not verbose, missing scores are summed up in one line per area ("Område 3: 5 av 5 delfrågor
    saknar poäng") instead of one line per cell.
    """
    from collections import Counter

    from ..checking import is_unusable
    from ..findings import FindingCode
    from ..messages import number, plural, say

    if is_unusable(result):
        status = say("check_unusable")
    elif result.valid:
        status = say("check_valid", total=number(result.total), max=sum(a.max for a in result.areas))
    else:
        errors = plural(len(result.errors), say("word_error"), say("word_errors"))
        warnings = plural(len(result.warnings), say("word_warning"), say("word_warnings"))
        status = say("check_invalid", errors=errors, warnings=warnings)
    if result.valid and result.warnings:
        status += ", " + plural(len(result.warnings), say("word_warning"), say("word_warnings"))
    lines = [f"{result.path}: {status}"]
    findings = list(result.findings)
    if not verbose:
        missing = [f for f in findings if f.code is FindingCode.SCORE_MISSING and f.question]
        if len(missing) > 1:
            findings = [f for f in findings if f not in missing]
            per_area = Counter(int(f.question.split(".")[0]) for f in missing)
            sizes = _area_sizes(result.framework)
            for area, count in sorted(per_area.items()):
                lines.append("  " + say("check_area_missing", area=area, missing=count, of=sizes.get(area, count)))
    for f in findings:
        where = f.location or "-"
        lines.append(f"  {where}  {f.question or '-'}  {say('severity_' + f.severity.value)}: {f.message}")
    return lines


def _area_sizes(version: str | None) -> dict[int, int]:
    from ..frameworks import all_frameworks

    framework = all_frameworks().get(version or "")
    return {area.number: len(area.questions) for area in framework.areas} if framework else {}


def render_conflicts(outcome) -> list[str]:
    """Each conflict: the municipality and year, the files (none merged), and what to do: for one
    team's individual workbooks the `kompass consensus` command that combines them."""
    from ..merging import consensus_command
    from ..messages import say

    lines = []
    for conflict in outcome.conflicts:
        year = conflict.year if conflict.year is not None else "?"
        lines.append(say("merge_conflict", municipality=conflict.municipality, year=year, count=len(conflict.results)))
        lines += [say("merge_conflict_file", path=result.path) for result in conflict.results]
        command = consensus_command(conflict)
        if command:
            lines += [say("merge_conflict_team"), say("merge_conflict_command", command=command), say("merge_conflict_team_after")]
        else:
            lines.append(say("merge_conflict_other"))
    return lines


def cut_comment_warnings(results) -> list[str]:
    """A warning line for each comment that was cut to fit a cell of the national workbook (COMMENT_TOO_LONG)."""
    from ..findings import FindingCode
    from ..messages import say

    return [
        say("warning_prefix", message=say("comment_cut", path=result.path, question=f.question))
        for result in results
        for f in result.findings
        if f.code is FindingCode.COMMENT_TOO_LONG
    ]
