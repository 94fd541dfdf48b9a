"""The kepub conversion alone: sentences cut where they end, spans numbered by paragraph, wrappers and note calls."""

from lxml import etree

from edition.render.kepub.convert import X, kobo_document, sentences
from edition.verify.kepub import kobo_structure

DOC = (
    b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
    b'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>T</title></head><body><section>'
    b'<h1>A title</h1><p>One sentence. Two <i>words</i> here.<a epub:type="noteref" href="n.xhtml#note-1">1</a>'
    b" After the call.</p><p>Next paragraph.</p></section></body></html>"
)


def test_sentences_end_at_their_stop_with_the_space_after_it():
    assert sentences("He said so. Then \u201cshe left.\u201d And? No") == [
        "He said so. ",
        "Then \u201cshe left.\u201d ",
        "And? ",
        "No",
    ]
    assert sentences("U.S.A. is one") == ["U.S.A. ", "is one"]
    assert sentences("no stop") == ["no stop"]


def test_each_sentence_is_spanned_and_numbered_by_its_paragraph():
    root = etree.fromstring(kobo_document(DOC, "div#book-inner { margin: 0 }"))
    spans = [(s.get("id"), s.text) for s in root.iter(f"{X}span")]
    assert spans == [
        ("kobo.1.1", "A title"),
        ("kobo.2.1", "One sentence. "),
        ("kobo.2.2", "Two "),
        ("kobo.2.3", "words"),
        ("kobo.2.4", " here."),
        ("kobo.2.5", " After the call."),
        ("kobo.3.1", "Next paragraph."),
    ]
    # the text reads as before, word for word
    assert "".join(root.find(f"{X}body").itertext()) == "".join(etree.fromstring(DOC).find(f"{X}body").itertext())


def test_the_body_is_wrapped_the_note_call_left_bare_and_the_structure_check_agrees():
    made = kobo_document(DOC, "div#book-inner { margin: 0 }")
    root = etree.fromstring(made)
    assert [d.get("id") for d in root.iter(f"{X}div")] == ["book-columns", "book-inner"]
    call = next(root.iter(f"{X}a"))
    assert call.text == "1" and len(call) == 0
    assert kobo_structure("essay.xhtml", made) == []
    assert kobo_structure("essay.xhtml", DOC) == [
        "essay.xhtml: the body is not wrapped in div#book-columns > div#book-inner",
        "essay.xhtml: no koboSpan",
        "essay.xhtml: no kobostylehacks style",
    ]
