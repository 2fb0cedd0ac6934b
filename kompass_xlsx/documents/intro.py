"""The method text of the draft's introduction: the standard one shipped per language, or the
coordinator's own file (`--intro FILE.txt|.md`), read into simple blocks.

The text is a small subset of Markdown, which a plain .txt file also is: paragraphs separated by
blank lines (lines of one paragraph are joined), lines starting with "- ", "* " or "• " are bullets,
lines starting with "#" are headings, and **bold** and *italic* mark words. Nothing else is
interpreted; every other character is kept as written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import InputError
from ..labels import Lang
from ..messages import say

PACKAGE_DIR = Path(__file__).resolve().parent
MAX_INTRO_BYTES = 256 * 1024
"""A method text is a page or two; a larger file is most likely the wrong one."""
SUFFIXES = (".txt", ".md")

_BULLET = re.compile(r"^\s*[-*•]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*[^*\n]+?\*\*|__[^_\n]+?__|\*[^*\s][^*\n]*?\*|_[^_\s][^_\n]*?_)")


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    HEADING = "heading"


@dataclass(frozen=True)
class Span:
    """A piece of a block's text, bold or italic as the text marked it."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Intro:
    """A method text: its blocks and where it came from (a file name)."""

    blocks: tuple[Block, ...]
    source: str
    standard: bool


def spans_of(text: str) -> tuple[Span, ...]:
    """A line's text split at **bold** and *italic* marks (the marks themselves dropped)."""
    spans = []
    for piece in _EMPHASIS.split(text):
        if not piece:
            continue
        if (piece.startswith("**") and piece.endswith("**") or piece.startswith("__") and piece.endswith("__")) and len(piece) > 4:
            spans.append(Span(piece[2:-2], bold=True))
        elif _EMPHASIS.fullmatch(piece) and len(piece) > 2:
            spans.append(Span(piece[1:-1], italic=True))
        else:
            spans.append(Span(piece))
    return tuple(spans)


def parse_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a method text (see the module docstring)."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, spans_of(" ".join(paragraph))))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif _HEADING.match(line):
            flush()
            blocks.append(Block(BlockKind.HEADING, spans_of(_HEADING.sub("", line).strip())))
        elif _BULLET.match(line):
            flush()
            blocks.append(Block(BlockKind.BULLET, spans_of(_BULLET.sub("", line).strip())))
        elif blocks and blocks[-1].kind is BlockKind.BULLET and raw[:1].isspace() and not paragraph:
            previous = blocks.pop()  # an indented line continues the bullet above it
            blocks.append(Block(BlockKind.BULLET, spans_of(f"{previous.text} {line}")))
        else:
            paragraph.append(line)
    flush()
    return tuple(block for block in blocks if block.text.strip())


def standard_intro(lang: Lang | str) -> Intro:
    """The method text shipped with the tool in `lang`."""
    path = PACKAGE_DIR / f"intro_{Lang(lang).value}.md"
    return Intro(parse_blocks(path.read_text(encoding="utf-8")), path.name, standard=True)


def read_intro(path: Path) -> Intro:
    """The coordinator's own method text.

    Raises:
        InputError: not a regular .txt or .md file, too large, not UTF-8 (nor UTF-16 with its mark), empty, or unreadable;
            the message names the file.
    """
    shown = str(path)
    try:
        if not path.is_file():
            raise InputError(say("draft_intro_not_file", path=shown))
        if path.suffix.lower() not in SUFFIXES:
            raise InputError(say("draft_intro_kind", path=shown))
        size = path.stat().st_size
        if size > MAX_INTRO_BYTES:
            raise InputError(say("draft_intro_too_big", path=shown, size=size, limit=MAX_INTRO_BYTES))
        data = path.read_bytes()
    except OSError as err:
        raise InputError(say("draft_intro_unreadable", path=shown, reason=err.strerror or err)) from err
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
            content = data.decode("utf-16")
        else:
            content = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(say("draft_intro_encoding", path=shown, position=err.start)) from None
    blocks = parse_blocks(content)
    if not blocks:
        raise InputError(say("draft_intro_empty", path=shown))
    return Intro(blocks, path.name, standard=False)
