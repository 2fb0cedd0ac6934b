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
from ..frameworks import get_framework
from ..labels import Lang
from ..reporting import check_inputs
from ..national import NationalFigures
from ..results import WorkbookResult
from .content import draft_content
from .intro import Intro, read_intro, standard_intro


@dataclass(frozen=True)
class Draft:
    """A written draft: the .docx bytes and how many prompts the evaluators still have to write."""

    data: bytes
    prompts: int


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
