"""Commands on filled workbooks: check, report (result workbook and Word draft), consensus, merge,
and the demo of the whole flow."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import click

from .group import EXIT_INVALID, EXIT_UNUSABLE, cli
from .params import PointsType
from ..messages import say_count
from .rendering import cut_comment_warnings, render_conflicts, render_result


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every file's report.")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option("--verbose", "-v", is_flag=True, help="List every missing score by its cell, not one line per area.")
def check(paths, as_json, strict, verbose) -> None:
    """Check completed scoring workbooks: every score against the framework, each problem with its cell.

    Folders are searched recursively. Exit code 0: all valid; 1: some invalid; 2: some unusable.

    Example: kompass check evaluations/ --strict
    """
    from ..checking import check_workbook, is_unusable
    from ..folders import survey
    from ..checking import strict as make_strict
    from ..messages import say

    found = survey(list(paths))
    results = [check_workbook(path) for path in found.workbooks]
    if strict:
        results = [make_strict(r) for r in results]
    if as_json:
        document = {
            "files": [r.to_json_dict() for r in results],
            "unusable": [{"path": str(path), "reason": reason} for path, reason in found.unusable],
            "ignored": found.ignored,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for result in results:
            click.echo("\n".join(render_result(result, verbose)))
        for line in found.notes():
            click.echo(line)
        if len(results) > 1:
            valid = sum(r.valid for r in results)
            unusable = sum(is_unusable(r) for r in results)
            click.echo(say("check_summary", files=len(results), valid=valid, invalid=len(results) - valid - unusable, unusable=unusable))
    if any(is_unusable(r) for r in results) or found.unusable:
        sys.exit(EXIT_UNUSABLE)
    if not all(r.valid for r in results):
        sys.exit(EXIT_INVALID)


@cli.command("report")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The result .xlsx file to write.")
@click.option("--docx", "docx_path", type=click.Path(path_type=Path), help="The Word report draft (.docx) to write.")
@click.option("--intro", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A .txt or .md file with the draft's method text  [default: the standard text].")
@click.option("--previous", "previous", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A scoring workbook of an earlier evaluation to compare with; repeat for each.")
@click.option("--national", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A national summary workbook (kompass merge) for national averages, position and quartiles.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the labels [default: the scoring workbook's].")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def report(source, output, docx_path, intro, previous, national, lang, force) -> None:
    """Write the municipality's result workbook (-o) and/or the written report's Word draft (--docx).

    The draft follows the published reports: title page, introduction, results with the area
    profile chart, a section per area, the score summary and the sources. Every figure comes from
    the workbook; the places for the evaluators' own text are marked and counted.
    An invalid scoring workbook (or earlier workbook) is refused with its findings (exit 1).

    Example: kompass report olofstrom-2022.xlsx --previous olofstrom-2017.xlsx --national nationell.xlsx -o olofstrom-2022-resultat.xlsx --docx olofstrom-2022-rapport.docx
    """
    from ..messages import say
    from ..outputs import check_outputs, check_workbook_name, write_all_atomic
    from ..reporting import InvalidWorkbookError, make_report

    if output is None and docx_path is None:
        raise click.UsageError(say("draft_no_output"))
    if intro is not None and docx_path is None:
        raise click.UsageError(say("draft_intro_without_docx"))
    outputs = [p for p in (output, docx_path) if p is not None]
    check_outputs(outputs, force, inputs=[source, *previous, *([national] if national else []), *([intro] if intro else [])])
    if output is not None:
        check_workbook_name(output)
    if docx_path is not None and docx_path.suffix.lower() != ".docx":
        raise click.UsageError(say("draft_docx_name", path=docx_path, example=docx_path.with_suffix(".docx").name))
    written, draft = [], None
    try:
        if output is not None:
            written.append((output, make_report(source, previous, national, lang)))
        if docx_path is not None:
            from ..documents.draft import make_draft

            draft = make_draft(source, previous, national, lang, intro)
            written.append((docx_path, draft.data))
    except InvalidWorkbookError as err:
        click.echo("\n".join(render_result(err.result, verbose=False)), err=True)
        click.echo(say("error_prefix", message=err), err=True)
        sys.exit(EXIT_INVALID)
    write_all_atomic(written, force=force)
    if output is not None:
        click.echo(say("wrote", path=output))
    if draft is not None:
        click.echo(say_count("draft_wrote", draft.prompts, path=docx_path, prompts=draft.prompts))


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
    from ..consensus import MAX_SOURCES, MIN_SOURCES, make_consensus
    from ..messages import say
    from ..outputs import check_output, check_workbook_name, write_atomic
    from ..reporting import workbook_language

    if not MIN_SOURCES <= len(paths) <= MAX_SOURCES:
        raise click.UsageError(say("consensus_count", min=MIN_SOURCES, max=MAX_SOURCES, count=len(paths)))
    if any(output.resolve() == path.resolve() for path in paths):
        raise click.UsageError(say("output_is_input", path=output))
    check_output(output, force)
    check_workbook_name(output)
    outcome = make_consensus(paths, threshold, lang or workbook_language(paths[0]))
    if outcome.refused:
        for result in outcome.invalid:
            click.echo(render_result(result)[0], err=True)
            errors_only = result.model_copy(update={"findings": tuple(result.errors)})
            for line in render_result(errors_only, verbose=False)[1:]:  # missing scores one line per area, as check
                click.echo(line, err=True)
        for problem in outcome.problems:
            click.echo(say("error_prefix", message=problem), err=True)
        sys.exit(EXIT_UNUSABLE if outcome.unusable else EXIT_INVALID)
    write_atomic(output, outcome.data, force=force)
    for warning in outcome.consensus.warnings:
        click.echo(say("warning_prefix", message=warning), err=True)
    result = outcome.consensus
    click.echo(say("consensus_wrote", path=output, sources=len(result.sources), flagged=len(result.flagged), questions=len(result.questions)))
    click.echo(say("consensus_then", command=shlex.join(["kompass", "check", str(output)])))


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

    from ..batch import ResultCache, check_many, default_cache_dir
    from ..folders import survey
    from ..forms import creation_time
    from ..merging import merge_json, merge_results
    from ..messages import say
    from ..outputs import check_outputs, check_workbook_name, write_all_atomic
    from ..workbooks.national import build_national_workbook

    if no_cache and cache_dir is not None:
        raise click.UsageError(say("merge_cache_both"))
    outputs = [p for p in (output, json_path) if p is not None]
    check_outputs(outputs, force, inputs=[p for p in paths if not p.is_dir()])
    check_workbook_name(output)
    found = survey(list(paths))
    files = without_earlier_summary(found.workbooks, output, outputs)
    cache = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    workers = jobs or os.cpu_count() or 1
    if sys.stderr.isatty():
        with click.progressbar(length=len(files), label=say("merge_reading"), file=sys.stderr) as bar:
            results = check_many(files, workers, cache, bar.update)
    else:
        results = check_many(files, workers, cache)
    gc.freeze()  # the results stay alive to the end; sparing the collector from rescanning them saves time
    outcome = merge_results(results, modified_times(files))
    if not outcome.merged:
        click.echo(say("error_prefix", message=say("merge_nothing", count=len(files))), err=True)
        for line in found.notes():
            click.echo(line, err=True)
        for result in outcome.rejected:
            click.echo("\n".join(render_result(result, verbose=False)), err=True)
        for line in render_conflicts(outcome):
            click.echo(line, err=True)
        sys.exit(EXIT_UNUSABLE)
    written = [(output, build_national_workbook(outcome, lang, creation_time()))]
    if json_path is not None:
        document = json.dumps(merge_json(outcome), ensure_ascii=False, indent=2) + "\n"
        written.append((json_path, document.encode("utf-8")))
    write_all_atomic(written, force=force)
    for line in [*found.notes(), *cut_comment_warnings(outcome.merged)]:
        click.echo(line, err=True)
    for result in outcome.rejected:
        click.echo("\n".join(render_result(result, verbose=False)), err=True)
    for line in render_conflicts(outcome):
        click.echo(line, err=True)
    click.echo(
        say(
            "merge_wrote",
            path=output,
            files=say_count("merge_files", len(files)),
            merged=say_count("merge_merged", len(outcome.merged)),
            rejected=say_count("merge_rejected", len(outcome.rejected)),
            duplicates=say_count("merge_duplicates", len(outcome.duplicates)),
            conflicts=say_count("merge_conflicts", len(outcome.conflicts)),
        )
    )
    if outcome.rejected or outcome.conflicts or found.unusable:
        sys.exit(EXIT_INVALID)


def modified_times(files: list[Path]) -> dict[str, int]:
    """Each file's last-modified time by its path as merge shows it, so duplicates keep the oldest file."""
    from ..names import shown_path

    times = {}
    for path in files:
        try:
            times[shown_path(path)] = path.stat().st_mtime_ns
        except OSError:
            pass  # a file that cannot be read is rejected anyway
    return times


def without_earlier_summary(files: list[Path], output: Path, outputs: list[Path]) -> list[Path]:
    """The files to merge, less an earlier national summary at the output's path (a folder may hold
    it); any other input that an output would overwrite is refused."""
    from ..checking import workbook_kind
    from ..errors import InputError

    written = {p.resolve(): p for p in outputs}
    kept = []
    for path in files:
        target = written.get(path.resolve())
        if target is None:
            kept.append(path)
        elif target != output or workbook_kind(path) != "national":
            from ..messages import say

            raise InputError(say("merge_output_is_input", path=target))
    return kept


@cli.command("demo")
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files of an earlier demo in OUTDIR.")
def demo(outdir, force) -> None:
    """Run the whole flow on the five published evaluations shipped as examples.

    Writes filled scoring workbooks (OUTDIR/scoring), checks them, merges them into a national summary
    and writes each municipality's result workbook (OUTDIR/results), compared with the earlier
    evaluations its published report gives figures for and with the national average, and its Word
    report draft (OUTDIR/reports).

    Example: kompass demo demo-output
    """
    from ..demo import run_demo
    from ..messages import number, say

    run = run_demo(outdir, force=force)
    click.echo(say("demo_scoring", count=len(run.scoring)))
    for result in run.checked:
        ev = result.evaluation
        maximum = sum(a.max for a in result.areas)
        click.echo("  " + say("demo_checked", path=result.path, municipality=ev.municipality, year=ev.year, version=ev.framework, total=number(result.total), max=maximum))
    click.echo(say("demo_national", path=run.national))
    click.echo(say("demo_results"))
    for path in run.results:
        click.echo(f"  {path}")
    click.echo(say("draft_demo_heading"))
    for path, prompts in run.drafts:
        click.echo(say_count("draft_demo_line", prompts, path=path, prompts=prompts))
