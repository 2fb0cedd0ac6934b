"""The written report's draft (`kompass report --docx`): read the inputs, compute, write the Word file.

`make_draft` is the one call the command makes; `build_draft` does the same from objects already
read (the demo uses it). Both check the inputs exactly as the result workbook does
(reporting.py), so the draft and the result workbook show the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from ..comparison import PreviousResult
from ..errors import KompassError
from ..frameworks import get_framework
from ..labels import Lang
from ..names import name_key
from ..national import NationalFigures
from ..results import WorkbookResult
from .content import draft_content
from .intro import Intro, read_intro, standard_intro


@dataclass(frozen=True)
class Draft:
    """A written draft: the .docx bytes and how many prompts the evaluators still have to write."""

    data: bytes
    prompts: int


def check_inputs(result: WorkbookResult, previous: Sequence[PreviousResult]) -> None:
    """The checks `reporting.build_report` makes before a result workbook, with its messages.

    Raises:
        InvalidWorkbookError: the result is not valid.
        KompassError: an earlier result is given twice, is this evaluation, is of another
            municipality, or is not earlier.
    """
    from ..reporting import InvalidWorkbookError, check_distinct

    ev = result.evaluation
    if not result.valid or ev is None:
        raise InvalidWorkbookError(result)
    check_distinct(previous)
    for earlier in previous:
        same_id = bool(earlier.workbook_id) and earlier.workbook_id == ev.workbook_id and earlier.year == ev.year
        same_file = bool(earlier.sha256) and earlier.sha256 == result.sha256
        if same_id or same_file:
            raise KompassError(f"{earlier.source or earlier.label} is the evaluation itself, not an earlier one")
        if earlier.municipality and name_key(earlier.municipality) != name_key(ev.municipality):
            raise KompassError(
                f"{earlier.source or earlier.label} is an evaluation of {earlier.municipality}, not of {ev.municipality}; "
                "--previous takes earlier evaluations of the same municipality"
            )
        if ev.year is not None and earlier.year >= ev.year:
            raise KompassError(f"{earlier.source or earlier.label} is from {earlier.year}, not earlier than this evaluation ({ev.year})")


def build_draft(
    result: WorkbookResult,
    previous: Sequence[PreviousResult] = (),
    national: NationalFigures | None = None,
    lang: Lang | str = Lang.SV,
    intro: Intro | None = None,
    created: datetime | None = None,
) -> Draft:
    """The report draft of a valid checked evaluation, from objects already read.

    Args:
        result: the checked evaluation; it must be valid.
        previous: earlier evaluations to compare with (checked as for the result workbook).
        national: national figures of the same framework version, or None.
        lang: the draft's language.
        intro: the method text; None takes the standard text of `lang`.
        created: creation time; None is now (or SOURCE_DATE_EPOCH).

    Raises:
        KompassError: as reporting.build_report: the result is not valid, an earlier result is this
            same evaluation, of another municipality, not earlier, or given twice; national figures
            of another version.
    """
    from ..forms import creation_time
    from .writer import DraftWriter

    lang = Lang(lang)
    check_inputs(result, previous)
    ev = result.evaluation
    assert ev is not None  # check_inputs insists on a valid result
    framework = get_framework(ev.framework)
    content = draft_content(
        framework, result, previous, national, intro or standard_intro(lang),
        PurePath(result.path).name, created or creation_time(), f"{framework.id}.toml",
    )
    writer = DraftWriter(content, lang)
    data = writer.build()
    return Draft(data, writer.prompts)


def make_draft(
    source: Path,
    previous: Sequence[Path] = (),
    national: Path | None = None,
    lang: Lang | str | None = None,
    intro: Path | None = None,
    created: datetime | None = None,
) -> Draft:
    """The report draft of a completed scoring workbook.

    Raises:
        InvalidWorkbookError: the scoring workbook or an earlier one has errors (see its `result`).
        KompassError: an input cannot be read (the method text included), or see build_draft.
    """
    from ..reporting import check_valid, load_national, workbook_language

    text = read_intro(Path(intro)) if intro is not None else None
    result = check_valid(Path(source), "scoring workbook")
    earlier = [PreviousResult.from_workbook_result(check_valid(Path(path), "earlier workbook")) for path in previous]
    figures = load_national(Path(national), result.framework or "") if national is not None else None
    return build_draft(result, earlier, figures, lang or workbook_language(Path(source)), text, created)
