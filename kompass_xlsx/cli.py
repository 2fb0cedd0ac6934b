"""The `kompass` command line: parse options, call one library function, render, pick the exit code.

Heavy libraries (pydantic, openpyxl, XlsxWriter) are imported inside the commands so that
`kompass --help` starts fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

EXIT_INVALID = 1
EXIT_UNUSABLE = 2


class KompassGroup(click.Group):
    """Turns a KompassError into `Error: ...` on stderr and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        from .errors import KompassError

        try:
            return super().invoke(ctx)
        except KompassError as err:
            click.echo(f"Error: {err}", err=True)
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
    from .outputs import check_output, write_atomic

    if not municipality.strip():
        raise click.BadParameter("must not be empty", param_hint="--municipality")
    check_output(output, force)
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
