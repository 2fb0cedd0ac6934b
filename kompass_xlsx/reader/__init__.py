"""The only package that opens .xlsx files for reading: a safe, fast, low-level cell reader.

It decides what a file is from its content (not its name), refuses what it cannot or must not
read (old .xls, password-protected, .ods, .xlsb, macros, zip bombs, XML with DOCTYPE or ENTITY
declarations) with a message an evaluator can act on, and reads cells with nothing but the
standard library's zipfile and expat. Values are returned exactly as stored: numbers as Decimal
from the stored text, formulas never evaluated, external links never followed. It knows nothing
about Kommunkompassen; a later layer maps cells to questions.

Typical use::

    workbook = open_workbook(Path("kalix-2024.xlsx"))
    cell = workbook.cell("1 Område", "D7")

The package is split by responsibility; everything callers use is importable from here:

- cells.py: what a read gives back (Cell, CellKind, SheetInfo, SheetState, DefinedName).
- container.py: the file and its zip package: what the file is (old .xls, encrypted), the limits
  against zip bombs, bounded part reads, and refusing XML with DOCTYPE or ENTITY declarations.
- parts.py: the expat parsers of the parts (relationships, workbook, shared strings, styles, sheets).
- workbook.py: open_workbook and RawWorkbook: which parts make the workbook, macros, .ods and .xlsb.
"""

from .cells import Cell, CellKind, DefinedName, SheetInfo, SheetState, _cell  # noqa: F401 - _cell: tests compare it with Cell()
from .container import MAX_DIRECTORY_BYTES, MAX_ENTRIES, MAX_RATIO, MAX_UNPACKED_BYTES, RATIO_CHECKED_ABOVE
from .parts import BUILTIN_DATE_FORMATS
from .workbook import RawWorkbook, open_workbook

__all__ = ["Cell", "CellKind", "DefinedName", "RawWorkbook", "SheetInfo", "SheetState", "open_workbook"]
