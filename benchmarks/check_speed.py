"""Checking speed of one filled scoring workbook against the stdlib reading floor and openpyxl.

Generates --workbooks filled scoring workbooks with our own writer (build_scoring_workbook; framework
versions in turn, random scores on each version's step, comments, strengths and improvements) in a
temp dir, in parallel, then times per workbook:
  (a) the floor: zipfile open + expat parse of workbook.xml, sharedStrings.xml and every sheet with
      empty handlers (read_floor.read_floor, shared with benchmarks/read_floor.py);
  (b) kompass_xlsx.checking.check_workbook(path): hash, safe read and full validation, the work
      `kompass check` does per file;
  (c) openpyxl load_workbook(read_only=True, data_only=True), iterating every cell of every sheet.
Each workbook is timed --rounds times per method (interleaved); its time is the fastest round.
Prints the median over the workbooks and the ratios (b)/(a) and (c)/(a). The target is (b)/(a) <= 2.

To write the inputs faster, the generating processes cache XlsxWriter's formula preparation (see
fast_formulas), only once workbooks written with and without the cache came out byte-identical, and
never in the process that does the timing.

Run: .venv/bin/python benchmarks/check_speed.py [--workbooks N] [--rounds N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kompass_xlsx.checking import check_workbook  # noqa: E402
from kompass_xlsx.frameworks import all_frameworks, get_framework  # noqa: E402
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook  # noqa: E402

from new_speed import random_evaluation  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
from read_floor import print_ratios, read_floor, read_openpyxl, time_methods  # noqa: E402

VERSIONS = tuple(all_frameworks())


def write_filled(folder: Path, index: int) -> Path:
    """Filled workbook number `index`: versions in turn, a municipality and year of its own."""
    version = VERSIONS[index % len(VERSIONS)]
    framework = get_framework(version)
    evaluation = random_evaluation(framework, seed=index, municipality=f"Kommun {index:05d}", year=2000 + index % 25)
    path = folder / f"kommun-{index:05d}-{version}.xlsx"
    path.write_bytes(build_scoring_workbook(framework, evaluation))
    return path


def _write_filled(task: tuple[Path, int]) -> Path:
    return write_filled(*task)


_STOCK_PREPARE = Worksheet._prepare_formula


def fast_formulas(on: bool = True) -> None:
    """Remember what XlsxWriter's formula preparation made of each formula (or forget it: on=False).

    Worksheet._prepare_formula runs about 150 future-function re.sub calls on every data validation
    and conditional format formula, about half the time of writing a scoring workbook. Its result
    depends only on the formula, the flag and the worksheet's use_future_functions, and workbooks of
    one framework version repeat the same formulas, so a cache returns the same text. Used only to
    write benchmark inputs faster (generate checks the bytes come out the same).
    """
    if not on:
        Worksheet._prepare_formula = _STOCK_PREPARE
        return
    prepared: dict[tuple[str, bool, bool], str] = {}

    def prepare(self, formula, expand_future_functions=False):
        key = (formula, bool(expand_future_functions), bool(self.use_future_functions))
        text = prepared.get(key)
        if text is None:
            text = prepared[key] = _STOCK_PREPARE(self, formula, expand_future_functions)
        return text

    Worksheet._prepare_formula = prepare


def _fast_formulas_agree(folder: Path) -> bool:
    """True when the formula cache writes the same bytes as stock XlsxWriter (two workbooks per version, so cache hits are checked)."""
    stock, fast = folder / "stock", folder / "fast"
    stock.mkdir()
    fast.mkdir()
    try:
        indexes = range(2 * len(VERSIONS))
        for index in indexes:
            write_filled(stock, index)
        fast_formulas()
        try:
            for index in indexes:
                write_filled(fast, index)
        finally:
            fast_formulas(False)
        return all(path.read_bytes() == (fast / path.name).read_bytes() for path in stock.iterdir())
    finally:
        for path in [*stock.iterdir(), *fast.iterdir()]:
            path.unlink()
        stock.rmdir()
        fast.rmdir()


def generate(folder: Path, indexes: range, jobs: int) -> list[Path]:
    """Write the filled workbooks `indexes` into `folder` on `jobs` processes."""
    folder.mkdir(parents=True, exist_ok=True)
    tasks = [(folder, index) for index in indexes]
    shortcut = _fast_formulas_agree(folder)
    if not shortcut:
        print("note: XlsxWriter's formula cache changed the output; writing the inputs without it")
    with ProcessPoolExecutor(max_workers=jobs, initializer=fast_formulas, initargs=(shortcut,)) as pool:
        return list(pool.map(_write_filled, tasks, chunksize=max(1, len(tasks) // (jobs * 8))))


def check(path: Path) -> None:
    """(b) check_workbook; a filled workbook of ours must come out valid."""
    if not check_workbook(path).valid:
        raise SystemExit(f"{path} did not check as valid: the benchmark's workbooks are wrong")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also print the top of a cProfile of (b) over all workbooks")
    args = parser.parse_args()
    methods = {
        "(a) floor, empty handlers": read_floor,
        "(b) check_workbook": check,
        "(c) openpyxl read-only": read_openpyxl,
    }
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        paths = generate(Path(folder), range(args.workbooks), os.cpu_count() or 1)
        setup = time.perf_counter() - start
        sizes = [path.stat().st_size for path in paths]
        times = time_methods(methods, paths, args.rounds)
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for path in paths:
                check_workbook(path)
            profile.disable()
    print(
        f"{args.workbooks} filled scoring workbooks (versions {', '.join(VERSIONS)}), "
        f"{statistics.median(sizes) / 1024:.1f} KB median size, written in {setup:.1f} s; "
        f"fastest of {args.rounds} rounds each, median per workbook:"
    )
    print_ratios(times, "(b) check_workbook")
    if args.profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(20)
        stats.sort_stats("cumtime").print_stats(30)


if __name__ == "__main__":
    main()
