"""A text's words, as the emendation check (check/emend.py) and the fidelity check (compose/fidelity.py) count them."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """The text's words, split at white space; typographic quotes read as ASCII ones."""
    table = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
    return text.translate(table).split()
