"""The printed book's source: its one HTML document, composed again with each layout's pages."""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import Environment

from ...compose import Edition
from ...compose.documents import context
from .target import PrintTarget


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
        ctx = context(self.ed, target)
        return self.env.get_template("print/book.html.j2").generate(**ctx, css_href=self.css_href)

    def html(self, pages: dict[str, int] | None = None) -> str:
        return "".join(self.chunks(pages))
