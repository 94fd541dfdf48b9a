"""The archival PDF's structure types (#28): notes are Note, their calls and the citations Reference, the
sources BibEntry, the contents TOC and TOCI, and a table's header cells carry a Scope; an untagged PDF is not
touched."""

from __future__ import annotations

import io
from collections import Counter

import pikepdf
import pytest
from helpers import FONT_CSS

from edition.render.weasyprint import roles

CSS = FONT_CSS + (
    " @page { size: 300pt 400pt; margin: 20pt } body { font: 10pt 'Test Serif' }"
    " .footnote { float: footnote } .footnote::footnote-call { content: counter(footnote) }"
)
BODY = (
    '<p>A passage<span class="footnote">A gloss <span class="citation">(Source 2000)</span>.</span> and '
    'a citation <span class="citation">(Other 1999)</span>.</p>'
    '<div class="comm-entry"><p>A commentary.</p></div>'
    '<div class="refs"><div class="csl-entry">Source. 2000. A title.</div>'
    '<div class="csl-entry">Other. 1999. Another title.</div></div>'
    '<table><thead><tr><th scope="col">Line</th><th>Reading</th></tr></thead>'
    "<tbody><tr><td>1</td><td>text</td></tr></tbody></table>"
    '<nav><div class="toc"><p class="toc-entry"><a href="#a">Introduction 3</a></p>'
    '<p class="toc-entry"><a href="#b">Essay 9</a></p></div></nav>'
)


def _pdf(variant: str | None) -> pikepdf.Pdf:
    from weasyprint import HTML

    html = f'<html lang="en"><head><title>t</title><style>{CSS}</style></head><body>{BODY}</body></html>'
    return pikepdf.open(io.BytesIO(HTML(string=html).write_pdf(pdf_variant=variant)))


def _types(pdf: pikepdf.Pdf) -> tuple[Counter, list[str]]:
    found: Counter = Counter()
    scopes: list[str] = []

    def walk(kids) -> None:
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found[str(kid.S)] += 1
                if kid.S == "/TH":
                    scopes.append(str(kid.A.get("/Scope")))
                if "/K" in kid:
                    walk(kid.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found, scopes


def _was_installed() -> bool:
    from weasyprint.pdf import tags

    return hasattr(tags, "_own_build_box_tree")


@pytest.fixture
def installed():
    """The roles in place for the test; as they were after it (the build's layout installs them for good)."""
    before = _was_installed()
    roles.install()
    yield
    if not before:
        roles.uninstall()


@pytest.fixture
def uninstalled():
    before = _was_installed()
    roles.uninstall()
    yield
    if before:
        roles.install()


def test_the_book_s_parts_get_their_structure_types(installed):
    found, scopes = _types(_pdf("pdf/a-3a"))
    assert found["/Note"] == 2  # the gloss and the commentary entry, each once
    assert found["/Reference"] == 3  # the note's call and the two citations
    assert found["/BibEntry"] == 2
    assert found["/TOC"] == 1 and found["/TOCI"] == 2  # the contents and each of its lines
    assert scopes == ["/Column", "/Column"]


def test_without_the_roles_weasyprint_tags_by_html_name_alone(uninstalled):
    found, scopes = _types(_pdf("pdf/a-3a"))
    assert not found["/Note"] and not found["/Reference"] and not found["/BibEntry"] and not found["/TOC"]
    assert scopes == ["None", "None"]


def test_an_untagged_pdf_has_no_structure_tree(installed):
    assert "/StructTreeRoot" not in _pdf(None).Root


def test_a_box_s_role_comes_from_its_class_or_its_pseudo_element():
    class Box:
        def __init__(self, tag, cls):
            self.element_tag = tag
            self.element = None if cls is None else {"class": cls}

    assert roles.role(Box("span", "footnote x")) == "Note"
    assert roles.role(Box("span::footnote-call", "footnote")) == "Reference"
    assert roles.role(Box("span::footnote-marker", "footnote")) is None
    assert roles.role(Box("div", "csl-entry")) == "BibEntry"
    assert roles.role(Box("div", "toc")) == "TOC" and roles.role(Box("p", "toc-entry")) == "TOCI"
    assert roles.role(Box("p", None)) is None
