"""Helpers for the reliability tests: filled workbooks edited part by part, and small packages built in code."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.layout import score_name
from kompass_xlsx.reader import open_workbook

from workbook_helpers import write_filled

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
FW = get_framework("2020")


def ones() -> dict[str, Decimal]:
    """1 point on every question: valid, no plausibility warning (no zero, no full area)."""
    return {q.id: Decimal(1) for q in FW.questions}


def filled(path: Path, **identity) -> Path:
    return write_filled(path, FW, ones(), **identity)


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def write_parts(path: Path, parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip package of these parts, in this order (repeated names allowed: give a list of pairs instead)."""
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(path, "w", compression) as package:
        for name, data in items:
            package.writestr(name, data.encode() if isinstance(data, str) else data)
    return path


def score_place(path: Path, question: str) -> tuple[str, str]:
    """(part name, cell ref) of a question's score cell in a workbook written by the tool."""
    workbook = open_workbook(path)
    name = workbook.defined_names[score_name(question)]
    return workbook._sheet_parts[name.sheet], name.ref  # noqa: SLF001 - the test knows the reader's map


CELL = r'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)'


def with_cell(path: Path, target: Path, question: str, cell_xml: str) -> Path:
    """A copy of a filled workbook with the score cell of `question` replaced by `cell_xml` ({ref} filled in)."""
    part, ref = score_place(path, question)
    parts = parts_of(path)
    xml = parts[part].decode()
    changed, count = re.subn(CELL.format(ref=ref), cell_xml.format(ref=ref), xml, count=1, flags=re.DOTALL)
    assert count == 1, f"no cell {ref} in {part}"
    parts[part] = changed.encode()
    return write_parts(target, parts)


def edited_part(path: Path, target: Path, part: str, old: str | bytes, new: str | bytes, count: int = 1) -> Path:
    parts = parts_of(path)
    old = old.encode() if isinstance(old, str) else old
    new = new.encode() if isinstance(new, str) else new
    assert old in parts[part], f"{old!r} not in {part}"
    parts[part] = parts[part].replace(old, new, count)
    return write_parts(target, parts)


def minimal_parts(sheet_data: str = "", shared: str | None = None, styles: str | None = None) -> dict[str, str]:
    """The fewest parts of an .xlsx: one sheet "S" whose <sheetData> holds sheet_data."""
    rels = [f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>{sheet_data}</sheetData>'
            "</worksheet>"
        ),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">{shared}</sst>'
        rels.append(f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}">{styles}</styleSheet>'
        )
        rels.append(f'<Relationship Id="rId3" Type="{REL_NS}/styles" Target="/xl/styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>'
    )
    return parts


def one_cell(path: Path, cell_xml: str):
    """The cells of a minimal package whose sheet holds one row with this cell."""
    write_parts(path, minimal_parts(f'<row r="1">{cell_xml}</row>'))
    return dict(open_workbook(path).sheet_cells("S"))
