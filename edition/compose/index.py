"""The index of names: every glossary name in the text gets an anchor the index points to."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from ..markup.html import wrap_text
from ..model import Manuscript
from .marks import Marks
from .views import IndexEntry


def sort_key(name: str) -> str:
    """A name's place in the index: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def index_entries(ms: Manuscript) -> dict[str, IndexEntry]:
    """An empty entry per glossary name, in index order."""
    return {
        gid: IndexEntry(gid, g.name, sort_key(g.name))
        for gid, g in sorted(ms.glossary.items(), key=lambda kv: sort_key(kv[1].name))
    }


def _pattern(ms: Manuscript) -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for entry in ms.glossary.values():
        for form in [*entry.essay_forms, entry.name]:
            forms.setdefault(form, entry.id)
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])")
    return pattern, forms


def mark_index(
    root: etree._Element, ms: Manuscript, prefix: str, index: dict[str, IndexEntry], label: str, marks: Marks
) -> None:
    """Wrap each name of the glossary in an anchor the index can point to."""
    if not ms.glossary:
        return
    pattern, forms = _pattern(ms)
    for para, block in enumerate((b for b in root if b.tag in ("p", "div", "blockquote", "ul", "ol")), start=1):

        def make(match: re.Match[str], para: int = para) -> etree._Element:
            entry = index[forms[match.group(0)]]
            anchor = f"ix-{prefix}-{entry.id}-{len(entry.anchors) + 1}"
            entry.anchors.append((anchor, label, para))
            return marks.element("index_anchor", id=anchor, text=match.group(0))

        wrap_text(block, pattern, make, skip=("a", "abbr", "code", "h1"))
