"""The TEI document's data, handed to templates/tei/edition.xml.j2, which writes every element of it.

Python here decides only what goes where: the essay aligned with the
copy-text (text.py), the fragments' HTML trees cut into sections, the
pointers the manuscript's internal links become in TEI, and the entry of the
book's index each of its anchors belongs to (written as TEI's <index>).
"""

from __future__ import annotations

from jinja2 import Environment
from lxml import etree

from ...compose import Edition
from .text import essay_text

TEMPLATE = "tei/edition.xml.j2"

# Emendations of these kinds regularise a convention of the copy-text (wire-style closing quotation marks):
# orig/reg. Every other kind corrects the copy-text or removes what is not the essay's: sic/corr.
REGULARISATION = frozenset({"quotation"})

LINK_PREFIX = {"chron": "chron-", "gloss": "gloss-", "passage": "p-", "comm": "comm-"}


class Pointers:
    """The TEI pointer an internal link of the manuscript becomes: the id the EPUB gives the same thing."""

    def __init__(self, ed: Edition):
        self.numbers = {n.id: n.number for n in ed.glosses}

    def __call__(self, href: str) -> str:
        if not href.startswith("#") or ":" not in href:
            return href
        kind, ident = href[1:].split(":", 1)
        if kind == "note":
            return f"#note-{self.numbers[ident]}" if ident in self.numbers else f"#comm-{ident}"
        return f"#{LINK_PREFIX.get(kind, kind + '-')}{ident}"


def sections(root: etree._Element) -> list[tuple[etree._Element | None, list[etree._Element]]]:
    """A fragment's blocks cut at its headings: (heading or None, the blocks up to the next heading)."""
    out: list[tuple[etree._Element | None, list[etree._Element]]] = [(None, [])]
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("h1", "h2", "h3", "h4"):
            out.append((child, []))
        else:
            out[-1][1].append(child)
    return [(head, blocks) for head, blocks in out if head is not None or blocks]


def editorial_blocks(textual_note: etree._Element) -> list[etree._Element]:
    """The textual note's statement of method (its sections headed "... method ...", where the place-name
    policy stands too), for the header's editorialDecl: the editors' own words, not new prose. Without
    such a heading, the whole note."""
    cut = sections(textual_note)
    chosen = [
        b for head, blocks in cut if head is not None and "method" in head.xpath("string()").lower() for b in blocks
    ]
    return chosen or [b for _head, blocks in cut for b in blocks]


def accessed(csl: dict) -> str | None:
    """The ISO date a source was read on, where the bibliography records it (CSL `accessed`)."""
    parts = (csl.get("accessed") or {}).get("date-parts") or [[]]
    return "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts[0])) or None


def tei_document(ed: Edition, env: Environment) -> bytes:
    """The whole edition as one TEI P5 document, UTF-8."""
    tei_env = env.overlay()
    tei_env.filters["pointer"] = Pointers(ed)
    tei_env.filters["sections"] = sections
    indexed = {anchor: entry for entry in ed.index for anchor, _section, _para in entry.anchors}
    tei_env.filters["index_entry"] = indexed.get  # an index anchor's id -> its entry of the index
    refs = ed.bibliography.xpath("//*[@class and contains(concat(' ', @class, ' '), ' csl-entry ')]")
    sources = [(el, ed.ms.references[el.get("id")[4:]].csl) for el in refs if el.get("id", "")[4:] in ed.ms.references]
    text = tei_env.get_template(TEMPLATE).render(
        ed=ed,
        meta=ed.meta,
        essay=essay_text(ed.ms, ed.essay),
        editorial=editorial_blocks(ed.textual_note),
        regularisation=REGULARISATION,
        sources=[(el, csl, accessed(csl)) for el, csl in sources],
        support={n.id: n.support for n in ed.ms.notes.values()},
        chron_support={c.id: c.support for c in ed.ms.chronology},
        emendations=ed.ms.emendations,
        source_path=ed.ms.source_path,
    )
    return text.encode("utf-8")
