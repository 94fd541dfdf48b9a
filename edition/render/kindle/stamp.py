"""An AZW3's run-to-run values set from the edition: the database's dates, the unique id, the ASIN and the source.

The file is a Palm database whose first record holds the MOBI header and its
EXTH metadata records (the layout calibre's own reader, calibre/ebooks/mobi/
reader/headers.py, reads). Each value is replaced at its own length, so no
offset in the file moves.
"""

from __future__ import annotations

import hashlib
import struct
import uuid

from ...errors import BuildError

ASIN, SOURCE = 113, 112  # EXTH record types
CREATED, MODIFIED = 36, 40  # the database header's dates, seconds since 1970 as calibre writes them


def book_uuid(identifier: str) -> str:
    """The edition's uuid: its own when the identifier is a urn:uuid, else one derived from the identifier."""
    if identifier.lower().startswith("urn:uuid:"):
        return str(uuid.UUID(identifier[9:]))
    return str(uuid.uuid5(uuid.NAMESPACE_URL, identifier))


def _exth_records(data: bytes, start: int) -> list[tuple[int, int, int]]:
    """(type, offset of the value, length of the value) of each EXTH record at start."""
    if data[start : start + 4] != b"EXTH":
        raise BuildError(None, "calibre's AZW3 has no EXTH header where its MOBI header says")
    count = struct.unpack_from(">I", data, start + 8)[0]
    found, at = [], start + 12
    for _ in range(count):
        kind, size = struct.unpack_from(">II", data, at)
        found.append((kind, at + 8, size - 8))
        at += size
    return found


def stamp(data: bytes, identifier: str, seconds: int) -> bytes:
    """The AZW3 with its dates, unique id, ASIN and source set from the edition instead of the run."""
    out = bytearray(data)
    if data[60:68] != b"BOOKMOBI":
        raise BuildError(None, "calibre's AZW3 is not a MOBI book (no BOOKMOBI type and creator)")
    struct.pack_into(">II", out, CREATED, seconds, seconds)
    record0 = struct.unpack_from(">I", data, 78)[0]
    mobi = record0 + 16
    if data[mobi : mobi + 4] != b"MOBI":
        raise BuildError(None, "calibre's AZW3 has no MOBI header in its first record")
    book = book_uuid(identifier)
    out[mobi + 16 : mobi + 20] = hashlib.sha256(book.encode()).digest()[:4]  # the unique id
    header_length = struct.unpack_from(">I", data, mobi + 4)[0]
    values = {ASIN: book.encode(), SOURCE: f"calibre:{book}".encode()}
    for kind, offset, length in _exth_records(data, mobi + header_length):
        if kind in values:
            value = values[kind]
            if len(value) != length:
                raise BuildError(None, f"calibre's AZW3 has an EXTH {kind} of {length} bytes, not {len(value)}")
            out[offset : offset + length] = value
    return bytes(out)
