"""Reading speed of kompass_xlsx.reader against the stdlib floor and openpyxl read-only.

Generates workbooks shaped like kompass scoring workbooks (with XlsxWriter, in a temp dir), then
times, per workbook:
  (a) the floor: zipfile open + expat parse of workbook.xml, sharedStrings.xml and every sheet,
      with empty (no-op) handlers installed;
  (b) kompass_xlsx.reader: open_workbook + sheet_cells of every sheet;
  (c) openpyxl load_workbook(read_only=True, data_only=True), iterating every cell.
Each workbook is timed --rounds times per method (interleaved); its time is the fastest round.
Prints the median over the workbooks and the ratios (b)/(a) and (c)/(a). The target is (b)/(a) <= 2.

Run: .venv/bin/python benchmarks/read_floor.py [--workbooks N] [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path
from xml.parsers import expat

import openpyxl
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kompass_xlsx.reader import open_workbook  # noqa: E402

SYLLABLES = (
    "kom mun en ar bet sys te ma tiskt upp följ ning mål re sul tat kva li tet dia log styr led för valt eko no mi "
    "bud get näm nd verk sam het"
).split()
WORDS = ["".join(random.Random(n).choices(SYLLABLES, k=random.Random(-n).randint(1, 4))) for n in range(2000)]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_workbook(path: Path, seed: int) -> None:
    """A workbook shaped like a filled kompass scoring workbook: 8 area sheets, summary, hidden keys."""
    rng = random.Random(seed)
    workbook = xlsxwriter.Workbook(path)
    workbook.set_properties({"created": date(2024, 1, 1)})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    score = workbook.add_format({"locked": False, "num_format": "0.0", "border": 1, "bg_color": "#FFF2CC"})
    comment = workbook.add_format({"locked": False, "text_wrap": True, "valign": "top", "border": 1})
    total_format = workbook.add_format({"bold": True, "num_format": "0.0", "border": 1})
    summary = workbook.add_worksheet("Sammanfattning")
    summary.write_row(0, 0, ["Område", "Poäng", "Max"], bold)
    grand_total = 0.0
    for area in range(1, 9):
        sheet = workbook.add_worksheet(f"{area} Område {area}")
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 3, 10)
        sheet.set_column(4, 4, 50)
        sheet.write_row(0, 0, ["Fråga", "Beskrivning", "Max", "Poäng", "Kommentar"], bold)
        questions = rng.randint(5, 7)
        area_total = 0.0
        for q in range(1, questions + 1):
            row = q
            points = rng.randint(0, 40) / 2
            area_total += points
            sheet.write_string(row, 0, f"{area}.{q}", wrap)
            sheet.write_string(row, 1, sentence(rng, rng.randint(25, 45)), wrap)
            sheet.write_number(row, 2, 20, wrap)
            sheet.write_number(row, 3, points, score)
            sheet.write_string(row, 4, sentence(rng, rng.randint(15, 40)), comment)
            sheet.data_validation(
                row, 3, row, 3,
                {
                    "validate": "decimal",
                    "criteria": "between",
                    "minimum": 0,
                    "maximum": 20,
                    "input_title": f"Fråga {area}.{q}",
                    "input_message": "Ange poäng 0-20 i steg om 0,5. Lämna tom om frågan inte är bedömd.",
                    "error_title": "Ogiltig poäng",
                    "error_message": "Poängen måste vara ett tal från 0 till 20 i steg om 0,5.",
                },
            )
            workbook.define_name(f"score_{area}_{q}", f"='{area} Område {area}'!$D${row + 1}")
            workbook.define_name(f"comment_{area}_{q}", f"='{area} Område {area}'!$E${row + 1}")
        sheet.write_string(questions + 2, 0, "Styrkor", bold)
        sheet.write_string(questions + 2, 1, sentence(rng, rng.randint(30, 60)), comment)
        sheet.write_string(questions + 3, 0, "Förbättringar", bold)
        sheet.write_string(questions + 3, 1, sentence(rng, rng.randint(30, 60)), comment)
        workbook.define_name(f"strengths_{area}", f"='{area} Område {area}'!$B${questions + 3}")
        workbook.define_name(f"improvements_{area}", f"='{area} Område {area}'!$B${questions + 4}")
        sheet.conditional_format(1, 3, questions, 3, {"type": "blanks", "format": score})
        sheet.conditional_format(1, 3, questions, 3, {"type": "cell", "criteria": ">", "value": 20, "format": bold})
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.set_header(f"&L{area} Område {area}&RSida &P av &N")
        sheet.freeze_panes(1, 0)
        sheet.protect()
        summary.write_string(area, 0, f"{area} Område {area}")
        summary.write_formula(area, 1, f"=SUM('{area} Område {area}'!D2:D{questions + 1})", total_format, area_total)
        summary.write_number(area, 2, questions * 20)
        workbook.define_name(f"total_{area}", f"=Sammanfattning!$B${area + 1}")
        grand_total += area_total
    summary.write_formula(9, 1, "=SUM(B2:B9)", total_format, grand_total)
    for row in range(11, 14):
        summary.write_string(row, 0, sentence(rng, 60), wrap)
    workbook.define_name("total", "=Sammanfattning!$B$10")
    keys = workbook.add_worksheet("_kompass")
    for row, (key, value) in enumerate(
        [("framework", "2020"), ("tool_version", "0.1.0"), ("workbook_id", f"00000000-0000-4000-8000-{seed:012d}"),
         ("municipality", f"Kommun {seed}"), ("year", "2024"), ("evaluators", "A. Andersson; B. Berg")]
    ):
        keys.write_string(row, 0, key)
        keys.write_string(row, 1, value)
    keys.hide()
    workbook.define_name("municipality", "=_kompass!$B$4")
    workbook.define_name("year", "=_kompass!$B$5")
    workbook.define_name("evaluators", "=_kompass!$B$6")
    workbook.close()


def _noop(*_args: object) -> None:
    return None


def read_floor(path: Path, handlers: bool = True) -> None:
    """(a) zipfile open + expat parse of workbook.xml, sharedStrings.xml and every worksheet."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name in ("xl/workbook.xml", "xl/sharedStrings.xml") or name.startswith("xl/worksheets/sheet"):
                parser = expat.ParserCreate()
                parser.buffer_text = True
                if handlers:
                    parser.StartElementHandler = _noop
                    parser.EndElementHandler = _noop
                    parser.CharacterDataHandler = _noop
                parser.Parse(package.read(name), True)


def read_kompass(path: Path) -> None:
    """(b) kompass_xlsx.reader: open_workbook + sheet_cells of every sheet."""
    workbook = open_workbook(path)
    for sheet in workbook.sheets:
        workbook.sheet_cells(sheet.name)


def read_openpyxl(path: Path) -> None:
    """(c) openpyxl read-only with cached values, iterating every cell."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for _value in row:
                pass
    workbook.close()


def fastest(function, path: Path, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function(path)
        best = min(best, time.perf_counter() - start)
    return best


def time_methods(methods: dict, paths: list[Path], rounds: int) -> dict[str, list[float]]:
    """Each method's fastest of `rounds` runs on each path, methods interleaved, collector off."""
    times: dict[str, list[float]] = {label: [] for label in methods}
    for function in methods.values():  # warm up imports and caches
        function(paths[0])
    gc.disable()
    try:
        for path in paths:
            for label, function in methods.items():
                times[label].append(fastest(function, path, rounds))
    finally:
        gc.enable()
    return times


def print_ratios(times: dict[str, list[float]], ours: str) -> None:
    """Median per workbook of each method, its ratio to the floor, and the ratios against the target."""
    medians = {label: statistics.median(values) for label, values in times.items()}
    floor = medians["(a) floor, empty handlers"]
    for label, seconds in medians.items():
        print(f"  {label:<28} {seconds * 1000:8.3f} ms  {seconds / floor:5.2f}x floor (a)")
    print(f"(b)/(a) = {medians[ours] / floor:.2f}   (target <= 2)")
    print(f"(c)/(a) = {medians['(c) openpyxl read-only'] / floor:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    methods = {
        "(a0) floor, no handlers": lambda path: read_floor(path, handlers=False),
        "(a) floor, empty handlers": read_floor,
        "(b) kompass_xlsx.reader": read_kompass,
        "(c) openpyxl read-only": read_openpyxl,
    }
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"evaluation-{n:03d}.xlsx" for n in range(args.workbooks)]
        for n, path in enumerate(paths):
            write_workbook(path, n)
        sizes = [path.stat().st_size for path in paths]
        times = time_methods(methods, paths, args.rounds)
    print(
        f"{args.workbooks} workbooks, {statistics.median(sizes) / 1024:.1f} KB median size, "
        f"fastest of {args.rounds} rounds each; median per workbook:"
    )
    print_ratios(times, "(b) kompass_xlsx.reader")


if __name__ == "__main__":
    main()
