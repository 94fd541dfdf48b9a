"""Print pages marked in the EPUB's text: found by their letters, in order, placed at a word or before a block."""

from lxml import etree

from edition.render.epub.pagebreaks import _in_order, letters, mark_pages

X = "http://www.w3.org/1999/xhtml"
MARKER = etree.fromstring(
    f'<span xmlns="{X}" xmlns:epub="http://www.idpf.org/2007/ops" epub:type="pagebreak" role="doc-pagebreak"/>'
)


def _doc(body: str) -> bytes:
    return f'<html xmlns="{X}" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body>{body}</body></html>'.encode()


def test_letters_fold_case_accents_ligatures_and_punctuation():
    assert letters("Tha\u00e7i\u2019s \ufb01rst \u201cKLA\u201d-man, 3/4") == "thacisfirstklaman34"


def test_a_page_whose_words_recur_far_off_does_not_carry_the_pages_after_it_there():
    text = "aaaa" + "bbbb" + "cccc" + "dddd" + "bbbb"
    # page 2's probe occurs twice: the later occurrence would leave pages 3 and 4 nowhere
    assert _in_order({1: ("aaaa",), 2: ("bbbb",), 3: ("cccc",), 4: ("dddd",)}, text) == [
        (1, 0),
        (2, 4),
        (3, 8),
        (4, 12),
    ]


def test_markers_go_at_the_word_a_page_begins_in_and_before_a_block_that_begins_it():
    docs = [
        (
            "essay.xhtml",
            _doc(
                "<h1>A Title Here</h1><p>One two <i>three</i> fourfive-"
                '<a epub:type="noteref" href="#n">1</a>six seven.</p>'
            ),
        ),
        ("notes.xhtml", _doc("<p>Other words entirely.</p>")),
    ]
    starts = {
        1: ("atitleher",),  # the heading's start
        2: ("urfivesixseven",),  # a page beginning inside the hyphenated "fourfive-"; the call is not text
        3: ("otherwordsent",),
    }
    marked, pages = mark_pages(docs, starts, MARKER)
    assert pages == [(1, "essay.xhtml"), (2, "essay.xhtml"), (3, "notes.xhtml")]
    essay = marked[0][1].decode()
    assert '<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1"/><h1>' in essay
    assert '</i> <span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"/>fourfive-' in essay
    assert (
        '<span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"/><p>Other' in marked[1][1].decode()
    )
    # the text reads as before
    before = "".join(etree.fromstring(docs[0][1]).itertext())
    assert "".join(etree.fromstring(marked[0][1]).itertext()) == before


def test_a_page_the_epub_does_not_have_gets_no_marker_and_documents_without_one_are_untouched():
    docs = [("essay.xhtml", _doc("<p>Only these words are here.</p>"))]
    marked, pages = mark_pages(docs, {1: ("printedinthelosangelestimes",)}, MARKER)
    assert pages == [] and marked == docs


def test_a_page_that_begins_a_list_item_is_marked_inside_it_where_a_list_allows_nothing_else():
    docs = [("chronology.xhtml", _doc("<ol><li>First entry here.</li><li>Second entry begins a page.</li></ol>"))]
    marked, pages = mark_pages(docs, {7: ("secondentrybegins",)}, MARKER)
    assert pages == [(7, "chronology.xhtml")]
    assert (
        '<li><span epub:type="pagebreak" role="doc-pagebreak" id="page-7" aria-label="7"/>Second'
        in marked[0][1].decode()
    )
