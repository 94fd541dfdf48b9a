"""Emendations: the recorded changes from the text as received to the essay's text.

Pure functions; the check stage and the tests both use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BuildError
from ..load.hints import hint
from ..markup.words import words
from ..model import Emendation

__all__ = ["Difference", "apply_emendations", "first_difference", "words"]  # words: markup/words.py, named here too


def apply_emendations(source: str, emendations: list[Emendation], source_name: str = "source") -> str:
    """Apply each emendation, in order, to its line of the source text.

    `before` must occur exactly once on its line (after the earlier
    emendations to that line), so that every change is unambiguous.
    """
    lines = source.split("\n")
    for em in emendations:
        if em.line > len(lines):
            raise BuildError(
                em.loc.path,
                f"emendation names line {em.line}, but {source_name} has {len(lines)} lines",
                em.loc.line,
            )
        current = lines[em.line - 1]
        count = current.count(em.before)
        if count != 1:
            problem = "is not on" if count == 0 else f"occurs {count} times on"
            raise BuildError(
                em.loc.path,
                f"emendation does not match the source text: {em.before!r} {problem} line {em.line} of {source_name}"
                + hint("emendations.yaml"),
                em.loc.line,
            )
        lines[em.line - 1] = current.replace(em.before, em.after)
    return "\n".join(lines)


@dataclass(frozen=True)
class Difference:
    index: int
    expected: str
    found: str

    def describe(self) -> str:
        return f"word {self.index + 1}: the emended source reads {self.expected!r}, the essay {self.found!r}"


def first_difference(expected: list[str], found: list[str]) -> Difference | None:
    """Where two word lists first differ, or None if they are equal."""
    for i, (a, b) in enumerate(zip(expected, found, strict=False)):
        if a != b:
            return Difference(i, a, b)
    if len(expected) != len(found):
        i = min(len(expected), len(found))
        return Difference(
            i,
            expected[i] if i < len(expected) else "(end of text)",
            found[i] if i < len(found) else "(end of text)",
        )
    return None
