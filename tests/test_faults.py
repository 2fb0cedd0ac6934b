"""Fault injection: signals during merge, killed runs and their leftovers, races, odd cache entries, terminal text.

The signal tests run `kompass merge` as a real process in its own session (as a terminal runs it)
and send it what Ctrl-C, `kill` and `kill -9` send.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompass_xlsx import batch, leftovers
from kompass_xlsx.batch import ResultCache
from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.errors import OutputError
from kompass_xlsx.outputs import write_all_atomic, write_atomic
from kompass_xlsx.textsafety import terminal_text, xml_text

from fault_helpers import filled

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locks"),
    pytest.mark.usefixtures("english"),  # these tests assert the English texts
]


def aged(path: Path, seconds: float = 10) -> Path:
    """Make a file look as if it was made `seconds` ago (past the grace a fresh temporary file gets)."""
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


# --- temporary names, leftovers, races -------------------------------------------------------------


def test_an_output_name_of_255_bytes_works(tmp_path):
    name = "å" * 100 + "x" * 50 + ".xlsx"  # 200 + 50 + 5 = 255 bytes, the most a file name holds
    assert len(name.encode()) == 255
    write_atomic(tmp_path / name, b"data")
    assert (tmp_path / name).read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_stale_temporary_outputs_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / ".kompass-abcd1234.part"
    dead.write_bytes(b"half")
    aged(dead)
    fresh = tmp_path / ".kompass-fresh123.part"
    fresh.write_bytes(b"just started")
    held = tmp_path / ".kompass-held1234.part"
    held.write_bytes(b"being written")
    aged(held)
    old_style = tmp_path / ".nationell.xlsx.a1b2c3d4.part"
    old_style.write_bytes(b"old")
    aged(old_style, leftovers.STALE_SECONDS + 10)
    users = tmp_path / ".my notes.part"
    users.write_bytes(b"not ours")
    aged(users, leftovers.STALE_SECONDS + 10)
    descriptor = os.open(held, os.O_RDWR)
    leftovers.lock(descriptor)
    try:
        write_atomic(tmp_path / "out.xlsx", b"new")
    finally:
        os.close(descriptor)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, held.name, users.name, "out.xlsx"])


def test_a_pair_left_half_renamed_by_a_killed_run_is_completed_by_the_next(tmp_path):
    workbook, document = tmp_path / "n.xlsx", tmp_path / "n.json"
    workbook.write_bytes(b"new workbook")  # renamed before the kill
    document.write_bytes(b"old json")
    temp = tmp_path / ".kompass-pair1234.part"
    temp.write_bytes(b"new json")
    journal = tmp_path / ".kompass-jour1234.pair"
    journal.write_text(json.dumps({"moves": [[str(tmp_path / ".kompass-gone1234.part"), str(workbook)], [str(temp), str(document)]], "force": True}))
    aged(journal)
    write_atomic(tmp_path / "other.xlsx", b"x")  # any later run writing into the folder
    assert workbook.read_bytes() == b"new workbook" and document.read_bytes() == b"new json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.json", "n.xlsx", "other.xlsx"]


def test_two_runs_to_the_same_output_without_force_cannot_both_succeed(tmp_path, monkeypatch):
    output = tmp_path / "n.xlsx"
    real_tidy = leftovers.tidy_output_folder

    def other_run_finishes_first(folder):  # between this run's existence check and its rename
        output.write_bytes(b"the other run's")
        real_tidy(folder)

    monkeypatch.setattr("kompass_xlsx.outputs.tidy_output_folder", other_run_finishes_first)
    with pytest.raises(OutputError, match="already exists"):
        write_all_atomic([(output, b"this run's"), (tmp_path / "n.json", b"{}")])
    assert output.read_bytes() == b"the other run's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.xlsx"]  # neither of the pair, no temporary file


def test_the_second_of_a_pair_existing_takes_the_first_back(tmp_path, monkeypatch):
    json_path = tmp_path / "n.json"
    real_tidy = leftovers.tidy_output_folder

    def other_run(folder):
        json_path.write_bytes(b"theirs")
        real_tidy(folder)

    monkeypatch.setattr("kompass_xlsx.outputs.tidy_output_folder", other_run)
    with pytest.raises(OutputError, match="n.json already exists"):
        write_all_atomic([(tmp_path / "n.xlsx", b"mine"), (json_path, b"mine")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.json"]


def test_stale_cache_parts_and_national_folders_are_removed(tmp_path, monkeypatch):
    cache_root = tmp_path / "cache"
    ResultCache(cache_root)  # makes the version folder
    (version,) = list(cache_root.iterdir())
    (version / "ab").mkdir()
    dead = version / "ab" / "tmpabcd1234.part"
    dead.write_text("half")
    aged(dead)
    entry = version / "ab" / ("ab" + "0" * 62 + ".json")
    entry.write_text("{}")
    aged(entry)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(leftovers.tempfile, "gettempdir", lambda: str(temp_root))
    dead_folder = temp_root / "kompass-national-abcd1234"
    dead_folder.mkdir()
    (dead_folder / "sheet1.xml").write_bytes(b"x" * 1000)
    (dead_folder / leftovers.FOLDER_LOCK).write_bytes(b"")
    aged(dead_folder)
    live_folder = temp_root / "kompass-national-live1234"
    live_folder.mkdir()
    ResultCache(cache_root)
    with leftovers.held_folder(live_folder):
        aged(live_folder)
        write_atomic(tmp_path / "out.xlsx", b"x")
    assert not dead.exists() and entry.exists()
    assert sorted(p.name for p in temp_root.iterdir()) == ["kompass-national-live1234"]



def test_a_national_folder_left_empty_by_a_kill_before_its_lock_is_removed(tmp_path, monkeypatch):
    # kill -9 between making the parts folder and locking it leaves an empty folder with no lock
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(leftovers.tempfile, "gettempdir", lambda: str(temp_root))
    killed = temp_root / "kompass-national-kill1234"
    killed.mkdir()
    aged(killed, leftovers.GRACE_SECONDS + 1)
    young = temp_root / "kompass-national-young123"
    young.mkdir()  # a live run may be about to lock it
    old_style = temp_root / "kompass-national-older123"
    old_style.mkdir()
    (old_style / "sheet1.xml").write_bytes(b"x")  # an earlier version's folder: no lock, not empty
    aged(old_style, leftovers.GRACE_SECONDS + 1)
    leftovers.tidy_temporary_folders()
    assert sorted(p.name for p in temp_root.iterdir()) == ["kompass-national-older123", "kompass-national-young123"]

# --- cache entries are opened as the reader opens workbooks ---------------------------------------


def cache_with_entry(tmp_path, valid) -> tuple[ResultCache, Path, str]:
    cache = ResultCache(tmp_path / "cache")
    result = check_workbook(valid)
    cache.put(result)
    entry = cache._entry(result.sha256)  # noqa: SLF001 - the test replaces the entry's file
    assert cache.get(result.sha256, valid) is not None
    entry.unlink()
    return cache, entry, result.sha256


def returns_within(seconds: float, call):
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"did not return within {seconds} s"
    return outcome[0]


def test_a_fifo_as_cache_entry_is_not_waited_for(tmp_path):
    valid = filled(tmp_path / "v.xlsx")
    cache, entry, sha = cache_with_entry(tmp_path, valid)
    os.mkfifo(entry)
    assert returns_within(5, lambda: cache.get(sha, valid)) is None


def test_a_link_to_a_device_as_cache_entry_is_not_read(tmp_path):
    valid = filled(tmp_path / "v.xlsx")
    cache, entry, sha = cache_with_entry(tmp_path, valid)
    entry.symlink_to("/dev/zero")
    assert returns_within(5, lambda: cache.get(sha, valid)) is None


def test_a_huge_cache_entry_is_not_read(tmp_path, monkeypatch):
    valid = filled(tmp_path / "v.xlsx")
    cache, entry, sha = cache_with_entry(tmp_path, valid)
    monkeypatch.setattr(batch, "MAX_ENTRY_BYTES", 1000)
    entry.write_bytes(b" " * 2000)
    assert cache.get(sha, valid) is None


# --- text printed and written ---------------------------------------------------------------------


def test_terminal_text_escapes_what_a_terminal_would_obey():
    assert terminal_text("Åre\tkommun\n") == "Åre\tkommun\n"
    assert terminal_text("a\x1b[2Jb\x07\x9bc\u202ed\udcff") == "a\\u001b[2Jb\\u0007\\u009bc\\u202ed\\udcff"


def test_xml_text_is_one_rule_for_text_xml_cannot_hold():
    assert xml_text("a\x01b\tc\n\ufffe\udc80") == "a_x0001_b\tc\n_xFFFE_\ufffd"


def test_names_with_escape_sequences_are_printed_escaped(tmp_path):
    path = filled(tmp_path / "ctl\x1b[31m.xlsx", municipality="Ab\x1b]0;pwned\x07c")
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert run.exit_code == 1
    assert "\x1b" not in run.output and "\x07" not in run.output
    assert "ctl\\u001b[31m.xlsx" in run.output and "Ab\\u001b]0;pwned\\u0007c" in run.output


def test_json_output_stays_valid_with_escaped_controls(tmp_path):
    path = filled(tmp_path / "c\u0085.xlsx", municipality="Ab\x9bc")
    run = CliRunner().invoke(cli, ["check", "--json", str(path)])
    document = json.loads(run.output)
    assert document["files"][0]["path"].endswith("c\u0085.xlsx")


# --- signals during merge -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """400 workbooks: a merge with two workers takes a few seconds."""
    folder = tmp_path_factory.mktemp("many")
    first = filled(folder / "w000.xlsx")
    for number in range(1, 400):
        shutil.copyfile(first, folder / f"w{number:03}.xlsx")
    return folder


def processes_with(marker: str) -> list[int]:
    """The live processes whose command line holds `marker` (the merge and its forked workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in command and state != "Z":
            found.append(int(entry))
    return found


def start_merge(many: Path, tmp_path: Path, marker: str) -> tuple[subprocess.Popen, dict]:
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "KOMPASS_LANG": "en", "PYTHONUNBUFFERED": "1"}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    (tmp_path / "out").mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "kompass_xlsx", "merge", str(many), "-o", str(tmp_path / "out" / f"{marker}.xlsx"),
        "--json", str(tmp_path / "out" / f"{marker}.json"), "--jobs", "2", "--cache", str(tmp_path / "cache"), "--force",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    return process, env


def wait_for_workers(marker: str, process: subprocess.Popen, count: int = 3, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while len(processes_with(marker)) < count:
        assert process.poll() is None, process.communicate()
        assert time.time() < deadline, "the workers never started"
        time.sleep(0.05)


def no_process_left(marker: str, timeout: float = 10) -> None:
    deadline = time.time() + timeout
    while processes_with(marker):
        assert time.time() < deadline, f"processes still alive: {processes_with(marker)}"
        time.sleep(0.1)


def temporary_files(tmp_path: Path) -> list[str]:
    found = [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    found += [p.name for p in (tmp_path / "tmp").iterdir()]
    if (tmp_path / "cache").exists():
        found += [p.name for p in (tmp_path / "cache").rglob("*.part")]
    return found


@pytest.mark.parametrize("after", [0.05, 0.3, 1.0])
def test_ctrl_c_during_merge_exits_130_with_one_line_and_no_live_worker(many, tmp_path, after):
    # early: workers creating their first cache entries (a kill there left an empty .part); later: the
    # pool's exit hook racing its clean-up printed "Exception ignored" after the one line
    marker = f"sigint{int(after * 100)}x{os.getpid()}"
    process, _ = start_merge(many, tmp_path, marker)
    wait_for_workers(marker, process)
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C: the whole group
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("merge hung after Ctrl-C")
    assert process.returncode == 130, stderr
    assert stderr.decode().splitlines() == ["Interrupted (Ctrl-C); no half-written files were left behind."]
    no_process_left(marker)
    assert temporary_files(tmp_path) == []


def test_sigterm_during_merge_exits_143_and_stops_the_workers(many, tmp_path):
    marker = f"sigterm{os.getpid()}"
    process, _ = start_merge(many, tmp_path, marker)
    wait_for_workers(marker, process)
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143, stderr
    assert stderr.decode().splitlines() == ["Terminated (SIGTERM); no half-written files were left behind."]
    no_process_left(marker)


@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_kill_9_during_merge_leaves_no_worker_and_one_more_run_no_temporary_file(many, tmp_path, moment):
    marker = f"sigkill{moment}{os.getpid()}"
    process, env = start_merge(many, tmp_path, marker)
    wait_for_workers(marker, process)
    if moment == "writing":  # the national workbook's parts folder exists while it is written
        deadline = time.time() + 60
        while not any((tmp_path / "tmp").iterdir()):
            assert process.poll() is None and time.time() < deadline
            time.sleep(0.01)
    process.kill()
    process.communicate(timeout=30)
    no_process_left(marker, timeout=5)  # the workers died with their parent (PR_SET_PDEATHSIG)
    time.sleep(leftovers.GRACE_SECONDS + 0.5)
    again, _ = start_merge(many, tmp_path, marker)
    stdout, stderr = again.communicate(timeout=180)
    assert again.returncode in (0, 1), stderr
    assert temporary_files(tmp_path) == []
    assert (tmp_path / "out" / f"{marker}.xlsx").exists() and (tmp_path / "out" / f"{marker}.json").exists()


def test_every_text_the_writers_put_in_xml_passes_the_one_escaping_rule(tmp_path):
    # XlsxWriter escapes control characters in cell text itself, but writes a formula's text result and
    # attribute values (validation messages, table headers) raw; the worksheet class of every workbook
    # the tool writes (workbooks/common.py, private XlsxWriter methods) passes them through xml_text
    from kompass_xlsx.reader import open_workbook
    from kompass_xlsx.workbooks.common import finish, new_workbook

    workbook, buffer = new_workbook()
    sheet = workbook.add_worksheet("S")
    sheet.write_formula(0, 0, '="a"&"b"', None, "Ab\x01c")
    sheet.write_string(1, 0, "Ab\x02c")
    sheet.data_validation(2, 0, 2, 0, {"validate": "integer", "criteria": ">=", "value": 0, "input_title": "T\x03", "input_message": "M\x04"})
    path = tmp_path / "escaped.xlsx"
    path.write_bytes(finish(workbook, buffer))
    cells = open_workbook(path).sheet_cells("S")  # every part well-formed
    assert cells["A1"].value == "Ab\x01c" and cells["A2"].value == "Ab\x02c"


def test_a_link_to_a_fifo_among_the_inputs_does_not_hang_merge(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    filled(folder / "ok.xlsx")
    os.mkfifo(tmp_path / "pipe")
    (folder / "pipe.xlsx").symlink_to(tmp_path / "pipe")
    run = returns_within(60, lambda: CliRunner().invoke(cli, ["merge", str(folder), "-o", str(tmp_path / "n.xlsx"), "--cache", str(tmp_path / "cache"), "--jobs", "1"]))
    assert run.exit_code == 1, run.output
    assert "pipe.xlsx" in run.output and (tmp_path / "n.xlsx").exists()
