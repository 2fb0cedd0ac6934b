"""New scoring workbooks for one evaluation, and the blank templates in workbook_templates/."""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import InputError
from .frameworks import all_frameworks, get_framework
from .messages import say
from .textsafety import has_control_characters, visible
from .labels import Lang
from .models import Evaluation
from .outputs import make_folder, write_atomic

TEMPLATE_NAME = "kommunkompassen-{version}.xlsx"


def creation_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so a build can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def new_scoring_workbook(
    version: str,
    municipality: str,
    year: int,
    evaluators: tuple[str, ...] = (),
    lang: Lang | str = Lang.SV,
    evaluation_date: date | None = None,
    workbook_id: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """A blank scoring workbook for one evaluation, with a fresh workbook id.

    Raises:
        InputError: a name holds control characters or bytes that are not UTF-8 (see textsafety).
    """
    from .workbooks.scoring_form import build_scoring_workbook

    for option, value in [("--municipality", municipality), *(("--evaluator", name) for name in evaluators)]:
        if has_control_characters(value):
            raise InputError(say("name_control_characters", option=option, value=visible(value)))

    evaluation = Evaluation(
        framework=version,
        workbook_id=workbook_id or str(uuid.uuid4()),
        municipality=municipality.strip(),
        year=year,
        evaluators=tuple(name.strip() for name in evaluators if name.strip()),
        evaluation_date=evaluation_date,
    )
    return build_scoring_workbook(get_framework(version), evaluation, lang, created or creation_time())


def template_bytes(version: str) -> bytes:
    """The blank template of a version: no municipality, no year, no workbook id, fixed time."""
    from .workbooks.scoring_form import build_scoring_workbook

    return build_scoring_workbook(get_framework(version), Evaluation(framework=version), Lang.SV)


def write_templates(outdir: Path, force: bool = False) -> list[Path]:
    """Write the blank template of every framework version into `outdir`."""
    make_folder(outdir)
    written = []
    for version in all_frameworks():
        path = outdir / TEMPLATE_NAME.format(version=version)
        write_atomic(path, template_bytes(version), force=force)
        written.append(path)
    return written
