"""Writing output files safely: never over an existing file without force, never over an input,
never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import OutputError
from .leftovers import TEMP_PREFIX, lock, tidy_output_folder, tidy_temporary_folders, write_pair_journal
from .messages import say


def check_output(path: Path, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Fail before any work is done when `path` cannot or must not be written.

    Raises:
        OutputError: the path is a folder or a special file, exists without force, is one of the
            inputs, or its folder does not exist.
    """
    if path.is_dir():
        raise OutputError(say("output_is_folder", path=path, example=path / "result.xlsx"))
    if path.exists() and not path.is_file():
        raise OutputError(say("output_not_regular", path=path))
    resolved = path.resolve()
    for source in inputs:
        if source.resolve() == resolved:
            raise OutputError(say("output_is_input", path=path))
    if path.exists() and not force:
        raise OutputError(say("output_exists", path=path))
    if not path.parent.is_dir():
        raise OutputError(say("output_folder_missing", folder=path.parent))


def check_workbook_name(path: Path) -> None:
    """A workbook's file name must end in .xlsx: Excel opens other names only after a warning, or not at all."""
    if path.suffix.lower() != ".xlsx":
        example = path.with_suffix(".xlsx").name
        raise OutputError(say("output_not_xlsx", path=path, example=example))


def check_outputs(paths: Sequence[Path], force: bool, inputs: Iterable[Path] = ()) -> None:
    """check_output for several outputs of one command, which must also differ from each other."""
    inputs = list(inputs)
    resolved = [p.resolve() for p in paths]
    if len(set(resolved)) != len(resolved):
        raise OutputError(say("outputs_same", paths=", ".join(str(p) for p in paths)))
    for path in paths:
        check_output(path, force, inputs)


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    A crash or kill at any moment leaves either no file, the old file, or the complete new one.

    Raises:
        OutputError: the file cannot be written (no permission, disk full, ...).
    """
    write_all_atomic([(path, data)], force)


def write_all_atomic(outputs: Sequence[tuple[Path, bytes]], force: bool = False) -> None:
    """Write several files so that either all are complete or none is changed.

    Every file is first written in full (and synced) beside its target under a short temporary
    name (.kompass-XXXXXXXX.part, so an output name of up to 255 bytes still works); only then are
    they put in place. Without force a file is put in place by a hard link, which fails when the
    name exists, so two runs writing the same output cannot both succeed, one silently replacing
    the other; what this run already put in place is then taken back. For two outputs a journal is
    written before the renames: a run killed between them is completed by the next run in that
    folder (leftovers.tidy_output_folder), which also removes stale temporary files of killed runs.

    Raises:
        OutputError: the file cannot be written (no permission, disk full, exists without force, ...).
    """
    for path, _ in outputs:
        check_output(path, force)
    for folder in dict.fromkeys(path.parent for path, _ in outputs):
        tidy_output_folder(folder)
    tidy_temporary_folders()
    temps: list[str] = []
    handles: list[int] = []  # open and locked until the files are in place: no later run takes them for leftovers
    placed: list[Path] = []
    journal: Path | None = None
    current = outputs[0][0] if outputs else None  # the output being written, named in an error
    try:
        for path, data in outputs:
            current = path
            descriptor, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=path.parent)
            temps.append(temp_name)
            handles.append(descriptor)
            lock(descriptor)
            with os.fdopen(os.dup(descriptor), "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        if len(outputs) > 1:
            moves = [(os.path.abspath(temp), os.path.abspath(path)) for (path, _), temp in zip(outputs, temps)]
            journal, descriptor = write_pair_journal(outputs[0][0].parent, moves, force)
            handles.append(descriptor)
        for (path, _), temp_name in zip(outputs, temps):
            current = path
            if force:
                os.replace(temp_name, path)
            else:
                _create_from(temp_name, path)
            placed.append(path)
    except OSError as err:
        if not force:
            for path in placed:  # neither, rather than one of the pair
                Path(path).unlink(missing_ok=True)
        if isinstance(err, FileExistsError):
            raise OutputError(say("output_exists", path=current)) from err
        raise OutputError(say("output_cannot_write", path=current, reason=err.strerror or err)) from err
    finally:
        for temp_name in temps:
            Path(temp_name).unlink(missing_ok=True)
        if journal is not None:
            journal.unlink(missing_ok=True)
        for descriptor in handles:
            os.close(descriptor)


def _create_from(temp_name: str, path: Path) -> None:
    """Give the complete temporary file the name `path`, failing with FileExistsError when the name exists.

    A hard link does both in one step. A file system without hard links (FAT, some network drives)
    gets an exclusive create of the name, then the rename over it: never over a file of another run.
    """
    try:
        os.link(temp_name, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # no hard links here
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    os.replace(temp_name, path)


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents) or say clearly why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(say("output_cannot_make_folder", folder=folder, reason=err.strerror or err)) from err


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
