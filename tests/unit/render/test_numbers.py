"""Page numbers set into a laid-out part take the place of the ones laid out, or the part is laid out anew."""

import re

import pytest
from helpers import FONT_CSS, line_boxes

from edition.render.pdf import numbers

CSS = """@page { size: 300pt 260pt; margin: 30pt;
  @bottom-center { content: counter(page); font-variant-numeric: tabular-nums; } }
@page :first { counter-reset: page 11; }
body { font: 10pt/1.3 "Test Serif"; } .pn { font-variant-numeric: tabular-nums; }
.fn { float: footnote; }"""


def _document(pages: list[str], first: int = 11) -> str:
    number = '<span class="pn">{}</span>'
    refs = " ".join(
        f'See (p.&#160;{number.format(page)})<span class="fn">Commentary, p.&#160;{number.format(page)}.</span>'
        " and more words."
        for page in pages
    )
    css = CSS.replace("counter-reset: page 11", f"counter-reset: page {first}")
    return numbers.numbered(
        f"<html><head><style>{FONT_CSS} {css}</style></head><body><p>{refs} {'Filler text. ' * 120}</p></body></html>"
    )


def test_each_number_is_told_its_place():
    html = _document(["12", "34"])
    assert numbers.numbers(html) == {"0": "12", "1": "12", "2": "34", "3": "34"}
    assert numbers.first_page(html) == 11


def test_the_shape_hides_only_the_numbers_digits():
    assert numbers.shape(_document(["12", "34"])) == numbers.shape(_document(["56", "78"], first=13))
    assert numbers.shape(_document(["12", "34"])) != numbers.shape(_document(["9", "34"]))
    assert numbers.shape(_document(["12", "34"])) != numbers.shape(_document(["12", "34"], first=9))


def _layout(html: str):
    from weasyprint import HTML

    return HTML(string=html).render()


def test_numbers_set_in_give_the_layout_of_the_final_document():
    laid_out, final = _document(["12", "34", "56"]), _document(["21", "43", "65"], first=13)
    document = _layout(laid_out)
    assert len(document.pages) >= 2
    assert numbers.fill(document, laid_out, final)
    direct = _layout(final)
    assert line_boxes(document) == line_boxes(direct)
    assert any("65" in line[3] for line in line_boxes(document))
    assert {line[3] for line in line_boxes(document) if re.fullmatch(r"\d+", line[3])} >= {"13", "14"}
    pdf = {"pdf_identifier": b"0" * 16}
    assert document.write_pdf(**pdf) == direct.write_pdf(**pdf)


@pytest.mark.parametrize(("pages", "first"), [(["9", "34", "56"], 13), (["12", "34", "56"], 9)])
def test_a_number_of_another_length_means_a_new_layout(pages, first):
    laid_out = _document(["12", "34", "56"])
    final = _document(pages, first=first)
    assert numbers.shape(laid_out) != numbers.shape(final)  # so the build lays the part out anew
    # Asked anyway, fill refuses: a number that lost a digit would move the text after it.
    assert not numbers.fill(_layout(laid_out), laid_out, final)
