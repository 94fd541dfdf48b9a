"""Where each part of the book falls: its first page, a blank page before it, and its own HTML document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import ceil

from jinja2 import Template
from markupsafe import Markup

from .numbers import numbered
from .parts import Book, Part, Unit


@dataclass(frozen=True)
class Placement:
    """Where a part falls in the book."""

    first_page: int  # the page number of its first page
    blank_before: bool  # a blank page goes before it, so that it begins on a right-hand page


def place(parts: tuple[Part, ...], page_counts: list[int]) -> list[Placement]:
    """Each part's first page, given the page count of every part before it."""
    out = []
    page = 1
    for part, count in zip(parts, [*page_counts, 0], strict=False):
        blank = part.recto and page % 2 == 0
        if blank:
            page += 1
        out.append(Placement(page, blank))
        page += count
    return out[: len(parts)]


# Characters of HTML per page in this edition's layout, by kind of section: a
# first guess at the pages, so that a clean build's first layout already has
# page numbers of about the right length. Only how soon the pages settle
# depends on these figures, never what is printed.
DENSITY = {
    "essay": 5500,
    "commentary": 7000,
    "chronology": 3300,
    "glossary": 2950,
    "sources": 5300,
    "textual-note": 3250,
    "index": 14000,
}
DEFAULT_DENSITY = 3500
_ROOT_CLASS = re.compile(r'<[a-z0-9]+[^>]*?\sclass="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def _density(unit: Unit) -> int:
    found = _ROOT_CLASS.match(unit.html)
    classes = found.group(1).split() if found else []
    return next((DENSITY[c] for c in classes if c in DENSITY), DEFAULT_DENSITY)


def estimate_counts(book: Book) -> list[int]:
    """A guess at each part's page count from its HTML, before any layout."""
    # Each unit begins a page, and its last page is seldom full.
    return [sum(ceil(u.size / _density(u)) for u in part.units) for part in book.parts]


def estimate_pages(
    book: Book, counts: list[int] | None = None, laid: dict[int, dict[str, int]] | None = None
) -> dict[str, int]:
    """A guess at every anchor's page from where it stands in the HTML, before any layout.

    Given each part's page count and, for the parts laid out already, the page
    (from 1) of each anchor in them, those anchors' pages are known, not guessed.
    """
    counts = counts or estimate_counts(book)
    laid = laid or {}
    pages: dict[str, int] = {}
    for index, (part, placement) in enumerate(zip(book.parts, place(book.parts, counts), strict=True)):
        if index in laid:
            for name, page in laid[index].items():
                pages.setdefault(name, placement.first_page + page - 1)
            continue
        done = 0.0  # pages of the part before this unit
        for unit in part.units:
            density = _density(unit)
            for found in _ID.finditer(unit.html):
                pages.setdefault(found.group(1), placement.first_page + int(done + found.start() / density))
            done += ceil(unit.size / density)
    return pages


def unsure(page: int) -> bool:
    """A guessed page near one where page numbers gain a digit (9 and 10, 99 and 100): its length is unsure."""
    margin = 2 + page // 20
    return len(str(max(1, page - margin))) != len(str(page + margin))


def unsure_parts(book: Book, pages: dict[str, int]) -> list[int]:
    """The parts holding an anchor whose guessed page has an unsure number of digits."""
    return [
        index
        for index, part in enumerate(book.parts)
        if any(unsure(pages.get(found.group(1), 1)) for unit in part.units for found in _ID.finditer(unit.html))
    ]


def part_document(book: Book, part: Part, placement: Placement, template: Template) -> str:
    """A whole HTML document for one part (templates/print/part.html.j2), set to begin where it falls in the book.

    It has the book's head, and is told what the whole book would have told
    it: its first page number and side, the footnote count before it and the
    running head in force. Its page numbers are told their places among
    them, so that they can be set in after the layout (numbers.py).
    """
    body = "".join(u.html for u in part.units)
    # The running head in force where the part begins. It is set by an empty
    # element at the start, not by the root, whose box is on every page; a
    # part that begins with a heading sets its own.
    running = part.running_before if not part.units[0].leads_with_h1 else ""
    split = body.index(">") + 1 if running else 0
    head_end = book.head.index("</head>")
    return numbered(
        template.render(
            lang=book.lang,
            head=Markup(book.head[:head_end]),
            after_head=Markup(book.head[head_end + len("</head>") :]),
            first_page=placement.first_page,
            side="right" if placement.first_page % 2 else "left",
            footnotes_before=part.footnotes_before,
            running=running,
            body_class=book.body_class,
            body_open=Markup(body[:split]),
            body_rest=Markup(body[split:]),
        )
    )
