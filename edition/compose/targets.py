"""What differs between the EPUB and the printed book: where links point, and each one's marks.

Each target's markup (note calls, notes, cross-reference suffixes) is in its
own marks template; a target here knows only addresses and pages.
"""

from __future__ import annotations

from jinja2 import Environment
from lxml import etree

from .marks import Marks
from .views import IndexEntry

EPUB_FILES = {
    "note": "notes.xhtml",
    "chron": "chronology.xhtml",
    "gloss": "glossary.xhtml",
    "passage": "essay.xhtml",
    "ref": "sources.xhtml",
    "ix": "essay.xhtml",
    "intro": "introduction.xhtml",
    "comm": "commentary.xhtml",
}
# The web edition's pages are the EPUB's, but that its notes are popovers on the essay's page.
WEB_FILES = {kind: name.replace(".xhtml", ".html") for kind, name in EPUB_FILES.items()} | {"note": "essay.html"}
ANCHOR_PREFIX = {"note": "note-", "chron": "chron-", "gloss": "gloss-", "passage": "p-", "ref": "ref-", "comm": "comm-"}
# Where an index anchor stands, by its prefix (compose/index.py): the introduction, the notes, the commentary.
INDEX_FILES = {"ix-i": "intro", "ix-n": "note", "ix-c": "comm"}


class Target:
    name = "target"
    marks_template = ""
    files: dict[str, str] = {}  # the file that holds each kind of anchor; none where the target is one document
    call_glue = ""  # what joins a note call to the word before it
    embeds_fonts = True  # whether the book's own typeface is used, or the reading system's

    def __init__(self, env: Environment, note_numbers: dict[str, int], pages: dict[str, int] | None = None):
        self.note_numbers = note_numbers  # note id -> its number, assigned in reading order
        self.pages = pages or {}  # anchor id -> page, from a previous layout (print only)
        self.marks = Marks(env, self.marks_template)

    def file_of(self, kind: str, ident: str) -> str:
        """The file that holds an anchor of this kind: none where the target is one document."""
        if not self.files:
            return ""
        if kind == "ix":
            return self.files[INDEX_FILES.get(ident[:4], "ix")]
        return self.files[kind]

    def href(self, kind: str, ident: str) -> str:
        if kind == "note" and ident not in self.note_numbers:
            kind = "comm"  # a note that is a commentary alone
        anchor = f"note-{self.note_numbers[ident]}" if kind == "note" else self.anchor_id(kind, ident)
        return f"{self.file_of(kind, ident)}#{anchor}"

    def page_of(self, anchor: str) -> str:
        """The page of an anchor, where the target has pages."""
        return ""

    def page_suffix(self, href: str) -> str:
        """What follows a link to a passage: its page in print, nothing in the EPUB."""
        return ""

    def page_number(self, anchor: str) -> str:
        """The page of an anchor as the target sets it, where the target has pages."""
        return ""

    def anchor_id(self, kind: str, ident: str) -> str:
        return ANCHOR_PREFIX.get(kind, "") + ident

    def decorate_xref(self, a: etree._Element) -> None:
        """Add what a cross-reference shows besides its text, as the target's xref_suffix macro writes it."""
        for el in self.marks.fragment("xref_suffix", page=self.page_of(a.get("href", "#")[1:])):
            a.append(el)


class EpubTarget(Target):
    name = "epub"
    marks_template = "epub/marks.xhtml.j2"
    embeds_fonts = False  # the reader's own fonts and settings win
    files = EPUB_FILES


class WebTarget(Target):
    """The web edition: the EPUB's pages as a site, each gloss a popover beside its call in the essay.

    A link from another page to a note leads to its call, where the reader
    opens it: the popover itself is hidden until opened.
    """

    name = "web"
    marks_template = "web/marks.html.j2"
    files = WEB_FILES
    call_glue = "\u2060"  # a word joiner: a browser may otherwise break the line before a call

    def __init__(self, env: Environment, note_numbers: dict[str, int], note_anchors: dict[str, int]):
        super().__init__(env, note_numbers)
        self.note_anchors = note_anchors  # index anchor inside a gloss -> the gloss's number

    def href(self, kind: str, ident: str) -> str:
        if kind == "note" and ident in self.note_numbers:
            return f"{WEB_FILES['note']}#noteref-{self.note_numbers[ident]}"
        if kind == "ix" and ident in self.note_anchors:
            return f"{WEB_FILES['note']}#noteref-{self.note_anchors[ident]}"
        return super().href(kind, ident)


class PrintTarget(Target):
    name = "print"
    marks_template = "print/marks.html.j2"
    call_glue = "\u2060"  # a word joiner: WeasyPrint may otherwise break the line before a footnote call

    def page_of(self, anchor: str) -> str:
        """The page of an anchor in the last layout, written in as text.

        Page numbers are written in rather than left to CSS target-counter():
        the book is laid out in parts, and a counter cannot reach into another
        part; WeasyPrint also lays pages out again for every such counter.
        The build lays the parts out again until these numbers are settled;
        until then an unknown page shows as 00.
        """
        page = self.pages.get(anchor)
        if page is None and anchor.startswith("note-"):
            # WeasyPrint sometimes records no anchor for a footnote; a footnote
            # sits on the page of its call, which ends the passage it glosses.
            number = int(anchor[5:])
            passage = next((i for i, n in self.note_numbers.items() if n == number), "")
            page = self.pages.get(f"p-{passage}")
        return "00" if page is None else str(page)

    def page_suffix(self, href: str) -> str:
        return self.marks.module.page_suffix(self.page_of(href.lstrip("#")))

    def page_number(self, anchor: str) -> str:
        return self.marks.module.page_number(self.page_of(anchor))

    def index_refs(self, entry: IndexEntry) -> list[tuple[str, str]]:
        """(anchor, locator) for the pages the entry's name is on: ascending, consecutive pages as a range.

        Until the pages are known, one "00" per paragraph stands in, so that
        the first layout has about the index's length.
        """
        if not self.pages:
            return [(anchor, "00") for _label, group in entry.groups() for anchor, _locator in group]
        first: dict[int, str] = {}  # page -> the first anchor on it
        for anchor, _section, _para in entry.anchors:
            page = self.pages.get(anchor)
            if page is not None:
                first.setdefault(page, anchor)
        return [(first[start], page_range(start, end)) for start, end in runs(sorted(first))]


def runs(pages: list[int]) -> list[tuple[int, int]]:
    """Ascending pages as runs of consecutive pages: [3, 4, 5, 8] -> [(3, 5), (8, 8)]."""
    out: list[tuple[int, int]] = []
    for page in pages:
        if out and page == out[-1][1] + 1:
            out[-1] = (out[-1][0], page)
        else:
            out.append((page, page))
    return out


def page_range(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}\u2013{end}"


def rewrite_links(root: etree._Element, target: Target) -> etree._Element:
    """Point internal links and citation links at the right file and id for the target."""
    for a in root.iter("a"):
        href = a.get("href", "")
        if href.startswith("#ref-"):
            a.set("href", target.href("ref", href[5:]))
        elif href.startswith("#") and ":" in href:
            kind, _, ident = href[1:].partition(":")
            a.set("href", target.href(kind, ident))
            a.set("class", "xref")
            target.decorate_xref(a)
    return root
