"""The print edition's page starts, read from its PDF, marked in the EPUB's text documents.

A scholarly edition is cited by page, so the EPUB carries the print pages:
an empty `span` with `epub:type="pagebreak"`, `role="doc-pagebreak"` and the
page's number at the place where each printed page begins, and a page-list
leading to them. Where a page begins is the first characters of its text
block (render/weasyprint/starts.py), given by the book's layout or read from
the print PDF itself, which are then found in the EPUB's text.
The two are compared as letters and digits alone, lowercased (line-end
hyphens, spacing, quotation marks and small capitals differ between them),
each page searched for after the one before it, so a phrase that recurs is
found in its place. A page whose text the EPUB does not have (the title page,
the contents) or that is blank gets no marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...markup.html import EPUB_TYPE, XHTML
from ..weasyprint.starts import PROBE, TEXT_TOP, Run, letters, page_start

__all__ = ["TEXT_TOP", "letters", "mark_pages", "page_starts"]

# When a page's first line is not in the EPUB as it is printed (a chronology entry's two dates, set one
# above the other in a column beside its title), its first column, followed within NEAR letters by the
# first SHORT_PROBE letters of its second.
SHORT_PROBE = 12
NEAR = 80
LEADING = 8  # letters at a page's start that the EPUB may not have
# Calls and marks the print sets otherwise (a superscript, or not at all): not part of the text compared.
NOT_TEXT = {"noteref", "comm-call", "chronrefs", "backlink"}
# What may hold only its items (li, dt and dd, rows): a marker before an item goes inside it instead.
CONTAINERS = {f"{XHTML}{n}" for n in ("ol", "ul", "dl", "table", "thead", "tbody", "tr")}
# An element that is one block of text: a marker at the start of its text goes before it, not inside it.
BLOCKS = {f"{XHTML}{n}" for n in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "td")}


def page_starts(pdf: Path) -> dict[int, tuple[str, ...]]:
    """Each page's number and the letters its text block begins with (weasyprint.starts.page_start), read from
    a PDF's characters: for a print PDF whose layout left no page starts in the cache."""
    import pdfplumber

    starts = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            chars = [Run(c["text"], c["x0"], c["x1"], c["top"], c["top"], c["size"]) for c in page.chars]
            found = page_start(chars)
            if found is not None:
                starts[number] = found
    return starts


@dataclass(frozen=True)
class _Place:
    """One character of a document's text: the element whose text or tail holds it, and where."""

    element: etree._Element
    in_tail: bool
    offset: int


def _places(body: etree._Element) -> Iterator[tuple[str, _Place]]:
    """Every letter or digit of the body's text in reading order, with its place; calls and marks left out."""

    def walk(element: etree._Element) -> Iterator[tuple[str, _Place]]:
        classes = set((element.get("class") or "").split()) | set((element.get(EPUB_TYPE) or "").split())
        if not classes & NOT_TEXT:
            for offset, char in enumerate(element.text or ""):
                yield from ((c, _Place(element, False, offset)) for c in letters(char))
            for child in element:
                if isinstance(child.tag, str):
                    yield from walk(child)
        for offset, char in enumerate(element.tail or ""):
            yield from ((c, _Place(element, True, offset)) for c in letters(char))

    for child in body:
        if isinstance(child.tag, str):
            yield from walk(child)


def _word_start(place: _Place) -> _Place:
    """Back to the start of the word the place is in: a page that begins inside a hyphenated word."""
    text = (place.element.tail if place.in_tail else place.element.text) or ""
    offset = place.offset
    while offset > 0 and not text[offset - 1].isspace():
        offset -= 1
    return _Place(place.element, place.in_tail, offset)


def _hoist(element: etree._Element) -> etree._Element | None:
    """The block the element's text begins, when nothing comes before it there: the marker goes before that."""
    while element is not None:
        if element.tag in BLOCKS:
            return element
        parent = element.getparent()
        if parent is None or (parent.text or "").strip() or parent.index(element) != 0:
            return None
        element = parent
    return None


def _insert(place: _Place, marker: etree._Element) -> None:
    """Put the marker at the place; before the whole block when the place is where the block's text starts
    (inside a heading or a term, its label would become part of the heading's or the term's name)."""
    element, offset = place.element, place.offset
    block = None if place.in_tail or (element.text or "")[:offset].strip() else _hoist(element)
    if block is not None and block.getparent().tag in CONTAINERS:  # a list's item: the marker opens it
        marker.tail, block.text = block.text, None
        block.insert(0, marker)
    elif block is not None:
        marker.tail = None
        block.addprevious(marker)
    elif place.in_tail:
        text = element.tail or ""
        element.tail, marker.tail = text[:offset], text[offset:]
        element.addnext(marker)
    else:
        text = element.text or ""
        element.text, marker.tail = text[:offset], text[offset:]
        element.insert(0, marker)


def _occurrences(text: str, probe: str) -> list[int]:
    found, at = [], text.find(probe)
    while at >= 0:
        found.append(at)
        at = text.find(probe, at + 1)
    return found


def _start_occurrences(text: str, parts: tuple[str, ...]) -> list[int]:
    probe = "".join(parts)
    found = _occurrences(text, probe[:PROBE])
    # A page may begin with what only the print sets (a commentary entry's "p. 14"): its first letters dropped.
    for skip in range(1, LEADING + 1):
        if found or len(probe) - skip < PROBE // 2:
            break
        found = _occurrences(text, probe[skip : skip + PROBE])
    if not found:  # the print adds to the page's first line (a cross-reference's "p. 12"): its start, if unique
        short = _occurrences(text, probe[: PROBE // 2])
        found = short if len(short) == 1 else []
    if found or len(parts) < 2:
        return found
    head, tail = parts[0], parts[1][:SHORT_PROBE]
    return [at for at in _occurrences(text, head) if tail in text[at + len(head) : at + len(head) + NEAR]]


def _in_order(starts: dict[int, tuple[str, ...]], text: str) -> list[tuple[int, int]]:
    """(page, position) for the most pages whose starts occur in the text in the pages' order.

    Each page may start at any occurrence of its probe; a page whose probe also occurs far off (the
    copyright page's words in the colophon) must not carry the pages after it there. The longest
    increasing sequence of positions, one per page, decides.
    """
    candidates = [
        (number, at) for number in sorted(starts) for at in reversed(_start_occurrences(text, starts[number]))
    ]
    tails: list[int] = []  # tails[k]: the index in candidates ending the best sequence of length k + 1
    before: list[int | None] = []
    for i, (_number, at) in enumerate(candidates):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if candidates[tails[middle]][1] < at:
                low = middle + 1
            else:
                high = middle
        before.append(tails[low - 1] if low else None)
        tails[low : low + 1] = [i]
    chosen, i = [], tails[-1] if tails else None
    while i is not None:
        chosen.append(candidates[i])
        i = before[i]
    return chosen[::-1]


def mark_pages(
    documents: list[tuple[str, bytes]], starts: dict[int, tuple[str, ...]], marker: etree._Element
) -> tuple[list[tuple[str, bytes]], list[tuple[int, str]]]:
    """The documents with a copy of marker (its id and label set) at each page's start; and the page list.

    documents: (name, XHTML) in reading order. The page list is (page number, the document's name); the
    marker's id is page-N.
    """
    roots = [etree.fromstring(data) for _name, data in documents]
    streams = []
    for root in roots:
        places = list(_places(root.find(f"{XHTML}body")))
        streams.append(("".join(c for c, _p in places), [p for _c, p in places]))
    text = "".join(stream for stream, _places in streams)
    where = [(index, place) for index, (_stream, places) in enumerate(streams) for place in places]
    found = [(number, *where[position]) for number, position in _in_order(starts, text)]
    pages = []
    # Inserted from the last page back, so that each place's offset still holds when it is used.
    for number, index, place in reversed(found):
        copy = etree.fromstring(etree.tostring(marker))
        copy.set("id", f"page-{number}")
        copy.set("aria-label", str(number))
        _insert(_word_start(place), copy)
        pages.append((number, documents[index][0]))
    changed = {index for _number, index, _place in found}
    marked = [
        (name, etree.tostring(root, xml_declaration=True, encoding="utf-8") if n in changed else data)
        for n, ((name, data), root) in enumerate(zip(documents, roots, strict=True))
    ]
    return marked, sorted(pages)
