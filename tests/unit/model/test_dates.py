import pytest

from edition.model import parse_span


@pytest.mark.parametrize(
    ("text", "iso", "human"),
    [
        ("1989", "1989", "1989"),
        ("1999-06", "1999-06", "June 1999"),
        ("2000-02-02", "2000-02-02", "2 February 2000"),
        ("2000-02-03/2000-02-04", "2000-02-03/2000-02-04", "3–4 February 2000"),
        ("2000-02-29", "2000-02-29", "29 February 2000"),
    ],
)
def test_parses_precisions_and_ranges(text, iso, human):
    span = parse_span(text)
    assert span.iso() == iso
    assert span.human() == human


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2000-02-30", "February 2000 has 29 days"),
        ("1999-02-29", "February 1999 has 28 days"),
        ("2000-13", "no month 13"),
        ("2 Feb 2000", "not an ISO 8601 date"),
        ("2000-03-01/2000-02-01", "ends before it starts"),
    ],
)
def test_rejects_impossible_dates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_span(text)


def test_year_sorts_before_its_months():
    assert parse_span("1995").sort_key() < parse_span("1995-02").sort_key() < parse_span("1995-02-01").sort_key()
