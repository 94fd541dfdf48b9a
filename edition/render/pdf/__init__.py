"""Render the printed book's PDFs from one layout: the interiors (PDF/X-4, for print on demand and for an
offset press) and the archival PDF/A-3a, each as the registry declares it (outputs.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ...compose import whole_tags
from ...outputs import OUTPUTS, Built
from ..renderer import Given, Quick
from .source import PrintBook

# Under --emit-html, the stylesheet's folder, relative to templates/ (where its stylesheet and fonts are found).
STYLESHEETS = "css"


class PdfRenderer(Quick):
    heavy = True

    def start(self) -> None:
        from .renderers import Renderers

        Renderers.start()  # its imports overlap the build's own work

    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        from ...support import memo
        from .book import render_book

        pdfs = {b.target: b.path for b in built}
        book = PrintBook(composed.ed, composed.env)
        by_name = {b.target: b for b in built}

        def first(name: str, pages: int) -> None:  # under --watch, published before the others are joined
            given.made(replace(by_name[name], pages=pages))

        counts = render_book(
            book, composed.project, book_pdfs(composed, pdfs, given), given.log, first if memo.enabled() else None
        )
        return [replace(b, pages=counts[b.target]) for b in built]

    def warm(self, composed, built: list[Built], given: Given) -> None:
        from .book import warm_renderers

        pdfs = {b.target: b.path for b in built}
        warm_renderers(PrintBook(composed.ed, composed.env), composed.project, book_pdfs(composed, pdfs, given))

    def stop(self) -> None:
        from .renderers import Renderers

        Renderers.end_kept()  # the renderers kept warm between saves ignore Ctrl-C: stopped here

    @staticmethod
    def html(composed, pages: dict[str, int]) -> Iterable[str]:
        """The book as one HTML document, with these anchors' pages written in (--emit-html)."""
        return PrintBook(composed.ed, composed.env, css_href=STYLESHEETS).chunks(pages)

    def documents(self, ed, env):
        book = "the printed book"  # read as the template writes it, in pieces that cut no tag
        return [(((book, piece) for piece in whole_tags(PrintBook(ed, env).chunks())), True)]


def book_pdfs(composed, pdfs: dict[str, Path], given: Given | None = None):
    """What the book's PDFs are written with, besides their pages (render.pdf.book.BookPdfs); a PDF that carries
    its sources also carries the products its entry needs (the TEI document)."""
    from ..weasyprint.xmp import edition_xmp
    from .attachments import attachments
    from .book import BookPdfs

    ed = composed.ed
    sources = any(OUTPUTS[name].attach_sources for name in pdfs)

    def carried() -> list:
        # Made only when a PDF that carries them is joined: the TEI document takes a save 0.3 to 0.6 s, which
        # neither the layout nor the print PDF waits for.
        made = [
            given.product(need)
            for name in pdfs
            if OUTPUTS[name].attach_sources and given is not None
            for need in OUTPUTS[name].needs
            if "." in need
        ]
        return attachments(composed.project, composed.versions, ed.ms.evidence(), made) if sources else []

    return BookPdfs(pdfs, ed.meta.identifier, edition_xmp(ed), carried, composed.env.get_template("print/part.html.j2"))


RENDERER = PdfRenderer()
