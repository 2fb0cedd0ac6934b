"""Which files a command reads: the workbooks in the given files and folders, and what a folder
holds besides (spreadsheets that cannot be used, with what to do, and how many other files)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .messages import say
from .names import shown_path

# Files a folder search reads (the reader then says what an .xls or .ods is and what to do).
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}

def find_workbooks(paths: list[Path]) -> list[Path]:
    """The files to check: given files as they are, folders searched recursively for spreadsheets.

    Symbolic links are followed (a link to a folder once; a broken link is kept, so that the check
    reports it rather than leaving it out unseen). Office lock files (~$name.xlsx) and hidden files
    and folders (such as half-written temporary files) are skipped. A file reached twice, by another
    spelling of its path or through a link, is listed once.

    Raises:
        InputError: a path does not exist, or a folder holds no spreadsheet.
    """
    return survey(paths).workbooks


@dataclass(frozen=True)
class Survey:
    """What the given files and folders hold: the workbooks to read, the spreadsheet files found in
    folders that cannot be used (each with what to do), and how many other files were left aside."""

    workbooks: list[Path]
    unusable: list[tuple[Path, str]] = field(default_factory=list)
    ignored: int = 0
    locks: list[tuple[Path, str]] = field(default_factory=list)  # Office lock files: a workbook still open

    def notes(self) -> list[str]:
        """The lines to print about the files that are not read: one per unusable file or lock file,
        one for the count of other files."""
        lines = [say("unusable_line", path=shown_path(path), advice=advice) for path, advice in self.unusable + self.locks]
        if self.ignored:
            lines.append(say("ignored_files", count=self.ignored))
        return lines


# Spreadsheet files found in a folder that are never read, and the message key saying what to do.
UNUSABLE_SUFFIXES = {
    ".xlsb": "unusable_xlsb", ".xltx": "unusable_template", ".xltm": "unusable_template", ".xlt": "unusable_template",
    ".numbers": "unusable_numbers", ".csv": "unusable_csv",
}


def survey(paths: list[Path]) -> Survey:
    """find_workbooks, also naming the unusable spreadsheet files and counting the other files of folders.

    Raises:
        InputError: a path does not exist, or a folder holds no spreadsheet at all.
    """
    found: dict[Path, Path] = {}  # resolved path -> the first spelling met
    unusable: list[tuple[Path, str]] = []
    locks: list[tuple[Path, str]] = []
    ignored = 0
    for path in paths:
        if path.is_dir():
            inside, unusable_inside, ignored_inside = _workbooks_below(path)
            if not inside and not any(not file.name.startswith("~$") for file, _ in unusable_inside):
                raise InputError(say("folder_no_workbooks", path=path))
            for file in inside:
                found.setdefault(file.resolve(), file)
            unusable += [(file, advice) for file, advice in unusable_inside if not file.name.startswith("~$")]
            locks += [(file, advice) for file, advice in unusable_inside if file.name.startswith("~$")]
            ignored += ignored_inside
        elif path.is_file():
            found.setdefault(path.resolve(), path)
        elif path.exists():
            raise InputError(say("path_not_regular", path=path))
        else:
            raise InputError(say("path_missing", path=path))
    return Survey(list(found.values()), unusable, ignored, locks)


def _workbooks_below(folder: Path) -> tuple[list[Path], list[tuple[Path, str]], int]:
    seen_folders: set[Path] = set()
    files: list[Path] = []
    unusable: list[tuple[Path, str]] = []
    ignored = 0
    for root, folders, names in os.walk(folder, followlinks=True):
        real = Path(root).resolve()
        if real in seen_folders:  # a link back up the tree, or a second link to the same folder
            folders.clear()
            continue
        seen_folders.add(real)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            path = Path(root) / name
            suffix = Path(name).suffix.lower()
            if name.startswith("."):
                continue  # hidden, such as a half-written temporary file
            if name.startswith("~$"):
                unusable.append((path, say("unusable_lock", name=name[2:])))
            elif suffix in WORKBOOK_SUFFIXES and (path.is_file() or path.is_symlink()):
                files.append(path)
            elif suffix in UNUSABLE_SUFFIXES:
                unusable.append((path, say(UNUSABLE_SUFFIXES[suffix])))
            else:
                ignored += 1
    return sorted(files), sorted(unusable), ignored
