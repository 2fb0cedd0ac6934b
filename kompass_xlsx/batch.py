"""Checking many workbooks: in parallel processes, with a cache keyed by each file's content.

The cache lets a second merge over a folder re-read only the files that were added or changed.
An entry is a result stored as JSON with its own checksum; a damaged entry is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from . import tool_version
from .checking import check_workbook, sha256_of
from .frameworks import frameworks_dir
from .messages import language, set_language
from .leftovers import lock, tidy_cache_folder
from .names import shown_path
from .results import WorkbookResult

CACHE_FORMAT = "1"
_SALT = re.compile(r"[0-9a-f]{16}")  # the name of one tool version's folder in the cache


def default_cache_dir() -> Path:
    """The user's cache folder: $XDG_CACHE_HOME/kompass-xlsx, else ~/.cache/kompass-xlsx."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kompass-xlsx"


def _cache_salt() -> str:
    """Changes whenever the tool's code or a framework file changes, so that a result checked by
    another version of the checker is never reused; messages are in the printed language, so it is part of it."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{tool_version()}:{language().value}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *frameworks_dir().glob("*.toml")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    """Check results stored by file content hash in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / _cache_salt()
        _forget_unused(folder, keep=self.folder)
        tidy_cache_folder(self.folder)

    def _entry(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str, path: Path) -> WorkbookResult | None:
        try:
            stored = json.loads(_read_entry(self._entry(sha256)))
            payload = stored["result"] if isinstance(stored, dict) else None
            if not isinstance(payload, str) or hashlib.sha256(payload.encode()).hexdigest() != stored.get("checksum"):
                return None
            result = WorkbookResult.model_validate_json(payload)
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return None
        if result.sha256 != sha256:
            return None
        return result.model_copy(update={"path": shown_path(path)})

    def put(self, result: WorkbookResult) -> None:
        if not result.sha256:
            return  # unreadable files are cheap to re-read and their reason may change
        entry = self._entry(result.sha256)
        payload = result.model_copy(update={"path": ""}).model_dump_json()
        document = json.dumps({"checksum": hashlib.sha256(payload.encode()).hexdigest(), "result": payload})
        temp = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            with _termination_held():  # a worker stopped from here on removes the file first (see _stopped)
                fd, temp = tempfile.mkstemp(dir=entry.parent, suffix=".part")
                _writing[:] = [temp]
            lock(fd)  # held until the entry is in place: a later run removes only the leftovers of dead ones
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(document)
                handle.flush()
                os.replace(temp, entry)
            _writing.clear()
        except OSError:
            # a cache that cannot be written only costs speed; what was started is removed
            _writing.clear()
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


@contextlib.contextmanager
def _termination_held():
    """SIGTERM waits until the block is done (it then finds the temporary name in _writing), where it can wait."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


_writing: list[str] = []
"""The cache entry a worker is writing under its temporary name, if any."""


def _stopped(_signal: int, _frame: object) -> None:
    """SIGTERM in a worker: remove the temporary cache entry being written, then end at once."""
    for temp in _writing:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    os._exit(1)


MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""A cache entry larger than this is no entry of ours (a result is a few kilobytes)."""


def _read_entry(entry: Path) -> str:
    """A cache entry's text, opened as the reader opens workbooks: a regular file only (a FIFO or a link
    to a device is refused without waiting for a writer), and never more than MAX_ENTRY_BYTES of it.

    Raises:
        OSError: the entry is missing, not a regular file, or too large; the caller reads the workbook again.
    """
    descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            raise OSError(f"{entry} is not a cache entry")
        data = stream.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:
        raise OSError(f"{entry} is not a cache entry")
    return data.decode("utf-8")


UNUSED_DAYS = 30


def _forget_unused(folder: Path, keep: Path) -> None:
    """Mark `keep` as used now and remove the entries of other tool versions unused for UNUSED_DAYS days."""
    try:
        keep.mkdir(parents=True, exist_ok=True)
        os.utime(keep)
        stale = time.time() - UNUSED_DAYS * 86400
        for other in folder.iterdir():
            ours = _SALT.fullmatch(other.name) and other.is_dir() and not other.is_symlink()
            if other != keep and ours and other.stat().st_mtime < stale:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        pass  # a cache that cannot be tidied only costs room


def _check(path: Path, cache: ResultCache | None = None) -> WorkbookResult:
    """Check one file for a merge and store the result in the cache, in the worker, where storing runs in parallel."""
    result = for_merging(check_workbook(path))
    if cache is not None:
        cache.put(result)
    return result


def for_merging(result: WorkbookResult) -> WorkbookResult:
    """The result without the areas' strengths and improvements, which no merge output shows.

    They are about half of a result; leaving them in the worker halves what is sent back, cached and
    kept in memory for every file of a merge.
    """
    ev = result.evaluation
    if ev is None or not (ev.strengths or ev.improvements):
        return result
    return result.model_copy(update={"evaluation": ev.model_copy(update={"strengths": {}, "improvements": {}})})


def check_many(
    paths: Sequence[Path],
    jobs: int = 1,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[WorkbookResult]:
    """Check every path for a merge (see for_merging), in input order, using `jobs` processes and the cache when given."""
    results: list[WorkbookResult | None] = [None] * len(paths)
    todo: list[int] = []
    for index, path in enumerate(paths):
        cached = None
        if cache is not None:
            try:
                cached = cache.get(sha256_of(path), path)
            except OSError:
                cached = None
        if cached is None:
            todo.append(index)
        else:
            results[index] = cached
            if progress:
                progress(1)
    for index, result in zip(todo, _run(paths, todo, jobs, cache)):
        results[index] = result
        if progress:
            progress(1)
    return [r for r in results if r is not None]


def _run(paths: Sequence[Path], todo: list[int], jobs: int, cache: ResultCache | None) -> Iterator[WorkbookResult]:
    chosen = [paths[i] for i in todo]
    check = partial(_check, cache=cache)
    if jobs <= 1 or len(chosen) < 2:
        yield from map(check, chosen)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(), language().value))
    try:
        # small chunks: the workers finish close together; more of them costs next to nothing
        yield from pool.map(check, chosen, chunksize=max(1, min(8, len(chosen) // (jobs * 4))))
    except BaseException:
        # Ctrl-C, SIGTERM, a closed pipe, an error: the workers are stopped now, not waited for
        # (waiting for a pool after an interrupt can hang in CPython's shutdown)
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's worker processes and let the pool go without waiting for them.

    ProcessPoolExecutor has no public way to reach its processes; `_processes` (pid -> Process) has
    held them since Python 3.2. tests/test_faults.py pins it: after Ctrl-C no worker is left alive.
    """
    process_objects = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in process_objects:  # SIGTERM: each removes its half-written cache entry and ends
        with contextlib.suppress(Exception):
            process.terminate()
    for process in process_objects:
        with contextlib.suppress(Exception):
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join(timeout=2)



def _worker_start(parent: int, lang: str) -> None:
    """Make a worker die with the process that started it, and speak its language.

    Ctrl-C reaches every process of the terminal's group: the worker ignores it and its parent
    stops it (one line on the terminal, not one traceback per worker). On Linux the kernel kills the
    worker when its parent dies, even by kill -9 (PR_SET_PDEATHSIG); elsewhere a watcher thread
    notices that the parent is gone within a second.
    """
    set_language(lang)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stopped)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to send this process SIGKILL when its parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
