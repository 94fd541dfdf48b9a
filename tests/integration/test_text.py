"""The essay as built into the EPUB is the text as received with exactly the recorded emendations."""

from lxml import etree

from edition.check.emend import apply_emendations, first_difference, words
from edition.load import load

XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def _emended_source(project):
    ms = load(project)
    return ms, words(apply_emendations(ms.source_text, ms.emendations, ms.source_path))


def test_built_essay_equals_source_with_emendations(project, epub_zip):
    """The essay as built, with note calls, commentary calls and chronology marks stripped."""
    _ms, expected = _emended_source(project)
    root = etree.fromstring(epub_zip.read("EPUB/text/essay.xhtml"))
    section = root.find(".//x:section[@id='essay']", XHTML)
    marks = ".//x:a[@class='noteref'] | .//x:a[@class='comm-call'] | .//x:span[@class='chronrefs']"
    for mark in section.xpath(marks, namespaces=XHTML):
        tail = mark.tail or ""
        parent = mark.getparent()
        previous = mark.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(mark)
    built = " ".join("".join(el.itertext()) for el in section)
    # words() reads typographic quotes as ASCII ones: setting them is typesetting, not emendation
    assert first_difference(expected, words(built)) is None
