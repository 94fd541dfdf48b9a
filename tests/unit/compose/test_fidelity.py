"""No word of the manuscript vanishes on its way through pandoc into the HTML the outputs are made from."""

from __future__ import annotations

import pytest

from edition.compose.fidelity import check_fragment
from edition.errors import BuildError
from edition.markup import pandoc
from edition.markup.html import parse_fragment
from edition.model import Fragment, Loc


def fragment(text: str, tmp_path) -> Fragment:
    frag = Fragment("note:x", text, Loc("manuscript/notes.yaml", 10))
    frag.ast = pandoc.parse_markdown({frag.key: text}, tmp_path)[frag.key]
    return frag


def test_the_words_that_come_through_pass(tmp_path):
    frag = fragment("One two.\n\nThree *four*.", tmp_path)
    check_fragment(frag, parse_fragment("<p>One two.</p>\n<p>Three <em>four</em>.</p>"))


def test_a_lost_paragraph_names_its_first_word_and_line(tmp_path):
    frag = fragment("One two.\n\nThree four.", tmp_path)
    with pytest.raises(BuildError, match=r"notes.yaml:12: text does not reach the outputs from 'Three'"):
        check_fragment(frag, parse_fragment("<p>One two.</p>"))


def test_citations_are_left_out_on_both_sides(tmp_path):
    frag = fragment("A claim [@key].", tmp_path)
    check_fragment(frag, parse_fragment('<p>A claim <span class="citation">(Author 2000)</span>.</p>'))
