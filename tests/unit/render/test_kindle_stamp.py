"""The AZW3's run-to-run values set from the edition: dates, unique id, ASIN and source, each at its own place."""

import struct
import uuid

import pytest

from edition.errors import BuildError
from edition.render.kindle.stamp import book_uuid, stamp

IDENTIFIER = "urn:uuid:9ba4a41a-3fd8-408e-9f75-3f58c9e42ba6"


def _book(asin: str, created: int) -> bytes:
    """A Palm database as calibre lays one out: header, one record list entry, record 0 with MOBI and EXTH."""
    records = [(113, asin.encode()), (112, f"calibre:{asin}".encode()), (100, b"Author")]
    exth = b"".join(struct.pack(">II", kind, len(value) + 8) + value for kind, value in records)
    exth = b"EXTH" + struct.pack(">II", len(exth) + 12, len(records)) + exth
    mobi = b"MOBI" + struct.pack(">III", 0x18, 2, 65001) + b"\x12\x34\x56\x78" + b"\x00" * 4
    record0 = b"\x00" * 16 + mobi + exth
    header = b"Book".ljust(32, b"\x00") + struct.pack(">HHIII", 0, 0, created, created, 0) + b"\x00" * 12
    header += b"BOOKMOBI" + b"\x00" * 8 + struct.pack(">H", 1)
    offset = len(header) + 8
    return header + struct.pack(">II", offset, 0) + record0


def test_two_runs_differing_in_their_random_values_become_one_file():
    one = _book(str(uuid.uuid4()), 1_800_000_000)
    two = _book(str(uuid.uuid4()), 1_800_000_002)
    assert one != two
    assert stamp(one, IDENTIFIER, 951782400) == stamp(two, IDENTIFIER, 951782400)


def test_the_asin_and_source_are_the_edition_s_uuid_and_the_dates_the_build_s():
    made = stamp(_book(str(uuid.uuid4()), 1_800_000_000), IDENTIFIER, 951782400)
    assert struct.unpack_from(">II", made, 36) == (951782400, 951782400)
    assert b"9ba4a41a-3fd8-408e-9f75-3f58c9e42ba6" in made
    assert b"calibre:9ba4a41a-3fd8-408e-9f75-3f58c9e42ba6" in made
    assert b"Author" in made and len(made) == len(_book(str(uuid.uuid4()), 0))


def test_an_identifier_of_another_form_gives_a_uuid_of_its_own():
    assert book_uuid("urn:isbn:9780000000002") == book_uuid("urn:isbn:9780000000002")
    assert len(book_uuid("urn:isbn:9780000000002")) == 36
    assert book_uuid("urn:isbn:9780000000002") != book_uuid("urn:isbn:9780000000019")


def test_a_file_that_is_not_calibre_s_layout_is_refused():
    with pytest.raises(BuildError, match="not a MOBI book"):
        stamp(b"\x00" * 200, IDENTIFIER, 0)
    book = bytearray(_book(str(uuid.uuid4()), 0))
    at = book.index(b"calibre:")
    book[at - 8 : at] = struct.pack(">II", 112, 20)  # an EXTH source of another length
    with pytest.raises(BuildError):
        stamp(bytes(book), IDENTIFIER, 0)
