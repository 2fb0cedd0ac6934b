"""Helpers for tests of printed layout: words of headers broken across lines in a PDF's text."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path


def pdf_text(pdf: Path) -> str:
    """The PDF's text with its layout (pdftotext -layout): cells side by side, wrapped lines below."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def broken_words(text: str, headers: Iterable[str]) -> list[str]:
    """Words of the headers that appear cut short as a word of their own ("Riksgenomsnit" for "Riksgenomsnitt").

    A column too narrow for a word makes LibreOffice and Excel break the word inside, leaving its
    start on one line and the rest on the next.
    """
    found = []
    for header in headers:
        for word in header.split():
            word = word.strip(",.:;()")
            if len(word) < 6 or not word.isalpha():
                continue  # a short word or a number: its start could well be a word of its own
            for cut in range(max(3, len(word) - 3), len(word)):
                if re.search(rf"(?<![\w-]){re.escape(word[:cut])}(?![\w-])", text):
                    found.append(f"{word[:cut]}|{word[cut:]}")
    return found
