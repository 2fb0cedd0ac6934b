"""Speed and peak memory of `kompass merge` over a folder of filled workbooks, against two baselines.

Generates --files N filled scoring workbooks with our own writer (check_speed.write_filled: framework
versions in turn, random scores on the step, comments, strengths; a municipality and year of each
file's own, so all of them merge) on a process pool, with check_speed's verified formula cache; with
--scale K (default 5) it generates K*N and repeats the merge on all of them (the first N are hard
links to the same files). Then times, at N:
  (a) `kompass merge DIR -o OUT --no-cache --jobs J` as a subprocess (interpreter start, imports,
      checking every file, merging, writing the national workbook): what a coordinator waits for;
  (b) the floor on J processes: zipfile open + expat parse of workbook.xml, sharedStrings.xml and every
      sheet with empty handlers (read_floor.read_floor), nothing returned;
  (c) pandas.read_excel(path, sheet_name=None, engine="calamine") on J processes, every file's
      DataFrames returned to the parent: what a user would otherwise write (pandas imported already);
  (d) stock XlsxWriter (constant_memory) writing the values of the national workbook (a) wrote, sheet
      by sheet, cell by cell (write_string / write_number), nothing else: the cost of the output itself.
      The target of issue 13: (a) <= 1.3 x ((b) + (d)), reading and writing with stock tools;
  the library in-process (check_many, merge_results, build_national_workbook, each timed), to show
  where (a)'s time goes; and `kompass merge --cache C` twice: cold (reads all, fills the cache) and
  warm (the incremental path: nothing changed, nothing re-read).
Peak memory of each merge subprocess: the largest single process (getrusage(RUSAGE_CHILDREN).ru_maxrss
in a fresh wrapper process around the merge) and the peak of the whole process tree (merge process and
its workers, PSS summed, sampled from /proc every 20 ms). Compared with the memory one kept result
needs (tracemalloc over check_many results), to see whether memory grows with N beyond the rows kept.
Prints times, (a)/(b), (a)/(c) and the memory figures at N and K*N.

Needs the bench extra: .venv/bin/pip install -e '.[bench]'  (pandas, python-calamine)
Run: .venv/bin/python benchmarks/merge_speed.py [--files N] [--jobs J] [--scale K | --no-scale]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kompass_xlsx.batch import ResultCache, check_many  # noqa: E402
from kompass_xlsx.forms import creation_time  # noqa: E402
from kompass_xlsx.merging import merge_results  # noqa: E402
from kompass_xlsx.workbooks.national import build_national_workbook  # noqa: E402

from check_speed import generate  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
from read_floor import read_floor  # noqa: E402

CHECK_STEP = "check_many (read + validate, J processes)"

# Runs one command, then prints its time and the largest RSS among it and its (waited-for) descendants.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@dataclass
class MergeRun:
    seconds: float
    maxrss_mb: float  # largest single process
    tree_peak_mb: float  # peak of the PSS summed over the merge process and its workers
    main_peak_mb: float  # peak RSS (VmHWM) of the merge process itself
    processes: int
    summary: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _status_kb(pid: int, fields: tuple[str, ...], file: str = "status") -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/{file}") as handle:
            for line in handle:
                key = line.split(":", 1)[0]
                if key in fields:
                    values[key] = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return values


class TreeSampler(threading.Thread):
    """Samples the memory of a process's descendants (the wrapper itself is left out) until stopped."""

    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.stop = threading.Event()
        self.tree_peak_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self.first_child: int | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _descendants(self.root)
            if pids and self.first_child is None:
                self.first_child = pids[0]
            total = 0
            for pid in pids:
                total += _status_kb(pid, ("Pss",), "smaps_rollup").get("Pss", 0)
                hwm = _status_kb(pid, ("VmHWM",)).get("VmHWM", 0)
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), hwm)
            self.tree_peak_kb = max(self.tree_peak_kb, total)
            self.stop.wait(self.interval)


def kompass_command() -> list[str]:
    script = Path(sys.executable).with_name("kompass")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kompass_xlsx"]


def run_merge(folder: Path, output: Path, jobs: int, cache: Path | None) -> MergeRun:
    """(a) One `kompass merge` subprocess, timed, with its peak memory."""
    cache_args = ["--no-cache"] if cache is None else ["--cache", str(cache)]
    command = [*kompass_command(), "merge", str(folder), "-o", str(output), "--force", "--jobs", str(jobs), *cache_args]
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(wrapper.pid)
    sampler.start()
    stdout, _ = wrapper.communicate()
    sampler.stop.set()
    sampler.join()
    report = json.loads(stdout)
    if report["returncode"] != 0:
        raise SystemExit(f"kompass merge exited {report['returncode']}:\n{report['stdout']}{report['stderr']}")
    return MergeRun(
        seconds=report["seconds"],
        maxrss_mb=report["maxrss_kb"] / 1024,
        tree_peak_mb=sampler.tree_peak_kb / 1024,
        main_peak_mb=sampler.hwm_kb.get(sampler.first_child, 0) / 1024,
        processes=len(sampler.hwm_kb),
        summary=report["stdout"].strip(),
    )


def _chunksize(count: int, jobs: int) -> int:
    return max(1, min(32, count // (jobs * 4)))  # as kompass_xlsx.batch does


def time_pool(function, paths: list[Path], jobs: int) -> float:
    """Wall time of mapping `function` over `paths` on a fresh pool of `jobs` processes, results collected."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(function, paths, chunksize=_chunksize(len(paths), jobs)):
            pass
    return time.perf_counter() - start


def read_pandas(path: Path) -> dict:
    """(c) What a user would write: every sheet as a DataFrame."""
    import pandas

    return pandas.read_excel(path, sheet_name=None, engine="calamine")


def national_values(path: Path) -> list[tuple[str, list[tuple]]]:
    """Every sheet of a national workbook with its rows of values, as openpyxl reads them."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [(sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)]) for sheet in book.worksheets]
    finally:
        book.close()


def stock_write_seconds(path: Path, folder: Path) -> float:
    """(d) Writing the same values with stock XlsxWriter in constant_memory mode, best of two."""
    import xlsxwriter

    sheets = national_values(path)
    best = float("inf")
    for attempt in range(2):
        start = time.perf_counter()
        workbook = xlsxwriter.Workbook(str(folder / f"stock-{attempt}.xlsx"), {"constant_memory": True})
        for title, rows in sheets:
            sheet = workbook.add_worksheet(title)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        sheet.write_number(r, c, value)
        workbook.close()
        best = min(best, time.perf_counter() - start)
    return best


def library_breakdown(paths: list[Path], jobs: int, cache: Path) -> dict[str, float]:
    """The steps of (a) in this process: check every file, merge, write the national workbook."""
    times = {}
    start = time.perf_counter()
    results = check_many(paths, jobs, None)
    times[CHECK_STEP] = time.perf_counter() - start
    start = time.perf_counter()
    outcome = merge_results(results)
    times["merge_results"] = time.perf_counter() - start
    start = time.perf_counter()
    build_national_workbook(outcome, "sv", creation_time())
    times["build_national_workbook"] = time.perf_counter() - start
    if len(outcome.merged) != len(paths):
        raise SystemExit(f"only {len(outcome.merged)} of {len(paths)} merged: the benchmark's workbooks are wrong")
    start = time.perf_counter()
    check_many(paths, jobs, ResultCache(cache))
    times["check_many with the cache warm"] = time.perf_counter() - start
    return times


def kept_bytes_per_result(paths: list[Path]) -> float:
    """Memory held by one checked result as merge keeps it (tracemalloc, results built in this process)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    results = check_many(paths, 1, None)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del results
    return held / len(paths)


def linked(source: list[Path], folder: Path) -> Path:
    """A folder holding hard links to `source` (no copy of the bytes)."""
    folder.mkdir()
    for path in source:
        os.link(path, folder / path.name)
    return folder


def print_memory(label: str, run: MergeRun) -> None:
    print(
        f"  {label:<44} {run.seconds:7.2f} s   peak memory: whole tree {run.tree_peak_mb:6.1f} MB PSS, "
        f"merge process {run.main_peak_mb:6.1f} MB RSS, largest process {run.maxrss_mb:6.1f} MB RSS "
        f"({run.processes} processes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="N, the number of workbooks (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="J, processes (default: the cores)")
    parser.add_argument("--scale", type=int, default=5, help="also merge K*N files, for memory growth (default 5)")
    parser.add_argument("--no-scale", action="store_true", help="skip the K*N run")
    args = parser.parse_args()
    try:
        import pandas  # noqa: F401  (imported once here, as a user's script would; the pool inherits it)
        import python_calamine  # noqa: F401
    except ImportError as err:
        raise SystemExit(f"{err}: install the bench extra: .venv/bin/pip install -e '.[bench]'") from err
    jobs, n = args.jobs, args.files
    total = n if args.no_scale else n * args.scale

    with tempfile.TemporaryDirectory() as temp:
        temp_dir = Path(temp)
        start = time.perf_counter()
        every = generate(temp_dir / "all", range(total), jobs)
        setup = time.perf_counter() - start
        small = linked(every[:n], temp_dir / "n")
        paths = sorted(small.iterdir())
        sizes = [p.stat().st_size for p in paths]
        print(
            f"{total} filled scoring workbooks written in {setup:.1f} s on {jobs} processes "
            f"({statistics.median(sizes) / 1024:.1f} KB median); J = {jobs}; load average {os.getloadavg()[0]:.2f}"
        )

        print(f"\nN = {n} files:")
        merge = run_merge(small, temp_dir / "national-n.xlsx", jobs, None)
        floor = time_pool(read_floor, paths, jobs)
        calamine = time_pool(read_pandas, paths, jobs)
        print_memory("(a) kompass merge --no-cache", merge)
        print(f"      {merge.summary}; national workbook {(temp_dir / 'national-n.xlsx').stat().st_size / 2**20:.1f} MB")
        print(f"  {'(b) floor: zipfile + expat, empty handlers':<44} {floor:7.2f} s")
        print(f"  {'(c) pandas.read_excel(engine=calamine)':<44} {calamine:7.2f} s")
        stock = stock_write_seconds(temp_dir / "national-n.xlsx", temp_dir)
        print(f"  {'(d) stock XlsxWriter writes the same values':<44} {stock:7.2f} s")
        print(f"  (a)/(b) = {merge.seconds / floor:.2f}   (target <= 2)")
        print(f"  (a)/((b)+(d)) = {merge.seconds / (floor + stock):.2f}   (target <= 1.3: stock reading plus stock writing)")
        print(f"  (a)/(c) = {merge.seconds / calamine:.2f}   (target < 1)")
        cache = temp_dir / "cache"
        cold = run_merge(small, temp_dir / "national-n.xlsx", jobs, cache)
        warm = run_merge(small, temp_dir / "national-n.xlsx", jobs, cache)
        print(f"  {'kompass merge --cache, cold (fills it)':<44} {cold.seconds:7.2f} s")
        print(f"  {'kompass merge --cache, warm (incremental)':<44} {warm.seconds:7.2f} s   {warm.seconds / merge.seconds:.2f}x (a)")
        print("  where the time goes, the same steps in this process:")
        steps = library_breakdown(paths, jobs, cache)
        for step, seconds in steps.items():
            print(f"    {step:<42} {seconds:7.2f} s")
        print(f"  reading part alone: check_many/(b) = {steps[CHECK_STEP] / floor:.2f}, check_many/(c) = {steps[CHECK_STEP] / calamine:.2f}")

        if not args.no_scale:
            big_paths = sorted((temp_dir / "all").iterdir())
            print(f"\n{args.scale}N = {total} files:")
            big = run_merge(temp_dir / "all", temp_dir / "national-big.xlsx", jobs, None)
            big_floor = time_pool(read_floor, big_paths, jobs)
            print_memory("(a) kompass merge --no-cache", big)
            print(f"      {big.summary}; national workbook {(temp_dir / 'national-big.xlsx').stat().st_size / 2**20:.1f} MB")
            print(f"  {'(b) floor: zipfile + expat, empty handlers':<44} {big_floor:7.2f} s")
            print(f"  (a)/(b) = {big.seconds / big_floor:.2f};  time per file {merge.seconds / n * 1000:.2f} ms at N, "
                  f"{big.seconds / total * 1000:.2f} ms at {args.scale}N")
            kept = kept_bytes_per_result(paths[:200])
            added = total - n
            per_file = {
                "whole tree": (big.tree_peak_mb - merge.tree_peak_mb) * 2**20 / added,
                "merge process": (big.main_peak_mb - merge.main_peak_mb) * 2**20 / added,
            }
            print("  memory per added file: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in per_file.items())
                  + f"; one kept result holds {kept / 1024:.1f} KB (tracemalloc)")
    print(f"\nload average at the end {os.getloadavg()[0]:.2f} (other work on the machine skews the times)")


if __name__ == "__main__":
    main()
