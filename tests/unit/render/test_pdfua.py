"""The archival PDF's PDF/UA-1 (#28): every link annotation in a Link element, the running heads artifacts,
the claim in the XMP beside PDF/A's, and the pdfua check, which fails on a bad file and evaluates the rule
(UA-14-001) that pdfua 0.1.3 itself skips."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from helpers import FONT_CSS
from pdfua.rules.structure import EmptyHeadingRule
from pdfua.validator import Validator

from edition.render.weasyprint import roles
from edition.render.weasyprint.xmp import XmpFields, edition_metadata
from edition.verify.ua import check_pdfua

CSS = FONT_CSS + (
    " @page { size: 300pt 400pt; margin: 40pt; @top-center { content: 'Running head' }"
    " @bottom-center { content: counter(page) } } body { font: 10pt 'Test Serif' }"
)
BODY = (
    '<h1>A heading <span>in two</span> pieces</h1><p>A passage with <a href="#there"><span>a link</span> '
    'across</a> its inner span, and <a href="https://example.org/">an address</a>.</p><h2 id="there">There</h2>'
)
FIELDS = XmpFields("Editors", "urn:uuid:0", "2000-02-29", "A source", "Rights", "en")


def _write(path: Path, variant: str | None = "pdf/a-3a") -> Path:
    from weasyprint import HTML

    html = f'<html lang="en"><head><title>A title</title><style>{CSS}</style></head><body>{BODY}</body></html>'
    document = HTML(string=html).render()
    document.metadata = edition_metadata(document.metadata, FIELDS, "test")
    path.write_bytes(document.write_pdf(pdf_variant=variant))
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """A small tagged PDF/A-3a written as the build writes the archival PDF (the roles in place, its XMP)."""
    from weasyprint.pdf import tags

    before = hasattr(tags, "_own_build_box_tree")
    roles.install()
    try:
        return _write(tmp_path_factory.mktemp("ua") / "book.pdf")
    finally:
        if not before:
            roles.uninstall()


def _elements(pdf: pikepdf.Pdf):
    def walk(kid):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/OBJR", "/MCR"):
            yield kid
            for child in kid.get("/K", []) if isinstance(kid.get("/K"), pikepdf.Array) else [kid.get("/K")]:
                yield from walk(child)

    for kid in pdf.Root.StructTreeRoot.K:
        yield from walk(kid)


def test_the_book_passes_pdfua_with_every_rule_evaluated(book):
    found = check_pdfua(book)
    assert found.ok, found.problems
    assert "12 rules" in found.summary


def test_pdfua_itself_skips_the_heading_rule_on_this_valid_file_and_the_check_does_not(book):
    outcome = next(o for o in Validator().validate(str(book)).outcomes if o.rule_id == "UA-14-001")
    assert outcome.skipped and "is_integer" in outcome.skipped_reason  # pdfua 0.1.3's bug, still there
    with pikepdf.open(book) as pdf:
        headings = [e for e in _elements(pdf) if e.S in ("/H1", "/H2")]
        assert headings and all(isinstance(h.K, pikepdf.Array) for h in headings)  # valid: ISO 32000-1 14.7.2


def test_every_link_annotation_is_in_a_link_element(book):
    with pikepdf.open(book) as pdf:
        parents = [
            str(e.S)
            for e in _elements(pdf)
            for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
        ]
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert len(parents) == len(annotations) >= 3  # the inner span's box has an annotation of its own
    assert set(parents) == {"/Link"}


def test_the_running_head_and_folio_are_artifacts_and_every_mcid_is_in_the_tree(book):
    with pikepdf.open(book) as pdf:
        reached = {e.objgen for e in _elements(pdf)}
        mapped = pdf.Root.StructTreeRoot.ParentTree.Nums[1]  # page 1's MCIDs -> their elements
        ops = pikepdf.parse_content_stream(pdf.pages[0])
        mcids = [int(o.operands[1].MCID) for o in ops if str(o.operator) == "BDC" and len(o.operands) == 2]
        artifacts = [o for o in ops if str(o.operator) == "BMC" and o.operands[0] == pikepdf.Name.Artifact]
    assert mcids and all(mapped[m].objgen in reached for m in mcids)
    assert len(artifacts) >= 2  # the running head and the page number, beside WeasyPrint's own (backgrounds)


def test_the_archival_xmp_claims_pdfua_1_beside_pdfa_with_its_extension_schema(book):
    with pikepdf.open(book) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in xmp
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp


def test_an_untagged_pdf_fails_the_check_with_the_rule_ids(tmp_path):
    found = check_pdfua(_write(tmp_path / "plain.pdf", None))
    assert not found.ok
    ids = {p.split(":")[0] for p in found.problems}
    assert {"UA-01-005", "UA-28-004"} <= ids  # no structure tree, no claim


def test_an_empty_heading_fails_the_mended_rule(book, tmp_path):
    with pikepdf.open(book) as pdf:
        heading = next(e for e in _elements(pdf) if e.S == "/H2")
        heading.K = pikepdf.Array()
        pdf.save(tmp_path / "empty.pdf")
    found = check_pdfua(tmp_path / "empty.pdf")
    assert "UA-14-001" in [p.split(":")[0] for p in found.problems]


def test_weasyprint_s_own_tagging_fails_the_check_where_pdfua_alone_passes_it(tmp_path):
    """Without the roles a link's inner span holds its annotation, and the running head's text is tagged and
    left out of the tree: pdfua 0.1.3 sees neither, the check's own rules do."""
    from weasyprint.pdf import tags

    before = hasattr(tags, "_own_build_box_tree")
    roles.uninstall()
    try:
        plain = _write(tmp_path / "plain.pdf")
    finally:
        if before:
            roles.install()
    assert not [f for f in Validator().validate(str(plain)).findings if f.rule_id != "UA-14-001"]
    problems = check_pdfua(plain).problems
    assert any(p.startswith("PDF/UA-1 7.18.5: a link annotation in a /Span element") for p in problems)
    assert any(p.startswith("PDF/UA-1 7.1: page 1: content MCID") for p in problems)


def test_a_skipped_rule_fails_the_check(book, monkeypatch):
    def raises(self, doc):
        raise ValueError("cannot evaluate")

    monkeypatch.setattr(EmptyHeadingRule, "check", raises)
    found = check_pdfua(book)
    assert found.problems == ["UA-14-001: not evaluated (rule raised ValueError: cannot evaluate)"]


def test_an_unreadable_file_fails_the_check(tmp_path):
    (tmp_path / "not.pdf").write_bytes(b"not a pdf")
    assert not check_pdfua(tmp_path / "not.pdf").ok


def test_the_roles_leave_an_untagged_pdf_without_marked_content(book, tmp_path):
    """The print PDFs have no structure tree: their margin boxes are drawn as WeasyPrint draws them."""
    from weasyprint.pdf import tags

    before = hasattr(tags, "_own_build_box_tree")
    roles.install()
    try:
        with pikepdf.open(_write(tmp_path / "print.pdf", None)) as pdf:
            ops = pikepdf.parse_content_stream(pdf.pages[0])
    finally:
        if not before:
            roles.uninstall()
    assert not [o for o in ops if str(o.operator) in ("BMC", "BDC")]
