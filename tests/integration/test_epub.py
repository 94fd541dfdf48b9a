"""Open the built EPUB and read its package and XHTML as a reading system would."""

import re

from lxml import etree

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# The documents after the cover and title page, in reading order.
CONTENT_DOCUMENTS = [
    "introduction",
    "essay",
    "notes",
    "chronology",
    "glossary",
    "sources",
    "textual-note",
    "index",
    "colophon",
]


def doc(epub_zip, name):
    return etree.fromstring(epub_zip.read(f"EPUB/text/{name}"))


def opf(epub_zip):
    return etree.fromstring(epub_zip.read("EPUB/package.opf"))


def test_container_layout(epub_zip):
    names = epub_zip.namelist()
    assert names[0] == "mimetype"
    assert epub_zip.getinfo("mimetype").compress_type == 0
    assert epub_zip.read("mimetype") == b"application/epub+zip"
    assert "EPUB/images/cover.png" in names
    assert epub_zip.read("EPUB/images/cover.png").startswith(b"\x89PNG")


def test_reading_order(epub_zip):
    package = opf(epub_zip)
    ids = [ref.get("idref") for ref in package.findall(".//opf:spine/opf:itemref", NS)]
    assert ids == ["cover", "titlepage", *CONTENT_DOCUMENTS]


def test_every_section_holds_text(epub_zip):
    for name in CONTENT_DOCUMENTS:
        text = " ".join(doc(epub_zip, f"{name}.xhtml").find(".//x:body", NS).itertext())
        assert len(text.split()) > 60, name


def test_metadata(epub_zip):
    package = opf(epub_zip)
    meta = package.find("opf:metadata", NS)
    assert meta.findtext("dc:identifier", namespaces=NS) == "urn:uuid:9ba4a41a-3fd8-408e-9f75-3f58c9e42ba6"
    assert meta.findtext("dc:language", namespaces=NS) == "en-US"
    assert "Los Angeles Times" in meta.findtext("dc:source", namespaces=NS)
    assert meta.findtext("dc:creator", namespaces=NS) == "Susan Blaustein"
    props = {}
    for m in meta.findall("opf:meta", NS):
        if m.get("property"):
            props.setdefault(m.get("property"), []).append(m.text)
    for required in (
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "dcterms:conformsTo",
        "dcterms:modified",
    ):
        assert props.get(required), required
    assert props["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", props["dcterms:modified"][0])
    cover = package.find(".//opf:item[@properties='cover-image']", NS)
    assert cover.get("href") == "images/cover.png"


def test_nav_has_toc_and_landmarks(epub_zip):
    nav = etree.fromstring(epub_zip.read("EPUB/nav.xhtml"))
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert [a.text for a in toc.findall(".//x:a", NS)][:3] == [
        "Title page",
        "Editor’s introduction",
        "Backbone Needed to Calm Mitrovica Cauldron",
    ]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    kinds = {a.get(EPUB_TYPE) for a in landmarks.findall(".//x:a", NS)}
    assert {"cover", "titlepage", "bodymatter", "endnotes", "index"} <= kinds


def test_note_references_and_backlinks(epub_zip):
    essay = doc(epub_zip, "essay.xhtml")
    notes = doc(epub_zip, "notes.xhtml")
    calls = essay.findall(".//x:a[@class='noteref']", NS)
    assert len(calls) >= 35
    for number, call in enumerate(calls, start=1):
        assert call.get(EPUB_TYPE) == "noteref"
        assert call.get("role") == "doc-noteref"
        assert call.text == str(number)
        assert call.get("id") == f"noteref-{number}"
        assert call.getparent().tag != "{http://www.w3.org/1999/xhtml}sup"  # breaks Apple Books popups
        target = call.get("href")
        assert target == f"notes.xhtml#note-{number}"
        note = notes.find(f".//*[@id='note-{number}']", NS)
        assert note is not None
        # footnote + doc-footnote: popups in Apple Books, Kobo, Thorium and (via the role) Kindle;
        # the list item itself stays a plain item (role doc-endnote is deprecated)
        assert note.get(EPUB_TYPE) == "footnote"
        assert note.get("role") == "doc-footnote"
        assert note.getparent().tag == "{http://www.w3.org/1999/xhtml}li"
        # the note's first thing is its number, linking back (Kindle keeps notes apart by it)
        first_link = note.find(".//x:a", NS)
        assert first_link.get(EPUB_TYPE) == "backlink"
        assert first_link.get("role") == "doc-backlink"
        assert first_link.get("href") == f"essay.xhtml#noteref-{number}"
        assert first_link.text == f"{number}."
        first_p = note.find("x:p", NS)
        assert first_p is not None
        assert first_p.text is None or not first_p.text.strip()
    section = notes.find(".//x:section", NS)
    assert section.get(EPUB_TYPE) == "endnotes"
    assert section.get("role") == "doc-endnotes"


def test_calls_follow_punctuation(epub_zip):
    essay = doc(epub_zip, "essay.xhtml")
    for call in essay.findall(".//x:a[@class='noteref']", NS):
        assert not (call.tail or "").startswith((".", ",", ";", ":")), call.get("id")


def test_chronology_and_passages_link_both_ways(epub_zip):
    essay = doc(epub_zip, "essay.xhtml")
    chronology = doc(epub_zip, "chronology.xhtml")
    entries = chronology.findall(".//x:li[@class='chron-entry']", NS)
    assert len(entries) >= 30
    linked = 0
    for entry in entries:
        for ref in entry.findall(".//x:a[@class='passage-ref']", NS):
            linked += 1
            file, _, pid = ref.get("href").partition("#")
            assert file == "essay.xhtml"
            passage = essay.find(f".//*[@id='{pid}']", NS)
            assert passage is not None, pid
            back = [a.get("href") for a in essay.findall(".//x:a[@class='chronref']", NS)]
            assert f"chronology.xhtml#{entry.get('id')}" in back
    assert linked >= 15
    for mark in essay.findall(".//x:a[@class='chronref']", NS):
        _, _, cid = mark.get("href").partition("#")
        assert chronology.find(f".//*[@id='{cid}']", NS) is not None
        assert mark.get("aria-label").startswith("Chronology, ")


def test_dates_are_machine_readable(epub_zip):
    chronology = doc(epub_zip, "chronology.xhtml")
    for time in chronology.findall(".//x:time", NS):
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", time.get("datetime"))


def test_acronyms_are_marked(epub_zip):
    essay = doc(epub_zip, "essay.xhtml")
    marked = {a.text for a in essay.findall(".//x:abbr", NS)}
    assert {"NATO", "KFOR", "UN", "KLA"} <= marked


def test_citations_link_to_sources(epub_zip):
    notes = doc(epub_zip, "notes.xhtml")
    sources = doc(epub_zip, "sources.xhtml")
    ids = {el.get("id") for el in sources.iter() if el.get("id")}
    links = [
        a.get("href")
        for a in notes.iter("{http://www.w3.org/1999/xhtml}a")
        if (a.get("href") or "").startswith("sources.xhtml#")
    ]
    assert len(links) > 40
    for href in links:
        assert href.partition("#")[2] in ids


def test_glossary_and_index_in_the_epub(epub_zip, project):
    from edition.load import load

    ms = load(project)
    glossary = doc(epub_zip, "glossary.xhtml")
    terms = {dt.get("id"): "".join(dt.itertext()) for dt in glossary.findall(".//x:dt", NS)}
    assert {f"gloss-{g}" for g in ms.glossary} == set(terms)
    essay = doc(epub_zip, "essay.xhtml")
    for link in glossary.findall(".//x:a[@class='first-mention']", NS):
        file, _, anchor = link.get("href").partition("#")
        assert file == "essay.xhtml" and essay.find(f".//*[@id='{anchor}']", NS) is not None
    index = doc(epub_zip, "index.xhtml")
    entries = index.findall(".//x:li", NS)
    assert len(entries) >= 15
    intro = doc(epub_zip, "introduction.xhtml")
    for a in index.findall(".//x:a", NS):
        file, _, anchor = a.get("href").partition("#")
        target = essay if file == "essay.xhtml" else intro
        assert target.find(f".//*[@id='{anchor}']", NS) is not None, a.get("href")
    names = ["".join(e.find("x:span", NS).itertext()) for e in entries]
    assert "Slobodan Milošević" in names and "Trepča" in names


def test_notes_and_chronology_text_in_the_epub(epub_zip, project):
    from edition.load import load

    ms = load(project)
    notes = "".join(doc(epub_zip, "notes.xhtml").itertext())
    chronology = "".join(doc(epub_zip, "chronology.xhtml").itertext())
    for entry in ms.chronology:
        assert entry.title in chronology
    assert notes.count("]") >= len(ms.notes)
    assert "Mitrovicë" in notes
