"""Comparing and sorting names of municipalities and groups as Swedish users expect."""

from __future__ import annotations

import unicodedata

# Swedish alphabetical order puts å, ä, ö after z; ü sorts as y, é as e, æ and ø as ä and ö.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y", "é": "e", "è": "e"})


def name_key(name: str) -> str:
    """The comparison key of a municipality or group name: case, spacing and composition ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def sort_name(name: str) -> str:
    """A sort key for names in Swedish alphabetical order (Åre after Zinkgruvan)."""
    return name_key(name).translate(_SWEDISH_ORDER)
