"""Cold-start time of `kompass --help` and `kompass frameworks` against a bare `python -c pass`.

Run: .venv/bin/python benchmarks/startup.py [--runs N]
Prints the median of N runs of each and the ratio to the bare interpreter start.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    bare = median_seconds([python, "-c", "pass"], runs)
    print(f"python -c pass        {bare * 1000:7.1f} ms   1.0x")
    for label, args in (("kompass --help", ["--help"]), ("kompass frameworks", ["frameworks"])):
        seconds = median_seconds([python, "-m", "kompass_xlsx", *args], runs)
        print(f"{label:<21} {seconds * 1000:7.1f} ms  {seconds / bare:4.1f}x")


if __name__ == "__main__":
    main()
