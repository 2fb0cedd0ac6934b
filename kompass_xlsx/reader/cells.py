"""What the reader gives back: cells exactly as stored, sheets, defined names."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum


class CellKind(StrEnum):
    """What a stored cell value is. Empty cells are not cells: they are absent."""

    NUMBER = "number"
    TEXT = "text"
    BOOL = "bool"
    ERROR = "error"


class SheetState(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"
    VERY_HIDDEN = "veryHidden"


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell exactly as stored in the file; formulas are never recalculated.

    Attributes:
        ref: The A1 reference without '$', e.g. "D7".
        kind: What `value` is.
        value: NUMBER: a Decimal parsed from the stored text (never via float). TEXT: the text
            exactly as stored, spaces kept. BOOL: a bool. ERROR: the error text, e.g. "#DIV/0!".
        formula: The formula text (without '=') when the cell holds a formula, else None. A
            dependant cell of a shared formula has "" here: it is a formula, its text is elsewhere.
        has_cached_value: False for a formula cell that was never calculated (no stored result);
            its kind is then TEXT and its value "".
        is_date: True for a NUMBER shown with a date or time number format (the value is then the
            serial day number), and for the rare ISO-8601 date cells (TEXT).
    """

    ref: str
    kind: CellKind
    value: Decimal | str | bool
    formula: str | None = None
    has_cached_value: bool = True
    is_date: bool = False


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    state: SheetState


@dataclass(frozen=True, slots=True)
class DefinedName:
    """A workbook-level defined name.

    Attributes:
        name: The name, e.g. "score_1_3".
        sheet: The sheet a plain reference points into, else None.
        ref: The cell ("D7") or range ("B5:B9") of a plain reference, '$' removed, else None
            (for #REF!, formulas, constants, external and multi-area references).
        text: The name's formula text exactly as stored, e.g. "'1 Område'!$D$7".
    """

    name: str
    sheet: str | None
    ref: str | None
    text: str


_new = object.__new__
_set_ref, _set_kind, _set_value, _set_formula, _set_cached, _set_date = (
    getattr(Cell, field.name).__set__ for field in fields(Cell)
)


def _cell(ref: str, kind: CellKind, value: object, formula: str | None, cached: bool, is_date: bool) -> Cell:
    """Cell(ref, kind, ...) at twice the speed: it fills the slots directly.

    The generated __init__ of a frozen dataclass sets every field through object.__setattr__;
    the sheet parser makes one Cell per cell, which made that the largest cost of a parse.
    """
    cell = _new(Cell)
    _set_ref(cell, ref)
    _set_kind(cell, kind)
    _set_value(cell, value)
    _set_formula(cell, formula)
    _set_cached(cell, cached)
    _set_date(cell, is_date)
    return cell


_set_name, _set_sheet, _set_name_ref, _set_text = (
    getattr(DefinedName, field.name).__set__ for field in fields(DefinedName)
)


def _defined_name(name: str, sheet: str | None, ref: str | None, text: str) -> DefinedName:
    """DefinedName(name, sheet, ref, text) filling the slots directly, like _cell: a scoring workbook has 100+ names."""
    defined = _new(DefinedName)
    _set_name(defined, name)
    _set_sheet(defined, sheet)
    _set_name_ref(defined, ref)
    _set_text(defined, text)
    return defined
