"""Writing output files safely: never over an existing file without force, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def check_output(path: Path, force: bool) -> None:
    """Fail before any work is done when `path` cannot be written."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name such as {path / 'result.xlsx'}")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputError(f"the folder {path.parent} does not exist")


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    A crash or kill at any moment leaves either no file, the old file, or the complete new one.
    """
    check_output(path, force)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
