"""The index of names: every glossary name in the text gets an anchor the index points to."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from ..markup.html import phrases_pattern, wrap_text
from ..model import Manuscript
from .marks import Marks
from .views import IndexEntry


def sort_key(name: str) -> str:
    """A name's place in the index: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def index_entries(ms: Manuscript) -> dict[str, IndexEntry]:
    """An empty entry per glossary name, in index order: a person by surname ("Milošević, Slobodan")."""
    names = {gid: g.index_name or g.name for gid, g in ms.glossary.items()}
    entries = [IndexEntry(gid, name, sort_key(name)) for gid, name in names.items()]

    return {e.id: e for e in sorted(entries, key=lambda e: e.sort_key)}


def _forms(entry) -> list[str]:
    """The forms of a name the index finds in the text: the essay's, the proper one and, for a person, the surname."""
    forms = [*entry.essay_forms, entry.name]
    if entry.index_name and "," in entry.index_name:
        forms.append(entry.index_name.split(",")[0].strip())
    return forms


Names = tuple[re.Pattern[str], dict[str, str]]  # every form of every name, and the entry each form is of


def index_names(ms: Manuscript) -> Names | None:
    """What the index finds in a text, compiled once for the whole book; None without a glossary."""
    if not ms.glossary:
        return None
    forms: dict[str, str] = {}
    for entry in ms.glossary.values():
        for form in _forms(entry):
            forms.setdefault(form, entry.id)
    return phrases_pattern(forms), forms


def blocks(root: etree._Element) -> list[etree._Element]:
    """A section's paragraphs, as the index counts them."""
    return [b for b in root if b.tag in ("p", "div", "blockquote", "ul", "ol")]


def mark_index(
    root: etree._Element,
    names: Names | None,
    prefix: str,
    index: dict[str, IndexEntry],
    label: str,
    marks: Marks,
    paragraph: int | None = None,
) -> None:
    """Wrap each name of the glossary in an anchor the index can point to.

    The index locates a name by its paragraph in the section, or by the given
    number (a note's) for every paragraph of the root.
    """
    if names is None:
        return
    pattern, forms = names
    for para, block in enumerate(blocks(root), start=1):

        def make(match: re.Match[str], para: int = paragraph or para) -> etree._Element:
            entry = index[forms[match.group(0)]]
            anchor = f"ix-{prefix}-{entry.id}-{len(entry.anchors) + 1}"
            entry.anchors.append((anchor, label, para))
            return marks.element("index_anchor", id=anchor, text=match.group(0))

        wrap_text(block, pattern, make, skip=("a", "abbr", "code", "h1"))
