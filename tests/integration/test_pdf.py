"""Open the built PDFs with pikepdf, pdftotext and pdffonts and check what a printer and an archive need."""

import json
import re
import subprocess

import pikepdf
import pytest
from helpers import AUTHOR, IDENTIFIER, META, TITLE

TRIM = (396.0, 612.0)  # 5.5 x 8.5 in, in points


def pages_text(path):
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")


def xmp(pdf):
    return pdf.Root.Metadata.read_bytes().decode()


def test_print_is_pdf_x4_with_output_intent(built):
    with pikepdf.open(built["print"]) as pdf:
        meta = xmp(pdf)
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta
        intents = pdf.Root.OutputIntents
        assert str(intents[0].S) == "/GTS_PDFX"
        assert intents[0].DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile


def test_print_interior_is_the_trim_without_bleed_or_marks(built):
    with pikepdf.open(built["print"]) as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.get("/TrimBox", page.MediaBox)]
            assert media == pytest.approx(trim, abs=0.01)
            assert trim[2] - trim[0] == pytest.approx(TRIM[0], abs=0.1)
            assert trim[3] - trim[1] == pytest.approx(TRIM[1], abs=0.1)


def test_archival_is_tagged_pdf_a3a(built):
    with pikepdf.open(built["archival"]) as pdf:
        meta = xmp(pdf)
        assert re.search(r'pdfaid:part(="|>)3', meta)
        assert re.search(r'pdfaid:conformance(="|>)A', meta)
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en-US"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        page = pdf.pages[0]
        assert [float(v) for v in page.MediaBox][2:] == pytest.approx(list(TRIM), abs=0.1)
        for name in (
            TITLE,
            AUTHOR,
            META["editor"],
            IDENTIFIER,
            "<xmp:CreateDate>2000-02-29T00:00:00Z</xmp:CreateDate>",
        ):
            assert name in meta, name


def test_archival_carries_its_sources(built, project):
    with pikepdf.open(built["archival"]) as pdf:
        files = pdf.attachments
        assert "manuscript/essay.md" in files
        assert "manuscript/source/000_019317d5b3a7cc5c.txt" in files
        essay = files["manuscript/essay.md"]
        assert essay.get_file().read_bytes() == (project / "manuscript" / "essay.md").read_bytes()
        assert str(essay.obj.AFRelationship) == "/Source"
        manifest = files["build-manifest.json"].get_file().read_bytes().decode()
        assert '"WeasyPrint"' in manifest and '"manuscript/essay.md"' in manifest
        # The evidence for every gloss and chronology entry, so that an archivist can audit a claim offline.
        notes = (project / "manuscript" / "notes.yaml").read_text(encoding="utf-8")
        evidence = json.loads(manifest)["evidence"]
        assert len(evidence["notes"]) == len(re.findall(r"^  gloss:", notes, re.M))
        chronology = (project / "manuscript" / "chronology.yaml").read_text(encoding="utf-8")
        assert len(evidence["chronology"]) == len(re.findall(r"^- id:", chronology, re.M))
        for claim in evidence["notes"] + evidence["chronology"]:
            assert claim["support"] and all(item["quote"] and item["locator"] for item in claim["support"]), claim
        assert len(pdf.Root.AF) == len(files)


def test_every_font_embedded_and_from_the_book(built):
    for key in ("print", "archival"):
        out = subprocess.run(["pdffonts", str(built[key])], capture_output=True, text=True, check=True)
        rows = out.stdout.strip().splitlines()[2:]
        assert rows
        for row in rows:
            assert row.split()[0].split("+")[-1].startswith("EB-Garamond"), row
            emb = row.split()[-5]
            assert emb == "yes", row


@pytest.mark.this_edition  # one of this edition's glosses
def test_note_on_the_page_of_its_call(built):
    pages = pages_text(built["print"])
    # the note's lemma ends with "]"; its call sits in the passage of the same words
    lemma = "the international peacekeeping mission in Kosovo"
    # the gloss: its number, then its lemma (the commentary's heading has the number without a point)
    lemma_pages = [i for i, text in enumerate(pages) if re.search(r"\b2\.\s+" + lemma.replace(" ", r"\s+") + "]", text)]
    assert len(lemma_pages) == 1
    page = re.sub(r"\s+", " ", pages[lemma_pages[0]])
    assert page.count("the international peacekeeping") >= 2  # the passage (hyphenated further on) and the lemma


def test_running_heads_and_folios(built):
    pages = pages_text(built["print"])
    first_lines = [next((line.strip() for line in p.splitlines() if line.strip()), "") for p in pages]
    assert "Chronology" in first_lines
    assert TITLE in first_lines
    # no running head or page number on the title page
    title = pages[0]
    assert not re.search(r"^\s*\d+\s*$", title, re.M)
    assert "Chronology" not in title
    # folios elsewhere
    numbered = sum(1 for p in pages if re.search(r"^\s*\d+\s*$", p.strip().splitlines()[-1] if p.strip() else ""))
    assert numbered > len(pages) / 2


@pytest.mark.this_edition  # this edition's length
def test_page_count_in_range(built):
    with pikepdf.open(built["print"]) as pdf:
        assert 30 <= len(pdf.pages) <= 120
    with pikepdf.open(built["archival"]) as pdf:
        assert 30 <= len(pdf.pages) <= 120


@pytest.mark.this_edition  # this edition's cross-references and index
def test_cross_references_carry_page_numbers(built):
    text = "".join(pages_text(built["print"]))
    assert re.search(r"\(p\.\s\d+\)", text), "no 'see p. N' cross-reference"
    index = text[text.rindex("Index of names") :]
    assert re.search(r"Mitrovica\s+\d+([–,]\s?\d+)+", index)


def test_qpdf_check_passes(built):
    for key in ("print", "archival"):
        subprocess.run(["qpdf", "--check", str(built[key])], check=True, capture_output=True)


def test_print_contains_notes_chronology_glossary_and_index(built, project):
    from edition.load import load

    ms = load(project)
    text = re.sub(r"\s+", " ", "".join(pages_text(built["print"])).replace("\u00ad", ""))
    for entry in ms.chronology[:5] + ms.chronology[-5:]:
        assert entry.title.split()[0] in text
    for gloss in ms.glossary.values():
        assert gloss.name in text, gloss.name
    assert "Index of names" in text and "Glossary" in text and "Chronology" in text
    assert "Emendations" in text and "Colophon" in text


def test_every_note_is_printed_once_at_the_foot_of_the_page_of_its_call(built, project):
    """Each footnote's number and lemma appear exactly once, on the page of its call."""

    from helpers import composed

    ed, _env = composed(project)
    assert len(ed.glosses) >= 20
    from edition.support.storage import read_json

    anchors = read_json(project / ".build-cache" / "pages.json")["anchors"]
    pages = [re.sub(r"\s+", " ", re.sub("\u2010\n\\s*", "", p)) for p in pages_text(built["print"])]
    for note in ed.glosses:
        head = f"{note.number}. {' '.join(note.lemma.split())}]"
        found = [i + 1 for i, text in enumerate(pages) if head in text]
        assert len(found) == 1, f"note {note.number} printed on pages {found}"
        assert found[0] == anchors[f"note-{note.number}"]
        call = anchors[f"p-{note.id}"]  # where the glossed passage begins; the call ends it
        assert call <= found[0] <= call + 1, note.number


def test_the_emitted_book_html_renders_with_stock_weasyprint_as_the_same_book(built, tmp_path):
    """--emit-html: the composed book with its pages, whose stylesheet and fonts resolve from templates/."""
    import weasyprint
    from helpers import FIXED_EPOCH, PROJECT

    from edition.authoring.emit import emit_html
    from edition.project import Project

    book = emit_html(Project.at(PROJECT, FIXED_EPOCH), tmp_path / "book.html")
    document = weasyprint.HTML(filename=str(book), base_url=str(PROJECT / "templates")).render()
    ours = len(pikepdf.open(built["print"]).pages)
    # Ours ends on a blank page, for the printer: the same book, give or take that page.
    assert ours - 2 <= len(document.pages) <= ours
    text = book.read_text(encoding="utf-8")
    assert 'href="css/book.css"' in text and ", p.\u00a000" not in text  # the pages are written in
    document.write_pdf(tmp_path / "peer.pdf")
    with pikepdf.open(tmp_path / "peer.pdf") as pdf:
        fonts = {str(f.get("/BaseFont")) for page in pdf.pages for f in page.Resources.get("/Font", {}).values()}
    assert fonts and all("Garamond" in f for f in fonts), fonts
