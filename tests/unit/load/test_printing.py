"""The metadata's printing section: the paper table, and an ISBN whose check digit is checked."""

from __future__ import annotations

import pytest
from helpers import edit

from edition.errors import BuildError
from edition.load import load
from edition.load.printing import isbn13


def test_a_valid_isbn_is_kept_as_its_digits():
    assert isbn13("978-0-306-40615-7", "metadata.yaml", 3) == "9780306406157"


@pytest.mark.parametrize(
    ("isbn", "message"),
    [
        ("978-0-306-40615-6", "has the check digit 6; it should be 7"),
        ("0-306-40615-2", "is not an ISBN-13"),
        ("978-0-306-4061", "is not an ISBN-13"),
    ],
)
def test_a_bad_isbn_is_refused_with_its_line(isbn, message):
    with pytest.raises(BuildError, match=message) as caught:
        isbn13(isbn, "manuscript/metadata.yaml", 52)
    assert str(caught.value).startswith("manuscript/metadata.yaml:52: ")


def test_the_manuscript_prints_on_kdp_white(edition_manuscript):
    printing = edition_manuscript.metadata.printing
    assert (printing.printer, printing.paper, printing.inches_per_page) == ("kdp", "white", 0.002252)
    assert printing.spine_in(100) == pytest.approx(0.2252)
    assert not printing.spine_text(78) and printing.spine_text(79)


def test_an_isbn_in_the_metadata_is_checked(scratch):
    edit(scratch / "manuscript" / "metadata.yaml", "  paper: white\n", "  paper: white\n  isbn: 978-0-306-40615-6\n")
    with pytest.raises(BuildError, match=r"metadata.yaml:\d+: ISBN '978-0-306-40615-6' has the check digit 6"):
        load(scratch)


def test_an_unknown_paper_names_the_stocks(scratch):
    edit(scratch / "manuscript" / "metadata.yaml", "  paper: white\n", "  paper: glossy\n")
    with pytest.raises(BuildError, match=r"paper 'glossy' is not a stock of 'kdp' \(white, cream\)"):
        load(scratch)
