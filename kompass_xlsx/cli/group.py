"""The command group: language first, one line and an exit code for every failure, never a traceback.

The `kompass` command line is the package `kompass_xlsx.cli`, the only code importing click: this
module (the group and click's texts in the chosen language), `params.py` (option types with plain
messages), `rendering.py` (what a check, a conflict or a merge prints) and the commands, by topic, in
`round_commands.py` (frameworks, new, templates, plan-template, status) and `result_commands.py`
(check, report, consensus, merge, demo). Each command parses, calls one library function, renders
and picks the exit code. Heavy libraries (pydantic, openpyxl, XlsxWriter) are imported inside the
commands so that `kompass --help` starts fast.
"""

from __future__ import annotations

import sys

import click

EXIT_INVALID = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report a command whose reader stopped early


def _interrupted(key: str) -> None:
    """One line on stderr for Ctrl-C or SIGTERM; further signals are ignored while the process ends."""
    from ..messages import say
    from ..terminal import quiet_interrupts

    quiet_interrupts()
    click.echo(say(key), err=True)


def _stdout_to_null() -> None:
    """Point standard output at the null device, so that flushing it at exit raises nothing more."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test's captured output): nothing will be flushed to a pipe


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
    from .. import messages

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


class KompassArgument(click.Argument):
    """An argument whose placeholder ("PATHS...") is in the chosen language, in the usage line and in
    errors such as a missing argument."""

    def make_metavar(self, ctx: click.Context) -> str:
        return _metavar(super().make_metavar(ctx))


class KompassCommand(click.Command):
    """A command whose `--help` (its text and its options' texts) is shown in the chosen language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is click.Argument:
                param.__class__ = KompassArgument  # the decorators made plain arguments

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's placeholders ("[OPTIONS] PATHS...") in the chosen language."""
        return [_metavar(piece) for piece in super().collect_usage_pieces(ctx)]


def _metavar(text: str) -> str:
    """A placeholder of the help ("PATH", "[OPTIONS]", "INTEGER RANGE") with its words in the chosen
    language: each upper-case word looked up as "metavar WORD" in the catalogue."""
    import re

    from ..messages import help_text

    return re.sub(r"\b[A-Z]+(?: RANGE)?\b", lambda m: help_text(f"metavar {m.group()}", m.group()), text)


class _translated_help:
    """For the time of formatting, the command's and its options' help texts in the chosen language."""

    def __init__(self, command: click.Command) -> None:
        self.command = command
        self.saved: list[tuple[object, str | None]] = []
        self.saved_metavars: list[tuple[click.Option, str | None]] = []

    def __enter__(self) -> None:
        from ..messages import help_text

        key = f"help {self.command.callback.__name__ if self.command.callback else self.command.name}"
        self.saved.append((self.command, self.command.help))
        self.command.help = help_text(key, self.command.help)
        for param in self.command.get_params(click.Context(self.command)):
            text = getattr(param, "help", None)
            self.saved.append((param, text))
            name = max(param.opts, key=len) if param.opts else param.name
            translated = help_text(f"{key} {name}", text)
            param.help = help_text(f"click {translated}", translated)
            if isinstance(param, click.Option) and not param.is_flag:
                self.saved_metavars.append((param, param.metavar))
                param.metavar = _metavar(param.make_metavar(click.Context(self.command)))

    def __exit__(self, *exc: object) -> None:
        for owner, text in self.saved:
            owner.help = text
        for option, metavar in self.saved_metavars:
            option.metavar = metavar


class KompassGroup(KompassCommand, click.Group):
    """The command group: picks the language first, and turns a KompassError, or a file the system
    could not read or write (a full disk, say), into `Fel: ...` on stderr and exit 2, never a traceback."""

    command_class = KompassCommand
    group_class = type

    def main(self, args=None, *rest, **kwargs):
        """Picks the language first; everything printed escapes control characters; SIGTERM ends with
        one line and exit 143."""
        from ..messages import set_language
        from ..terminal import Terminated, guarded

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
        from ..errors import KompassError
        from ..messages import say

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted("interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except KompassError as err:
            click.echo(say("error_prefix", message=err), err=True)
            ctx.exit(EXIT_UNUSABLE)
        except BrokenPipeError:  # the reader stopped early (`| head`): nothing went wrong to tell
            _stdout_to_null()
            ctx.exit(EXIT_BROKEN_PIPE)
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            click.echo(say("error_prefix", message=say("os_error", reason=err.strerror or err, where=where)), err=True)
            ctx.exit(EXIT_UNUSABLE)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..messages import set_language

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
