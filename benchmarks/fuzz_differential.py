"""The long run of the differential fuzzer: many mutants of filled scoring workbooks, checked by
`kompass check` and by the independent minimal reader in tests/differential.py.

Reports every mutant that gave a traceback, or that check called valid with scores the minimal
reader does not give, with the mutations that made it; such a mutant is kept in --keep for a look.
The suite runs a short seeded version of this (tests/test_fuzz.py).

Run: .venv/bin/python benchmarks/fuzz_differential.py [--mutants 5000] [--seed 1] [--bases 3] [--keep DIR]
Exit code 0 when nothing was found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from differential import make_base, run_one  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bases", type=int, default=3, help="filled workbooks to mutate (framework versions in turn)")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    found = 0
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        versions = ["2020", "2016", "2010", "2002"]
        bases = [make_base(Path(folder) / f"base{n}.xlsx", args.seed * 100 + n, versions[n % 4]) for n in range(args.bases)]
        mutant = Path(folder) / "mutant.xlsx"
        for number in range(args.mutants):
            base = bases[number % len(bases)]
            state = rng.getstate()
            try:
                outcome = run_one(base, rng, mutant)
            except Exception:  # noqa: BLE001 - a traceback is what this run looks for
                found += 1
                rng.setstate(state)
                print(f"mutant {number}: TRACEBACK\n{traceback.format_exc()}")
                _keep(mutant, args.keep, number)
                rng = random.Random(args.seed * 7919 + number)  # go on with a fresh stream
                continue
            counts["valid" if outcome.valid else "not valid"] += 1
            if outcome.disagrees:
                found += 1
                print(f"mutant {number}: check valid with {outcome.scores} but the minimal reader gives {outcome.minimal}; {outcome.done}")
                _keep(mutant, args.keep, number)
            if number and number % 500 == 0:
                print(f"{number} mutants, {dict(counts)}, {found} found, {time.perf_counter() - start:.0f} s", flush=True)
    print(f"{args.mutants} mutants: {dict(counts)}; {found} found in {time.perf_counter() - start:.0f} s")
    return 1 if found else 0


def _keep(mutant: Path, folder: Path, number: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mutant, folder / f"mutant-{number}.xlsx")


if __name__ == "__main__":
    sys.exit(main())
