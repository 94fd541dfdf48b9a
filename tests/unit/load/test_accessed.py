"""A source's access date (CSL `accessed`, #28): one real day as date-parts, or a one-line file:line error."""

from __future__ import annotations

import pytest
from helpers import edit, small_project

from edition.errors import BuildError
from edition.load import load

URL = "  URL: https://example.org/source"


def _with(tmp_path, accessed: str):
    root = small_project(tmp_path, templates=False)
    edit(root / "manuscript" / "bibliography.yaml", URL, f"{URL}\n  accessed:\n{accessed}")
    return root


def test_a_day_as_date_parts_is_loaded_as_written(tmp_path):
    ms = load(_with(tmp_path, "    date-parts:\n    - - 2026\n      - 11\n      - 27"))
    assert ms.references["test-source"].csl["accessed"] == {"date-parts": [[2026, 11, 27]]}


@pytest.mark.parametrize(
    "accessed",
    [
        "    date-parts:\n    - - 2026\n      - 2\n      - 30",  # no such day
        "    date-parts:\n    - - 2026\n      - 11",  # a month is not the day it was read
        "    date-parts:\n    - - '2026'\n      - 11\n      - 27",  # a string
        "    literal: yesterday",
    ],
)
def test_anything_else_is_an_error_at_its_line(tmp_path, accessed):
    with pytest.raises(BuildError, match=r"bibliography.yaml:13: 'accessed' in reference 'test-source' must be"):
        load(_with(tmp_path, accessed))
