"""The EPUB's content documents: its plan, each document rendered when it is written."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ...compose import Edition
from ...compose.documents import Rendered, context
from .target import EpubTarget

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


@dataclass(frozen=True)
class EpubDocument(Rendered):
    name: str = ""  # file name inside the EPUB's text folder
    title: str = ""
    landmark: str | None = None  # epub:type for the landmarks nav
    in_toc: bool = True


def epub_documents(ed: Edition, env: Environment) -> list[EpubDocument]:
    """Every XHTML content document of the EPUB, in reading order, each rendered when its xhtml is read."""
    ctx = context(ed, EpubTarget(env, {n.id: n.number for n in ed.glosses}))

    def document(name: str, title: str, landmark: str, template: str, in_toc: bool) -> EpubDocument:
        title = title or ed.meta.title

        def render() -> str:
            return env.get_template(template).render(**ctx, doc_title=title, frame="epub/base.xhtml.j2")

        return EpubDocument(render, name, title, landmark, in_toc)

    return [document(*row) for row in EPUB_PLAN]
