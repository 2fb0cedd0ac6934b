"""One rule for text that leaves the tool: what a name may hold, what XML can hold, what a terminal shows.

Control characters (U+0000 to U+001F, U+FFFE, U+FFFF) are no part of a name; a terminal would obey
an ESC sequence hidden in a file name or a municipality instead of showing it, and XML 1.0 cannot
hold most of them at all. Text with such characters is refused where it is typed (`kompass new`),
flagged where it is read (`kompass check`), written escaped and printed escaped.
"""

from __future__ import annotations

import re

_NAME_FORBIDDEN = re.compile("[\x00-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters no name may hold: control characters, the non-characters U+FFFE/U+FFFF, and the
stand-ins Python uses for bytes that are not UTF-8 (a lone surrogate)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold (tab, line feed and carriage return it can)."""
_NOT_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal obeys or cannot print: controls (not tab and line feed), DEL, C1 controls,
bidirectional overrides, non-characters and lone surrogates."""


def has_control_characters(text: str) -> bool:
    """True when `text` holds a character no name may hold (see _NAME_FORBIDDEN)."""
    return _NAME_FORBIDDEN.search(text) is not None


def visible(text: str) -> str:
    r"""`text` with every control character written as \uXXXX, so a message shows it instead of obeying it."""
    return _NAME_FORBIDDEN.sub(_escaped, text)


def xml_text(text: str) -> str:
    """`text` as an XML text node can hold it: each character XML 1.0 cannot hold written as the
    OOXML escape _xHHHH_ (which Excel and LibreOffice show as the character), a lone surrogate as U+FFFD."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(_ooxml_escape, text)


def _ooxml_escape(match: re.Match) -> str:
    char = match[0]
    return "\ufffd" if "\ud800" <= char <= "\udfff" else f"_x{ord(char):04X}_"


def terminal_text(text: str) -> str:
    r"""`text` as it can be printed on a terminal: tab and line feed kept, every other control character,
    bidirectional override and lone surrogate written as \uXXXX (valid inside a JSON string too)."""
    if _NOT_SHOWN.search(text) is None:
        return text
    return _NOT_SHOWN.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match[0]):04x}"
