"""A coordinator's and an evaluator's round as the README tells it, read line by line as they would."""

from __future__ import annotations

import json
import re
import shlex
from decimal import Decimal
from pathlib import Path

import click
from click.testing import CliRunner

from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.plan import file_stem

from workbook_helpers import write_filled

FW = get_framework("2020")


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env={"KOMPASS_LANG": None, **(env or {})})


def filled(folder: Path, municipality: str, name: str, scores: dict) -> Path:
    return write_filled(
        folder / f"{file_stem(municipality, 2024, name)}.xlsx", FW, scores, municipality=municipality, year=2024,
        evaluators=(name,), workbook_id=f"00000000-0000-4000-8000-{abs(hash(name)) % 10**12:012d}",
    )


def half_scores() -> dict[str, Decimal]:
    return {q.id: Decimal(q.max) / 2 for q in FW.questions}


def test_the_status_command_new_prints_runs_as_printed_in_a_folder_with_spaces_and_swedish_letters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.csv").write_text("Kommun;År;Ramverk;Utvärderare\nLuleå;2024;;Lisa Holm\n", encoding="utf-8")
    result = invoke("new", "--plan", "plan.csv", "-o", "omgång 2024")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Skrev 1 poängbok för 1 utvärdering i omgång 2024:"
    command = lines[-1].split(": ", 1)[1]
    assert command == "kompass status 'omgång 2024' --plan plan.csv"
    status = invoke(*shlex.split(command)[1:])
    assert status.exit_code == 1 and status.output.startswith("Luleå 2024: 0 av 1 tillbaka; Lisa Holm: inte tillbaka")
    english = invoke("--lang", "en", "new", "--plan", "plan.csv", "-o", "round two")
    assert english.output.splitlines()[0] == "Wrote 1 scoring workbook for 1 evaluation in round two:"


def test_merge_sums_up_missing_scores_per_area_as_check_does(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    filled(folder, "Kalix", "Anna Berg", half_scores())
    filled(folder, "Luleå", "Per Ek", {q: s for q, s in half_scores().items() if not q.startswith("3.")})
    result = invoke("merge", str(folder), "-o", str(tmp_path / "nationell.xlsx"))
    assert result.exit_code == 1, result.output
    assert "  Område 3: 5 av 5 delfrågor saknar poäng" in result.stderr
    assert "saknar poäng. Skriv en poäng" not in result.stderr  # no line per cell


def test_status_says_the_result_is_written_instead_of_asking_for_the_report_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("omgång")
    folder.mkdir()
    filled(folder, "Kiruna", "Anna Berg", half_scores())
    before = invoke("status", str(folder))
    command = json.loads(invoke("status", str(folder), "--json").output)["evaluations"][0]["next"]
    assert command.startswith("kompass report ") and f"nästa: {command}" in before.output
    assert invoke(*shlex.split(command)[1:]).exit_code == 0
    after = invoke("status", str(folder))
    assert after.exit_code == 0, after.output
    # the result goes to the current folder, as in the README, so the round's folder still checks
    assert command.endswith(" -o kiruna-2024-resultat.xlsx") and Path("kiruna-2024-resultat.xlsx").exists()
    result = "kiruna-2024-resultat.xlsx"
    assert after.output.splitlines()[0] == (
        f"Kiruna 2024: 1 av 1 tillbaka; Anna Berg: klar; ingen konsensus; resultatboken är skriven: {result}"
    )
    assert invoke("check", str(folder)).exit_code == 0
    document = json.loads(invoke("status", str(folder), "--json").output)
    assert document["evaluations"][0]["next"] is None and document["evaluations"][0]["result"] == str(result)


ENGLISH_PLACEHOLDERS = re.compile(r"\b(OPTIONS|COMMAND|ARGS|PATHS?|FILE|FOLDER|OUTDIR|SOURCE|POINTS|INTEGER|RANGE)\b")


def test_swedish_help_has_no_english_placeholders():
    ctx = click.Context(cli)
    commands = [[]] + [[name] for name in cli.list_commands(ctx)] + [["frameworks", "show"]]
    for words in commands:
        result = invoke(*words, "--help")
        assert result.exit_code == 0
        assert not ENGLISH_PLACEHOLDERS.findall(result.output), (words, ENGLISH_PLACEHOLDERS.findall(result.output))
        english = invoke("--lang", "en", *words, "--help")
        assert "[OPTIONS]" in english.output
    missing = invoke("check")
    assert missing.exit_code == 2
    assert "Användning: cli check [FLAGGOR] SÖKVÄGAR..." in missing.output
    assert "Fel: Argument saknas 'SÖKVÄGAR...'." in missing.output
    assert "Missing argument 'PATHS...'" in invoke("--lang", "en", "check").output
    assert "--year ÅÅÅÅ " in invoke("new", "--help").output and "--date ÅÅÅÅ-MM-DD " in invoke("new", "--help").output
    english_new = invoke("--lang", "en", "new", "--help").output
    assert "--year YYYY " in english_new and "--date YYYY-MM-DD " in english_new and "Å" not in english_new.replace("Olofström", "")


def test_merge_of_one_workbook_counts_it_in_the_singular(tmp_path):
    folder = tmp_path / "konsensus 2024"
    folder.mkdir()
    filled(folder, "Kalix", "Anna Berg", half_scores())
    out = tmp_path / "nationell.xlsx"
    result = invoke("merge", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Skrev {out}: 1 fil, 1 sammanslagen, 0 avvisade, 0 dubbletter, 0 konflikter"
    english = invoke("--lang", "en", "merge", str(folder), "-o", str(out), "--force")
    assert english.stdout.strip() == f"Wrote {out}: 1 file, 1 merged, 0 rejected, 0 duplicates, 0 conflicts"


def test_a_plan_with_a_misspelt_municipality_is_refused_as_new_refuses_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.csv").write_text("Kommun;År;Ramverk;Utvärderare\nKalix;2024;;Anna Berg\nKalx;2024;;Lisa Holm\n", encoding="utf-8")
    result = invoke("new", "--plan", "plan.csv", "-o", "omgang")
    assert result.exit_code == 1
    assert not Path("omgang").exists()
    assert result.stderr.splitlines() == [
        "Fel: planen plan.csv kan inte användas (1 fel); ingenting skrevs:",
        "  rad 3: 'Kalx' finns inte bland Sveriges 290 kommuner. Menade du Kalix? Överkalix? Kalmar? Rätta namnet i planen, eller lägg till --force-name för att behålla det",
    ]
    english = invoke("--lang", "en", "new", "--plan", "plan.csv", "-o", "omgang")
    assert english.stderr.splitlines()[0] == "Error: the plan plan.csv cannot be used (1 problem); nothing was written:"
    kept = invoke("new", "--plan", "plan.csv", "-o", "omgang", "--force-name")
    assert kept.exit_code == 0, kept.output
    assert sorted(p.name for p in Path("omgang").iterdir()) == ["kalix-2024-anna-berg.xlsx", "kalx-2024-lisa-holm.xlsx"]
    status = invoke("status", "omgang", "--plan", "plan.csv")  # the round's status reads such a plan
    assert status.exit_code == 1 and status.output.splitlines()[1].startswith("Kalx 2024: 0 av 1 tillbaka")


def test_consensus_says_what_to_do_next_with_a_command_that_runs_as_printed(tmp_path):
    folder = tmp_path / "omgång 2024"
    folder.mkdir()
    a = filled(folder, "Kalix", "Anna Berg", half_scores())
    b = filled(folder, "Kalix", "Per Ek", {q: s + 1 if s + 1 <= s * 2 else s for q, s in half_scores().items()})
    out = folder / "kalix-2024-konsensus.xlsx"
    result = invoke("consensus", str(a), str(b), "-o", str(out))
    assert result.exit_code == 0, result.output
    then = result.output.splitlines()[-1]
    assert then.startswith("Diskutera de flaggade delfrågorna (bladet Skillnader), skriv de gemensamma poängen på områdesbladen, spara och kör sedan: kompass check '")
    checked = invoke(*shlex.split(then.split(": ", 1)[1])[1:])
    assert checked.exit_code == 0 and checked.output.startswith(f"{out}: giltig")


def _keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def test_every_key_the_json_outputs_print_is_in_the_readmes_json_shapes(tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shapes = readme[readme.index("### JSON shapes"):readme.index("### Several evaluators")]
    folder = tmp_path / "omgång"
    folder.mkdir()
    a = filled(folder, "Kalix", "Anna Berg", half_scores())
    filled(folder, "Kalix", "Per Ek", {q: s for q, s in half_scores().items() if q != "1.1"})
    filled(folder, "Luleå", "Per Ek", half_scores())
    (folder / "notes.xlsb").write_bytes(b"x")
    documents = [
        json.loads(invoke("frameworks", "show", "2020", "--json").output),
        json.loads(invoke("check", str(folder), "--json").output),
        json.loads(invoke("status", str(folder), "--json").output),
    ]
    b2 = filled(tmp_path, "Kalix", "Lisa Holm", half_scores())
    out, merged = tmp_path / "n.xlsx", tmp_path / "m.json"
    copy = tmp_path / "kalix - kopia.xlsx"
    copy.write_bytes(a.read_bytes())
    invoke("merge", str(folder), str(copy), str(b2), "-o", str(out), "--json", str(merged))
    documents.append(json.loads(merged.read_text(encoding="utf-8")))
    assert documents[-1]["rejected"] and documents[-1]["conflicts"] and documents[-1]["duplicates"]
    keys = set().union(*(_keys(document, set()) for document in documents))
    assert sorted(key for key in keys if f'"{key}":' not in shapes) == []


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path):
    """`kompass frameworks show 2010 | head -1`: the pipe closes before kompass writes; no "Fel:" line."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "kompass_xlsx", "frameworks", "show", "2010"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path,
    )
    process.stdout.close()  # the reader is gone before anything is written
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


def test_status_and_new_name_a_missing_plan_or_a_plan_given_as_the_folder_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("omgång").mkdir()
    filled(Path("omgång"), "Kalix", "Anna Berg", half_scores())
    Path("min plan.csv").write_text("Kommun;År;Ramverk;Utvärderare\nKalix;2024;;Anna Berg\n", encoding="utf-8")
    wrong = invoke("status", "min plan.csv")
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "Fel: min plan.csv är en fil; status läser en mapp med poängböcker, och en plan ges med --plan: "
        "kompass status MAPP --plan 'min plan.csv'\n"
    )
    for args in (("status", "omgång", "--plan", "plan.csv"), ("new", "--plan", "plan.csv", "-o", "ny")):
        missing = invoke(*args)
        assert missing.exit_code == 2, args
        assert missing.stderr == "Fel: plan.csv finns inte; kontrollera stavningen och vilken mapp du står i\n"
    assert not Path("ny").exists()
    Path("fel.csv").write_text("Kommun;År;Ramverk;Utvärderare\nKalix;tjugo;;Anna Berg\n", encoding="utf-8")
    bad = invoke("status", "omgång", "--plan", "fel.csv")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == "Fel: planen fel.csv kan inte användas (1 fel):"  # status writes nothing anyway


def test_plan_template_says_what_to_do_next_with_a_command_that_runs_once_the_plan_is_filled(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.chdir(tmp_path)
    result = invoke("plan-template", "-o", "min plan.xlsx")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Skrev min plan.xlsx",
        "Skriv en rad per utvärdering (kommun, år, ramverk eller tomt, utvärderare åtskilda med semikolon), "
        "spara och kör sedan: kompass new --plan 'min plan.xlsx' -o omgang-2024",
    ]
    plan = openpyxl.load_workbook("min plan.xlsx")
    sheet = plan["Plan"]
    sheet["A2"], sheet["B2"], sheet["D2"] = "Kalix", 2024, "Anna Berg; Per Ek"
    plan.save("min plan.xlsx")
    made = invoke(*shlex.split(result.output.splitlines()[-1].split(": ", 1)[1])[1:])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in Path("omgang-2024").iterdir()) == ["kalix-2024-anna-berg.xlsx", "kalix-2024-per-ek.xlsx"]


def test_consensus_refusing_an_incomplete_workbook_sums_up_its_missing_scores_per_area(tmp_path):
    a = filled(tmp_path, "Kalix", "Anna Berg", half_scores())
    b = filled(tmp_path, "Kalix", "Per Ek", {q: s for q, s in half_scores().items() if not q.startswith(("3.", "5."))})
    result = invoke("consensus", str(a), str(b), "-o", str(tmp_path / "k.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"{b}: OGILTIG, 10 fel, 0 varningar",
        "  Område 3: 5 av 5 delfrågor saknar poäng",
        "  Område 5: 5 av 5 delfrågor saknar poäng",
    ]
    assert f"kompass check {b}" in result.stderr.splitlines()[3]


def test_status_counts_a_filled_copy_beside_its_blank_once_and_says_to_move_the_blank(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.csv").write_text('Kommun;År;Ramverk;Utvärderare\nKalix;2024;;"Anna Berg; Per Ek"\n', encoding="utf-8")
    assert invoke("new", "--plan", "plan.csv", "-o", "omgång").exit_code == 0
    blank = Path("omgång/kalix-2024-per-ek.xlsx")
    for path, evaluator in ((Path("omgång/kalix-2024-anna-berg.xlsx"), "Anna Berg"), (blank, "Per Ek")):
        workbook_id = json.loads(invoke("check", str(path), "--json").output)["files"][0]["workbook_id"]
        target = path if evaluator == "Anna Berg" else Path("omgång/kalix-2024-per-ek (1).xlsx")
        write_filled(target, FW, half_scores(), municipality="Kalix", year=2024, evaluators=(evaluator,), workbook_id=workbook_id)
    result = invoke("status", "omgång", "--plan", "plan.csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Kalix 2024: 2 av 2 tillbaka; Anna Berg: klar; Per Ek: klar; ingen konsensus; nästa: kompass consensus ")
    assert "'omgång/kalix-2024-per-ek (1).xlsx'" in lines[0]
    assert lines[1] == (
        "'omgång/kalix-2024-per-ek.xlsx' är en kopia av 'omgång/kalix-2024-per-ek (1).xlsx' "
        "(samma poängbok, med lika många eller färre poäng) och räknas inte; flytta den ur mappen"
    )
    # one blank copied by hand for two evaluators is still two evaluators' workbooks
    other = Path("omgång/kalix-2024-lisa-holm.xlsx")
    workbook_id = json.loads(invoke("check", str(blank), "--json").output)["files"][0]["workbook_id"]
    write_filled(other, FW, half_scores(), municipality="Kalix", year=2024, evaluators=("Lisa Holm",), workbook_id=workbook_id)
    assert "Lisa Holm: klar" in invoke("status", "omgång").output
