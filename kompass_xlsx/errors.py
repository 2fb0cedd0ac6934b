"""Exceptions for input the tool cannot go on with. Problems inside a workbook are Findings, not these."""


class KompassError(Exception):
    """Base of every error the CLI reports as `Error: ...` without a traceback."""


class FrameworkError(KompassError):
    """A framework file is missing, malformed or inconsistent; the message names the file and field."""


class UnknownFrameworkError(FrameworkError):
    """A framework version was asked for that no framework file defines."""


class IncompleteScoresError(KompassError):
    """A total was asked for while some questions have no score."""


class InputError(KompassError):
    """An input path does not exist or a folder holds nothing to read."""


class WorkbookReadError(KompassError):
    """A file cannot be read as a kompass workbook at all (not a zip, encrypted, truncated, ...)."""


class OutputError(KompassError):
    """An output file cannot be written (exists without --force, folder missing, ...)."""
