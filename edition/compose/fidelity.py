"""No word of the manuscript may vanish between the Markdown and the outputs.

Every fragment's words (citations aside) must come through pandoc, in order,
into the HTML the outputs are made from, as the emendation check does for the
essay against its source. A construct that swallows text is caught here.
"""

from __future__ import annotations

from lxml import etree

from ..errors import BuildError
from ..markup.pandoc_ast import plain_text
from ..markup.words import words
from ..model import Fragment

BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "blockquote", "table", "tr", "td"}


def html_words(tree: etree._Element) -> list[str]:
    """The words of a rendered fragment, its citations left out (they are rendered, not written)."""
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        if "citation" in (el.get("class") or "").split():
            parts.append(" " + (el.tail or ""))
            return
        block = el.tag in BLOCKS
        parts.append((" " if block else "") + (el.text or ""))
        for child in el:
            visit(child)
        parts.append((" " if block else "") + (el.tail or ""))

    parts.append(tree.text or "")
    for child in tree:
        visit(child)
        parts.append(" ")
    return words("".join(parts))


def check_fragment(frag: Fragment, tree: etree._Element) -> None:
    """Every word of the fragment, in order, in its HTML; else the line where the first lost word stands."""
    written = words(plain_text(frag.blocks, citations=False, code=True))
    made = iter(html_words(tree))
    for index, word in enumerate(written):
        if not any(word == found for found in made):
            context = " ".join(written[max(0, index - 4) : index + 1])
            raise BuildError(
                frag.loc.path,
                f"text does not reach the outputs from {word!r} on (after {context!r}): "
                "a Markdown construct the edition does not support?",
                frag.line_of(word),
            )
