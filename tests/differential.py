"""A differential fuzzer: filled scoring workbooks mutated in their XML and zip structure, read by
`check` and by an independent minimal reader, whose totals must agree whenever check says valid.

The minimal reader shares no code with kompass_xlsx.reader: it uses zipfile and ElementTree
(namespace-aware), finds each score through its defined name, and applies the documented rules
(README: "What check reads as a score") from scratch. Used by tests/test_fuzz.py (a short seeded
run, and a LibreOffice comparison on a sample) and benchmarks/fuzz_differential.py (a long run).
"""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.layout import score_name
from kompass_xlsx.models import Evaluation, Framework
from kompass_xlsx.reader import open_workbook
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
NOISE = Decimal("1E-9")
_DOUBLE = re.compile(r"[ \t\r\n]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,6})?[ \t\r\n]*")
_TEXT_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_TEXT_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


# --- the independent minimal reader --------------------------------------------------------------


def minimal_scores(data: bytes, framework: Framework) -> dict[str, Decimal] | None:
    """Every score as a spreadsheet shows it, by the documented rules; None when any is not a valid score."""
    package = zipfile.ZipFile(BytesIO(data))
    parts = {info.filename.replace("\\", "/").lower(): info for info in package.infolist()}

    def xml(name: str):
        return ElementTree.fromstring(package.read(parts[name.lower()]))

    root_rels = xml("_rels/.rels")
    document = next(r.get("Target") for r in root_rels.iter(PKG + "Relationship") if r.get("Type", "").endswith("/officeDocument"))
    document = document.lstrip("/")
    folder = document.rsplit("/", 1)[0]
    workbook = xml(document)
    rels = {r.get("Id"): r.get("Target") for r in xml(f"{folder}/_rels/{document.rsplit('/', 1)[1]}.rels").iter(PKG + "Relationship")}
    shared_part = next((t for i, t in rels.items() if t.endswith("sharedStrings.xml")), None)
    shared = []
    if shared_part is not None:
        for si in xml(_joined(folder, shared_part)).iter(MAIN + "si"):
            phonetic = {id(t) for rph in si.iter(MAIN + "rPh") for t in rph.iter(MAIN + "t")}
            shared.append("".join(t.text or "" for t in si.iter(MAIN + "t") if id(t) not in phonetic))
    sheets = {s.get("name"): _joined(folder, rels[s.get(REL + "id")]) for s in workbook.iter(MAIN + "sheet")}
    names = {d.get("name"): d.text or "" for d in workbook.iter(MAIN + "definedName") if d.get("localSheetId") is None}
    parsed: dict[str, tuple[dict, list]] = {}
    scores = {}
    for question in framework.questions:
        match = re.fullmatch(r"'?(.*?)'?!\$?([A-Z]+)\$?([0-9]+)", names.get(score_name(question.id), ""))
        if match is None:
            return None
        sheet, ref = match[1].replace("''", "'"), match[2] + match[3]
        if sheet not in sheets:  # check then finds the score by the id printed in the sheet, as documented
            raise NameUnresolved(score_name(question.id))
        if sheet not in parsed:
            parsed[sheet] = _sheet(xml(sheets[sheet]))
        cells, merges = parsed[sheet]
        value = _value(cells.get(ref), shared)
        if value is None or any(_covers(merged, ref) for merged in merges):
            return None
        value = _snapped(value, framework.step)
        if value < 0 or value > question.max or value % framework.step:
            return None
        scores[question.id] = value if value else Decimal(0)
    return scores


class NameUnresolved(Exception):
    """A score's defined name points at a sheet that does not exist: the minimal reader does not follow ids."""


def _joined(folder: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"


def _sheet(root) -> tuple[dict, list]:
    cells = {}
    for cell in root.iter(MAIN + "c"):
        v, inline = cell.find(MAIN + "v"), cell.find(MAIN + "is")
        inline_text = None if inline is None else "".join(t.text or "" for t in inline.iter(MAIN + "t"))
        cells[cell.get("r")] = (cell.get("t"), None if v is None else (v.text or ""), inline_text, cell.find(MAIN + "f") is not None)
    merges = [m.get("ref", "") for m in root.iter(MAIN + "mergeCell")]
    return cells, merges


def _value(cell, shared: list[str]) -> Decimal | None:
    if cell is None:
        return None
    kind, stored, inline, _ = cell
    if kind in (None, "n"):
        return Decimal(stored.strip(" \t\r\n")) if stored is not None and _DOUBLE.fullmatch(stored) else None
    if kind == "s":
        try:
            return _from_text(shared[int(stored)])
        except (TypeError, ValueError, IndexError):
            return None
    if kind == "str":
        return None if stored is None else _from_text(stored)
    if kind == "inlineStr":
        return None if stored is not None or inline is None else _from_text(inline)
    return None  # dates, booleans, errors


def _from_text(text: str) -> Decimal | None:
    text = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text).strip().replace("\u00a0", "")
    try:
        if _TEXT_NUMBER.fullmatch(text):
            return Decimal(text)
        if _TEXT_COMMA.fullmatch(text):
            return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return None


def _snapped(value: Decimal, step: Decimal) -> Decimal:
    if len(value.as_tuple().digits) < 15 and abs(value) >= NOISE:
        return value
    nearest = (value / step).quantize(Decimal(1), rounding="ROUND_HALF_UP") * step
    return nearest if abs(value - nearest) < NOISE else value


def _covers(merged: str, ref: str) -> bool:
    def split(cell: str) -> tuple[int, int]:
        letters = re.match(r"[A-Z]+", cell)[0]
        column = 0
        for char in letters:
            column = column * 26 + ord(char) - 64
        return int(cell[len(letters):]), column

    try:
        first, _, last = merged.upper().partition(":")
        (top, left), (bottom, right), (row, col) = split(first), split(last or first), split(ref)
    except (TypeError, ValueError):
        return False
    return top <= row <= bottom and left <= col <= right and (row, col) != (top, left)


# --- mutants -------------------------------------------------------------------------------------

VALUES = (
    "1_0", "\uff15", "\u0661", "5\u00a0", " 5 ", "5.", ".5", "+5", "1E1", "1e1000000", "-1e999999", "1e-400", "INF", "NaN",
    "0x5", "5,5", "-0", "-2.8E-17", "2.8E-17", "10.000000000000002", "9.9999999999999982", "3.0000000000000004", "2.5", "4",
    "", "99", "-1", "1e-7", "0.5000000001", "_x0035_", "5e0", "50E-1",
)
TYPES = ("s", "str", "inlineStr", "d", "b", "e", "n", "", "x", "S")


@dataclass
class Base:
    """A filled workbook and where its scores are."""

    framework: Framework
    parts: list[tuple[str, bytes]]
    places: dict[str, tuple[str, str]]  # question -> (part, ref)
    meta_part: str


def make_base(path: Path, seed: int, version: str = "2020") -> Base:
    rng = random.Random(seed)
    framework = get_framework(version)
    per_point = int(1 / framework.step)
    scores = {q.id: Decimal(rng.randint(1, (q.max - 1) * per_point)) * framework.step for q in framework.questions}
    evaluation = Evaluation(framework=version, workbook_id=f"00000000-0000-4000-8000-{seed:012d}", municipality="Fuzzby", year=2024, scores=scores)
    path.write_bytes(build_scoring_workbook(framework, evaluation))
    workbook = open_workbook(path)
    places = {}
    for question in framework.questions:
        name = workbook.defined_names[score_name(question.id)]
        places[question.id] = (workbook._sheet_parts[name.sheet], name.ref)  # noqa: SLF001
    meta_part = workbook._sheet_parts["_kompass"]  # noqa: SLF001
    with zipfile.ZipFile(path) as package:
        parts = [(info.filename, package.read(info)) for info in package.infolist()]
    return Base(framework, parts, places, meta_part)


def _cell_pattern(ref: str) -> re.Pattern:
    return re.compile(rf'<c r="{ref}"([^>]*?)(?:/>|>(.*?)</c>)'.encode(), re.DOTALL)


def mutate(base: Base, rng: random.Random) -> tuple[list[tuple[str, bytes]], list[str], dict]:
    """A mutant: the parts (a list: names may repeat), what was done, and zip options."""
    parts = [list(item) for item in base.parts]
    done: list[str] = []
    options: dict = {}
    by_name = {name: i for i, (name, _) in enumerate(parts)}
    for _ in range(rng.choice((1, 1, 1, 2, 3))):  # mostly one: more mutants stay valid and are compared
        kind = rng.choice(MUTATIONS)
        question = rng.choice(list(base.places))
        part, ref = base.places[question]
        index = by_name[part]
        data = parts[index][1]
        cell = _cell_pattern(ref)
        if kind == "value":
            value = rng.choice(VALUES).encode()
            data = cell.sub(lambda m: b'<c r="' + ref.encode() + m[1] + b"><v>" + value + b"</v></c>", data, count=1)
        elif kind == "type":
            kind_value = rng.choice(TYPES).encode()
            data = cell.sub(lambda m: b'<c r="' + ref.encode() + re.sub(rb' t="[^"]*"', b"", m[1]) + b' t="' + kind_value + b'">' + (m[2] or b"") + b"</c>", data, count=1)
        elif kind == "inline":
            text = rng.choice(VALUES).encode()
            data = cell.sub(lambda m: b'<c r="' + ref.encode() + m[1] + b">" + (m[2] or b"") + b"<is><t>" + text + b"</t></is></c>", data, count=1)
        elif kind == "namespace":
            replacement = rng.choice((b'<v xmlns="urn:fuzz">', b'<x:v xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', b"<q:v>"))
            end = b"</x:v>" if b"x:v" in replacement else b"</q:v>" if b"q:v" in replacement else b"</v>"
            data = cell.sub(lambda m: b'<c r="' + ref.encode() + m[1] + b">" + (m[2] or b"").replace(b"<v>", replacement).replace(b"</v>", end) + b"</c>", data, count=1)
        elif kind == "merge":
            row = ref[1:]
            first = rng.choice(("C", "D"))
            data = re.sub(rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="' + str(int(m[1]) + 1).encode() + b'"><mergeCell ref="' + f"{first}{row}:E{row}".encode() + b'"/>', data, count=1)
        elif kind == "noise":
            value = rng.choice(("0.50000000000000011", "1.0000000000000002", "-1.1102230246251565E-16", "4.9999999999999991"))
            data = cell.sub(lambda m: b'<c r="' + ref.encode() + m[1] + b"><v>" + value.encode() + b"</v></c>", data, count=1)
        elif kind == "flip":
            index = rng.randrange(len(parts))
            data = bytearray(parts[index][1])
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
        elif kind == "truncate":
            index = rng.randrange(len(parts))
            data = parts[index][1][: rng.randrange(max(1, len(parts[index][1])))]
        elif kind == "delete":
            index = rng.randrange(len(parts))
            parts[index][0] = "deleted/" + parts[index][0]
            data = parts[index][1]
        elif kind == "doctype":
            index = rng.randrange(len(parts))
            data = parts[index][1].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "5">]>', 1)
        elif kind == "utf8":
            index = rng.randrange(len(parts))
            data = parts[index][1]
            at = data.rfind(b">", 0, max(1, len(data) // 2)) + 1
            data = data[:at] + rng.choice((b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xc0\xaf")) + data[at:]
        elif kind == "duplicate":
            index = rng.randrange(len(parts))
            parts.append([rng.choice((parts[index][0], parts[index][0].upper())), parts[index][1]])
            data = parts[index][1]
        elif kind == "backslash":
            for item in parts:
                item[0] = item[0].replace("/", "\\")
            done.append(kind)
            continue
        elif kind == "compression":
            options = {"lzma": rng.randrange(len(parts))}
            done.append(kind)
            continue
        elif kind == "meta":
            index = by_name[base.meta_part]
            data = parts[index][1].replace(
                b"</sheetData>", b'<row r="99"><c r="A99" t="inlineStr"><is><t>framework</t></is></c><c r="B99" t="inlineStr"><is><t>2016</t></is></c></row></sheetData>', 1
            )
        parts[index][1] = data
        done.append(f"{kind} {question}")
    return [tuple(item) for item in parts], done, options


MUTATIONS = (
    "value", "value", "value", "type", "type", "inline", "namespace", "merge", "noise", "noise", "flip", "truncate",
    "delete", "doctype", "utf8", "duplicate", "backslash", "compression", "meta",
)


def package(parts: list[tuple[str, bytes]], options: dict) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number, (name, data) in enumerate(parts):
            method = zipfile.ZIP_LZMA if options.get("lzma") == number else zipfile.ZIP_DEFLATED
            with _quiet():
                zipped.writestr(name, data, compress_type=method)
    return buffer.getvalue()


class _quiet:
    def __enter__(self):
        import warnings

        self._catcher = warnings.catch_warnings()
        self._catcher.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._catcher.__exit__(*exc)


@dataclass
class Outcome:
    done: list[str]
    valid: bool
    total: Decimal | None
    scores: dict[str, Decimal] | None
    minimal: dict[str, Decimal] | None
    codes: list[str]
    unresolved: bool = False
    """A name pointed at a missing sheet: check found that score by its id, which the minimal reader does not do."""

    @property
    def disagrees(self) -> bool:
        """Check says valid with a total that the minimal reader does not give (or gives no total)."""
        if not self.valid or self.unresolved or "NAME_BROKEN" in self.codes:  # found by the id printed in the sheet
            return False
        return self.minimal is None or self.minimal != self.scores


def run_one(base: Base, rng: random.Random, path: Path) -> Outcome:
    """One mutant checked by both readers. Any exception from check is a bug and propagates."""
    from kompass_xlsx.checking import check_workbook

    parts, done, options = mutate(base, rng)
    data = package(parts, options)
    path.write_bytes(data)
    result = check_workbook(path)
    unresolved = False
    try:
        minimal = minimal_scores(data, base.framework)
    except NameUnresolved:
        minimal, unresolved = None, True
    except Exception:  # noqa: BLE001 - the oracle gives up on what it cannot read
        minimal = None
    scores = dict(result.evaluation.scores) if result.valid and result.evaluation else None
    return Outcome(done, result.valid, result.total, scores, minimal, [f.code.value for f in result.findings], unresolved)
