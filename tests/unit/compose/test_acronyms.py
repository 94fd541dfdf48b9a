"""Initialisms are marked; a Roman numeral in a name is not one."""

import pytest

from edition.compose.acronyms import ACRONYM, is_name_numeral
from edition.model.manuscript import Metadata


def initialisms(text: str) -> list[str]:
    return [m.group(0) for m in ACRONYM.finditer(text) if not is_name_numeral(m)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the church of Stefan Uroš II Milutin", []),
        ("after World War II the UN", ["UN"]),
        ("NATO-led KFOR and UNMIK", ["NATO", "KFOR", "UNMIK"]),
        ("in Washington DC", ["DC"]),  # only I, V and X are taken for numerals
        ("the II Corps", ["II"]),  # no name before it: an initialism as far as the text can tell
    ],
)
def test_name_numerals_are_not_initialisms(text, expected):
    assert initialisms(text) == expected


@pytest.mark.parametrize(
    ("author", "file_as", "expected"),
    [
        ("Susan Blaustein", "", "Blaustein, Susan"),
        ("Plato", "", "Plato"),
        ("W. E. B. Du Bois", "Du Bois, W. E. B.", "Du Bois, W. E. B."),
    ],
)
def test_the_author_is_filed_by_family_name_unless_told(author, file_as, expected):
    meta = Metadata.__new__(Metadata)
    meta.author, meta.author_file_as = author, file_as
    assert meta.author_sort == expected
