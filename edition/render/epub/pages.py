"""The print edition's pages in the EPUB: markers where they begin, and the index citing them.

A scholarly edition is cited by page: the EPUB marks where each page of the
print interior begins (pagebreaks.py finds the places of the print PDF this
build made, or the last build's, from the page starts its layout left in the
cache), lists them in the navigation's page-list, and its index, which
cites paragraphs where there is no print edition to cite, cites the same
pages the printed index does, each taken from the nearest page marker before the place it leads to.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ...markup.html import EPUB_TYPE, XHTML
from ...support.storage import sha256
from ..weasyprint.starts import keep_starts, kept_starts
from .pagebreaks import mark_pages, page_starts

UNMARKED = ("cover.xhtml",)  # a page that is an image: nothing of the print edition's text
INDEX_LOCATOR = "index-locator"


def print_pages(
    documents: list[tuple[str, bytes]], pdf: Path | None, marker: str, index: str, cache: Path
) -> tuple[list[tuple[str, bytes]], list[tuple[int, str]]]:
    """The documents (name, XHTML) with the print pages marked and the index (the document named index)
    citing them, and the page list: (page, document's name). With no print PDF, the documents as they are."""
    if pdf is None or not pdf.exists():
        return documents, []
    template = etree.fromstring(marker)
    texts = [(name, data) for name, data in documents if name not in UNMARKED]
    marked, pages = mark_pages(texts, _starts(pdf, cache), template)
    by_name = dict(marked)
    found = _pages_of_ids(marked)
    if index in by_name:
        by_name[index] = _cite_pages(by_name[index], found)
    return [(name, by_name.get(name, data)) for name, data in documents], pages


def _starts(pdf: Path, cache: Path) -> dict[int, tuple[str, ...]]:
    """The PDF's page starts: as its layout left them in the cache (weasyprint.starts), or read from the PDF
    (pagebreaks.page_starts, seconds) when no layout of this cache made it, and kept for the next time."""
    kept = kept_starts(cache, pdf)
    if kept is not None:
        return kept
    starts = page_starts(pdf)
    keep_starts(cache, [sha256(pdf)], {page: list(parts) for page, parts in starts.items()})
    return starts


def _pages_of_ids(documents: list[tuple[str, bytes]]) -> dict[tuple[str, str], int]:
    """The print page every id of the documents stands on: the last page marker before it, in reading order."""
    page, found = 0, {}
    for name, data in documents:
        for element in etree.fromstring(data).iter():
            if not isinstance(element.tag, str):
                continue
            if "pagebreak" in (element.get(EPUB_TYPE) or "").split():
                page = int(element.get("aria-label"))
            elif element.get("id") and page:
                found[(name, element.get("id"))] = page
    return found


def _cite_pages(index: bytes, pages: dict[tuple[str, str], int]) -> bytes:
    """The index with each locator's text the print page of the place it leads to."""
    root = etree.fromstring(index)
    for locator in root.iter(f"{XHTML}a"):
        if INDEX_LOCATOR in (locator.get(EPUB_TYPE) or "").split():
            name, _hash, anchor = (locator.get("href") or "").partition("#")
            if (name, anchor) in pages:
                locator.text = str(pages[(name, anchor)])
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
