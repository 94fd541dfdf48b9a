"""The EPUB's files made into a kepub's: koboSpans, the book wrappers and Kobo's style, in each text document."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from lxml import etree

from ...markup.html import EPUB_TYPE, XHTML

X = XHTML
# Where no sentence span may go: code and styles, and the markup that is not HTML's own.
SKIP = {
    f"{X}script",
    f"{X}style",
    f"{X}pre",
    f"{X}code",
    "{http://www.w3.org/2000/svg}svg",
    "{http://www.w3.org/1998/Math/MathML}math",
}
# Each of these starts a new paragraph number, as kepubify counts them.
BLOCKS = {
    f"{X}{name}"
    for name in (
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "blockquote",
        "figcaption",
        "caption",
        "div",
        "aside",
    )
}
# A sentence ends at . ! ? (and a closing quotation mark or bracket after them) before white space.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+")


def sentences(text: str) -> list[str]:
    """The text cut after each sentence's end; the white space after a sentence stays with it."""
    cuts = [m.end() for m in SENTENCE_END.finditer(text) if m.end() < len(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if text[a:b]]


class _Spans:
    """Numbers the paragraphs and sentences of one document as the spans are made."""

    def __init__(self) -> None:
        self.paragraph, self.sentence = 0, 0

    def block(self) -> None:
        self.paragraph, self.sentence = self.paragraph + 1, 0

    def span(self, text: str) -> etree._Element:
        self.sentence += 1
        span = etree.Element(f"{X}span", {"class": "koboSpan", "id": f"kobo.{self.paragraph}.{self.sentence}"})
        span.text = text
        return span


def _spanned(text: str, spans: _Spans) -> list[etree._Element]:
    return [spans.span(part) for part in sentences(text)] if text.strip() else []


def _wrap_text(element: etree._Element, spans: _Spans) -> None:
    """Put each sentence of the element's own text, and of its children's tails, in a koboSpan."""
    if element.tag in SKIP or not isinstance(element.tag, str):
        return
    if element.tag in BLOCKS:
        spans.block()
    if element.text and element.text.strip():
        made = _spanned(element.text, spans)
        element.text = None
        for index, span in enumerate(made):
            element.insert(index, span)
    for child in list(element):
        if isinstance(child.tag, str) and child.get("class") == "koboSpan":
            continue  # made just now, from the element's own text
        if not _is_noteref(child):  # a note's call is a link Kobo opens as a pop-up: its number stays bare
            _wrap_text(child, spans)
        if child.tail and child.tail.strip():
            made = _spanned(child.tail, spans)
            child.tail = None
            parent, at = child.getparent(), child.getparent().index(child)
            for offset, span in enumerate(made, start=1):
                parent.insert(at + offset, span)


def _is_noteref(element: etree._Element) -> bool:
    return "noteref" in (element.get(EPUB_TYPE) or "").split()


def kobo_document(xhtml: bytes, style: str) -> bytes:
    """One XHTML content document as Kobo's engine reads it: spans, wrappers and the style hacks."""
    root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    head, body = root.find(f"{X}head"), root.find(f"{X}body")
    if head is None or body is None:
        return xhtml
    hack = etree.SubElement(head, f"{X}style", {"type": "text/css", "class": "kobostylehacks"})
    hack.text = style
    spans = _Spans()
    for child in list(body):
        _wrap_text(child, spans)
    columns = etree.Element(f"{X}div", {"id": "book-columns"})
    inner = etree.SubElement(columns, f"{X}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    inner.extend(list(body))
    body.append(columns)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def kepub_files(epub: Path, style: str, skip: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """Every file of the EPUB at epub, in its order, its XHTML documents made Kobo's (but those named in skip)."""
    with zipfile.ZipFile(BytesIO(epub.read_bytes())) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            name = info.filename
            if name.endswith(".xhtml") and Path(name).name not in skip:
                data = kobo_document(data, style)
            yield name, data
