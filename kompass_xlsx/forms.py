"""New scoring workbooks for one evaluation, and the blank templates in workbook_templates/."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
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
    group: str | None = None,
) -> bytes:
    """A blank scoring workbook for one evaluation, with a fresh workbook id (and the group, when given).

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
        municipality_group=group or None,
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


@dataclass(frozen=True)
class NewIdentity:
    """The municipality and group a new scoring workbook gets, checked against the register.

    `problem` (with the option it concerns) is set when the workbook must not be written: a name
    outside the register without --force-name, or a group that is not one of SKR's nine. `warnings`
    are printed after writing (a year that does not fit the framework version).
    """

    municipality: str
    group: str | None
    warnings: tuple[str, ...] = ()
    problem: str | None = None
    problem_option: str | None = None


def registered_identity(municipality: str, group: str | None, force_name: bool, version: str, year: int) -> NewIdentity:
    """The register's spelling, code-backed group and warnings for `kompass new --municipality NAME`.

    A registered name is spelt as the register spells it ("kalix" -> "Kalix") and gets the register's
    group unless `group` names one of the nine; an unknown name is refused with the nearest names
    ("Menade du Kalix?") unless `force_name` keeps it.
    """
    from .frameworks import get_framework
    from .identity_checks import fitting_version
    from .messages import say
    from .municipalities import GROUPS, canonical_group, register

    framework = get_framework(version)  # an unknown version is the first thing to say
    name = municipality.strip()
    chosen = None
    if group is not None:
        chosen = canonical_group(group)
        if chosen is None:
            groups = "; ".join(GROUPS.values())
            return NewIdentity(name, None, problem=say("new_group_unknown", group=group, groups=groups), problem_option="--group")
    found = register().find(name)
    if found is not None:
        name, chosen = found.name, chosen or found.group
    elif not force_name:
        close = register().suggestions(name)
        hint = say("new_did_you_mean", names=" ".join(f"{n}?" for n in close)) if close else ""
        return NewIdentity(name, chosen, problem=say("new_name_unknown", name=name, hint=hint), problem_option="--municipality")
    fitting = fitting_version(framework, year)
    warnings = (say("new_year_mismatch", year=year, version=version, start=framework.in_use_from, fitting=fitting.id),) if fitting else ()
    return NewIdentity(name, chosen, warnings)
