"""The terminal: signals end a command cleanly, and nothing printed can steer the terminal.

- Ctrl-C (SIGINT) ends any command with one line and exit code 130, as shells do; SIGTERM ends it
  the same way with 143 (128 + the signal's number), so that `finally` blocks run: temporary files
  are removed and worker processes stopped. Workers die with their parent in any case (batch.py).
- Everything printed goes through `terminal_text`: a municipality, an evaluator or a file name
  holding an ESC sequence is shown escaped (\\u001b[2J), never obeyed.
"""

from __future__ import annotations

import io
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .textsafety import terminal_text

_PASSED = re.compile("(\x1b\\[\\?25[lh]|\r)")
"""What click's progress bar writes itself (a carriage return, hide and show the cursor): let through."""


class Terminated(BaseException):
    """Raised in the main thread when the process receives SIGTERM, so that clean-up code runs."""


def _terminated(_signal: int, _frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one clean-up, however many signals follow
    raise Terminated


class SafeText(io.TextIOBase):
    """A text stream that writes through to another one with control characters escaped (see terminal_text)."""

    def __init__(self, stream) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        if _PASSED.search(text) is None:
            self.stream.write(terminal_text(text))
        else:  # keep the carriage return and cursor codes of click's progress bar
            self.stream.write("".join(piece if i % 2 else terminal_text(piece) for i, piece in enumerate(_PASSED.split(text))))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def errors(self):  # type: ignore[override]
        return getattr(self.stream, "errors", "strict")

    def writable(self) -> bool:
        return True


@contextmanager
def guarded() -> Iterator[None]:
    """Within: SIGTERM raises Terminated, and sys.stdout and sys.stderr escape control characters."""
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        previous = None
    out, err = sys.stdout, sys.stderr
    sys.stdout = SafeText(out) if out is not None else out
    sys.stderr = SafeText(err) if err is not None else err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def quiet_interrupts() -> None:
    """Ignore further Ctrl-C and SIGTERM while the one line is printed and the process ends.

    Also silences what the interpreter reports as "Exception ignored" while it shuts down: after an
    interrupt, CPython 3.11's exit hook of a process pool can race the pool's own clean-up (it writes
    to a wake-up pipe being closed, OSError: Bad file descriptor). The hook then stops, nothing hangs,
    and the one line stays the only one.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(number, signal.SIG_IGN)
        except ValueError:
            pass
    sys.unraisablehook = _ignore_unraisable


def _ignore_unraisable(_unraisable: object) -> None:
    return None
