"""The file and its zip package: what the file really is, the limits, bounded reads, safe XML.

Refuses, with a message an evaluator can act on, what is not a zip package (an old .xls, an
encrypted workbook, any other file), zip bombs (too many parts, too large, too compressed),
password-protected zips, and parts that declare a DOCTYPE or an entity.
"""

from __future__ import annotations

import lzma
import os
import stat
import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, NoReturn
from urllib.parse import unquote
from xml.parsers import expat

from ..errors import WorkbookReadError
from ..messages import say
from .parts import _Damaged, _expat_parse, _PartParser, _Unsafe

MAX_ENTRIES = 10_000
"""A package with more parts than this is refused (a scoring workbook has about 30)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""The parts of a package may declare at most this many bytes in total, unpacked."""
MAX_RATIO = 200
"""A part larger than RATIO_CHECKED_ABOVE may unpack to at most this many times its packed size."""
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 512
"""A zip directory larger than this is refused before it is read (a part's entry is about 80 bytes)."""

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CFB_END_OF_CHAIN = 0xFFFFFFFE
_UNSAFE_XML = (b"<!DOCTYPE", b"<!ENTITY")


def _safe(name: str) -> str:
    """A part name for a message: control characters shown as \\x.. (a name comes from the file)."""
    return name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name


def _read_file(path: Path, where: str) -> bytes:
    """The bytes of a file that is at least a zip package, else a WorkbookReadError saying what it is.

    Only a regular file is read, and never more than MAX_UNPACKED_BYTES of it: a pipe, a device
    (/dev/zero) or a socket is refused before anything is read, without waiting for a writer.
    """
    try:
        if path.is_dir():
            raise WorkbookReadError(say("read_folder", where=where))
        # O_NONBLOCK: opening a named pipe must not wait for a writer; a regular file ignores it
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise WorkbookReadError(say("read_folder", where=where))
            if not stat.S_ISREG(status.st_mode):
                raise WorkbookReadError(say("read_not_regular", where=where))
            if status.st_size > MAX_UNPACKED_BYTES:
                _too_large(where, status.st_size)
            data = _read_at_most(stream, status.st_size, MAX_UNPACKED_BYTES)
        if len(data) > MAX_UNPACKED_BYTES:
            _too_large(where, len(data))
    except FileNotFoundError as err:
        raise WorkbookReadError(say("read_missing", where=where)) from err
    except OSError as err:
        raise WorkbookReadError(say("read_cannot", where=where, reason=err.strerror or err)) from err
    except ValueError as err:  # a NUL character in the path
        raise WorkbookReadError(say("read_cannot", where=where, reason=err)) from err
    if not data:
        raise WorkbookReadError(say("read_empty", where=where))
    if data.startswith(_CFB_MAGIC):
        if _is_encrypted_package(data):
            raise WorkbookReadError(say("read_encrypted", where=where))
        raise WorkbookReadError(say("read_xls", where=where, save_as=say("read_save_as_xlsx")))
    if not data.startswith(b"PK"):
        raise WorkbookReadError(say("read_not_zip", where=where, save_as=say("read_save_as_xlsx")))
    return data


def _read_at_most(stream: BinaryIO, expected: int, limit: int) -> bytes:
    """The stream's bytes, but no more than limit + 1 of them (more means: too large).

    Reads expected + 1 bytes at once (a read of n bytes allocates n first); a file that has more
    than its size said (it grew, or it is a /proc file of size 0) is read on in blocks.
    """
    data = stream.read(min(expected, limit) + 1)
    if len(data) <= expected:
        return data
    blocks = [data]
    size = len(data)
    while size <= limit:
        block = stream.read(min(1 << 20, limit + 1 - size))
        if not block:
            break
        blocks.append(block)
        size += len(block)
    return b"".join(blocks)


def _too_large(where: str, size: int) -> NoReturn:
    raise WorkbookReadError(say("read_too_large", where=where, size=size // 2**20, limit=MAX_UNPACKED_BYTES // 2**20))


def _is_encrypted_package(data: bytes) -> bool:
    """True when a Compound File (OLE2) container holds an encrypted OOXML package."""
    try:
        names = _cfb_entry_names(data)
    except (ValueError, struct.error, IndexError):  # damaged directory: look for the names anywhere
        return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data
    return "EncryptionInfo" in names or "EncryptedPackage" in names


def _cfb_entry_names(data: bytes) -> set[str]:
    """The names in the directory of a Compound File Binary container ([MS-CFB] 2.2-2.6).

    Raises:
        ValueError, struct.error, IndexError: when the container structure is damaged.
    """
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise ValueError(f"sector shift {shift}")
    size = 1 << shift
    count = (len(data) - size) // size
    fat_count, first_directory = struct.unpack_from("<II", data, 44)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)

    def sector(number: int) -> bytes:
        if number >= count:
            raise ValueError(f"sector {number} beyond the end")
        return data[(number + 1) * size : (number + 2) * size]

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    difat = first_difat
    for _ in range(min(difat_count, count)):
        numbers = struct.unpack(f"<{size // 4}I", sector(difat))
        fat_sectors.extend(numbers[:-1])
        difat = numbers[-1]
    fat_bytes = b"".join(sector(number) for number in fat_sectors[: min(fat_count, count)])
    fat = struct.unpack(f"<{len(fat_bytes) // 4}I", fat_bytes)
    names: set[str] = set()
    number, seen = first_directory, set()
    while number != _CFB_END_OF_CHAIN:
        if number in seen:
            raise ValueError("directory chain loops")
        seen.add(number)
        block = sector(number)
        for offset in range(0, size, 128):
            length = struct.unpack_from("<H", block, offset + 64)[0]
            if 2 <= length <= 64 and block[offset + 66] in (1, 2, 5):
                names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
        number = fat[number]
    return names


def _declared_directory(data: bytes) -> tuple[int, int]:
    """(parts, bytes) of the central directory as the zip's end record declares them; (0, 0) without one."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if at < 0 or at + 22 > len(data):
        return 0, 0  # zipfile will say what is wrong
    entries, size = struct.unpack_from("<HI", data, at + 10)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and at >= 20 and data[at - 20 : at - 16] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, at - 12)[0]  # the ZIP64 end record holds the real numbers
        if data[offset : offset + 4] == b"PK\x06\x06" and offset + 48 <= len(data):
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
    return entries, size


class _Package:
    """The zip container of a workbook: limits checked up front, each part read with a bounded read."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        entries, directory_bytes = _declared_directory(data)
        if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:  # before zipfile reads it all
            raise WorkbookReadError(say("read_too_many_parts", where=where, entries=entries, limit=MAX_ENTRIES))
        try:
            self._zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as err:
            raise WorkbookReadError(say("read_zip_damaged", where=where, reason=err)) from err
        except NotImplementedError as err:  # a zip version or feature zipfile cannot read
            raise WorkbookReadError(say("read_zip_format", where=where, reason=err, save_as=say("read_save_as_xlsx"))) from err
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise WorkbookReadError(say("read_too_many_parts", where=where, entries=len(infos), limit=MAX_ENTRIES))
        total = 0
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            # Excel opens zips that separate folders with backslashes (some zip tools write them)
            name = info.filename.replace("\\", "/")
            if name.lower() in by_name:
                raise WorkbookReadError(say("read_repeated_part", where=where, part=_safe(name)))
            by_name[name.lower()] = info
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise WorkbookReadError(
                    say("read_compression", where=where, part=_safe(name), method=info.compress_type, advice=say("read_save_as_xlsx"))
                )
            total += info.file_size
            if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise WorkbookReadError(say("read_zip_bomb_part", where=where, part=info.filename, size=info.file_size, packed=info.compress_size, ratio=MAX_RATIO))
            if info.flag_bits & 0x1:
                raise WorkbookReadError(say("read_zip_password", where=where, save_as=say("read_save_as_xlsx")))
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookReadError(say("read_zip_bomb", where=where, size=total, limit=MAX_UNPACKED_BYTES // 2**20))
        self.data = data
        """The file's bytes exactly as read."""
        self._infos = {info.filename.replace("\\", "/"): info for info in infos}
        self._by_lower: dict[str, str] | None = None
        self._read: dict[str, bytes] = {}
        self._checked: set[str] = set()  # parts parsed in full, so known to be well-formed

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        """The stored name of a part (OPC part names ignore case, a leading '/' and %-escapes), or None."""
        if name in self._infos:
            return name
        name = unquote(name).lstrip("/")
        if name in self._infos:
            return name
        if self._by_lower is None:
            self._by_lower = {stored.lower(): stored for stored in self._infos}
        return self._by_lower.get(name.lower())

    def read(self, name: str) -> bytes:
        """The unpacked bytes of a part, never more than its declared size.

        Raises:
            WorkbookReadError: when the part is damaged or bigger than its zip header says.
        """
        data = self._read.get(name)
        if data is not None:
            return data
        info = self._infos[name]
        data = self._unpacked_directly(info)
        if data is not None:
            self._read[name] = data
            return data
        try:
            with self._zip.open(info) as stream:
                data = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as err:
            raise WorkbookReadError(say("read_part_damaged", where=self.where, part=name, reason=err)) from err
        except NotImplementedError as err:
            raise WorkbookReadError(say("read_zip_format", where=self.where, reason=err, save_as=say("read_save_as_xlsx"))) from err
        if len(data) != info.file_size:
            raise WorkbookReadError(say("read_part_size", where=self.where, part=name))
        self._read[name] = data
        return data

    def _unpacked_directly(self, info: zipfile.ZipInfo) -> bytes | None:
        """The part's bytes unpacked straight from the file's bytes, or None to leave it to zipfile.

        zipfile's ZipExtFile costs about 30 microseconds a part, more than unpacking a small part;
        every part is now read. Only the plain case is done here (no encryption, no data descriptor
        surprises: the local header agrees, the size and CRC-32 match); anything else, and every
        error, goes the zipfile way, which says what is wrong.
        """
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        data, at = self.data, info.header_offset
        if data[at : at + 4] != b"PK\x03\x04" or at + 30 > len(data):
            return None
        name_length, extra_length = struct.unpack_from("<HH", data, at + 26)
        start = at + 30 + name_length + extra_length
        packed = data[start : start + info.compress_size]
        if len(packed) != info.compress_size:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            unpacked = packed
        else:
            try:
                inflater = zlib.decompressobj(-15)
                unpacked = inflater.decompress(packed, info.file_size + 1)
            except zlib.error:
                return None
        if len(unpacked) != info.file_size or zlib.crc32(unpacked) != info.CRC:
            return None
        return unpacked

    def forget_parts(self) -> None:
        """Let go of the unpacked parts kept since they were read (a later read unpacks again)."""
        self._read.clear()

    def check_every_part(self, names: dict[str, str]) -> None:
        """Refuse the package when any XML part (.xml, .rels), read or not, is not well-formed UTF-8 or
        UTF-16 XML with every prefix bound, or declares a DOCTYPE or an entity.

        Excel refuses or repairs such a package and LibreOffice drops what it cannot parse, so no
        part is trusted only because it is not the one read. A parse without handlers costs little.

        Args:
            names: How to name some parts in a message ({"xl/worksheets/sheet1.xml": "sheet 'S'"}).
        """
        for name in self._infos:
            if name not in self._checked and name.lower().endswith((".xml", ".rels")):
                self._parsed(name, None, names.get(name) or say("read_what_part", part=_safe(name)), self.read(name))

    def parse(self, name: str, part_parser: _PartParser, what: str | None = None):
        """Parse a part with expat, after refusing any DOCTYPE or ENTITY declaration in it.

        Args:
            name: The stored part name.
            part_parser: A fresh parser for this kind of part.
            what: How to name the part in a message ("sheet 'Summary'"); the part name by default.

        Returns:
            Whatever the parser's result() returns.
        """
        data = self.read(name)
        return self._parsed(name, part_parser, what or say("read_what_part", part=name), data)

    def _parsed(self, name: str, part_parser: _PartParser | None, what: str, data: bytes):
        if _UNSAFE_XML[0] in data or _UNSAFE_XML[1] in data:
            self._refuse_unsafe(what)
        try:
            _expat_parse(data, part_parser)
            self._checked.add(name)
            return None if part_parser is None else part_parser.result()
        except _Unsafe:
            self._refuse_unsafe(what)
        except expat.ExpatError as err:
            raise WorkbookReadError(say("read_damaged", where=self.where, detail=say("read_not_xml", what=what, reason=err))) from err
        except _Damaged as err:
            raise WorkbookReadError(say("read_damaged", where=self.where, detail=f"{what} {err}")) from err
        except (LookupError, ValueError) as err:
            # The handlers raise nothing but _Unsafe and _Damaged: this is expat asking Python for the
            # codec of an encoding the XML declaration names ("U--8", "rot13", "shift_jis", ...).
            raise WorkbookReadError(
                say("read_damaged", where=self.where, detail=say("read_bad_encoding", what=what, reason=err))
            ) from err

    def _refuse_unsafe(self, what: str) -> NoReturn:
        raise WorkbookReadError(say("read_unsafe", where=self.where, what=what))
