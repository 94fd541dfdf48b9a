"""The evidence beside each claim: every gloss and every chronology entry quotes its sources (issue #26)."""

from __future__ import annotations

import re

from ..errors import BuildError
from ..load.hints import hint
from ..model import Loc, Manuscript, Support

QUOTE_WORDS = 40  # a quotation is the sentence that bears the claim out, not the page around it
FORMAT = "support: a list of items with source, locator and quote"


def check_support(ms: Manuscript) -> None:
    """Each gloss note and chronology entry has support, and each item quotes one of the claim's own sources."""
    for note in ms.notes.values():
        if note.gloss is None and not note.support:
            continue  # a commentary alone: the commentary's evidence is for a later round
        what = f"note {note.id!r}"
        cited = (note.gloss or note.commentary).citations
        tier = "gloss" if note.gloss is not None else "commentary"
        _check_items(ms, note.support, note.loc, what, set(cited), f"is not cited in its {tier}")
    for entry in ms.chronology:
        what = f"chronology entry {entry.id!r}"
        _check_items(ms, entry.support, entry.loc, what, set(entry.sources), "is not among its sources")


def _check_items(
    ms: Manuscript, support: list[Support], loc: Loc, what: str, allowed: set[str], not_allowed: str
) -> None:
    if not support:
        raise BuildError(
            loc.path, f"{what} has no support: give the evidence for it ({FORMAT}){hint(loc.path)}", loc.line
        )
    for item in support:
        _check_item(ms, item, what, allowed, not_allowed)


def _check_item(ms: Manuscript, item: Support, what: str, allowed: set[str], not_allowed: str) -> None:
    def refuse(message: str, field: str | None = None) -> None:
        line = item.line_of(field) if field else item.loc.line
        raise BuildError(item.loc.path, f"a support item of {what} {message}", line)

    if item.unknown:
        refuse(f"has an unknown field {item.unknown[0]!r} (an item has source, locator and quote)", item.unknown[0])
    if not item.source:
        refuse("has no source: give a bibliography key", "source")
    if item.source not in ms.references:
        refuse(f"quotes source {item.source!r}, which is not in bibliography.yaml", "source")
    if item.source not in allowed:
        refuse(f"quotes source {item.source!r}, which {not_allowed}", "source")
    if not item.locator:
        refuse("has no locator: say where in the source (page, para., section, timestamp)", "locator")
    if not item.quote:
        refuse("has no quote: copy the words of the source that support the claim", "quote")
    count = quote_words(item.quote)
    if count > QUOTE_WORDS:
        refuse(f"has a quote of {count} words; at most {QUOTE_WORDS}", "quote")


def quote_words(quote: str) -> int:
    """The words of a quotation: an elision mark (… or ...) or a lone dash is not one."""
    return sum(1 for token in quote.split() if re.search(r"\w", token))
