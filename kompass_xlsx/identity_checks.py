"""Checks of an evaluation's identity against reference data: the municipality register and the
years each framework version was in use. Each check yields warnings; none stops a workbook.

- The municipality should be one of the 290 in the register (`MUNICIPALITY_NOT_IN_REGISTER`); a name
  outside it is allowed (a Norwegian or merged municipality), so this is a warning with the nearest names.
- The group should be one of SKR's nine (`GROUP_UNKNOWN`); the national figures count a missing or
  misspelt group as the register's group of the municipality (municipalities.resolved_group).
- The year should fit the framework version (`YEAR_FRAMEWORK_MISMATCH`): not before the version came
  into use, nor YEARS_LATE or more years after the next version came into use.
"""

from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding, FindingCode, finding
from .frameworks import all_frameworks, framework_for_year
from .labels import label
from .models import Evaluation, Framework
from .municipalities import canonical_group, register, resolved_group

YEARS_LATE = 2  # a version may still be used for a year or so after the next one came into use


def fitting_version(framework: Framework, year: int) -> Framework | None:
    """The version that fits `year` when `framework` does not; None when `framework` fits it.

    >>> fitting_version(get_framework("2020"), 2005).id
    '2002'
    """
    later = [fw for fw in all_frameworks().values() if fw.in_use_from > framework.in_use_from]
    too_late = bool(later) and year >= min(fw.in_use_from for fw in later) + YEARS_LATE
    if year < framework.in_use_from or too_late:
        return framework_for_year(year)
    return None


def next_version_year(framework: Framework) -> int | None:
    """The year the version after `framework` came into use, or None for the newest."""
    later = [fw.in_use_from for fw in all_frameworks().values() if fw.in_use_from > framework.in_use_from]
    return min(later) if later else None


def identity_findings(checker, framework: Framework, evaluation: Evaluation) -> Iterator[Finding]:
    """The warnings about one checked workbook's municipality, group and year.

    Args:
        checker: the checking.WorkbookChecker that read the workbook (for cell places and language).
        framework: the workbook's framework version.
        evaluation: what the checker read.
    """
    lang = checker.lang
    sheet, ref, _ = checker.detail("municipality")
    municipality = evaluation.municipality
    if municipality and register().find(municipality) is None:
        close = register().suggestions(municipality, count=1)
        hint = label("did_you_mean_name", lang, name=close[0]) if close else ""
        yield finding(FindingCode.MUNICIPALITY_NOT_IN_REGISTER, sheet=sheet, cell=ref, lang=lang, value=municipality, hint=hint)

    group = (evaluation.municipality_group or "").strip()
    if group and canonical_group(group) is None:
        sheet, ref, _ = checker.detail("municipality_group")
        resolved = resolved_group(municipality, group)
        if resolved.from_register:
            counted = label("group_counted_as", lang, municipality=municipality, group=resolved.name)
        else:
            counted = label("group_counted_alone", lang)
        yield finding(FindingCode.GROUP_UNKNOWN, sheet=sheet, cell=ref, lang=lang, value=group, counted=counted)

    if evaluation.year is not None:
        fitting = fitting_version(framework, evaluation.year)
        if fitting is not None:
            sheet, ref, _ = checker.detail("year")
            until = next_version_year(framework)
            in_use = label("version_in_use", lang, start=framework.in_use_from, end=until - 1) if until else label("version_in_use_since", lang, start=framework.in_use_from)
            yield finding(
                FindingCode.YEAR_FRAMEWORK_MISMATCH, sheet=sheet, cell=ref, lang=lang,
                year=evaluation.year, version=framework.id, in_use=in_use, fitting=fitting.id,
            )
