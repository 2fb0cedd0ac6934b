"""`kompass merge`: a folder of mixed workbooks, parallel reading, the cache, exit codes, atomic output."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kompass_xlsx import batch
from kompass_xlsx.batch import ResultCache, check_many
from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.messages import say
from kompass_xlsx.national import read_national_rows
from kompass_xlsx.scoring import compute_totals

from workbook_helpers import write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts


def scores_for(framework, seed: int) -> dict[str, Decimal]:
    per_point = int(1 / framework.step)
    return {
        q.id: Decimal((seed * 7 + index * 13) % (q.max * per_point) + 1) * framework.step
        for index, q in enumerate(framework.questions)
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    """Valid workbooks of three versions, one invalid, one duplicate copy, one conflict pair, a lock file."""
    root = tmp_path / "in"
    (root / "2022").mkdir(parents=True)
    for i, (version, town) in enumerate([("2016", "Alingsås"), ("2016", "Borås"), ("2020", "Dals-Ed"), ("2010", "Eda")]):
        fw = get_framework(version)
        write_filled(root / "2022" / f"{town}.xlsx", fw, scores_for(fw, i), municipality=town, year=2018 + i, workbook_id=f"id-{i}")
    fw = get_framework("2020")
    bad = scores_for(fw, 9) | {"1.1": Decimal(99)}
    write_filled(root / "bad.xlsx", fw, bad, municipality="Falun", year=2023, workbook_id="id-bad")
    shutil.copy(root / "2022" / "Borås.xlsx", root / "copy-of-Borås.xlsx")
    write_filled(root / "gnosjo-a.xlsx", fw, scores_for(fw, 1), municipality="Gnosjö", year=2024, workbook_id="id-g1")
    write_filled(root / "gnosjo-b.xlsx", fw, scores_for(fw, 2), municipality="Gnosjö", year=2024, workbook_id="id-g2")
    (root / "~$Borås.xlsx").write_bytes(b"lock")
    return root


def run_merge(folder: Path, out: Path, *extra: str, lang: str = "en"):
    return CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000", "KOMPASS_LANG": lang}).invoke(
        cli, ["merge", str(folder), "-o", str(out), "--no-cache", *extra]
    )


def test_merge_of_a_mixed_folder(tmp_path, folder):
    out, js = tmp_path / "national.xlsx", tmp_path / "merge.json"
    result = run_merge(folder, out, "--json", str(js), "--jobs", "1", lang="sv")
    assert result.exit_code == 1  # one rejected file and one conflict
    assert result.stdout.strip() == f"Skrev {out}: 8 filer, 4 sammanslagna, 1 avvisad, 1 dubblett, 1 konflikt"
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [(e["municipality"], e["framework"]) for e in data["evaluations"]] == [
        ("Eda", "2010"), ("Alingsås", "2016"), ("Borås", "2016"), ("Dals-Ed", "2020"),
    ]
    (rejected,) = data["rejected"]
    assert Path(rejected["path"]).name == "bad.xlsx"
    assert [(f["code"], f["cell"]) for f in rejected["findings"]] == [("SCORE_ABOVE_MAX", "D5")]
    assert [Path(d["path"]).name for d in data["duplicates"]] == ["copy-of-Borås.xlsx"]
    assert [(c["municipality"], len(c["evaluations"])) for c in data["conflicts"]] == [("Gnosjö", 2)]
    fw = get_framework("2016")
    expected = compute_totals(fw, scores_for(fw, 0)).total
    assert Decimal(data["evaluations"][1]["total"]) == expected
    rows = read_national_rows(out)
    assert sorted(r.municipality for r in rows) == ["Alingsås", "Borås", "Dals-Ed", "Eda"]


def test_output_is_identical_for_one_or_two_jobs_and_any_order(tmp_path, folder):
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    assert run_merge(folder, one, "--jobs", "1").exit_code == 1
    assert run_merge(folder, two, "--jobs", "2").exit_code == 1
    assert one.read_bytes() == two.read_bytes()


def test_nothing_mergeable_exits_2_and_writes_nothing(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "national.xlsx"
    result = run_merge(root, out)
    assert result.exit_code == 2
    assert say("merge_nothing", count=1) in result.stderr
    assert not out.exists()


def test_all_valid_exits_0(tmp_path):
    fw = get_framework("2002")
    root = tmp_path / "in"
    root.mkdir()
    write_filled(root / "a.xlsx", fw, scores_for(fw, 3))
    assert run_merge(root, tmp_path / "n.xlsx").exit_code == 0


def test_cache_rereads_only_changed_files_and_survives_damage(tmp_path, folder, monkeypatch):
    calls = []
    real = batch._check
    monkeypatch.setattr(batch, "_check", lambda path, cache=None: calls.append(path.name) or real(path, cache))
    from kompass_xlsx.checking import sha256_of
    from kompass_xlsx.folders import find_workbooks

    files = find_workbooks([folder])
    cache = ResultCache(tmp_path / "cache")
    first = check_many(files, jobs=1, cache=cache)
    assert len(calls) == len(files)

    calls.clear()
    fw = get_framework("2020")
    write_filled(folder / "2022" / "Dals-Ed.xlsx", fw, scores_for(fw, 5), municipality="Dals-Ed", year=2020, workbook_id="id-2")
    second = check_many(files, jobs=1, cache=cache)
    assert calls == ["Dals-Ed.xlsx"]
    assert [r.path for r in second] == [r.path for r in first]
    assert second[0] == first[0]

    calls.clear()
    damaged = [p for p in files if p.name in ("Alingsås.xlsx", "Eda.xlsx")]  # each unique in content
    entries = {entry.stem: entry for entry in (tmp_path / "cache").rglob("*.json")}
    entries[sha256_of(damaged[0])].write_text('{"checksum": "0", "result": "{}"}', encoding="utf-8")
    entries[sha256_of(damaged[1])].write_bytes(b"\x00garbage")
    third = check_many(files, jobs=1, cache=cache)
    assert sorted(calls) == sorted(p.name for p in damaged)
    assert third == second


def test_parallel_workers_fill_the_cache_that_the_next_merge_reads(tmp_path, folder):
    from kompass_xlsx.checking import sha256_of
    from kompass_xlsx.folders import find_workbooks

    files = find_workbooks([folder])
    cache = ResultCache(tmp_path / "cache")
    first = check_many(files, jobs=2, cache=cache)
    stored = {entry.stem for entry in (tmp_path / "cache").rglob("*.json")}
    assert stored == {r.sha256 for r in first if r.sha256} and len(stored) >= 5
    assert not list((tmp_path / "cache").rglob("*.part"))
    assert all(cache.get(sha256_of(Path(r.path)), Path(r.path)) == r for r in first if r.sha256)


def test_killed_merge_leaves_no_file_or_a_complete_one(tmp_path):
    fw = get_framework("2016")
    root = tmp_path / "many"
    root.mkdir()
    for i in range(40):
        write_filled(root / f"k{i:03}.xlsx", fw, scores_for(fw, i), municipality=f"Kommun {i}", year=2019, workbook_id=f"k{i}")
    kompass = Path(sys.executable).with_name("kompass")
    for delay in (0.3, 0.8, 1.5):
        out = tmp_path / f"national-{delay}.xlsx"
        process = subprocess.Popen([str(kompass), "merge", str(root), "-o", str(out), "--no-cache", "--jobs", "2"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if out.exists():  # a SIGKILL during the final write can leave only a hidden .part file
            assert len(openpyxl.load_workbook(out, read_only=True).sheetnames) > 3


def test_outputs_never_overwrite_inputs_or_each_other(tmp_path, folder):
    target = folder / "2022" / "Borås.xlsx"
    before = target.read_bytes()
    same = CliRunner().invoke(cli, ["merge", str(target), str(folder / "2022" / "Eda.xlsx"), "-o", str(target), "--force", "--no-cache"])
    assert same.exit_code == 2 and "is one of the inputs" in same.stderr
    assert target.read_bytes() == before
    twice = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(tmp_path / "n.xlsx"), "--json", str(tmp_path / "n.xlsx"), "--no-cache"])
    assert twice.exit_code == 2 and "must be different files" in twice.stderr


def test_a_failing_second_output_leaves_neither(tmp_path, folder):
    out, js = tmp_path / "n.xlsx", tmp_path / "sub" / "n.json"
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(out), "--json", str(js), "--no-cache"])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not out.exists()


def test_special_file_output_is_refused(tmp_path, folder):
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", "/dev/null", "--force", "--no-cache"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_full_disk_while_the_national_workbook_is_built_is_an_error_not_a_traceback(tmp_path, folder, monkeypatch):
    import errno
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "temp"))

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    monkeypatch.setattr(tempfile, "mkstemp", full)
    out = tmp_path / "national.xlsx"
    result = run_merge(folder, out, "--jobs", "1")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: a file could not be read or written: No space left on device ({tmp_path / 'temp'})"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [folder]  # no temporary file left next to the output either


@pytest.mark.parametrize(
    "entry",
    ['{"checksum": "x", "result": null}', '{"checksum": "x", "result": [1]}', '{"result": "{}"}', "[1, 2]", '"text"', "null", "{"],
)
def test_any_damaged_cache_entry_is_read_again_and_rewritten(tmp_path, entry):
    fw = get_framework("2016")
    path = write_filled(tmp_path / "a.xlsx", fw, scores_for(fw, 1))
    cache = ResultCache(tmp_path / "cache")
    (first,) = check_many([path], cache=cache)
    (stored,) = (tmp_path / "cache").rglob("*.json")
    stored.write_text(entry, encoding="utf-8")
    assert cache.get(first.sha256, path) is None
    assert check_many([path], cache=cache) == [first]
    assert cache.get(first.sha256, path) == first


def test_a_cache_entry_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    from kompass_xlsx.checking import sha256_of

    fw = get_framework("2016")
    path = write_filled(tmp_path / "a.xlsx", fw, scores_for(fw, 1))
    cache = ResultCache(tmp_path / "cache")
    sha = sha256_of(path)
    (cache.folder / sha[:2] / f"{sha}.json").mkdir(parents=True)  # in the way of the entry
    for _ in range(3):
        assert check_many([path], cache=cache)[0].valid
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_entries_of_other_tool_versions_unused_for_a_month_are_removed(tmp_path):
    old, recent = tmp_path / "cache" / ("a" * 16), tmp_path / "cache" / ("b" * 16)
    for folder in (old, recent):
        (folder / "ab").mkdir(parents=True)
        (folder / "ab" / "entry.json").write_text("{}")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    keep = tmp_path / "cache" / "notes"  # not a cache folder of ours: left alone however old
    keep.mkdir()
    os.utime(keep, (month_ago, month_ago))
    cache = ResultCache(tmp_path / "cache")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted([cache.folder.name, "b" * 16, "notes"])


@pytest.mark.parametrize("option", ["-o", "--json"])
def test_an_output_that_would_overwrite_a_workbook_to_merge_is_refused(tmp_path, folder, option):
    victim = folder / "2022" / "Eda.xlsx"
    before = victim.read_bytes()
    extra = ["--json", str(victim)] if option == "--json" else []
    out = victim if option == "-o" else tmp_path / "national.xlsx"
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(out), *extra, "--no-cache", "--force"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {victim} is one of the workbooks to merge; write the output somewhere else"
    assert victim.read_bytes() == before


def test_an_earlier_national_summary_in_the_folder_is_replaced_not_merged(folder):
    out = folder / "nationell.xlsx"
    first = run_merge(folder, out, "--jobs", "1")
    second = run_merge(folder, out, "--jobs", "1", "--force")
    assert first.stdout == second.stdout  # the same 8 files: the summary itself is not one of them
    assert second.exit_code == 1 and out.exists()


def test_a_file_name_that_is_not_utf8_is_shown_with_its_byte_and_merges(tmp_path, folder):
    odd = os.fsdecode(b"G\xe4vle.xlsx")  # a name unpacked from an old zip
    fw = get_framework("2016")
    write_filled(folder / odd, fw, scores_for(fw, 4), municipality="Gävle", year=2021, workbook_id="id-gavle")
    out, js = tmp_path / "national.xlsx", tmp_path / "merge.json"
    result = run_merge(folder, out, "--json", str(js), "--jobs", "2")
    assert result.exit_code == 1, result.output  # the folder's own rejected file and conflict
    shown = str(folder / "G\\xe4vle.xlsx")
    assert shown in [e["path"] for e in json.loads(js.read_text(encoding="utf-8"))["evaluations"]]
    rows = read_national_rows(out)
    assert "Gävle" in [row.municipality for row in rows]
    book = openpyxl.load_workbook(out)
    assert shown in [c.value for row in book["Utvärderingar"].iter_rows() for c in row]  # the file column of the evaluations


def test_a_full_disk_while_the_workbook_is_packed_gives_one_error_line_and_leaves_nothing(tmp_path, folder):
    # a real process, so that what the garbage collector prints at exit is seen too
    script = (
        "import sys, tempfile\n"
        "from kompass_xlsx.workbooks import common\n"
        "def full(*args):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "common.PlainSharedStrings._write_si = full\n"
        "from kompass_xlsx.cli import cli\n"
        "sys.argv = ['kompass', *sys.argv[1:]]\n"
        "cli()\n"
    )
    out, temp = tmp_path / "national.xlsx", tmp_path / "temp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-c", script, "merge", str(folder), "-o", str(out), "--no-cache", "--jobs", "1"],
                          capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temp)})
    assert (done.returncode, done.stderr) == (2, "Error: a file could not be read or written: No space left on device\n")
    assert not out.exists() and list(temp.iterdir()) == []


def test_evaluators_that_grow_when_joined_are_cut_to_a_cell_and_nothing_stops(tmp_path, folder):
    from workbook_helpers import defined_cell

    fw = get_framework("2020")
    path = write_filled(folder / "many-evaluators.xlsx", fw, scores_for(fw, 6), municipality="Hjo", year=2021, workbook_id="id-hjo")
    book = openpyxl.load_workbook(path)
    defined_cell(book, "evaluators").value = ";".join(["ab"] * 10_900)  # 32,699 characters; ", " between them: 43,598
    book.save(path)
    out = tmp_path / "national.xlsx"
    result = run_merge(folder, out, "--jobs", "1", lang="sv")
    assert result.exit_code == 1 and "5 sammanslagna" in result.stdout, result.output
    hjo = [r for r in openpyxl.load_workbook(out)["Utvärderingar"].iter_rows(values_only=True) if r[0] == "Hjo"]
    assert len(hjo[0][3]) == 32_767 and hjo[0][3].startswith("ab, ab, ") and hjo[0][3].endswith(" […]")
    report = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / "hjo.xlsx"), "--national", str(out)])
    assert report.exit_code == 0, report.output


def test_conflicts_are_listed_on_stderr_also_when_nothing_could_be_merged(tmp_path, folder):
    mixed = run_merge(folder, tmp_path / "national.xlsx", "--jobs", "1")
    conflict = [
        say("merge_conflict", municipality="Gnosjö", year=2024, count=2),
        f"  {folder / 'gnosjo-a.xlsx'}",
        f"  {folder / 'gnosjo-b.xlsx'}",
        say("merge_conflict_other"),  # no evaluators named: nothing says they are one team's workbooks
    ]
    assert mixed.stderr.splitlines()[-4:] == conflict
    only = tmp_path / "only"
    only.mkdir()
    for name in ("gnosjo-a.xlsx", "gnosjo-b.xlsx"):
        shutil.copy(folder / name, only / name)
    result = run_merge(only, tmp_path / "none.xlsx", "--jobs", "1")
    assert result.exit_code == 2 and not (tmp_path / "none.xlsx").exists()
    assert result.stderr.splitlines() == [
        say("error_prefix", message=say("merge_nothing", count=2)),
        say("merge_conflict", municipality="Gnosjö", year=2024, count=2),
        f"  {only / 'gnosjo-a.xlsx'}",
        f"  {only / 'gnosjo-b.xlsx'}",
        say("merge_conflict_other"),
    ]


def test_cache_and_no_cache_together_is_a_usage_error(tmp_path, folder):
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(tmp_path / "n.xlsx"), "--no-cache", "--cache", str(tmp_path / "c")])
    assert result.exit_code == 2 and "--cache and --no-cache cannot be used together" in result.stderr
    assert not (tmp_path / "n.xlsx").exists() and not (tmp_path / "c").exists()


def test_merge_prints_in_english_when_asked(tmp_path, folder):
    out = tmp_path / "national.xlsx"
    result = CliRunner(env={"KOMPASS_LANG": "en"}).invoke(cli, ["merge", str(folder), "-o", str(out), "--no-cache", "--jobs", "1"])
    assert result.stdout.strip() == f"Wrote {out}: 8 files, 4 merged, 1 rejected, 1 duplicate, 1 conflict"


def test_two_evaluators_workbooks_give_a_consensus_command_that_runs_as_printed(tmp_path):
    """One team's individual workbooks of a municipality and year: a conflict as before (exit 1), and on
    stderr and the conflict sheet the `kompass consensus` command, which succeeds when run as printed."""
    folder = tmp_path / "Runda 2024"  # a space: the command must quote the paths
    folder.mkdir()
    fw = get_framework("2020")
    write_filled(folder / "Anna Berg.xlsx", fw, scores_for(fw, 1), municipality="Sala", year=2024, workbook_id="id-a", evaluators=("Anna Berg",))
    write_filled(folder / "per's.xlsx", fw, scores_for(fw, 2), municipality="Sala", year=2024, workbook_id="id-p", evaluators=("Per Ek",))
    write_filled(folder / "tierp.xlsx", fw, scores_for(fw, 3), municipality="Tierp", year=2024, workbook_id="id-t", evaluators=("Lisa",))
    out, js = tmp_path / "national.xlsx", tmp_path / "merge.json"
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(out), "--json", str(js), "--no-cache", "--jobs", "1"])
    assert result.exit_code == 1  # as for any conflict
    lines = result.stderr.splitlines()
    assert say("merge_conflict_team") in lines
    command = lines[lines.index(say("merge_conflict_team")) + 1].strip()
    words = shlex.split(command)
    assert words[:2] == ["kompass", "consensus"] and sorted(words[2:4]) == sorted([str(folder / "Anna Berg.xlsx"), str(folder / "per's.xlsx")])
    assert [c["consensus_command"] for c in json.loads(js.read_text(encoding="utf-8"))["conflicts"]] == [command]
    sheet = openpyxl.load_workbook(out)["Konflikter och dubbletter"]
    assert command in [cell.value for row in sheet.iter_rows() for cell in row]
    kompass = Path(sys.executable).with_name("kompass")
    done = subprocess.run([str(kompass), *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    consensus = Path(words[-1])
    assert consensus == folder / "sala-2024-konsensus.xlsx" and consensus.is_file()
    check = CliRunner().invoke(cli, ["check", str(consensus)])
    assert check.exit_code == 0, check.output


def test_a_copy_is_the_duplicate_whatever_the_order_or_age(tmp_path):
    """`x.xlsx` and `x - kopia.xlsx` with the same content: `x.xlsx` is kept, even when the copy is older."""
    fw = get_framework("2020")
    folder = tmp_path / "in"
    folder.mkdir()
    original = write_filled(folder / "x.xlsx", fw, scores_for(fw, 1), municipality="Sala", year=2024, workbook_id="id-x")
    copy = folder / "x - kopia.xlsx"
    shutil.copy(original, copy)
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # the copy is the older file
    for order in ([original, copy], [copy, original]):
        out = tmp_path / "national.xlsx"
        js = tmp_path / "merge.json"
        result = CliRunner(env={"KOMPASS_LANG": "sv"}).invoke(cli, ["merge", *map(str, order), "-o", str(out), "--json", str(js), "--no-cache", "--jobs", "1", "--force"])
        assert result.exit_code == 0, result.output
        data = json.loads(js.read_text(encoding="utf-8"))
        assert [Path(e["path"]).name for e in data["evaluations"]] == ["x.xlsx"]
        assert [(Path(d["path"]).name, Path(d["duplicate_of"]).name) for d in data["duplicates"]] == [("x - kopia.xlsx", "x.xlsx")]
        assert result.stdout.strip().endswith("1 dubblett, 0 konflikter")


def test_of_two_copies_with_plain_names_the_oldest_is_kept(tmp_path):
    fw = get_framework("2020")
    older = write_filled(tmp_path / "b.xlsx", fw, scores_for(fw, 1), municipality="Sala", year=2024, workbook_id="id-x")
    newer = tmp_path / "a.xlsx"
    shutil.copy(older, newer)
    os.utime(older, (1_600_000_000, 1_600_000_000))
    js = tmp_path / "merge.json"
    result = CliRunner().invoke(cli, ["merge", str(newer), str(older), "-o", str(tmp_path / "n.xlsx"), "--json", str(js), "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert [Path(e["path"]).name for e in json.loads(js.read_text(encoding="utf-8"))["evaluations"]] == ["b.xlsx"]
