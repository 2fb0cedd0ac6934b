"""Framework TOML files -> validated Framework models. The only place that reads frameworks/."""

from __future__ import annotations

import difflib
import tomllib
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .errors import FrameworkError, UnknownFrameworkError
from .models import Framework

_PACKAGE_DIR = Path(__file__).resolve().parent


def frameworks_dir() -> Path:
    """Where the framework files are: inside the installed package, else the source checkout."""
    installed = _PACKAGE_DIR / "frameworks"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / "frameworks"
    if checkout.is_dir():
        return checkout
    raise FrameworkError(f"no frameworks folder found at {installed} or {checkout}")


def _location(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _describe(error: dict, data: dict) -> str:
    """One validation error as 'areas[2].questions[0].max: message', with the area number named."""
    loc = tuple(error["loc"])
    where = _location(loc)
    if len(loc) >= 2 and loc[0] == "areas" and isinstance(loc[1], int):
        try:
            number = data["areas"][loc[1]].get("number")
        except (IndexError, KeyError, AttributeError, TypeError):
            number = None
        if number is not None:
            where = f"{where} (area {number})"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def parse_framework(text: str, source: str) -> Framework:
    """Parse and validate one framework from TOML text.

    Args:
        text: the TOML document.
        source: the file name used in error messages.

    Raises:
        FrameworkError: naming the file and the field at fault.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FrameworkError(f"{source}: not valid TOML: {err}") from err
    try:
        return Framework.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(_describe(e, data) for e in err.errors())
        raise FrameworkError(f"{source}: {problems}") from err


def load_framework_file(path: Path) -> Framework:
    """Load one framework file; the version id must match the file name."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise FrameworkError(f"{path}: cannot be read: {err}") from err
    framework = parse_framework(text, path.name)
    if framework.id != path.stem:
        raise FrameworkError(f"{path.name}: id is '{framework.id}' but the file name says '{path.stem}'")
    return framework


def check_lineage(frameworks: dict[str, Framework]) -> None:
    """Every lineage points at a version that exists and at areas that exist in it."""
    for framework in frameworks.values():
        if framework.previous is None:
            continue
        previous = frameworks.get(framework.previous)
        if previous is None:
            raise FrameworkError(f"{framework.id}.toml: previous: version '{framework.previous}' does not exist")
        if previous.in_use_from >= framework.in_use_from:
            raise FrameworkError(
                f"{framework.id}.toml: previous: version {previous.id} is not older than {framework.id}"
            )
        for area in framework.areas:
            assert area.lineage is not None  # guaranteed by Framework validation
            for number in area.lineage.from_areas:
                if not 1 <= number <= len(previous.areas):
                    raise FrameworkError(
                        f"{framework.id}.toml: areas[{area.number - 1}].lineage.from (area {area.number}): "
                        f"area {number} does not exist in version {previous.id}"
                    )


def load_frameworks_from(directory: Path) -> dict[str, Framework]:
    """All framework files of a folder, validated together, ordered by version."""
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise FrameworkError(f"{directory}: no framework files (*.toml)")
    frameworks = {}
    for path in paths:
        framework = load_framework_file(path)
        frameworks[framework.id] = framework
    check_lineage(frameworks)
    return dict(sorted(frameworks.items(), key=lambda item: item[1].in_use_from))


@cache
def all_frameworks() -> dict[str, Framework]:
    """The shipped frameworks, loaded once per process."""
    return load_frameworks_from(frameworks_dir())


def get_framework(version: str) -> Framework:
    """The shipped framework with this version id.

    Raises:
        UnknownFrameworkError: with the known versions and close matches.
    """
    frameworks = all_frameworks()
    try:
        return frameworks[str(version).strip()]
    except KeyError:
        close = difflib.get_close_matches(str(version), list(frameworks), n=2)
        from .messages import say

        hint = say("framework_did_you_mean", versions=say("framework_or").join(close)) if close else ""
        raise UnknownFrameworkError(say("framework_unknown", version=version, known=", ".join(frameworks), hint=hint)) from None


FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years an evaluation can have; check calls any other YEAR_INVALID."""


def year_from_text(text: str) -> int | None:
    """The year written as four digits from FIRST_YEAR to LAST_YEAR ("2024"); None for anything else."""
    text = text.strip()
    if len(text) == 4 and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return None


def framework_for_year(year: int) -> Framework:
    """The framework version in use in `year`: the newest that came into use in or before it
    (the oldest for a year before any)."""
    frameworks = list(all_frameworks().values())
    fitting = [fw for fw in frameworks if fw.in_use_from <= year]
    return fitting[-1] if fitting else frameworks[0]
