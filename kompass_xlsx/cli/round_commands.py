"""Commands of a round: the framework versions, blank workbooks (one or a whole plan), templates,
the plan template and where the round stands."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import click

from .group import EXIT_INVALID, EXIT_UNUSABLE, cli
from .params import DateType, YearType
from ..messages import say_count


@cli.group(invoke_without_command=True)
@click.pass_context
def frameworks(ctx: click.Context) -> None:
    """List the framework versions (2002, 2010, 2016, 2020).

    Example: kompass frameworks
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..frameworks import all_frameworks
    from ..labels import number_text
    from ..messages import language, say

    rows = [tuple(say("frameworks_header").split("|"))]
    for fw in all_frameworks().values():
        step = number_text(fw.step, language())
        rows.append((fw.id, str(fw.in_use_from), str(len(fw.areas)), str(len(fw.questions)), str(fw.max), step, fw.title))
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
    from ..frameworks import get_framework
    from ..messages import say

    fw = get_framework(version)
    if as_json:
        click.echo(json.dumps(fw.to_json_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(say("framework_title", title=fw.title, version=fw.id, year=fw.in_use_from))
    from ..labels import number_text
    from ..messages import language

    click.echo(say("framework_max", max=fw.max, step=number_text(fw.step, language())))
    if fw.previous:
        click.echo(say("framework_revises", previous=fw.previous))
    for area in fw.areas:
        click.echo("")
        click.echo(say("framework_area", number=area.number, title=area.title, max=area.max))
        if area.lineage is not None:
            sources = ", ".join(str(n) for n in area.lineage.from_areas) or say("framework_no_area")
            note = f": {area.lineage.note}" if area.lineage.note else ""
            comparability = say(f"comparability_{area.lineage.comparability}")
            click.echo(say("framework_lineage", areas=sources, previous=fw.previous, comparability=comparability, note=note))
        for q in area.questions:
            click.echo(f"   {q.id:<5} {q.max:>3}  {q.title}")


@cli.command("new")
@click.option("--framework", "version", help="Framework version, e.g. 2020  [default: the version in use in --year].")
@click.option("--municipality", help="The municipality evaluated.")
@click.option("--year", type=YearType(), help="Year of the evaluation, e.g. 2024.")
@click.option("--evaluator", "evaluators", multiple=True, help="An evaluator's name; repeat for each.")
@click.option("--date", "evaluation_date", type=DateType(), help="Evaluation date, YYYY-MM-DD, e.g. 2024-03-12.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the labels  [default: the language printed, sv].")
@click.option("--plan", type=click.Path(path_type=Path), help="A plan (.xlsx or .csv, see plan-template): one workbook per evaluator of each row, written into the folder -o.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The .xlsx file to write  [default: e.g. kalix-2024.xlsx in the current folder]; with --plan, the folder.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--group", help="SKR's municipality group  [default: the municipality's group in the register].")
@click.option("--force-name", is_flag=True, help="Keep a municipality name that is not in the register (with --plan: every such name of the plan).")
def new(version, municipality, year, evaluators, evaluation_date, lang, plan, output, force, group, force_name) -> None:
    """Write a blank scoring workbook for one evaluation, or with --plan one per evaluator of a whole round.

    The municipality's code and group come from the register of Sweden's 290 municipalities.

    Example: kompass new --municipality Olofström --year 2022 --evaluator "Anna Berg"
    """
    from ..forms import new_scoring_workbook, registered_identity
    from ..frameworks import framework_for_year
    from ..messages import language, say
    from ..outputs import check_output, check_workbook_name, write_atomic
    from ..plan import file_stem

    lang = lang or language().value
    if plan is not None:
        for option, value in (("--framework", version), ("--municipality", municipality), ("--year", year), ("--evaluator", evaluators), ("--date", evaluation_date), ("--group", group)):
            if value:
                raise click.UsageError(say("plan_option_conflict", option=option))
        if output is None:
            raise click.UsageError(say("plan_needs_folder"))
        return new_round(plan, output, force, lang, force_name)
    for option, value in (("--municipality", municipality), ("--year", year)):
        if value is None:
            raise click.UsageError(say("new_missing_option", option=option))
    if not municipality.strip():
        raise click.BadParameter(say("municipality_empty"), param_hint="--municipality")
    if len(municipality.strip()) > 100:
        raise click.BadParameter(say("municipality_long"), param_hint="--municipality")
    for name in evaluators:
        if any(separator in name for separator in ",;\n"):
            raise click.BadParameter(say("evaluator_separator", name=name), param_hint="--evaluator")
    version = version or framework_for_year(year).id
    identity = registered_identity(municipality, group, force_name, version, year)
    if identity.problem:
        raise click.BadParameter(identity.problem, param_hint=identity.problem_option)
    municipality = identity.municipality
    if output is None:
        output = Path(file_stem(municipality, year, evaluators[0] if len(evaluators) == 1 else None) + ".xlsx")
    check_output(output, force)
    check_workbook_name(output)
    data = new_scoring_workbook(version, municipality, year, evaluators, lang, evaluation_date, group=identity.group)
    write_atomic(output, data, force=force)
    click.echo(say("new_wrote", path=output, version=version, municipality=municipality.strip(), year=year))
    for warning in identity.warnings:
        click.echo(say("warning_prefix", message=warning), err=True)


def _plan_must_exist(plan: Path | None) -> None:
    """A plan path that names nothing is an unusable input (exit 2), said in one line."""
    from ..messages import say

    if plan is not None and not plan.exists():
        click.echo(say("error_prefix", message=say("path_missing", path=plan)), err=True)
        sys.exit(EXIT_UNUSABLE)


def new_round(plan: Path, folder: Path, force: bool, lang: str, force_name: bool = False) -> None:
    """`kompass new --plan`: every row checked, then every workbook written, or nothing."""
    from ..messages import say
    from ..plan import PlanError, write_round

    _plan_must_exist(plan)
    try:
        written = write_round(plan, folder, force, lang, force_name)
    except PlanError as err:
        click.echo(say("plan_refused", path=plan, problems=say_count("plan_problems", len(err.problems))), err=True)
        for problem in err.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_INVALID)
    evaluations: dict[tuple[str, int], list] = {}
    for workbook, path in written:
        evaluations.setdefault((workbook.municipality, workbook.year), []).append((workbook, path))
    click.echo(say("plan_wrote", count=say_count("plan_workbooks", len(written)), evaluations=say_count("plan_evaluations", len(evaluations)), folder=folder))
    for (municipality, year), items in evaluations.items():
        names = ", ".join(path.name for _, path in items)
        click.echo(say("plan_wrote_line", municipality=municipality, year=year, version=items[0][0].framework, files=names))
    click.echo(say("plan_then", command=shlex.join(["kompass", "status", str(folder), "--plan", str(plan)])))


@cli.command("templates")
@click.argument("outdir", type=click.Path(path_type=Path), default="workbook_templates")
@click.option("--force", is_flag=True, help="Overwrite existing templates.")
def templates(outdir, force) -> None:
    """Regenerate the blank scoring workbook of every framework version (default: workbook_templates/).

    Example: kompass templates workbook_templates --force
    """
    from ..forms import write_templates
    from ..messages import say

    for path in write_templates(outdir, force=force):
        click.echo(say("wrote", path=path))


@cli.command("plan-template")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("plan.xlsx"), show_default=True, help="The plan .xlsx file to write.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the column names  [default: the language printed, sv].")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def plan_template(output, lang, force) -> None:
    """Write a blank plan of a round: one row per evaluation (municipality, year, framework, evaluators).

    Fill it in, then run kompass new --plan PLAN.xlsx -o FOLDER. The same columns in a .csv file work too.

    Example: kompass plan-template -o plan.xlsx
    """
    from ..frameworks import all_frameworks
    from ..messages import language, say
    from ..outputs import check_output, check_workbook_name, write_atomic
    from ..workbooks.plan_template import build_plan_template

    check_output(output, force)
    check_workbook_name(output)
    write_atomic(output, build_plan_template(list(all_frameworks()), lang or language().value), force=force)
    click.echo(say("wrote", path=output))
    click.echo(say("plan_template_then", command=shlex.join(["kompass", "new", "--plan", str(output), "-o", say("plan_template_folder")])))


@cli.command("status")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--plan", type=click.Path(path_type=Path), help="The round's plan: evaluators whose workbook is not in the folder show as missing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
def status(folder, plan, as_json) -> None:
    """Show where a round stands: one line per evaluation with each evaluator's workbook (back,
    complete, or the scores missing per area; valid, or how many errors), the consensus and the next
    command to run. Exit code 0 only when every evaluation is complete and valid.

    Example: kompass status omgang-2024 --plan plan.xlsx
    """
    from ..messages import say
    from ..plan import PlanError
    from ..status import round_status, status_line

    if folder.exists() and not folder.is_dir():
        click.echo(say("error_prefix", message=say("status_not_folder", path=folder, plan=shlex.quote(str(folder)))), err=True)
        sys.exit(EXIT_UNUSABLE)
    _plan_must_exist(plan)
    try:
        current = round_status(folder, plan)
    except PlanError as err:
        click.echo(say("status_plan_refused", path=plan, problems=say_count("plan_problems", len(err.problems))), err=True)
        for problem in err.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_UNUSABLE)
    if as_json:
        click.echo(json.dumps(current.to_json_dict(), ensure_ascii=False, indent=2))
    else:
        for evaluation in current.evaluations:
            click.echo(status_line(evaluation))
        for path, reason in current.unusable:
            click.echo(say("unusable_line", path=path, advice=reason))
        for note in current.notes:
            click.echo(note)
        done = sum(e.complete for e in current.evaluations)
        click.echo(say("status_summary", done=done, count=len(current.evaluations)))
    if not current.complete:
        sys.exit(EXIT_INVALID)
