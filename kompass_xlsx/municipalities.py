"""Sweden's 290 municipalities with their code and SKR's municipality group, shipped as package data.

The register is `data/kommuner.csv` inside the package: one row per municipality (code, name,
group code, group), headed by comment lines naming the sources and the date. Everything here is a
pure function over that file: lookups ignore case and spacing, unknown names get the nearest names
as suggestions, and `resolved_group` decides which group an evaluation counts in.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .names import name_key

REGISTER_FILE = "kommuner.csv"

# SKR's nine municipality groups (kommungruppsindelning 2017, kept in the 2023 revision), by code.
GROUPS: dict[str, str] = {
    "A1": "Storstäder",
    "A2": "Pendlingskommun nära storstad",
    "B3": "Större stad",
    "B4": "Pendlingskommun nära större stad",
    "B5": "Lågpendlingskommun nära större stad",
    "C6": "Mindre stad/tätort",
    "C7": "Pendlingskommun nära mindre tätort",
    "C8": "Landsbygdskommun",
    "C9": "Landsbygdskommun med besöksnäring",
}
# Other spellings of a group that mean the same group: 2017 named C7 "... mindre stad/tätort".
GROUP_ALIASES: dict[str, str] = {"Pendlingskommun nära mindre stad/tätort": "C7"}
# A group text this close to one of the nine (difflib's ratio) is that group misspelt ("Landsbygdskomun").
MISSPELT_RATIO = 0.85


@dataclass(frozen=True)
class Municipality:
    """One row of the register."""

    code: str
    name: str
    group_code: str

    @property
    def group(self) -> str:
        return GROUPS[self.group_code]


@dataclass(frozen=True)
class Register:
    """The municipalities, with the sources and date the data file names."""

    municipalities: tuple[Municipality, ...]
    sources: dict[str, str]
    _by_key: dict[str, Municipality] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {name_key(m.name): m for m in self.municipalities})

    def find(self, name: str | None) -> Municipality | None:
        """The municipality of this name, ignoring case and spacing ("kalix " is Kalix); a trailing
        "kommun" or "stad" is allowed ("Kalix kommun")."""
        if not name:
            return None
        key = name_key(name)
        by_name = self._by_key
        if key in by_name:
            return by_name[key]
        for suffix in (" kommun", " stad", "s kommun", "s stad"):
            if key.endswith(suffix) and key[: -len(suffix)] in by_name:
                return by_name[key[: -len(suffix)]]
        return None

    def suggestions(self, name: str, count: int = 3) -> list[str]:
        """The names nearest to `name`, best first (none when nothing is near)."""
        by_name = self._by_key
        close = difflib.get_close_matches(name_key(name), list(by_name), n=count, cutoff=0.6)
        return [by_name[key].name for key in close]

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.municipalities]


def parse_register(text: str) -> Register:
    """A register from the text of its data file: '# key: value' comment lines, then CSV rows.

    Raises:
        ValueError: a row with a group code that is not one of the nine.
    """
    sources: dict[str, str] = {}
    rows: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if value and key.strip().isidentifier():
                sources[key.strip()] = value.strip()
        elif line.strip():
            rows.append(line)
    municipalities = []
    for row in csv.DictReader(rows):
        if row["gruppkod"] not in GROUPS:
            raise ValueError(f"{REGISTER_FILE}: {row['kommun']}: unknown group code {row['gruppkod']!r}")
        municipalities.append(Municipality(code=row["kod"], name=row["kommun"], group_code=row["gruppkod"]))
    return Register(municipalities=tuple(municipalities), sources=sources)


@cache
def register() -> Register:
    """The shipped register, read once per process."""
    text = resources.files("kompass_xlsx").joinpath("data", REGISTER_FILE).read_text(encoding="utf-8")
    return parse_register(text)


def group_code(text: str | None) -> str | None:
    """The code (A1..C9) of a group written as its name (case and spacing ignored), or None."""
    if not text:
        return None
    key = name_key(text)
    for code, name in GROUPS.items():
        if name_key(name) == key:
            return code
    for alias, code in GROUP_ALIASES.items():
        if name_key(alias) == key:
            return code
    return None


def is_misspelt_group(text: str | None) -> bool:
    """True when `text` is not one of the nine groups but a near spelling of one ("Storstader")."""
    if not text or group_code(text):
        return False
    key = name_key(text)
    names = [*GROUPS.values(), *GROUP_ALIASES]
    return any(difflib.SequenceMatcher(None, key, name_key(name)).ratio() >= MISSPELT_RATIO for name in names)


def canonical_group(text: str | None) -> str | None:
    """A group's name as the register writes it, when `text` names one of the nine; else None."""
    code = group_code(text)
    return GROUPS[code] if code else None


@dataclass(frozen=True)
class ResolvedGroup:
    """The group an evaluation counts in, and whether it came from the register."""

    name: str | None
    from_register: bool


def resolved_group(municipality: str | None, group: str | None, known: Register | None = None) -> ResolvedGroup:
    """The group an evaluation counts in for the national figures.

    The workbook's own group when it names one of the nine (spelt as the register spells it). When
    the workbook's group is missing or misspelt (a near spelling of one of the nine), the register's
    group of its municipality (`from_register`). Otherwise the workbook's own text as it is: another
    grouping, or a municipality outside the register (a Norwegian one), keeps its own; `kompass
    check` warns about a group that is not one of the nine.
    """
    own = (group or "").strip()
    canonical = canonical_group(own)
    if canonical:
        return ResolvedGroup(canonical, False)
    if not own or is_misspelt_group(own):
        found = (known or register()).find(municipality)
        if found is not None:
            return ResolvedGroup(found.group, True)
    return ResolvedGroup(own or None, False)


def group_of(evaluation) -> ResolvedGroup:
    """The group an evaluation (models.Evaluation) counts in: `resolved_group` of its municipality and group."""
    return resolved_group(evaluation.municipality, evaluation.municipality_group)


def group_shown(evaluation, lang: str) -> str | None:
    """The group an evaluation counts in, as the national summary shows it: marked when the register gave it."""
    from .labels import label

    resolved = group_of(evaluation)
    if resolved.name and resolved.from_register:
        return resolved.name + label("group_from_register", lang)
    return resolved.name
