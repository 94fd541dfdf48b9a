"""Set a part's page numbers into its layout, where they take the place of the ones it was laid out with.

A clean build does not know its pages until the parts are laid out. Page
numbers are written into the book (cross-references, the commentary's heads)
in spans of figures of one width (templates/print/marks.html.j2), and the
folios are figures of that width too, so a number of as many digits as the
one laid out changes no line and no page. Where the only differences between
the part as laid out and as it finally is are such numbers (and its first
page's number), the numbers are set into the laid-out boxes and the part is
written, instead of laid out again. Anything else (a number that grew a digit,
a part that moved to the other side of the spread, the index's locators)
means laying the part out anew.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

_PN = re.compile(r'<span class="pn">([^<]*)</span>')
_NUMBERED = re.compile(r'<span class="pn" data-pn="(\d+)">([^<]*)</span>')
_FIRST_PAGE = re.compile(r"counter-reset: page (\d+);")
_DIGIT = re.compile(r"\d")


def numbered(html: str) -> str:
    """The part's document with each page number's span given its place among them (data-pn)."""
    places = count()
    return _PN.sub(lambda m: f'<span class="pn" data-pn="{next(places)}">{m.group(1)}</span>', html)


def shape(html: str) -> str:
    """The document with every digit of its page numbers and first page hidden: equal shapes lay out alike.

    A number's place is hidden too, which changes nothing: places follow the
    order of the numbers, and so are equal wherever the rest is.
    """

    def hide(m: re.Match) -> str:
        return _DIGIT.sub("#", m.group(0))

    return _FIRST_PAGE.sub(hide, _NUMBERED.sub(hide, html))


def numbers(html: str) -> dict[str, str]:
    """Each page number's place -> its text."""
    return dict(_NUMBERED.findall(html))


def first_page(html: str) -> int:
    found = _FIRST_PAGE.search(html)
    return int(found.group(1)) if found else 1


def _text_boxes(box) -> Iterator:
    return (b for b in box.descendants(placeholders=True) if isinstance(getattr(b, "text", None), str))


def fill(document, laid_out: str, final: str) -> bool:
    """Set the final document's numbers into the layout of `laid_out`; False (the layout unusable) if any would move.

    The two documents must have the same shape(). Each number is set into its
    text box only if its width, measured by Pango as the box's was, is the
    same; and the box's text must be the whole of what its layout holds.
    """
    from weasyprint.formatting_structure.boxes import InlineBox
    from weasyprint.text.line_break import line_size

    new = numbers(final)
    shift = first_page(final) - first_page(laid_out)
    changes = []
    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "element", None)
            if getattr(box, "at_keyword", None) == "@bottom-center":  # the folio
                changes.extend((text, str(int(text.text) + shift)) for text in _text_boxes(box) if text.text.isdigit())
            elif isinstance(box, InlineBox) and element is not None and element.get("data-pn") in new:
                changes.extend((text, new[element.get("data-pn")]) for text in _text_boxes(box))
    for text, value in changes:
        if value == text.text:
            continue
        layout = text.pango_layout
        if layout.text != text.text or len(value) != len(text.text):
            return False
        # Layouts are kept without their Pango objects once laid out: each is remade to be measured.
        layout.reactivate(text.style)
        before = line_size(layout.get_first_line()[0], text.style)[0]
        layout.text = value
        layout.reactivate(text.style)
        after = line_size(layout.get_first_line()[0], text.style)[0]
        layout.deactivate()
        if abs(after - before) > 1e-6:
            return False
        text.text = value
    return True
