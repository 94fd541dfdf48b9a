"""Cutting the book into parts: only where a page breaks anyway, with what each part must know of the rest."""

import re

import pytest
from helpers import PROJECT

from edition.markup.templates import environment
from edition.render.pdf.parts import cut
from edition.render.pdf.placement import DENSITY, Placement, estimate_pages, part_document, place

HEAD = '<head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="css/book.css"></head>'

PART = environment(PROJECT / "templates").get_template("print/part.html.j2")


def book(*sections: str) -> str:
    return f'<!DOCTYPE html>\n<html lang="en-US">{HEAD}<body class="book">{"".join(sections)}</body></html>'


FRONT = '<section class="titlepage"><p>Title</p></section><section class="imprint"><p>Imprint</p></section>'
ESSAY = (
    '<section class="chapter essay" id="essay"><h1>Essay</h1>'
    '<p>One<span class="footnote">n1</span> two<span class="footnote">n2</span></p></section>'
)
CHRON = '<section class="chapter" id="chronology"><h1>Chronology</h1><ol class="entries">{}</ol></section>'


def entries(n: int) -> str:
    return "".join(f'<li id="c{i}"><p>Entry {i} {"x" * 80}</p></li>' for i in range(n))


def test_each_section_is_a_unit_and_small_ones_share_a_part():
    b = cut(book(FRONT, ESSAY, CHRON.format(entries(3))), part_size=10_000, slice_size=100_000)
    assert len(b.parts) == 1
    assert [u.recto for u in b.parts[0].units] == [False, False, True, True]
    assert b.lang == "en-US" and b.body_class == "book"


def test_parts_know_the_footnotes_and_running_head_before_them():
    b = cut(book(FRONT, ESSAY, CHRON.format(entries(3))), part_size=1, slice_size=100_000)
    assert len(b.parts) == 4
    chron = b.parts[3]
    assert chron.footnotes_before == 2
    assert chron.running_before == "Essay"
    assert chron.recto


def test_a_section_is_cut_before_each_later_heading_only():
    two = '<section class="chapter essay" id="essay"><h1>One</h1><p>a</p><h1>Two</h1><p>b</p></section>'
    b = cut(book(two), part_size=1, slice_size=100_000)
    first, second = (p.units[0] for p in b.parts)
    assert 'id="essay"' in first.html and first.recto
    assert "<h1>Two</h1>" in second.html and 'id="essay"' not in second.html
    assert not second.recto and second.leads_with_h1
    assert 'class="essay"' in second.html  # no longer a chapter that breaks to a right-hand page


def test_a_long_list_is_sliced_between_items_and_keeps_its_numbering():
    b = cut(book(CHRON.format(entries(40))), part_size=1, slice_size=2_000)
    units = [u for p in b.parts for u in p.units]
    assert len(units) > 2
    assert "<h1>Chronology</h1>" in units[0].html and units[0].recto
    for unit in units[1:]:
        assert 'class="continued"' in unit.html and not unit.recto
        assert 'id="chronology"' not in unit.html
    ids = [m for u in units for m in re.findall(r'id="(c\d+)"', u.html)]
    assert ids == [f"c{i}" for i in range(40)]  # every entry once, in order


def test_definition_terms_stay_with_their_definitions():
    dl = "".join(f"<dt>T{i}</dt><dd><p>{'d' * 300}</p></dd>" for i in range(12))
    b = cut(book(f'<section class="chapter"><h1>G</h1><dl>{dl}</dl></section>'), part_size=1, slice_size=1_000)
    for part in b.parts:
        html = part.units[0].html
        assert html.count("<dt>") == html.count("<dd>")


def test_ordered_list_slices_continue_the_count():
    items = "".join(f"<li>{'i' * 200}</li>" for i in range(20))
    ol = f'<section class="chapter"><h1>L</h1><ol>{items}</ol></section>'
    units = [u for p in cut(book(ol), part_size=1, slice_size=1_000).parts for u in p.units]
    starts = [int(m) for u in units[1:] for m in re.findall(r'<ol start="(\d+)"', u.html)]
    assert starts and starts == sorted(starts) and starts[0] > 1


def test_placement_adds_a_blank_page_before_a_right_hand_part():
    b = cut(book(FRONT, ESSAY, CHRON.format(entries(3))), part_size=1, slice_size=100_000)
    # title page, imprint, essay of 3 pages, then the chronology
    assert place(b.parts, [1, 1, 3, 4]) == [
        Placement(1, False),
        Placement(2, False),
        Placement(3, False),
        Placement(7, True),  # the essay ends on page 5: page 6 is left blank
    ]
    assert place(b.parts, [1, 1, 4, 4])[3] == Placement(7, False)


def test_part_document_starts_where_the_part_falls():
    b = cut(book(FRONT, ESSAY, CHRON.format(entries(40))), part_size=1, slice_size=2_000)
    chron = next(p for p in b.parts if "Chronology" in p.units[0].html)
    doc = part_document(b, chron, Placement(12, True), PART)
    assert "@page :first { counter-reset: page 12; }" in doc
    assert "break-before: left" in doc  # page 12 is a left-hand page
    assert "counter-reset: footnote 2" in doc
    assert "part-start" not in doc  # its heading sets the running head
    later = b.parts[-1]
    doc = part_document(b, later, Placement(15, False), PART)
    assert "break-before: right" in doc
    assert '.part-start { string-set: running "Chronology"; }' in doc
    assert re.search(r'<section class="continued"><div class="part-start"></div>', doc)
    assert doc.startswith("<!DOCTYPE html>") and '<html lang="en-US">' in doc and 'href="css/book.css"' in doc


def test_running_head_text_is_escaped_for_css():
    essay = '<section class="chapter"><h1>A "quoted" \\ head</h1><ol>' + entries(30) + "</ol></section>"
    b = cut(book(essay), part_size=1, slice_size=1_500)
    doc = part_document(b, b.parts[-1], Placement(3, False), PART)
    assert 'string-set: running "A \\"quoted\\" \\\\ head";' in doc


def test_running_head_cannot_end_the_style_element():
    essay = '<section class="chapter"><h1>Q&amp;A &lt;/style&gt; head</h1><ol>' + entries(30) + "</ol></section>"
    b = cut(book(essay), part_size=1, slice_size=1_500)
    doc = part_document(b, b.parts[-1], Placement(3, False), PART)
    assert 'string-set: running "Q&A \\3c /style> head";' in doc


def test_a_long_table_is_sliced_between_rows_and_each_slice_keeps_the_head():
    rows = "".join(f"<tr><td>{i}</td><td>{'r' * 200}</td></tr>" for i in range(30))
    table = f'<table class="em"><thead><tr><th>Line</th></tr></thead><tbody>{rows}</tbody></table>'
    b = cut(book(f'<section class="chapter"><h1>Note</h1>{table}</section>'), part_size=1, slice_size=2_000)
    units = [u for p in b.parts for u in p.units]
    assert len(units) > 2
    for unit in units:
        assert unit.html.count("<th>Line</th>") == 1
    cells = [int(c) for u in units for c in re.findall(r"<tr><td>(\d+)</td>", u.html)]
    assert cells == list(range(30))


def test_pages_are_guessed_from_where_anchors_stand():
    # Two essay chapters of about three pages each at the essay's density, then a chronology.
    text = "x" * (DENSITY["essay"] - 40)
    essay = "".join(f'<p id="e{i}">{text}</p>' for i in range(6))
    chapters = [f'<section class="chapter essay" id="essay"><h1>A</h1>{essay[: len(essay) // 2]}</section>']
    chapters.append(f'<section class="chapter essay" id="essay-2"><h1>B</h1>{essay[len(essay) // 2 :]}</section>')
    b = cut(book(*chapters, CHRON.format(entries(3))), part_size=1, slice_size=100_000)
    pages = estimate_pages(b)
    assert set(pages) == {"essay", "e0", "e1", "e2", "essay-2", "e3", "e4", "e5", "chronology", "c0", "c1", "c2"}
    assert pages["essay"] == pages["e0"] == 1
    assert [pages[f"e{i}"] for i in range(3)] == [1, 2, 3]
    # The second chapter begins on the right-hand page after the first one's three.
    assert pages["essay-2"] == 5 and pages["e5"] == 7
    assert pages["chronology"] == 9 and pages["c2"] == 9


def test_the_book_cut_from_its_pieces_is_the_book_cut_whole():
    """The HTML may arrive as the template writes it, split anywhere, even inside a tag."""
    html = book(FRONT, ESSAY, CHRON.format(entries(40)))
    whole = cut(html, part_size=1_000, slice_size=2_000)
    assert len(whole.parts) > 3
    for size in (7, 100, 5_000):
        pieces = (html[i : i + size] for i in range(0, len(html), size))
        assert cut(pieces, part_size=1_000, slice_size=2_000) == whole


def test_the_real_book_cut_from_the_template_s_pieces_is_the_book_cut_whole(edition_composed):
    from edition.render.pdf.book import PART_SIZE, SLICE_SIZE
    from edition.render.pdf.source import PrintBook

    ed, env = edition_composed
    whole = cut(PrintBook(ed, env).html({}), PART_SIZE, SLICE_SIZE)
    assert cut(PrintBook(ed, env).chunks({}), PART_SIZE, SLICE_SIZE) == whole


@pytest.mark.this_edition  # a book long enough to be cut into parts
def test_no_section_of_the_real_book_is_one_part_larger_than_the_slice_budget(edition_composed):
    """Every long section (the commentary, the chronology, the glossary, the sources, the index) is cut
    between its entries: an uncuttable section thousands of pages long (the commentary at 200 times the
    edition) took one renderer past 7 GB."""
    from edition.render.pdf.source import PrintBook

    ed, env = edition_composed
    budget = 8_000
    book = cut(PrintBook(ed, env).html({}), part_size=1, slice_size=budget)
    units = [u for p in book.parts for u in p.units]
    commentary = [u for u in units if "comm-entry" in u.html]
    assert len(commentary) > 5
    # The sections of entries, which grow with the manuscript (the essay is cut at its headings, and the
    # introduction and the textual note are prose of a fixed length).
    of_entries = [u for u in units if any(m in u.html for m in ("comm-entry", "chron-entry", "<dt", "csl-entry"))]
    assert len(of_entries) > 15
    for unit in of_entries:
        assert unit.size <= 2 * budget, unit.html[:300]


def test_a_long_run_of_paragraphs_without_headings_is_cut_between_paragraphs():
    """An essay of a million characters and no heading would otherwise be one part of hundreds of pages."""
    paragraphs = "".join(
        f'<p id="q{i}">Paragraph {i} {"word " * 200}<span class="footnote">n</span></p>' for i in range(300)
    )
    essay = f'<section class="chapter essay" id="essay"><h1>Essay</h1>{paragraphs}</section>'
    b = cut(book(essay), part_size=1, slice_size=20_000)
    units = [u for p in b.parts for u in p.units]
    assert len(units) > 10
    assert all(u.size <= 21_200 for u in units)
    assert sum(u.footnotes for u in units) == 300
    assert 'id="essay"' in units[0].html and all('class="essay continued"' in u.html for u in units[1:])
    order = [int(m) for u in units for m in re.findall(r'id="q(\d+)"', u.html)]
    assert order == list(range(300))


def test_a_guessed_page_near_a_new_digit_is_unsure():
    from edition.render.pdf.placement import unsure

    assert [p for p in range(1, 16) if unsure(p)] == [8, 9, 10, 11]
    assert unsure(99) and unsure(103) and not unsure(50) and not unsure(130)


def test_the_parts_laid_out_give_their_anchors_pages_and_the_unsure_ones_are_named():
    from edition.render.pdf.placement import unsure_parts

    text = "x" * (DENSITY["essay"] - 40)
    essay = "".join(f'<p id="e{i}">{text}</p>' for i in range(6))
    b = cut(
        book(FRONT, f'<section class="chapter essay" id="essay"><h1>A</h1>{essay}</section>', CHRON.format(entries(3))),
        part_size=1,
        slice_size=100_000,
    )
    guessed = estimate_pages(b)
    assert (guessed["essay"], guessed["e5"], guessed["chronology"]) == (3, 7, 9)
    assert unsure_parts(b, guessed) == [3]  # the chronology, guessed at page 9: it may well be 10
    # The essay laid out in two pages, its last anchor on the second: the chronology moves up.
    laid = estimate_pages(b, [1, 1, 2, 1], {2: {"essay": 1, "e0": 1, "e5": 2}})
    assert laid["e5"] == 4 and laid["chronology"] == 5
