"""The Kobo and Kindle editions, read from the built files: what a reader of each needs is there."""

from __future__ import annotations

import re
import zipfile

import pdfplumber
from lxml import etree

from edition.render.epub.pagebreaks import TEXT_TOP, letters
from edition.verify.kepub import check_kepub
from edition.verify.kindle import read_back, unpack

X = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
TEXTS = ("EPUB/text/essay.xhtml", "EPUB/text/notes.xhtml", "EPUB/text/chronology.xhtml")


def test_the_kepub_has_kobo_s_structure_in_every_text_document(built):
    assert check_kepub(built["kepub"]).problems == []


def test_the_kepub_reads_as_the_epub_word_for_word_and_keeps_its_notes(built, epub_zip):
    with zipfile.ZipFile(built["kepub"]) as kepub:
        assert kepub.namelist() == epub_zip.namelist()
        for name in TEXTS:
            ours = etree.fromstring(epub_zip.read(name)).find("x:body", X)
            theirs = etree.fromstring(kepub.read(name)).find("x:body", X)
            assert "".join(theirs.itertext()).split() == "".join(ours.itertext()).split(), name
            assert len(theirs.xpath(".//x:span[@class='koboSpan']", namespaces=X)) > 20
        # Kobo's pop-ups: each call a bare noteref link to an epub:type footnote, as in the EPUB
        essay = etree.fromstring(kepub.read("EPUB/text/essay.xhtml"))
        calls = essay.xpath("//x:a[@epub:type='noteref']", namespaces=X)
        notes = etree.fromstring(kepub.read("EPUB/text/notes.xhtml")).xpath("//*[@epub:type='footnote']", namespaces=X)
        assert calls and len(calls) == len(notes)
        assert all(len(call) == 0 and call.text.isdigit() for call in calls)


def test_the_azw3_read_back_by_calibre_keeps_notes_links_contents_cover_and_language(built, epub_zip, tmp_path):
    files = unpack(built["kindle"], tmp_path)
    assert read_back(files) == []
    opf = next(data for name, data in files.items() if name.endswith(".opf")).decode()
    assert "<dc:language>en</dc:language>" in opf
    identifier = re.search(r"urn:uuid:([0-9a-f-]{36})", epub_zip.read("EPUB/package.opf").decode()).group(1)
    assert f'opf:scheme="MOBI-ASIN">{identifier}<' in opf  # the ASIN is the edition's, not a random one
    text = "".join(data.decode() for name, data in files.items() if name.endswith(".html"))
    notes = set(re.findall(r'id="(note-\d+)"', epub_zip.read("EPUB/text/notes.xhtml").decode()))
    assert notes and all(f'id="{note}"' in text for note in notes)
    nav = etree.fromstring(epub_zip.read("EPUB/nav.xhtml"))
    titles = [a.text for a in nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=X)]
    ncx = next(data for name, data in files.items() if name.endswith(".ncx")).decode()
    assert titles and all(title in ncx for title in titles)


def _after_markers(epub_zip) -> dict[int, list[str]]:
    """Each print page's marker in the EPUB, and the first words after it (the first one left out: a page may
    begin inside a hyphenated word, and the marker stands before the word; words of three letters or more)."""
    found = {}
    for name in epub_zip.namelist():
        if not name.startswith("EPUB/text/"):
            continue
        text = epub_zip.read(name).decode()
        for match in re.finditer(
            r'<span epub:type="pagebreak" role="doc-pagebreak" id="page-(\d+)" aria-label="\1"/>', text
        ):
            rest = re.sub(r'<a [^>]*class="(noteref|comm-call)"[^>]*>[^<]*</a>', "", text[match.end() :])
            words = re.sub(r"<[^>]+>", " ", rest).split()
            found[int(match.group(1))] = [w for w in map(letters, words[1:12]) if len(w) >= 3][:4]
    return found


def test_the_epub_marks_the_print_pages_where_the_print_pdf_begins_them(built, epub_zip):
    markers = _after_markers(epub_zip)
    nav = epub_zip.read("EPUB/nav.xhtml").decode()
    assert sorted(int(n) for n in re.findall(r'#page-(\d+)">\1<', nav)) == sorted(markers)
    with pdfplumber.open(built["print"]) as pdf:
        with_text = [
            number
            for number, page in enumerate(pdf.pages, start=1)
            if letters(page.crop((0, TEXT_TOP, page.width, page.height - 60)).extract_text() or "")
        ]
        assert len(markers) >= len(with_text) - 3  # print only: the copyright and contents pages; one worded otherwise
        for number, after in markers.items():
            page = pdf.pages[number - 1]
            body = page.crop((0, TEXT_TOP, page.width, page.height - 60))
            sizes = [round(c["size"], 1) for c in body.chars] or [0]
            text_size = max(set(sizes), key=sizes.count)  # no note calls: they are smaller than the text
            body = body.filter(lambda o, s=text_size: o.get("object_type") != "char" or o["size"] >= 0.8 * s)
            start = letters(body.extract_text() or "")
            # word by word: a chronology page reads its date column apart from the entry beside it
            assert after and all(word in start[:200] for word in after), (number, after, start[:200])
    opf = epub_zip.read("EPUB/package.opf").decode()
    assert "printPageNumbers" in opf and "pageNavigation" in opf and '<meta property="pageBreakSource">' in opf


def test_the_epub_index_cites_the_print_pages(built, epub_zip):
    index = epub_zip.read("EPUB/text/index.xhtml").decode()
    assert "¶" not in index
    pages = {page for page in map(int, re.findall(r'epub:type="index-locator" href="[^"]+">(\d+)</a>', index))}
    with pdfplumber.open(built["print"]) as pdf:
        assert pages and max(pages) <= len(pdf.pages)
