"""The composed documents: the EPUB's XHTML files, and the one HTML book both PDFs are laid out from."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from jinja2 import Environment

from .notes import commentary_body, essay_for, gloss_body
from .targets import EpubTarget, PrintTarget, Target, WebTarget, rewrite_links
from .views import Edition

# The EPUB's content documents in reading order: file, title, landmark, template, in the table of contents.
EPUB_PLAN = (
    ("cover.xhtml", "Cover", "cover", "epub/cover.xhtml.j2", False),
    ("titlepage.xhtml", "Title page", "titlepage", "pages/titlepage.j2", True),
    ("introduction.xhtml", "Editor’s introduction", "introduction", "pages/introduction.j2", True),
    ("essay.xhtml", None, "bodymatter", "pages/essay.j2", True),  # titled with the essay's title
    ("notes.xhtml", "Notes", "endnotes", "epub/notes.xhtml.j2", True),
    ("commentary.xhtml", "Commentary", "appendix", "pages/commentary.j2", True),
    ("chronology.xhtml", "Chronology", "appendix", "pages/chronology.j2", True),
    ("glossary.xhtml", "Glossary", "glossary", "pages/glossary.j2", True),
    ("sources.xhtml", "Sources", "bibliography", "pages/sources.j2", True),
    ("textual-note.xhtml", "Textual note", "appendix", "pages/textual-note.j2", True),
    ("index.xhtml", "Index of names", "index", "pages/index.j2", True),
    ("colophon.xhtml", "Colophon", "colophon", "pages/colophon.j2", True),
)


# The web edition's pages in reading order: file, title, its name in the site's menu, template.
# The pages are the EPUB's, in the site's frame; the essay's page also holds its notes, as popovers.
WEB_PLAN = (
    ("index.html", None, "Contents", "web/front.html.j2"),
    ("introduction.html", "Editor’s introduction", "Introduction", "pages/introduction.j2"),
    ("essay.html", None, None, "pages/essay.j2"),  # in the menu under its kind's label (original.kind)
    ("commentary.html", "Commentary", "Commentary", "pages/commentary.j2"),
    ("chronology.html", "Chronology", "Chronology", "pages/chronology.j2"),
    ("glossary.html", "Glossary", "Glossary", "pages/glossary.j2"),
    ("sources.html", "Sources", "Sources", "pages/sources.j2"),
    ("textual-note.html", "Textual note", "Textual note", "pages/textual-note.j2"),
    ("names.html", "Index of names", "Index", "pages/index.j2"),
    ("colophon.html", "Colophon", "Colophon", "pages/colophon.j2"),
)


@dataclass(frozen=True)
class Rendered:
    """A document whose markup is rendered when asked for, once per asking.

    At 200 times the edition, the EPUB's documents held at once, as text and
    again as bytes, were a third of the build's peak memory: each is made as
    it is written, and freed.
    """

    render: Callable[[], str] = field(repr=False, compare=False)

    @property
    def xhtml(self) -> str:
        return self.render()


class SiteEntry(NamedTuple):
    """A page as the site's menu and its neighbours' links name it."""

    name: str
    title: str
    menu: str


@dataclass(frozen=True)
class WebPage(Rendered):
    name: str = ""  # file name in the site
    title: str = ""
    menu: str = ""  # its name in the site's menu


@dataclass(frozen=True)
class EpubDocument(Rendered):
    name: str = ""  # file name inside the EPUB's text folder
    title: str = ""
    landmark: str | None = None  # epub:type for the landmarks nav
    in_toc: bool = True


def epub_documents(ed: Edition, env: Environment) -> list[EpubDocument]:
    """Every XHTML content document of the EPUB, in reading order, each rendered when its xhtml is read."""
    ctx = _context(ed, EpubTarget(env, {n.id: n.number for n in ed.glosses}))

    def document(name: str, title: str, landmark: str, template: str, in_toc: bool) -> EpubDocument:
        title = title or ed.meta.title

        def render() -> str:
            return env.get_template(template).render(**ctx, doc_title=title, frame="epub/base.xhtml.j2")

        return EpubDocument(render, name, title, landmark, in_toc)

    return [document(*row) for row in EPUB_PLAN]


def web_pages(ed: Edition, env: Environment) -> list[WebPage]:
    """Every page of the web edition, in reading order, each rendered when its xhtml is read."""
    note_anchors = {
        anchor: number for entry in ed.index for anchor, section, number in entry.anchors if section == "notes"
    }
    ctx = _context(ed, WebTarget(env, {n.id: n.number for n in ed.glosses}, note_anchors))
    site = [SiteEntry(name, title or ed.meta.title, menu or ed.meta.label) for name, title, menu, _template in WEB_PLAN]

    def renderer(i: int, template: str) -> Callable[[], str]:
        return lambda: env.get_template(template).render(
            **ctx,
            frame="web/page.html.j2",
            doc_title=site[i].title,
            site=site,
            page=site[i],
            previous=site[i - 1] if i else None,
            following=site[i + 1] if i + 1 < len(site) else None,
        )

    return [
        WebPage(renderer(i, template), page.name, page.title, page.menu)
        for i, (page, (*_plan, template)) in enumerate(zip(site, WEB_PLAN, strict=True))
    ]


class PrintBook:
    """The printed book's HTML, composed with the pages of a layout written into its cross-references.

    The PDF renderer asks for the book again with each layout's pages, until
    the pages it is composed with are the pages it is laid out on.
    """

    def __init__(self, ed: Edition, env: Environment, css_href: str = "css"):
        self.ed, self.env, self.css_href = ed, env, css_href

    def chunks(self, pages: dict[str, int] | None = None) -> Iterator[str]:
        """The book as the template writes it: pieces of text, so the whole need not be held at once."""
        target = PrintTarget(self.env, {n.id: n.number for n in self.ed.glosses}, pages)
        ctx = _context(self.ed, target)
        return self.env.get_template("print/book.html.j2").generate(**ctx, css_href=self.css_href)

    def html(self, pages: dict[str, int] | None = None) -> str:
        return "".join(self.chunks(pages))


class _Each:
    """(item, made(item)) for each item, made as the template reaches it.

    A book's worth of copied trees at once was a tenth of the build's memory at
    200 times the edition; made one at a time, each is freed once written.
    """

    def __init__(self, items, made):
        self.items, self.made = items, made

    def __iter__(self):
        return ((item, self.made(item)) for item in self.items)

    def __len__(self) -> int:
        return len(self.items)


def _context(ed: Edition, target: Target) -> dict:
    def linked(el):
        return rewrite_links(copy.deepcopy(el), target)

    return {
        "ed": ed,
        "meta": ed.meta,
        "target": target,
        "essay": essay_for(ed, target),
        "introduction": linked(ed.introduction),
        "textual_note": linked(ed.textual_note),
        "notes": _Each(ed.glosses, lambda n: gloss_body(n, target)),
        "commentary": _Each(ed.commentary, lambda n: commentary_body(n, target)),
        "chronology": _Each(ed.chronology, lambda c: linked(c.body)),
        "glossary": _Each(ed.glossary, lambda g: linked(g.body)),
        "bibliography": ed.bibliography,
        "emendations": ed.ms.emendations,
        "source_lines": ed.ms.source_text.split("\n"),
        "index": ed.index,
    }
