"""What a killed run leaves behind, found and finished or removed by a later run.

A run killed with kill -9 (or a power cut) cannot clean up after itself. Each temporary thing the
tool makes has a name pattern of its own, so a later run can tell it from the user's files; it is
removed only once it is older than STALE_SECONDS, so that a run still at work is never disturbed.
A pair of outputs (`merge -o … --json …`) killed between its two renames is completed instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 3600
"""A temporary file or folder of ours older than this (by its modification time) belongs to a dead run."""
PAIR_STALE_SECONDS = 60
"""A pair journal lives for the milliseconds of two renames; one older than this was left by a killed run."""

TEMP_PREFIX = ".kompass-"
OUTPUT_TEMP = re.compile(r"\.kompass-[a-z0-9_]{8}\.part")
"""A temporary output file: short, so that an output name of up to 255 bytes still has room beside it."""
OLD_OUTPUT_TEMP = re.compile(r"\..+\.(?:xlsx|json)\.[a-z0-9_]{8}\.part", re.DOTALL)
"""The temporary output names of earlier versions (.NAME.xlsx.XXXXXXXX.part)."""
PAIR_JOURNAL = re.compile(r"\.kompass-[a-z0-9_]{8}\.pair")
CACHE_TEMP = re.compile(r"tmp[a-z0-9_]{8}\.part")
NATIONAL_FOLDER = re.compile(r"kompass-national-[a-z0-9_]{8}")
NATIONAL_PREFIX = "kompass-national-"


def _old(path: Path, seconds: int, now: float) -> bool:
    try:
        return path.lstat().st_mtime < now - seconds
    except OSError:
        return False


def tidy_output_folder(folder: Path) -> None:
    """Complete the pairs a killed run left half-renamed in `folder`, then remove its stale temporary outputs."""
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if PAIR_JOURNAL.fullmatch(name) and _old(folder / name, PAIR_STALE_SECONDS, now):
            finish_pair(folder / name)
    for name in names:
        if (OUTPUT_TEMP.fullmatch(name) or OLD_OUTPUT_TEMP.fullmatch(name)) and _old(folder / name, STALE_SECONDS, now):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def write_pair_journal(folder: Path, moves: list[tuple[str, str]], force: bool) -> Path:
    """A journal of the renames that put a pair of outputs in place, written (and synced) before the first."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".pair", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"moves": moves, "force": force}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


def finish_pair(journal: Path) -> None:
    """Do the renames a killed run had still to do (its temporary files are complete: they were synced
    before the journal was written), then remove the journal: both outputs are then the new ones."""
    try:
        document = json.loads(journal.read_text(encoding="utf-8"))
        moves = [(str(temp), str(target)) for temp, target in document["moves"]]
        force = bool(document.get("force"))
    except (OSError, ValueError, KeyError, TypeError):
        moves, force = [], False
    for temp, target in moves:
        if not os.path.exists(temp):
            continue  # renamed before the kill
        with contextlib.suppress(OSError):
            if force:
                os.replace(temp, target)
            else:
                os.link(temp, target)
                os.unlink(temp)
    with contextlib.suppress(OSError):
        journal.unlink()


def tidy_temporary_folders() -> None:
    """Remove the national workbook's temporary parts folders (about 10 MB each) that killed runs left."""
    base = Path(tempfile.gettempdir())
    now = time.time()
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        path = base / name
        if NATIONAL_FOLDER.fullmatch(name) and path.is_dir() and not path.is_symlink() and _old(path, STALE_SECONDS, now):
            shutil.rmtree(path, ignore_errors=True)


def tidy_cache_folder(folder: Path) -> None:
    """Remove the half-written cache entries (tmpXXXXXXXX.part) that killed workers left in the cache."""
    now = time.time()
    try:
        subfolders = [entry for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for sub in subfolders:
        try:
            names = os.listdir(sub.path)
        except OSError:
            continue
        for name in names:
            path = Path(sub.path) / name
            if CACHE_TEMP.fullmatch(name) and _old(path, STALE_SECONDS, now):
                with contextlib.suppress(OSError):
                    path.unlink()
