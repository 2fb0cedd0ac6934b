"""One language throughout: Swedish by default, English with --lang en or KOMPASS_LANG=en, for
everything printed: messages, errors, click's own usage errors and --help."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.messages import MESSAGES

from workbook_helpers import write_filled

# Words of the English messages that never occur in the Swedish ones.
ENGLISH = re.compile(
    r"\b(Error|Warning|Wrote|Usage|Options|Missing|Invalid|invalid|valid|does not exist|already exists|"
    r"errors?|warnings?|files?|cannot|not a|is one of|Try|help|folder|merged|rejected|Reading|the)\b"
)


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env={"KOMPASS_LANG": None, **(env or {})})


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    for word in allowed:
        text = text.replace(word, "")
    return ENGLISH.findall(text)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    fw = get_framework("2020")
    scores = {q.id: Decimal(q.max) / 2 for q in fw.questions}
    bad = dict(scores)
    bad["1.1"] = Decimal(99)
    incomplete = {q: s for q, s in scores.items() if not q.startswith("2.")}
    paths = {
        "valid": write_filled(tmp_path / "giltig.xlsx", fw, scores, evaluators=("Anna Berg",)),
        "invalid": write_filled(tmp_path / "ogiltig.xlsx", fw, bad, workbook_id="00000000-0000-4000-8000-000000000002"),
        "incomplete": write_filled(tmp_path / "ofullstandig.xlsx", fw, incomplete, workbook_id="00000000-0000-4000-8000-000000000003"),
        "other": write_filled(tmp_path / "annan.xlsx", fw, scores, municipality="Annanstad", workbook_id="00000000-0000-4000-8000-000000000004"),
    }
    (tmp_path / "trasig.xlsx").write_bytes(b"not a zip at all")
    paths["broken"] = tmp_path / "trasig.xlsx"
    return paths


def common_errors(files: dict[str, Path], tmp_path: Path) -> list[tuple[str, ...]]:
    out = str(tmp_path / "ut.xlsx")
    return [
        ("new", "--municipality", "Kalix"),
        ("new", "--municipality", "Kalix", "--year", "twenty"),
        ("new", "--municipality", "Kalix", "--year", "2024", "--date", "12/3/2024"),
        ("new", "--municipality", "Kalix", "--year", "2024", "--framework", "2021"),
        ("new", "--municipality", "Kalix", "--year", "2024", "-o", str(files["valid"])),
        ("new", "--municipality", "Kalix", "--year", "2024", "-o", str(tmp_path / "nej" / "x.xlsx")),
        ("new", "--municipality", "Kalix", "--year", "2024", "-o", str(tmp_path / "x.xls")),
        ("new", "--bogus"),
        ("check", str(tmp_path / "saknas.xlsx")),
        ("check", str(files["broken"])),
        ("check", str(files["invalid"])),
        ("check", str(files["incomplete"])),
        ("check",),
        ("report", str(files["invalid"]), "-o", out),
        ("report", str(files["valid"]), "-o", str(files["valid"])),
        ("report", str(tmp_path / "saknas.xlsx"), "-o", out),
        ("consensus", str(files["valid"]), "-o", out),
        ("consensus", str(files["valid"]), str(files["invalid"]), "-o", out),
        ("consensus", str(files["valid"]), str(files["other"]), "-o", out),
        ("consensus", str(files["valid"]), str(files["broken"]), "-o", out),
        ("merge", str(files["broken"]), "-o", out),
        ("merge", str(tmp_path / "saknas"), "-o", out),
        ("merge", str(files["valid"]), "-o", out, "--cache", str(tmp_path), "--no-cache"),
        ("status", str(tmp_path / "saknas")),
        ("status", str(tmp_path)),
        ("nosuchcommand",),
    ]


def test_no_english_in_the_common_errors_by_default(files, tmp_path):
    for args in common_errors(files, tmp_path):
        result = run(*args)
        assert result.exit_code != 0, args
        printed = result.output + result.stderr
        # file names, option names and the framework's own (Swedish) words are not prose
        leftovers = english_words(printed, allowed=(str(tmp_path), "--help", "kompass"))
        assert leftovers == [], (args, printed)


def test_the_same_errors_in_english_with_lang_en_and_kompass_lang(files, tmp_path):
    for args in common_errors(files, tmp_path)[:12]:
        by_option = run("--lang", "en", *args)
        by_env = run(*args, env={"KOMPASS_LANG": "en"})
        assert by_option.exit_code == by_env.exit_code != 0
        assert by_option.stderr + by_option.output == by_env.stderr + by_env.output
        assert english_words(by_option.stderr + by_option.output), args


def test_dates_and_years_get_plain_messages():
    result = run("new", "--municipality", "Kalix", "--year", "2024", "--date", "12/3/2024")
    assert result.exit_code == 2
    assert "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-12" in result.stderr
    assert "%Y" not in result.stderr
    result = run("--lang", "en", "new", "--municipality", "Kalix", "--year", "24")
    assert "write the year as four digits from 2000 to 2100, e.g. 2024" in result.stderr


def test_check_sums_up_missing_scores_per_area_and_verbose_keeps_every_cell(files):
    short = run("check", str(files["incomplete"]))
    assert short.exit_code == 1
    lines = short.output.splitlines()
    area_2 = len(get_framework("2020").areas[1].questions)
    assert lines == [f"{files['incomplete']}: OGILTIG, {area_2} fel, 0 varningar", f"  Område 2: {area_2} av {area_2} delfrågor saknar poäng"]
    verbose = run("check", str(files["incomplete"]), "--verbose")
    assert len(verbose.output.splitlines()) == 1 + area_2
    assert "  '2 Delaktighet'!" in verbose.output or "fel: Fråga 2.1 saknar poäng" in verbose.output


def test_folder_mode_lists_unusable_spreadsheets_and_counts_other_files(files, tmp_path):
    folder = tmp_path / "inkommet"
    folder.mkdir()
    (folder / "giltig.xlsx").write_bytes(files["valid"].read_bytes())
    for name in ("a.xlsb", "b.xltx", "c.numbers", "d.csv", "~$giltig.xlsx"):
        (folder / name).write_bytes(b"x")
    (folder / "brev.pdf").write_bytes(b"%PDF")
    (folder / "anteckningar.docx").write_bytes(b"PK")
    result = run("check", str(folder))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == f"{folder / 'giltig.xlsx'}: giltig, totalt 400 av 800"
    assert any(line.startswith(f"{folder / 'a.xlsb'}: kan inte användas: en binär Excel-arbetsbok (.xlsb)") for line in lines)
    assert any(line.startswith(f"{folder / 'b.xltx'}: kan inte användas: en Excel-mall") for line in lines)
    assert any(line.startswith(f"{folder / 'c.numbers'}: kan inte användas: ett Numbers-dokument") for line in lines)
    assert any(line.startswith(f"{folder / 'd.csv'}: kan inte användas: en CSV-fil") for line in lines)
    assert any(line.startswith(f"{folder / '~$giltig.xlsx'}: kan inte användas: en låsfil") for line in lines)
    assert "Andra filer (t.ex. PDF, Word) som lämnades därhän: 2" in lines


def test_help_is_swedish_by_default_and_english_on_request():
    swedish = run("new", "--help")
    assert swedish.exit_code == 0
    assert "Användning: cli new [FLAGGOR]" in swedish.output and "Visa den här hjälpen och avsluta." in swedish.output
    assert "Utvärderingens år, t.ex. 2024." in swedish.output
    english = run("--lang", "en", "new", "--help")
    assert "Usage: cli new [OPTIONS]" in english.output and "Year of the evaluation, e.g. 2024." in english.output
    assert run("--help").output.count("Kommandon:") == 1


def test_every_command_and_option_has_swedish_help():
    ctx = click.Context(cli)
    missing = []

    def walk(command: click.Command) -> None:
        key = f"help {command.callback.__name__}"
        if key not in MESSAGES:
            missing.append(key)
        for param in command.params:
            if isinstance(param, click.Option) and param.help and param.name not in ("version",):
                if f"{key} {max(param.opts, key=len)}" not in MESSAGES:
                    missing.append(f"{key} {max(param.opts, key=len)}")
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name))

    walk(cli)
    assert missing == []


def test_every_click_text_we_translate_is_one_click_still_marks():
    """cli._translate_click swaps the `_` and `ngettext` that click's modules import: the texts in the
    catalogue must be those click passes to them, or a click upgrade silently brings English back."""
    marked = set()
    for module in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                marked |= {arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    ours = {key.removeprefix("click ") for key in MESSAGES if key.startswith("click ")}
    assert ours - marked == {"required"}  # click passes this one through a variable: _(extra["required"])
    assert "Missing option" in ours and "Usage:" in ours


def test_new_needs_only_municipality_and_year(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "--municipality", "Kalix", "--year", "2012")
    assert result.exit_code == 0, result.stderr
    assert result.output == "Skrev kalix-2012.xlsx (ramverk 2010, Kalix 2012)\n"
    assert run("new", "--municipality", "Åre", "--year", "2024", "--evaluator", "Åsa Öberg").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["are-2024-asa-oberg.xlsx", "kalix-2012.xlsx"]
    from kompass_xlsx.checking import check_workbook

    assert check_workbook(tmp_path / "are-2024-asa-oberg.xlsx").evaluation.framework == "2020"


def test_merge_reads_in_parallel_processes_in_the_chosen_language(files, tmp_path):
    """The reasons come from worker processes, and through a cache that both runs share."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("valid", "other", "broken", "invalid"):
        (folder / files[name].name).write_bytes(files[name].read_bytes())
    runs = [((), "är ingen Excel-arbetsbok (.xlsx)", "Fråga 1.1: poängen 99"), (("--lang", "en"), "is not an Excel workbook (.xlsx)", "Question 1.1: the score 99")]
    for args, reason, finding_text in runs + runs:
        result = run(*args, "merge", str(folder), "-o", str(tmp_path / "n.xlsx"), "--jobs", "2", "--cache", str(tmp_path / "cache"), "--force")
        assert result.exit_code == 1
        unreadable = [line for line in result.stderr.splitlines() if "trasig.xlsx" in line and "zip" in line]
        assert len(unreadable) == 1 and reason in unreadable[0], (args, result.stderr)
        assert finding_text in result.stderr


def test_points_are_printed_with_the_languages_decimal_mark(tmp_path):
    fw = get_framework("2020")
    scores = {q.id: Decimal(q.max) / 2 for q in fw.questions}
    scores["1.1"] += Decimal("0.5")
    path = write_filled(tmp_path / "halv.xlsx", fw, scores)
    assert run("check", str(path)).output.strip() == f"{path}: giltig, totalt 400,5 av 800"
    assert run("--lang", "en", "check", str(path)).output.strip() == f"{path}: valid, total 400.5 of 800"
