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


def _language_in(args: list[str]) -> str | None:
    """The group's --lang value among the arguments before the command name, read before click parses
    them, so that even click's errors about those arguments come in that language."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("sv", "en"):
            return args[index + 1]
        if arg in ("--lang=sv", "--lang=en"):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None
    return None


def _translate_click() -> None:
    """Route click's own texts (usage errors, "Usage:", "Options") through the catalogue.

    click marks them for gettext by calling the name `_` (and `ngettext`) that each of its modules
    imports from the standard library; giving those modules our lookup instead translates every such
    text at the moment click builds it. tests/test_language.py pins that each text we translate is one
    click still marks.
    """
    from . import messages

    def translated(text: str) -> str:
        return messages.help_text(f"click {text}", text)

    def translated_plural(one: str, many: str, count: int) -> str:
        return translated(one if count == 1 else many)

    for name in ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui", "utils"):
        module = sys.modules.get(f"click.{name}")
        if module is not None and hasattr(module, "_"):
            module._ = translated
        if module is not None and hasattr(module, "ngettext"):
            module.ngettext = translated_plural


class KompassCommand(click.Command):
    """A command whose `--help` (its text and its options' texts) is shown in the chosen language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


class _translated_help:
    """For the time of formatting, the command's and its options' help texts in the chosen language."""

    def __init__(self, command: click.Command) -> None:
        self.command = command
        self.saved: list[tuple[object, str | None]] = []

    def __enter__(self) -> None:
        from .messages import help_text

        key = f"help {self.command.callback.__name__ if self.command.callback else self.command.name}"
        self.saved.append((self.command, self.command.help))
        self.command.help = help_text(key, self.command.help)
        for param in self.command.get_params(click.Context(self.command)):
            text = getattr(param, "help", None)
            self.saved.append((param, text))
            name = max(param.opts, key=len) if param.opts else param.name
            translated = help_text(f"{key} {name}", text)
            param.help = help_text(f"click {translated}", translated)

    def __exit__(self, *exc: object) -> None:
        for owner, text in self.saved:
            owner.help = text


class KompassGroup(KompassCommand, click.Group):
    """The command group: picks the language first, and turns a KompassError, or a file the system
    could not read or write (a full disk, say), into `Fel: ...` on stderr and exit 2, never a traceback."""

    command_class = KompassCommand
    group_class = type

    def main(self, args=None, *rest, **kwargs):
        """Picks the language first; everything printed escapes control characters; SIGTERM ends with
        one line and exit 143."""
        from .messages import set_language
        from .terminal import Terminated, guarded

        args = list(sys.argv[1:] if args is None else args)
        set_language(_language_in(args))
        _translate_click()
        # click would strip ESC sequences from text for a pipe but not for a terminal; SafeText escapes
        # them for both, so a file name reads the same on screen and in a log
        self.context_settings.setdefault("color", True)
        try:
            with guarded():
                try:
                    return super().main(args, *rest, **kwargs)
                except Terminated:
                    _interrupted("terminated")
                    sys.exit(EXIT_TERMINATED)
        finally:
            set_language(None)  # a later run in the same process (tests) starts from KOMPASS_LANG again

    def invoke(self, ctx: click.Context):
        from .errors import KompassError
        from .messages import say

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted("interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except KompassError as err:
            click.echo(say("error_prefix", message=err), err=True)
            ctx.exit(EXIT_UNUSABLE)
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            click.echo(say("error_prefix", message=say("os_error", reason=err.strerror or err, where=where)), err=True)
            ctx.exit(EXIT_UNUSABLE)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .messages import set_language

    if value is not None:
        set_language(value)
    return value


@click.group(cls=KompassGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", "language", type=click.Choice(["sv", "en"]), is_eager=True, expose_value=False, callback=_choose_language, help="Language of everything printed  [default: sv, or KOMPASS_LANG].")
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
    from .labels import number_text
    from .messages import language, say

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
    from .frameworks import get_framework
    from .messages import say

    fw = get_framework(version)
    if as_json:
        click.echo(json.dumps(fw.to_json_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(say("framework_title", title=fw.title, version=fw.id, year=fw.in_use_from))
    from .labels import number_text
    from .messages import language

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



class YearType(click.ParamType):
    """A year from 2000 to 2100, with a plain message for anything else."""

    name = "ÅÅÅÅ"

    def convert(self, value, param, ctx):
        from .messages import say

        text = str(value).strip()
        if isinstance(value, int) or (len(text) == 4 and text.isdigit()):
            if 2000 <= int(text) <= 2100:
                return int(text)
        self.fail(say("year_plain", value=value), param, ctx)


class DateType(click.ParamType):
    """A date written YYYY-MM-DD, with a plain message for anything else (12/3/2024, 2024-13-01)."""

    name = "ÅÅÅÅ-MM-DD"

    def convert(self, value, param, ctx):
        from datetime import date

        from .messages import say

        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(say("date_plain", value=value), param, ctx)


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
@click.option("--force-name", is_flag=True, help="Keep a municipality name that is not in the register.")
def new(version, municipality, year, evaluators, evaluation_date, lang, plan, output, force, group, force_name) -> None:
    """Write a blank scoring workbook for one evaluation, or with --plan one per evaluator of a whole round.

    The municipality's code and group come from the register of Sweden's 290 municipalities.

    Example: kompass new --municipality Olofström --year 2022 --evaluator "Anna Berg"
    """
    from .forms import new_scoring_workbook, registered_identity
    from .frameworks import framework_for_year
    from .messages import language, say
    from .outputs import check_output, check_workbook_name, write_atomic
    from .plan import file_stem

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


def new_round(plan: Path, folder: Path, force: bool, lang: str, force_name: bool = False) -> None:
    """`kompass new --plan`: every row checked, then every workbook written, or nothing."""
    from .messages import say
    from .plan import PlanError, write_round

    try:
        written = write_round(plan, folder, force, lang, force_name)
    except PlanError as err:
        click.echo(say("plan_refused", path=plan, count=len(err.problems)), err=True)
        for problem in err.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_INVALID)
    evaluations: dict[tuple[str, int], list] = {}
    for workbook, path in written:
        evaluations.setdefault((workbook.municipality, workbook.year), []).append((workbook, path))
    click.echo(say("plan_wrote", count=len(written), evaluations=len(evaluations), folder=folder))
    for (municipality, year), items in evaluations.items():
        names = ", ".join(path.name for _, path in items)
        click.echo(say("plan_wrote_line", municipality=municipality, year=year, version=items[0][0].framework, files=names))
    click.echo(say("plan_then", folder=folder))


@cli.command("templates")
@click.argument("outdir", type=click.Path(path_type=Path), default="workbook_templates")
@click.option("--force", is_flag=True, help="Overwrite existing templates.")
def templates(outdir, force) -> None:
    """Regenerate the blank scoring workbook of every framework version (default: workbook_templates/).

    Example: kompass templates workbook_templates --force
    """
    from .forms import write_templates
    from .messages import say

    for path in write_templates(outdir, force=force):
        click.echo(say("wrote", path=path))


def render_result(result, verbose: bool = True) -> list[str]:
    """One file's report: a status line, then each finding as `Sheet!D7  1.3  fel: message`.

    Not verbose, missing scores are summed up in one line per area ("Område 3: 5 av 5 delfrågor
    saknar poäng") instead of one line per cell.
    """
    from collections import Counter

    from .checking import is_unusable
    from .findings import FindingCode
    from .messages import number, plural, say

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
    from .frameworks import all_frameworks

    framework = all_frameworks().get(version or "")
    return {area.number: len(area.questions) for area in framework.areas} if framework else {}


def render_conflicts(outcome) -> list[str]:
    """Each conflict: the municipality and year, the files (none merged), and what to do: for one
    team's individual workbooks the `kompass consensus` command that combines them."""
    from .merging import consensus_command
    from .messages import say

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
    from .checking import check_workbook, is_unusable, survey
    from .checking import strict as make_strict
    from .messages import say

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
    from .messages import say
    from .outputs import check_outputs, check_workbook_name, write_all_atomic
    from .reporting import InvalidWorkbookError, make_report

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
            from .documents.draft import make_draft

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
        click.echo(say("draft_wrote_one" if draft.prompts == 1 else "draft_wrote", path=docx_path, prompts=draft.prompts))


class PointsType(click.ParamType):
    """A number of points, read exactly as a Decimal ("2.5" or "2,5"), never through a float."""

    name = "POINTS"

    def convert(self, value, param, ctx):
        from decimal import Decimal, InvalidOperation

        from .messages import say

        if isinstance(value, Decimal):
            return value
        try:
            points = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            self.fail(say("points_not_number", value=value), param, ctx)
        if not points.is_finite() or points < 0:
            self.fail(say("points_negative", value=value), param, ctx)
        if points > 100:
            self.fail(say("points_too_many", value=value), param, ctx)
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
    from .messages import say
    from .outputs import check_output, check_workbook_name, write_atomic
    from .reporting import workbook_language

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
            for f in result.errors:
                click.echo(f"  {f.location or '-'}  {f.question or '-'}  {say('severity_' + f.severity.value)}: {f.message}", err=True)
        for problem in outcome.problems:
            click.echo(say("error_prefix", message=problem), err=True)
        sys.exit(EXIT_UNUSABLE if outcome.unusable else EXIT_INVALID)
    write_atomic(output, outcome.data, force=force)
    for warning in outcome.consensus.warnings:
        click.echo(say("warning_prefix", message=warning), err=True)
    result = outcome.consensus
    click.echo(say("consensus_wrote", path=output, sources=len(result.sources), flagged=len(result.flagged), questions=len(result.questions)))


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
    from .checking import survey
    from .forms import creation_time
    from .merging import merge_json, merge_results
    from .messages import say
    from .outputs import check_outputs, check_workbook_name, write_all_atomic
    from .workbooks.national import build_national_workbook

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
            click.echo("\n".join(render_result(result)), err=True)
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
        click.echo("\n".join(render_result(result)), err=True)
    for line in render_conflicts(outcome):
        click.echo(line, err=True)
    click.echo(
        say(
            "merge_wrote",
            path=output,
            files=counted("merge_files", len(files)),
            merged=len(outcome.merged),
            rejected=counted("merge_rejected", len(outcome.rejected)),
            duplicates=counted("merge_duplicates", len(outcome.duplicates)),
            conflicts=counted("merge_conflicts", len(outcome.conflicts)),
        )
    )
    if outcome.rejected or outcome.conflicts or found.unusable:
        sys.exit(EXIT_INVALID)


def counted(key: str, count: int) -> str:
    """The merge message `key` for a count: `key`_one for 1 ("1 dubblett", "2 dubbletter")."""
    from .messages import MESSAGES, say

    return say(f"{key}_one" if count == 1 and f"{key}_one" in MESSAGES else key, count=count)


def modified_times(files: list[Path]) -> dict[str, int]:
    """Each file's last-modified time by its path as merge shows it, so duplicates keep the oldest file."""
    from .names import shown_path

    times = {}
    for path in files:
        try:
            times[shown_path(path)] = path.stat().st_mtime_ns
        except OSError:
            pass  # a file that cannot be read is rejected anyway
    return times


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
            from .messages import say

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
    from .demo import run_demo
    from .messages import number, say

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
        click.echo(say("draft_demo_line_one" if prompts == 1 else "draft_demo_line", path=path, prompts=prompts))


@cli.command("plan-template")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("plan.xlsx"), show_default=True, help="The plan .xlsx file to write.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None, help="Language of the column names  [default: the language printed, sv].")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def plan_template(output, lang, force) -> None:
    """Write a blank plan of a round: one row per evaluation (municipality, year, framework, evaluators).

    Fill it in, then run kompass new --plan PLAN.xlsx -o FOLDER. The same columns in a .csv file work too.

    Example: kompass plan-template -o plan.xlsx
    """
    from .frameworks import all_frameworks
    from .messages import language, say
    from .outputs import check_output, check_workbook_name, write_atomic
    from .workbooks.plan_template import build_plan_template

    check_output(output, force)
    check_workbook_name(output)
    write_atomic(output, build_plan_template(list(all_frameworks()), lang or language().value), force=force)
    click.echo(say("wrote", path=output))


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
    from .messages import say
    from .plan import PlanError
    from .status import round_status, status_line

    try:
        current = round_status(folder, plan)
    except PlanError as err:
        click.echo(say("plan_refused", path=plan, count=len(err.problems)), err=True)
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
