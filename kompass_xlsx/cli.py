"""The `kompass` command line: parse options, call one library function, render, pick the exit code.

Heavy libraries (pydantic, openpyxl, XlsxWriter) are imported inside the commands so that
`kompass --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_INVALID = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


def _interrupted(key: str) -> None:
    """One line on stderr for Ctrl-C or SIGTERM; further signals are ignored while the process ends."""
    from .messages import say
    from .terminal import quiet_interrupts

    quiet_interrupts()
    click.echo(say(key), err=True)


class KompassGroup(click.Group):
    """Turns a KompassError, or a file the system could not read or write (a full disk, say), into
    `Error: ...` on stderr and exit 2, never a traceback."""

    def main(self, *args, **kwargs):
        """Everything printed escapes control characters; SIGTERM ends with one line and exit 143."""
        from .terminal import Terminated, guarded

        # click would strip ESC sequences from text for a pipe but not for a terminal; SafeText escapes
        # them for both, so a file name reads the same on screen and in a log
        self.context_settings.setdefault("color", True)
        with guarded():
            try:
                return super().main(*args, **kwargs)
            except Terminated:
                _interrupted("terminated")
                sys.exit(EXIT_TERMINATED)

    def invoke(self, ctx: click.Context):
        from .errors import KompassError

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted("interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except KompassError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(EXIT_UNUSABLE)
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            click.echo(f"Error: a file could not be read or written: {err.strerror or err}{where}", err=True)
            ctx.exit(EXIT_UNUSABLE)


@click.group(cls=KompassGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kompass-xlsx", prog_name="kompass")
def cli() -> None:
    """Kommunkompassen scoring in Excel: blank scoring workbooks, checks, results, national summaries.

    Example: kompass frameworks show 2020
    """


@cli.group(invoke_without_command=True)
@click.pass_context
def frameworks(ctx: click.Context) -> None:
    """List the framework versions (2002, 2010, 2016, 2020).

    Example: kompass frameworks
    """
    if ctx.invoked_subcommand is not None:
        return
    from .frameworks import all_frameworks

    rows = [("version", "in use from", "areas", "questions", "max", "step", "title")]
    for fw in all_frameworks().values():
        rows.append(
            (fw.id, str(fw.in_use_from), str(len(fw.areas)), str(len(fw.questions)), str(fw.max), str(fw.step), fw.title)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@frameworks.command("show")
@click.argument("version")
@click.option("--json", "as_json", is_flag=True, help="Print the framework as JSON.")
def frameworks_show(version: str, as_json: bool) -> None:
    """Show one framework version: its areas, questions and max points.

    Example: kompass frameworks show 2020 --json
    """
    from .frameworks import get_framework

    fw = get_framework(version)
    if as_json:
        click.echo(json.dumps(fw.to_json_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{fw.title} (version {fw.id}, in use from {fw.in_use_from})")
    click.echo(f"max {fw.max} points, scores in steps of {fw.step}")
    if fw.previous:
        click.echo(f"revises version {fw.previous}")
    for area in fw.areas:
        click.echo("")
        click.echo(f"{area.number} {area.title}  (max {area.max})")
        if area.lineage is not None:
            sources = ", ".join(str(n) for n in area.lineage.from_areas) or "none"
            note = f": {area.lineage.note}" if area.lineage.note else ""
            click.echo(f"   continues area {sources} of {fw.previous}, comparability {area.lineage.comparability}{note}")
        for q in area.questions:
            click.echo(f"   {q.id:<5} {q.max:>3}  {q.title}")



@cli.command("new")
@click.option("--framework", "version", required=True, help="Framework version, e.g. 2020.")
@click.option("--municipality", required=True, help="The municipality evaluated.")
@click.option("--year", required=True, type=click.IntRange(2000, 2100), help="Year of the evaluation.")
@click.option("--evaluator", "evaluators", multiple=True, help="An evaluator's name; repeat for each.")
@click.option("--date", "evaluation_date", type=click.DateTime(["%Y-%m-%d"]), help="Evaluation date, YYYY-MM-DD.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the labels.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The .xlsx file to write.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def new(version, municipality, year, evaluators, evaluation_date, lang, output, force) -> None:
    """Write a blank scoring workbook for one evaluation.

    Example: kompass new --framework 2020 --municipality Olofström --year 2022 --evaluator "Anna Berg" -o olofstrom-2022.xlsx
    """
    from .forms import new_scoring_workbook
    from .outputs import check_output, check_workbook_name, write_atomic

    if not municipality.strip():
        raise click.BadParameter("must not be empty", param_hint="--municipality")
    if len(municipality.strip()) > 100:
        raise click.BadParameter("must be at most 100 characters", param_hint="--municipality")
    for name in evaluators:
        if any(separator in name for separator in ",;\n"):
            raise click.BadParameter(
                f"'{name}' contains a comma or semicolon, which separate names in the workbook; "
                "write one name per --evaluator, first name first (\"Anna Berg\")",
                param_hint="--evaluator",
            )
    check_output(output, force)
    check_workbook_name(output)
    data = new_scoring_workbook(
        version, municipality, year, evaluators, lang, evaluation_date.date() if evaluation_date else None
    )
    write_atomic(output, data, force=force)
    click.echo(f"Wrote {output} (framework {version}, {municipality.strip()} {year})")


@cli.command("templates")
@click.argument("outdir", type=click.Path(path_type=Path), default="workbook_templates")
@click.option("--force", is_flag=True, help="Overwrite existing templates.")
def templates(outdir, force) -> None:
    """Regenerate the blank scoring workbook of every framework version (default: workbook_templates/).

    Example: kompass templates workbook_templates --force
    """
    from .forms import write_templates

    for path in write_templates(outdir, force=force):
        click.echo(f"Wrote {path}")


def render_result(result) -> list[str]:
    """One file's report: a status line, then each finding as `Sheet!D7  1.3  severity: message`."""
    from .checking import is_unusable
    from .scoring import points_text

    if is_unusable(result):
        status = "UNUSABLE"
    elif result.valid:
        status = f"valid, total {points_text(result.total)} of {sum(a.max for a in result.areas)}"
    else:
        errors, warnings = len(result.errors), len(result.warnings)
        status = f"INVALID, {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if result.valid and result.warnings:
        status += f", {len(result.warnings)} warning{'s' * (len(result.warnings) != 1)}"
    lines = [f"{result.path}: {status}"]
    for f in result.findings:
        where = f.location or "-"
        lines.append(f"  {where}  {f.question or '-'}  {f.severity.value}: {f.message}")
    return lines


def render_conflicts(outcome) -> list[str]:
    """Each conflict: the municipality and year, then the files, none of which was merged."""
    lines = []
    for conflict in outcome.conflicts:
        year = conflict.year if conflict.year is not None else "?"
        lines.append(f"CONFLICT {conflict.municipality} {year}: {len(conflict.results)} different evaluations, none merged")
        lines += [f"  {result.path}" for result in conflict.results]
    return lines


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every file's report.")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
def check(paths, as_json, strict) -> None:
    """Check completed scoring workbooks: every score against the framework, each problem with its cell.

    Folders are searched recursively. Exit code 0: all valid; 1: some invalid; 2: some unusable.

    Example: kompass check evaluations/ --strict
    """
    from .checking import check_workbook, find_workbooks, is_unusable
    from .checking import strict as make_strict

    results = [check_workbook(path) for path in find_workbooks(list(paths))]
    if strict:
        results = [make_strict(r) for r in results]
    if as_json:
        click.echo(json.dumps({"files": [r.to_json_dict() for r in results]}, ensure_ascii=False, indent=2))
    else:
        for result in results:
            click.echo("\n".join(render_result(result)))
        if len(results) > 1:
            valid = sum(r.valid for r in results)
            unusable = sum(is_unusable(r) for r in results)
            click.echo(f"{len(results)} files: {valid} valid, {len(results) - valid - unusable} invalid, {unusable} unusable")
    if any(is_unusable(r) for r in results):
        sys.exit(EXIT_UNUSABLE)
    if not all(r.valid for r in results):
        sys.exit(EXIT_INVALID)


@cli.command("report")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The result .xlsx file to write.")
@click.option("--previous", "previous", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A scoring workbook of an earlier evaluation to compare with; repeat for each.")
@click.option("--national", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A national summary workbook (kompass merge) for national averages, position and quartiles.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the labels [default: the scoring workbook's].")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def report(source, output, previous, national, lang, force) -> None:
    """Write the municipality's result workbook: summary, each area, comparisons, charts.

    An invalid scoring workbook (or earlier workbook) is refused with its findings (exit 1).

    Example: kompass report olofstrom-2022.xlsx --previous olofstrom-2017.xlsx --national nationell.xlsx -o olofstrom-2022-resultat.xlsx
    """
    from .outputs import check_output, check_workbook_name, write_atomic
    from .reporting import InvalidWorkbookError, make_report

    check_output(output, force, inputs=[source, *previous, *([national] if national else [])])
    check_workbook_name(output)
    try:
        data = make_report(source, previous, national, lang)
    except InvalidWorkbookError as err:
        click.echo("\n".join(render_result(err.result)), err=True)
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_INVALID)
    write_atomic(output, data, force=force)
    click.echo(f"Wrote {output}")


class PointsType(click.ParamType):
    """A number of points, read exactly as a Decimal ("2.5" or "2,5"), never through a float."""

    name = "POINTS"

    def convert(self, value, param, ctx):
        from decimal import Decimal, InvalidOperation

        if isinstance(value, Decimal):
            return value
        try:
            points = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            self.fail(f"{value!r} is not a number of points", param, ctx)
        if not points.is_finite() or points < 0:
            self.fail(f"{value!r} must be a number of points >= 0", param, ctx)
        if points > 100:
            self.fail(f"{value!r} is more points than any question has (at most 100)", param, ctx)
        return points


@cli.command("consensus")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The consensus .xlsx file to write.")
@click.option("--threshold", type=PointsType(), help="Flag a sub-question for discussion when the scores differ by more than POINTS  [default: 20 % of the question's max].")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the labels [default: the first workbook's].")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def consensus(paths, output, threshold, lang, force) -> None:
    """Propose one consensus scoring workbook from 2 to 5 evaluators' workbooks of the same evaluation.

    Every input must be a valid scoring workbook of the same framework version, municipality and year.
    The new workbook is an ordinary scoring workbook (check, report and merge read it) with each score
    pre-filled with the median of the evaluators' scores (with an even number of evaluators the mean of
    the middle two, rounded half up to the step), the evaluators' comments and texts joined, and extra
    sheets: the differences per sub-question (those to discuss first), strengths and improvements side
    by side, agreement figures and the sources. Settle the flagged questions, then check and report it;
    send only the consensus workbook to the national merge (beside its sources it would be a conflict).
    Exit code 1 when an input is invalid or the inputs are not one evaluation; 2 when one is unreadable.

    Example: kompass consensus anna.xlsx per.xlsx lisa.xlsx -o olofstrom-2022-konsensus.xlsx
    """
    from .consensus import MAX_SOURCES, MIN_SOURCES, make_consensus
    from .outputs import check_output, check_workbook_name, write_atomic
    from .reporting import workbook_language

    if not MIN_SOURCES <= len(paths) <= MAX_SOURCES:
        raise click.UsageError(f"give {MIN_SOURCES} to {MAX_SOURCES} evaluators' workbooks, not {len(paths)}")
    if any(output.resolve() == path.resolve() for path in paths):
        raise click.UsageError(f"{output} is one of the inputs; input files are never overwritten")
    check_output(output, force)
    check_workbook_name(output)
    outcome = make_consensus(paths, threshold, lang or workbook_language(paths[0]))
    if outcome.refused:
        for result in outcome.invalid:
            click.echo(render_result(result)[0], err=True)
            for f in result.errors:
                click.echo(f"  {f.location or '-'}  {f.question or '-'}  {f.severity.value}: {f.message}", err=True)
        for problem in outcome.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(EXIT_UNUSABLE if outcome.unusable else EXIT_INVALID)
    write_atomic(output, outcome.data, force=force)
    for warning in outcome.consensus.warnings:
        click.echo(f"Warning: {warning}", err=True)
    result = outcome.consensus
    click.echo(
        f"Wrote {output}: consensus of {len(result.sources)} evaluators, "
        f"{len(result.flagged)} of {len(result.questions)} sub-questions to discuss"
    )


@cli.command("merge")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The national .xlsx file to write.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the merge as JSON to this file.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes reading in parallel  [default: the number of cores].")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), help="Cache folder  [default: the user's cache folder].")
@click.option("--no-cache", is_flag=True, help="Read every file again; use and keep no cache.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the labels.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
def merge(paths, output, json_path, jobs, cache_dir, no_cache, lang, force) -> None:
    """Merge many checked scoring workbooks into one national summary workbook.

    A file that fails the check is listed as rejected with its reasons; the rest still merge. Two
    different workbooks for the same municipality and year are both left out and listed as a conflict.
    Exit code 0: all merged; 1: some rejected or in conflict; 2: nothing could be merged.

    Example: kompass merge evaluations/ -o nationell-sammanstallning.xlsx --json merge.json
    """
    import gc
    import os

    from .batch import ResultCache, check_many, default_cache_dir
    from .checking import find_workbooks
    from .forms import creation_time
    from .merging import merge_json, merge_results
    from .outputs import check_outputs, check_workbook_name, write_all_atomic
    from .workbooks.national import build_national_workbook

    if no_cache and cache_dir is not None:
        raise click.UsageError("--cache and --no-cache cannot be used together")
    outputs = [p for p in (output, json_path) if p is not None]
    check_outputs(outputs, force, inputs=[p for p in paths if not p.is_dir()])
    check_workbook_name(output)
    files = without_earlier_summary(find_workbooks(list(paths)), output, outputs)
    cache = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    workers = jobs or os.cpu_count() or 1
    if sys.stderr.isatty():
        with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
            results = check_many(files, workers, cache, bar.update)
    else:
        results = check_many(files, workers, cache)
    gc.freeze()  # the results stay alive to the end; sparing the collector from rescanning them saves time
    outcome = merge_results(results)
    if not outcome.merged:
        click.echo(f"Error: none of the {len(files)} files could be merged; nothing was written", err=True)
        for result in outcome.rejected:
            click.echo("\n".join(render_result(result)), err=True)
        for line in render_conflicts(outcome):
            click.echo(line, err=True)
        sys.exit(EXIT_UNUSABLE)
    written = [(output, build_national_workbook(outcome, lang, creation_time()))]
    if json_path is not None:
        document = json.dumps(merge_json(outcome), ensure_ascii=False, indent=2) + "\n"
        written.append((json_path, document.encode("utf-8")))
    write_all_atomic(written, force=force)
    for line in cut_comment_warnings(outcome.merged):
        click.echo(line, err=True)
    for result in outcome.rejected:
        click.echo("\n".join(render_result(result)), err=True)
    for line in render_conflicts(outcome):
        click.echo(line, err=True)
    click.echo(
        f"Wrote {output}: {len(files)} files, {len(outcome.merged)} merged, {len(outcome.rejected)} rejected, "
        f"{len(outcome.duplicates)} duplicates, {len(outcome.conflicts)} conflicts"
    )
    if outcome.rejected or outcome.conflicts:
        sys.exit(EXIT_INVALID)


def cut_comment_warnings(results) -> list[str]:
    """A warning line for each comment that was cut to fit a cell of the national workbook (COMMENT_TOO_LONG)."""
    from .findings import FindingCode
    from .messages import say

    return [
        say("warning_prefix", message=say("comment_cut", path=result.path, question=f.question))
        for result in results
        for f in result.findings
        if f.code is FindingCode.COMMENT_TOO_LONG
    ]


def without_earlier_summary(files: list[Path], output: Path, outputs: list[Path]) -> list[Path]:
    """The files to merge, less an earlier national summary at the output's path (a folder may hold
    it); any other input that an output would overwrite is refused."""
    from .checking import workbook_kind
    from .errors import InputError

    written = {p.resolve(): p for p in outputs}
    kept = []
    for path in files:
        target = written.get(path.resolve())
        if target is None:
            kept.append(path)
        elif target != output or workbook_kind(path) != "national":
            raise InputError(f"{target} is one of the workbooks to merge; write the output somewhere else")
    return kept


@cli.command("demo")
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files of an earlier demo in OUTDIR.")
def demo(outdir, force) -> None:
    """Run the whole flow on the five published evaluations shipped as examples.

    Writes filled scoring workbooks (OUTDIR/scoring), checks them, merges them into a national summary
    and writes each municipality's result workbook (OUTDIR/results), compared with the earlier
    evaluations its published report gives figures for and with the national average.

    Example: kompass demo demo-output
    """
    from .demo import run_demo
    from .scoring import points_text

    run = run_demo(outdir, force=force)
    click.echo(f"Scoring workbooks ({len(run.scoring)}), checked:")
    for result in run.checked:
        ev = result.evaluation
        maximum = sum(a.max for a in result.areas)
        click.echo(f"  {result.path}: {ev.municipality} {ev.year}, framework {ev.framework}, total {points_text(result.total)} of {maximum}")
    click.echo(f"National summary: {run.national}")
    click.echo("Result workbooks:")
    for path in run.results:
        click.echo(f"  {path}")
