"""The Kobo and Kindle editions, read from the built files: what a reader of each needs is there."""

from __future__ import annotations

import re
import zipfile

from lxml import etree

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
