"""The result workbook of one evaluation (`kompass report`): read the inputs, compare, write.

`make_report` is the one call the command makes: it checks the scoring workbook and every earlier
one, reads the national summary, and returns the result workbook's bytes. A workbook that is not
valid is refused with an `InvalidWorkbookError` carrying its checked result, so the caller can show
the findings. `build_report` does the same from objects already read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path, PurePath

from .checking import check_command
from .comparison import PreviousResult
from .messages import say
from .errors import KompassError
from .frameworks import get_framework
from .labels import Lang
from .layout import META_SHEET
from .names import name_key
from .national import NationalFigures, national_figures, read_national_rows
from .results import WorkbookResult


class InvalidWorkbookError(KompassError):
    """A workbook given to the report is not valid; `result` holds its findings."""

    def __init__(self, result: WorkbookResult, role: str = "scoring workbook") -> None:
        self.result = result
        self.role = role
        from .messages import plural, say

        errors = plural(len(result.errors), say("word_error"), say("word_errors"))
        super().__init__(say("report_invalid", path=result.path, role=say(f"role_{role}"), errors=errors, command=check_command(result.path)))


def workbook_language(path: Path) -> Lang:
    """The language a scoring workbook was made in (key `lang` of its hidden sheet); Swedish if unknown."""
    from .reader import open_workbook

    try:
        workbook = open_workbook(path)
        cells = workbook.sheet_cells(META_SHEET) if META_SHEET in workbook.sheet_names else {}
    except KompassError:
        return Lang.SV
    for ref, cell in cells.items():
        if ref.startswith("A") and ref[1:].isdigit() and cell.value == "lang":
            value = cells.get(f"B{ref[1:]}")
            if value is not None and str(value.value).strip() in {lang.value for lang in Lang}:
                return Lang(str(value.value).strip())
    return Lang.SV


def check_valid(path: Path, role: str) -> WorkbookResult:
    """Check one scoring workbook and insist that it is valid.

    Raises:
        InvalidWorkbookError: it was read but has errors (or no totals).
        WorkbookReadError: it cannot be read at all.
    """
    from .checking import check_workbook, is_unusable
    from .errors import WorkbookReadError

    result = check_workbook(path)
    if is_unusable(result):
        raise WorkbookReadError("; ".join(f.message for f in result.findings) or say("report_unreadable", path=path))
    if not result.valid:
        raise InvalidWorkbookError(result, role)
    return result


def load_national(path: Path, framework: str) -> NationalFigures:
    """The national figures of one framework version from a national summary workbook."""
    from .checking import sha256_of

    return national_figures(read_national_rows(path), framework, source=path.name, sha256=sha256_of(path))


def check_distinct(previous: Sequence[PreviousResult]) -> None:
    """Refuse an earlier evaluation given twice: it would be compared with twice.

    Two earlier results are the same when they are the same file (equal SHA-256), the same
    scoring workbook of the same year (equal workbook id and year), or the same figures (equal
    year, framework version, total and area points; e.g. a published result given twice).

    Raises:
        KompassError: naming both sources.
    """
    for index, later in enumerate(previous):
        for earlier in previous[:index]:
            same_file = bool(later.sha256) and later.sha256 == earlier.sha256
            same_workbook = bool(later.workbook_id) and later.workbook_id == earlier.workbook_id and later.year == earlier.year
            figures = (later.year, later.framework, later.total, later.areas)
            same_figures = figures == (earlier.year, earlier.framework, earlier.total, earlier.areas)
            if same_file or same_workbook or same_figures:
                if same_file:
                    how = "the same file (same SHA-256)"
                elif same_workbook:
                    how = f"the same workbook (workbook id {later.workbook_id}, {later.year})"
                else:
                    how = f"the same figures (Kommunkompassen {later.framework}, {later.year})"
                first, second = earlier.source or earlier.label, later.source or later.label
                names = f"{first} twice" if first == second else f"{first} and {second}"
                raise KompassError(say("report_previous_twice", names=names, how=how))


def check_inputs(result: WorkbookResult, previous: Sequence[PreviousResult]) -> None:
    """What every report (result workbook and Word draft) requires of its inputs.

    Raises:
        InvalidWorkbookError: the result is not valid.
        KompassError: an earlier result is given twice, is this evaluation, is of another
            municipality, or is not earlier.
    """
    ev = result.evaluation
    if not result.valid or ev is None:
        raise InvalidWorkbookError(result)
    check_distinct(previous)
    for earlier in previous:
        same_id = bool(earlier.workbook_id) and earlier.workbook_id == ev.workbook_id and earlier.year == ev.year
        same_file = bool(earlier.sha256) and earlier.sha256 == result.sha256
        if same_id or same_file:
            raise KompassError(say("report_previous_itself", source=earlier.source or earlier.label))
        if earlier.municipality and name_key(earlier.municipality) != name_key(ev.municipality):
            raise KompassError(say("report_previous_other", source=earlier.source or earlier.label, other=earlier.municipality, municipality=ev.municipality))
        if ev.year is not None and earlier.year >= ev.year:
            raise KompassError(say("report_previous_later", source=earlier.source or earlier.label, year=earlier.year, this_year=ev.year))


def build_report(
    result: WorkbookResult,
    previous: Sequence[PreviousResult] = (),
    national: NationalFigures | None = None,
    lang: Lang | str = Lang.SV,
    created: datetime | None = None,
) -> bytes:
    """The result workbook of a valid checked evaluation, from objects already read.

    Raises:
        KompassError: the result is not valid, an earlier result is this same evaluation or is
            given twice, or the national figures are of another framework version.
    """
    check_inputs(result, previous)
    ev = result.evaluation
    from .forms import creation_time
    from .workbooks.result import build_result_workbook

    return build_result_workbook(
        get_framework(ev.framework),
        result,
        previous,
        national,
        PurePath(result.path).name,
        result.sha256,
        lang,
        created or creation_time(),
    )


def make_report(
    source: Path,
    previous: Sequence[Path] = (),
    national: Path | None = None,
    lang: Lang | str | None = None,
    created: datetime | None = None,
) -> bytes:
    """The result workbook of a completed scoring workbook, as .xlsx bytes.

    Args:
        source: the completed scoring workbook.
        previous: scoring workbooks of earlier evaluations to compare with (any framework version).
        national: a national summary workbook (`kompass merge`), or None.
        lang: the labels' language; None takes the scoring workbook's own language.
        created: creation time; None is now (or SOURCE_DATE_EPOCH).

    Raises:
        InvalidWorkbookError: the scoring workbook or an earlier one has errors (see its `result`).
        KompassError: an input cannot be read, the national summary has no evaluation of this
            framework version, or an earlier workbook is the evaluation itself or is given twice.
    """
    result = check_valid(Path(source), "scoring workbook")
    earlier = [PreviousResult.from_workbook_result(check_valid(Path(path), "earlier workbook")) for path in previous]
    figures = load_national(Path(national), result.framework or "") if national is not None else None
    return build_report(result, earlier, figures, lang or workbook_language(Path(source)), created)
