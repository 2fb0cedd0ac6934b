"""What a killed run leaves behind, found and finished or removed by a later run.

A run killed with kill -9 (or a power cut) cannot clean up after itself. Each temporary thing the
tool makes has a name pattern of its own, so a later run can tell it from the user's files, and
its maker holds a lock on it (flock) while it works: a later run removes a temporary file or
folder whose lock is free (its maker is gone) once it is GRACE_SECONDS old, and never one whose
lock is held. Where files cannot be locked, or for the names of earlier versions, which took no
lock, a temporary thing is removed once it is STALE_SECONDS old; a parts folder that is empty and
unlocked (its maker was killed before it could lock it) once it is GRACE_SECONDS old. A pair of outputs
(`merge -o … --json …`) killed between its two renames is completed instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: staleness by age only
    fcntl = None  # type: ignore[assignment]

STALE_SECONDS = 3600
"""A temporary thing that cannot be tested by its lock is left alone until it is this old."""
GRACE_SECONDS = 2
"""A temporary thing whose lock is free is left alone for this long: its maker may not have locked it yet."""

TEMP_PREFIX = ".kompass-"
OUTPUT_TEMP = re.compile(r"\.kompass-[a-z0-9_]{8}\.part")
"""A temporary output file: short, so that an output name of up to 255 bytes still has room beside it."""
OLD_OUTPUT_TEMP = re.compile(r"\..+\.(?:xlsx|json)\.[a-z0-9_]{8}\.part", re.DOTALL)
"""The temporary output names of earlier versions (.NAME.xlsx.XXXXXXXX.part), which held no lock."""
PAIR_JOURNAL = re.compile(r"\.kompass-[a-z0-9_]{8}\.pair")
CACHE_TEMP = re.compile(r"tmp[a-z0-9_]{8}\.part")
NATIONAL_FOLDER = re.compile(r"kompass-national-[a-z0-9_]{8}")
NATIONAL_PREFIX = "kompass-national-"
FOLDER_LOCK = ".kompass-lock"


def lock(descriptor: int) -> None:
    """Hold an exclusive lock on an open file for as long as it stays open (nothing where locks are unknown)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlocked(path: Path) -> bool | None:
    """True when nobody holds the lock of `path`, False when somebody does, None when it cannot be told."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _age(path: Path, now: float) -> float:
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return -1.0


def is_stale(path: Path, lock_file: Path | None = None, now: float | None = None) -> bool:
    """True when the temporary thing at `path` (locked through `lock_file`, itself by default) has no maker left."""
    now = time.time() if now is None else now
    age = _age(path, now)
    if age < GRACE_SECONDS:
        return False
    unlocked = _unlocked(lock_file or path)
    return age >= STALE_SECONDS if unlocked is None else unlocked


def tidy_output_folder(folder: Path) -> None:
    """Complete the pairs a killed run left half-renamed in `folder`, then remove its stale temporary outputs."""
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if PAIR_JOURNAL.fullmatch(name) and is_stale(folder / name, now=now):
            finish_pair(folder / name)
    for name in names:
        path = folder / name
        if OUTPUT_TEMP.fullmatch(name) and is_stale(path, now=now):
            with contextlib.suppress(OSError):
                path.unlink()
        elif OLD_OUTPUT_TEMP.fullmatch(name) and _age(path, now) >= STALE_SECONDS:
            with contextlib.suppress(OSError):
                path.unlink()


def write_pair_journal(folder: Path, moves: list[tuple[str, str]], force: bool) -> tuple[Path, int]:
    """A journal of the renames that put a pair of outputs in place, written, synced and locked before the first.

    Returns:
        The journal's path and its open descriptor, which holds the lock until it is closed.
    """
    descriptor, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".pair", dir=folder)
    lock(descriptor)
    os.write(descriptor, json.dumps({"moves": moves, "force": force}).encode("utf-8"))
    os.fsync(descriptor)
    return Path(name), descriptor


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


@contextlib.contextmanager
def held_folder(folder: str | Path) -> Iterator[None]:
    """Hold the lock of a temporary folder while it is in use, so that no other run removes it."""
    descriptor = os.open(Path(folder) / FOLDER_LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        lock(descriptor)
        yield
    finally:
        os.close(descriptor)


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
        if not NATIONAL_FOLDER.fullmatch(name) or not path.is_dir() or path.is_symlink():
            continue
        lock_file = path / FOLDER_LOCK
        if lock_file.exists():
            stale = is_stale(path, lock_file, now)
        elif _is_empty(path):  # its maker was killed between making it and locking it
            stale = _age(path, now) >= GRACE_SECONDS
        else:  # an earlier version's folder, which took no lock
            stale = _age(path, now) >= STALE_SECONDS
        if stale:
            shutil.rmtree(path, ignore_errors=True)


def _is_empty(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def tidy_cache_folder(folder: Path) -> None:
    """Remove the half-written cache entries (tmpXXXXXXXX.part) that killed workers left in the cache."""
    now = time.time()
    try:
        subfolders = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for sub in subfolders:
        try:
            names = os.listdir(sub)
        except OSError:
            continue
        for name in names:
            path = Path(sub) / name
            if CACHE_TEMP.fullmatch(name) and is_stale(path, now=now):
                with contextlib.suppress(OSError):
                    path.unlink()
