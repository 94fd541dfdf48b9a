"""Cut the printed book into parts that are laid out separately and joined as PDFs.

WeasyPrint keeps every laid-out page of a document in memory and its layout
time grows faster than the page count, so a long book is laid out in parts of
bounded size, in parallel, and the PDFs are joined page for page. A part
begins where the book has a forced page break anyway: at a chapter, at the
page after the title page, at an essay heading. Only a single section larger
than the budget (a chronology hundreds of pages long) is cut between its list
items, and each slice after the first begins a new page.

Each part becomes a whole HTML document (placement.part_document), told
what the whole book would have told it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxhtml

# Characters fed to the HTML parser at once. libxml2's push parser does work in
# proportion to what it holds for every piece it is fed, so the template's many
# small pieces are joined first: fed one by one, the book at 50 times the
# edition took 11.5 s to cut; in runs of a megabyte, 1.2 s (0.6 s parsed whole).
FEED_SIZE = 1 << 20

# Lists whose items (a table's rows) may be cut into slices when their section outgrows the budget.
SLICEABLE = ("ol", "ul", "dl", "div", "table")


@dataclass(frozen=True)
class Unit:
    """A run of the book that begins at a page break: a section, or a slice of one."""

    html: str
    recto: bool  # must begin on a right-hand page
    footnotes: int  # footnote calls inside it
    running: str | None  # the running head it sets last, if any
    leads_with_h1: bool = False  # begins with a heading, which sets the running head

    @property
    def size(self) -> int:
        return len(self.html)


@dataclass(frozen=True)
class Part:
    units: tuple[Unit, ...]
    footnotes_before: int
    running_before: str

    @property
    def recto(self) -> bool:
        return self.units[0].recto

    @property
    def size(self) -> int:
        return sum(u.size for u in self.units)


@dataclass(frozen=True)
class Book:
    head: str  # the <head> element, serialized
    lang: str
    body_class: str
    parts: tuple[Part, ...]


def _tag(el: etree._Element | None) -> str | None:
    return el.tag if el is not None else None


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _serialize(el: etree._Element) -> str:
    return lxhtml.tostring(el, encoding="unicode", method="html")


def _footnotes(el: etree._Element) -> int:
    return int(el.xpath("count(.//*[contains(concat(' ', normalize-space(@class), ' '), ' footnote ')])"))


def _running(el: etree._Element) -> str | None:
    heads = [h for h in el.iter("h1")]
    return " ".join("".join(heads[-1].itertext()).split()) if heads else None


def _unit(el: etree._Element, recto: bool) -> Unit:
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return Unit(_serialize(el), recto, _footnotes(el), _running(el), first is not None and first.tag == "h1")


def _shell(section: etree._Element, continued: bool) -> etree._Element:
    """An empty copy of a section; a continuation loses the id and gains the class that breaks the page."""
    shell = etree.Element(section.tag, dict(section.attrib))
    if continued:
        shell.attrib.pop("id", None)
        shell.set("class", " ".join([*sorted(_classes(section) - {"chapter"}), "continued"]))
    return shell


def _group_slices(section: etree._Element, group: list[etree._Element], budget: int, first: int) -> list:
    """One group of a section's children (an h1 and what follows it), cut between list items or blocks if too big.

    Each slice is a shell of the section; `first` is the number of slices the
    section has given before: only its first slice keeps its id and text.
    """
    pieces: list[list[etree._Element]] = [[]]
    size = 0  # characters in the last piece
    for child in group:
        length = len(_serialize(child))
        if child.tag in SLICEABLE and len(child) and length > budget:
            # A long list: its first run of items joins what precedes it.
            chunks = _item_chunks(child, budget)
            pieces[-1].append(chunks[0])
            pieces += [[chunk] for chunk in chunks[1:]]
            size = len(_serialize(chunks[-1]))
            continue
        if pieces[-1] and size + length > budget:
            # A run of paragraphs longer than the budget (an essay with no headings) is cut between them.
            pieces.append([])
            size = 0
        pieces[-1].append(child)
        size += length
    out = []
    for i, piece in enumerate(pieces, start=first):
        leads_with_h1 = bool(piece) and piece[0].tag == "h1"
        shell = _shell(section, continued=i > 0 and not leads_with_h1)
        if i > 0 and leads_with_h1:
            shell.attrib.pop("id", None)
            shell.set("class", " ".join(sorted(_classes(section) - {"chapter"})))
        shell.text = section.text if i == 0 else None
        for child in piece:
            shell.append(child)  # moved, not copied: the section's tree is spent once it is cut
        out.append(shell)
    return out


def _item_chunks(container: etree._Element, budget: int) -> list[etree._Element]:
    """Copies of a list, each holding a run of its items within the budget.

    A <dt> stays with the <dd>s after it, an ordered list's numbering carries
    on, and every slice of a table has the table's head.
    """
    if container.tag == "table":
        return _row_chunks(container, budget)
    items = list(container)
    start = int(container.get("start", "1"))
    chunks: list[etree._Element] = []
    i = 0
    while i < len(items):
        chunk = etree.Element(container.tag, dict(container.attrib))
        if chunks:
            chunk.attrib.pop("id", None)
            if container.tag == "ol":
                chunk.set("start", str(start + i))
        chunk.text = container.text
        size = 0
        while i < len(items):
            group = [items[i]]
            if items[i].tag == "dt":
                while i + len(group) < len(items) and items[i + len(group)].tag == "dd":
                    group.append(items[i + len(group)])
            group_size = sum(len(_serialize(x)) for x in group)
            if len(chunk) and size + group_size > budget:
                break
            for x in group:
                chunk.append(x)  # moved out of the list, which is spent once it is sliced
            size += group_size
            i += len(group)
        chunks.append(chunk)
    return chunks


def _row_chunks(table: etree._Element, budget: int) -> list[etree._Element]:
    body = table.find("tbody")
    if body is None:
        return [table]
    chunks = []
    for rows in _item_chunks(body, budget):
        chunk = etree.Element("table", dict(table.attrib))
        if chunks:
            chunk.attrib.pop("id", None)
        for child in table:
            if child is body:
                chunk.append(rows)
            elif child.tag != "tbody":
                chunk.append(copy.deepcopy(child))
        chunks.append(chunk)
    return chunks


def _runs(pieces: Iterable[str], size: int):
    """The pieces joined into runs of at least size characters (the last may be shorter)."""
    run: list[str] = []
    length = 0
    for piece in pieces:
        run.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(run)
            run, length = [], 0
    if run:
        yield "".join(run)


def cut(document: str | Iterable[str], part_size: int, slice_size: int) -> Book:
    """The book's HTML as parts of about part_size characters, cut where a page breaks anyway.

    A section longer than slice_size is cut between its list items as well.
    The HTML may come in pieces: it is parsed as it comes, and each group of
    a section (an h1 and what follows it) is dropped from the tree once cut,
    so that the whole book is never one tree (at 200 times the edition the
    essay alone, notes and all, was a tree of hundreds of megabytes).
    """
    parser = etree.HTMLPullParser(events=("end",))
    units: list[Unit] = []
    head = ""
    given = 0  # slices the open section of the body has given so far

    def give(section: etree._Element, group: list[etree._Element]) -> None:
        nonlocal given
        recto = "chapter" in _classes(section)
        for piece in _group_slices(section, group, slice_size, given):
            units.append(_unit(piece, recto and given == 0))
            given += 1

    def take(events) -> None:
        nonlocal head, given
        for _event, el in events:
            parent = el.getparent()
            if parent is None or not isinstance(el.tag, str):
                continue
            if el.tag == "head" and parent.tag == "html":
                head = _serialize(el)
            elif parent.tag == "body":
                give(el, list(el))  # a section ends: its last group, from its last h1 on
                given = 0
                el.clear()
                while el.getprevious() is not None:
                    del parent[0]
            elif el.tag == "h1" and el.getprevious() is not None and _tag(parent.getparent()) == "body":
                # An h1 begins a group: the children before it are a group, done with.
                group = list(parent)[: parent.index(el)]
                give(parent, group)  # moves the group's elements into its slices
                for child in group:
                    if child.getparent() is parent:  # a list, emptied into its slices
                        parent.remove(child)

    for piece in _runs([document] if isinstance(document, str) else document, FEED_SIZE):
        parser.feed(piece)
        take(parser.read_events())
    root = parser.close()
    take(parser.read_events())
    body = root.find("body")
    parts = _parts(units, part_size)
    return Book(head, root.get("lang", ""), body.get("class", "") if body is not None else "", parts)


def _parts(units: list[Unit], part_size: int) -> tuple[Part, ...]:
    """The units in parts of about part_size characters, each told the footnotes and running head before it."""
    parts: list[Part] = []
    current: list[Unit] = []
    footnotes, running = 0, ""
    before = (0, "")
    for unit in units:
        if current and sum(u.size for u in current) + unit.size > part_size:
            parts.append(Part(tuple(current), *before))
            current = []
            before = (footnotes, running)
        current.append(unit)
        footnotes += unit.footnotes
        running = unit.running or running
    if current:
        parts.append(Part(tuple(current), *before))
    return tuple(parts)
