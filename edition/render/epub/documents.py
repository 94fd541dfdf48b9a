"""The EPUB's content documents: its plan, each document rendered when it is written."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ...compose import Edition
from ...compose.documents import Rendered, context
from ...compose.sections import SECTIONS
from ...markup.templates import framed
from .target import EpubTarget

# The EPUB has every section of the edition (compose/sections.py), each in a file named for it; the cover and
# the notes have the EPUB's own bodies.
OWN_TEMPLATES = {"cover": "epub/cover.xhtml.j2", "notes": "epub/notes.xhtml.j2"}

# The EPUB's content documents in reading order: file, title, landmark, template, in the table of contents.
EPUB_PLAN = tuple(
    (f"{s.id}.xhtml", s.title, s.landmark, OWN_TEMPLATES.get(s.id, s.template), s.in_toc) for s in SECTIONS
)


@dataclass(frozen=True)
class EpubDocument(Rendered):
    name: str = ""  # file name inside the EPUB's text folder
    title: str = ""
    landmark: str | None = None  # epub:type for the landmarks nav
    in_toc: bool = True


def epub_documents(ed: Edition, env: Environment, print_pages: bool = False) -> list[EpubDocument]:
    """Every XHTML content document of the EPUB, in reading order, each rendered when its xhtml is read;
    print_pages: the print edition's pages will be marked in them, and the index cite them (pages.py)."""
    ctx = {**context(ed, EpubTarget(env, {n.id: n.number for n in ed.glosses})), "print_pages": print_pages}
    own = framed(env, "epub")  # the pages extend "frame.j2": here, templates/epub/frame.j2

    def document(name: str, title: str, landmark: str, template: str, in_toc: bool) -> EpubDocument:
        title = title or ed.meta.title

        def render() -> str:
            return own.get_template(template).render(**ctx, doc_title=title)

        return EpubDocument(render, name, title, landmark, in_toc)

    return [document(*row) for row in EPUB_PLAN]
