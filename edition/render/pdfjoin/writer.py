"""Write a PDF one object at a time, so that a large book never sits whole in memory.

The caller numbers objects (`reserve`) and hands each one over as PDF syntax
once; the writer puts small objects into compressed object streams and ends
the file with a cross-reference stream (PDF 1.5, ISO 32000-1, 7.5.7-8). What
it keeps is an offset for each object number. The file's /ID is an MD5 of
everything written, so the same objects give the same bytes.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from typing import BinaryIO

from ...errors import BuildError

BATCH = 100  # objects in one object stream


class PdfWriter:
    def __init__(self, out: BinaryIO, version: str):
        self._out = out
        self._md5 = hashlib.md5()
        self._offset = 0
        # Cross-reference entries by object number: kind 1 is (offset, 0),
        # kind 2 is (object stream, index); object 0 heads the free list.
        self._kind = array("B", [0])
        self._field2 = array("Q", [0])
        self._field3 = array("I", [65535])
        self._batch: list[tuple[int, bytes]] = []
        # The binary comment line marks the file as binary (PDF/A requires it).
        self._put(b"%PDF-" + version.encode() + b"\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> int:
        """A new object number, to be written later."""
        self._kind.append(0)
        self._field2.append(0)
        self._field3.append(0)
        return len(self._kind) - 1

    def write(self, num: int, body: bytes) -> None:
        """A non-stream object: its PDF syntax, without `obj` and `endobj`."""
        self._check(num)
        self._kind[num] = 2  # claimed now, placed when its batch is written
        self._batch.append((num, body))
        if len(self._batch) >= BATCH:
            self._flush()

    def write_stream(self, num: int, dictionary: bytes, data: bytes) -> None:
        """A stream object: its dictionary (without /Length) and its data, as stored."""
        self._check(num)
        self._stream(num, dictionary, data)

    def close(self, root: int, info: int | None) -> None:
        self._flush()
        unwritten = [n for n in range(1, len(self._kind)) if self._kind[n] == 0]
        if unwritten:
            raise BuildError(None, f"PDF objects numbered but never written: {unwritten[:5]}")
        xref = self.reserve()
        self._kind[xref], self._field2[xref] = 1, self._offset
        identifier = self._md5.hexdigest().encode()
        widths = (1, _width(max(self._field2)), _width(max(self._field3)))
        data = zlib.compress(self._rows(widths))
        trailer = (
            (
                f"<< /Type /XRef /Size {len(self._kind)} /W [ {widths[0]} {widths[1]} {widths[2]} ] "
                f"/Root {root} 0 R " + (f"/Info {info} 0 R " if info else "") + "/ID [ <"
            ).encode()
            + identifier
            + b"> <"
            + identifier
            + b"> ] /Filter /FlateDecode"
        )
        self._put(b"%d 0 obj\n%s /Length %d >>\nstream\n" % (xref, trailer, len(data)))
        self._put(data + b"\nendstream\nendobj\n")
        self._put(b"startxref\n%d\n%%%%EOF\n" % self._field2[xref])

    def _rows(self, widths: tuple[int, int, int]) -> bytearray:
        """The cross-reference stream's rows, written into one buffer (a list of rows took 80 MB at 200×)."""
        size = sum(widths)
        rows = bytearray(size * len(self._kind))
        at = 0
        for kind, f2, f3 in zip(self._kind, self._field2, self._field3, strict=True):
            rows[at : at + size] = (
                kind.to_bytes(widths[0], "big") + f2.to_bytes(widths[1], "big") + f3.to_bytes(widths[2], "big")
            )
            at += size
        return rows

    def _check(self, num: int) -> None:
        if not 0 < num < len(self._kind) or self._kind[num] != 0:
            raise BuildError(None, f"PDF object {num} was not reserved, or is written twice")

    def _stream(self, num: int, dictionary: bytes, data: bytes) -> None:
        if not dictionary.endswith(b">>"):
            raise BuildError(None, f"PDF object {num}: a stream's dictionary must end with >>")
        self._kind[num], self._field2[num] = 1, self._offset
        self._put(b"%d 0 obj\n%s /Length %d >>\nstream\n" % (num, dictionary[:-2].rstrip(), len(data)))
        self._put(data)
        self._put(b"\nendstream\nendobj\n")

    def _flush(self) -> None:
        if not self._batch:
            return
        container = self.reserve()
        header, bodies, at = [], [], 0
        for index, (num, body) in enumerate(self._batch):
            header.append(b"%d %d" % (num, at))
            bodies.append(body)
            at += len(body) + 1
            self._field2[num], self._field3[num] = container, index
        first = b" ".join(header) + b"\n"
        data = zlib.compress(first + b"\n".join(bodies) + b"\n")
        self._batch = []
        dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode >>" % (len(header), len(first))
        self._stream(container, dictionary, data)

    def _put(self, data: bytes) -> None:
        self._out.write(data)
        self._md5.update(data)
        self._offset += len(data)


def _width(value: int) -> int:
    return max(1, (value.bit_length() + 7) // 8)
