"""What a target is, for composing the edition into it: where its links point, and its marks.

Each format's own target is in its folder under render/ (render/epub/target.py, render/web/target.py,
render/pdf/target.py); each target's markup (note calls, notes, cross-reference suffixes) is in its own marks
template, and a target knows only addresses and pages.
"""

from __future__ import annotations

from jinja2 import Environment
from lxml import etree

from .marks import Marks

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
