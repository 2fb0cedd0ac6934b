"""Generation speed of one scoring workbook against a bare XlsxWriter workbook with the same cells.

For each framework version asked for (default 2020 and 2002), builds one filled scoring workbook
(random scores on the step, comments, strengths and improvements; fixed seed) many times with
kompass_xlsx.workbooks.scoring_form.build_scoring_workbook, and times:
  (a) bare: XlsxWriter (same workbook options, in memory) writing a workbook with the same sheets
      and the same cell values (numbers, texts, formulas with their cached values), read back from
      our own output, with no formats, data validation, defined names, merged ranges, conditional
      formats, protection, print setup or chart;
  (b) ours: build_scoring_workbook(framework, evaluation).
The two are interleaved round by round. Prints both medians and (b)/(a): what the layout, formats,
validation and names of the real form cost over writing its cells.

Run: .venv/bin/python benchmarks/new_speed.py [--rounds N] [--versions 2020 2002] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kompass_xlsx.frameworks import get_framework  # noqa: E402
from kompass_xlsx.models import Evaluation, Framework  # noqa: E402
from kompass_xlsx.reader import CellKind, open_workbook  # noqa: E402
from kompass_xlsx.workbooks.common import FIXED_CREATED, WORKBOOK_OPTIONS  # noqa: E402
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook  # noqa: E402

from read_floor import sentence  # noqa: E402  (benchmarks/ is on sys.path when run as a script)


def random_evaluation(framework: Framework, seed: int, municipality: str | None = None, year: int | None = None) -> Evaluation:
    """A complete evaluation: scores on the step, a comment on most questions (always on a zero), area texts."""
    rng = random.Random(seed)
    steps = int(1 / framework.step)
    scores = {q.id: Decimal(rng.randint(0, q.max * steps)) * framework.step for q in framework.questions}
    comments = {
        q.id: sentence(rng, rng.randint(8, 40))
        for q in framework.questions
        if scores[q.id] == 0 or rng.random() < 0.7
    }
    areas = [a.number for a in framework.areas]
    return Evaluation(
        framework=framework.id,
        workbook_id=f"00000000-0000-4000-8000-{seed:012d}",
        municipality=municipality or f"Kommun {seed}",
        year=year or 2024,
        evaluators=(f"Utvärderare {rng.randint(1, 99)}", f"Granskare {rng.randint(1, 99)}"),
        population=rng.randint(2_500, 990_000),
        municipality_group=rng.choice(("Storstäder", "Pendlingskommuner", "Landsbygdskommuner", "Större städer")),
        scores=scores,
        comments=comments,
        strengths={n: sentence(rng, rng.randint(20, 80)) for n in areas},
        improvements={n: sentence(rng, rng.randint(20, 80)) for n in areas if rng.random() < 0.8},
    )


Sheet = tuple[str, list[tuple[int, int, CellKind, object, str | None]]]


def cells_of(data: bytes) -> list[Sheet]:
    """Sheets and their non-empty cells (row, col, kind, value, formula) as our writer stored them."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(data)
        handle.flush()
        workbook = open_workbook(handle.name)
        sheets = []
        for info in workbook.sheets:
            cells = []
            for ref, cell in workbook.sheet_cells(info.name).items():
                row, col = xl_cell_to_rowcol(ref)
                value: object = float(cell.value) if cell.kind is CellKind.NUMBER else cell.value
                cells.append((row, col, cell.kind, value, cell.formula))
            sheets.append((info.name, cells))
    return sheets


def build_bare(sheets: list[Sheet]) -> bytes:
    """(a) The same sheets and cell values with nothing else."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    workbook.set_properties({"created": FIXED_CREATED})
    for name, cells in sheets:
        sheet = workbook.add_worksheet(name)
        for row, col, kind, value, formula in cells:
            if formula is not None:
                sheet.write_formula(row, col, f"={formula}", None, value)
            elif kind is CellKind.NUMBER:
                sheet.write_number(row, col, value)
            elif kind is CellKind.BOOL:
                sheet.write_boolean(row, col, value)
            else:
                sheet.write_string(row, col, str(value))
    workbook.close()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="generations of each workbook (default 200)")
    parser.add_argument("--versions", nargs="+", default=["2020", "2002"])
    parser.add_argument("--profile", action="store_true", help="also print the top of a cProfile of (b)")
    args = parser.parse_args()
    for version in args.versions:
        framework = get_framework(version)
        evaluation = random_evaluation(framework, seed=1)
        ours = build_scoring_workbook(framework, evaluation)
        sheets = cells_of(ours)
        bare = build_bare(sheets)
        count = sum(len(cells) for _, cells in sheets)
        times: dict[str, list[float]] = {"bare": [], "ours": []}
        jobs = {"bare": lambda: build_bare(sheets), "ours": lambda: build_scoring_workbook(framework, evaluation)}
        gc.collect()
        for _ in range(args.rounds):
            for label, job in jobs.items():
                start = time.perf_counter()
                job()
                times[label].append(time.perf_counter() - start)
        bare_ms = statistics.median(times["bare"]) * 1000
        ours_ms = statistics.median(times["ours"]) * 1000
        print(
            f"framework {version}: {len(sheets)} sheets, {count} cells; {len(ours) / 1024:.1f} KB ours, "
            f"{len(bare) / 1024:.1f} KB bare; median of {args.rounds} generations"
        )
        print(f"  (a) bare XlsxWriter, same cells   {bare_ms:8.2f} ms")
        print(f"  (b) build_scoring_workbook        {ours_ms:8.2f} ms")
        print(f"  (b)/(a) = {ours_ms / bare_ms:.2f}   (our overhead: {ours_ms - bare_ms:.2f} ms per workbook)")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(20):
                build_scoring_workbook(framework, evaluation)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
