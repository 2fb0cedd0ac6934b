"""Names as users see them: municipalities and groups compared and sorted as Swedish users
expect, and file paths shown."""

from __future__ import annotations

import os
import unicodedata
from pathlib import PurePath

# Swedish alphabetical order puts å, ä, ö after z; ü sorts as y, é as e, æ and ø as ä and ö.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y", "é": "e", "è": "e"})


def name_key(name: str) -> str:
    """The comparison key of a municipality or group name: case, spacing, composition and invisible
    characters (zero-width space, soft hyphen: Unicode's format characters) ignored."""
    if not name.isascii():
        name = "".join(char for char in name if unicodedata.category(char) != "Cf")
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def sort_name(name: str) -> str:
    """A sort key for names in Swedish alphabetical order (Åre after Zinkgruvan)."""
    return name_key(name).translate(_SWEDISH_ORDER)


def shown_path(path: PurePath | str) -> str:
    """A file's path as text that can be written anywhere (a workbook, JSON, the terminal).

    A name that is not valid UTF-8, such as one unpacked from an old zip (b"G\\xe4vle.xlsx"), reaches
    Python with stand-ins for its odd bytes that no file format can hold; they are shown as \\xe4.
    """
    text = os.fspath(path)
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")
