"""Which checks run for the book under test: the manuscript in manuscript/, whichever it is (issue 24).

The tests read the book's names (slug, title, author, identifier, output files) from its metadata.yaml
(helpers.py: SLUG, TITLE, AUTHOR, IDENTIFIER, output_name), never spelling out this edition's. The checks that
belong to this edition alone (its copy-text and emendations, its particular notes, glosses and sizes) are marked
`this_edition`; conftest.py deselects them, saying how many, when manuscript/ holds another book.
"""

from __future__ import annotations

import pytest

# This edition's identifier: the one place the suite tells this manuscript from any other.
THIS_EDITION = "urn:uuid:9ba4a41a-3fd8-408e-9f75-3f58c9e42ba6"


def set_apart(items: list[pytest.Item], identifier: str) -> tuple[list[pytest.Item], list[pytest.Item]]:
    """(the items to run, the items to deselect) for a manuscript of this identifier: the `this_edition` tests
    are deselected unless the manuscript is this edition's."""
    if identifier == THIS_EDITION:
        return list(items), []
    kept = [item for item in items if item.get_closest_marker("this_edition") is None]
    dropped = [item for item in items if item.get_closest_marker("this_edition") is not None]
    return kept, dropped
