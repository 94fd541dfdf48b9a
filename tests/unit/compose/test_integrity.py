"""What only composition can know, checked right after it: ids unique in the edition, the templates' own ids
included, and every internal link resolved; each an error naming the manuscript's file:line, not an EPUBCheck
finding after the build."""

from __future__ import annotations

import re

import pytest
from helpers import composed, edit, small_project

from edition.compose.integrity import check_documents
from edition.errors import BuildError
from edition.render.renderer import check_composed

TWICE = r"the id '{}' is given twice in the edition"
# name: (file, what is replaced, by what, the error)
CASES = {
    "a commentary's span takes a template's id": (
        "notes.yaml",
        "Mitrovica (Albanian",
        "[Mitrovica]{#comm-city} (Albanian",
        r"manuscript/notes.yaml:5: " + TWICE.format("comm-city"),
    ),
    "a chronology entry's span takes a template's id": (
        "chronology.yaml",
        "NATO troops",
        "[NATO]{#chron-arrival} troops",
        r"manuscript/chronology.yaml:5: " + TWICE.format("chron-arrival"),
    ),
    "a gloss's span takes a note's number": (
        "notes.yaml",
        "A town divided",
        "A [town]{#note-2} divided",
        r"manuscript/notes.yaml:3: " + TWICE.format("note-2"),
    ),
    "a heading of the introduction takes a page's id": (
        "introduction.md",
        "The essay",
        "## Commentary\n\nThe essay",
        r"manuscript/introduction.md:1: " + TWICE.format("commentary"),
    ),
    "two notes give one id": (
        "notes.yaml",
        "The UN mission",
        "The [UN]{#the-un} mission, [again]{#the-un}",
        r"manuscript/notes.yaml:18: " + TWICE.format("the-un"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_id_given_twice_is_an_error_at_its_file_and_line(tmp_path, name):
    file, old, new, expected = CASES[name]
    root = small_project(tmp_path)
    edit(root / "manuscript" / file, old, new)
    with pytest.raises(BuildError) as caught:
        composed(root)  # the pipeline's compose checks every format's documents (render.renderer.check_composed)
    assert re.match(expected, str(caught.value)), str(caught.value)


def test_the_fixture_composes_with_unique_ids_and_resolved_links(fixture_composed):
    ed, env = fixture_composed
    check_composed(ed, env)


@pytest.mark.parametrize(
    ("docs", "expected"),
    [
        ([("a.xhtml", '<a href="b.xhtml#y">y</a>'), ("b.xhtml", '<p id="z"/>')], "a.xhtml: the link 'b.xhtml#y'"),
        ([("a.xhtml", '<p id="x"/><a href="#nowhere">x</a>')], "a.xhtml: the link '#nowhere'"),
        ([("a.xhtml", '<a href="c.xhtml">c</a>')], "a.xhtml: the link 'c.xhtml'"),
        ([("a.xhtml", '<a class="x" href="mailto:a@example.org">m</a>')], "a.xhtml: the link 'mailto:a@example.org'"),
        ([("a.xhtml", '<p id="x"/>'), ("b.xhtml", '<p id="x"/>')], "the templates give the id 'x' twice"),
    ],
)
def test_a_link_to_nothing_or_a_template_s_id_twice_is_an_error(docs, expected):
    with pytest.raises(BuildError, match=re.escape(expected)):
        check_documents(docs, None, across=True)


def test_links_that_resolve_and_web_addresses_pass():
    docs = [
        ("a.xhtml", '<p id="x"/><a href="#x">x</a> <a href="b.xhtml#y">y</a> <a href="b.xhtml">b</a>'),
        ("b.xhtml", '<p id="y"/><a href="https://example.org/?a=1&amp;b=2">w</a><a href="a.xhtml#x">x</a>'),
    ]
    check_documents(docs, None, across=True)
    check_documents([("a.html", '<p id="main"/>'), ("b.html", '<p id="main"/>')], None, across=False)


def test_the_printed_book_is_read_in_pieces_that_end_after_a_tag():
    from markupsafe import Markup

    from edition.compose.integrity import whole_tags

    chunks = [Markup('<p id="a">'), "x &lt; y ", Markup('<a href="#a">'), "link</a></p>", '<p id="b">b</p>']
    pieces = list(whole_tags(chunks, size=8))
    assert "".join(pieces) == "".join(str(c) for c in chunks)  # nothing escaped twice
    assert len(pieces) > 2 and all(piece.endswith(">") for piece in pieces[:-1])
