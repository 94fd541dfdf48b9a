"""The door to pandoc: fragments parsed in one call, each kept as its AST's JSON text."""

import json

import pytest
from conftest import PROJECT

from edition import pandoc
from edition.errors import BuildError


def test_fragments_come_back_as_json_text_of_their_blocks(tmp_path):
    asts = pandoc.parse_markdown({"a": "One *two*.", "b": "", "c": "Three."}, tmp_path)
    assert list(asts) == ["a", "b", "c"]
    first = json.loads(asts["a"])
    assert first[0]["t"] == "Para"
    assert [node.get("c") for node in first[0]["c"] if node["t"] == "Str"] == ["One", "."]
    assert json.loads(asts["b"]) == []
    html, _refs = pandoc.render_html(asts, PROJECT / "manuscript" / "bibliography.yaml", tmp_path, "en-US")
    assert html["a"].strip() == "<p>One <em>two</em>.</p>" and html["c"].strip() == "<p>Three.</p>"


@pytest.mark.parametrize("indent", [None, 2])
def test_top_blocks_are_decoded_one_by_one_whatever_the_spacing(indent):
    doc = {
        "pandoc-api-version": [1, 23, 1],
        "meta": {"title": {"t": "MetaInlines", "c": [{"t": "Str", "c": "blocks: [}"}]}},
        "blocks": [{"t": "Para", "c": [{"t": "Str", "c": "a"}]}, {"t": "HorizontalRule"}],
    }
    text = json.dumps(doc, indent=indent)
    assert list(pandoc._top_blocks(text)) == doc["blocks"]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ('{"blocks" [', "':' expected"),
        ('{"blocks":[{"t":"Para","c":[]}', "cannot read"),
        ('{"blocks":[{"t"', "cannot read"),
    ],
)
def test_unreadable_pandoc_json_is_an_error(doc, message):
    with pytest.raises(BuildError, match=message):
        list(pandoc._top_blocks(doc))
