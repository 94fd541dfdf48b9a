"""The door to pandoc: fragments parsed in one call, each kept as its AST's JSON text."""

import json

import pytest
from helpers import PROJECT

from edition.errors import BuildError
from edition.markup import pandoc


def test_fragments_come_back_as_json_text_of_their_blocks(tmp_path):
    asts = pandoc.parse_markdown({"a": "One *two*.", "b": "", "c": "Three."}, tmp_path)
    assert list(asts) == ["a", "b", "c"]
    first = json.loads(asts["a"])
    assert first[0]["t"] == "Para"
    assert [node.get("c") for node in first[0]["c"] if node["t"] == "Str"] == ["One", "."]
    assert json.loads(asts["b"]) == []
    html, _refs = pandoc.render_html(asts, [], tmp_path, "en-US")
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
        ('{"blocks" [', "cannot read"),
        ('{"blocks":[{"t":"Para","c":[]}', "cannot read"),
        ('{"blocks":[{"t"', "cannot read"),
    ],
)
def test_unreadable_pandoc_json_is_an_error(doc, message):
    with pytest.raises(BuildError, match=message):
        list(pandoc._top_blocks(doc))


def test_batches_keep_order_and_budget():
    texts = ["a" * 4, "b" * 4, "c" * 9, "d", "e" * 3]
    assert pandoc._batches(texts, 8) == [["a" * 4, "b" * 4], ["c" * 9], ["d", "e" * 3]]
    assert pandoc._batches([], 8) == [[]]


@pytest.mark.this_edition  # a manuscript long enough for six batches, with citeproc's disambiguation in it
def test_small_batches_give_what_one_call_gives(monkeypatch, tmp_path, edition_manuscript):
    """Cut into many pandoc calls, the manuscript parses and renders exactly as in one (citations included)."""
    ms = edition_manuscript
    fragments = {f.key: f.text for f in ms.fragments()}
    references = ms.references
    bibliography = [r.csl for r in references.values()]
    whole = pandoc.parse_markdown(fragments, PROJECT)
    order = list(references)
    rendered = pandoc.render_html(whole, bibliography, PROJECT, "en-US", order)
    # Batches of a sixth of the whole: more than five calls each way, and no more pandoc runs than that needs.
    monkeypatch.setattr(pandoc, "MARKDOWN_BATCH", sum(len(t) + 1 for t in fragments.values()) // 6)
    monkeypatch.setattr(pandoc, "JSON_BATCH", sum(len(a) for a in whole.values()) // 6)
    assert len(pandoc._batches([f"{t}\n" for t in fragments.values()], pandoc.MARKDOWN_BATCH)) > 5
    batched = pandoc.parse_markdown(fragments, PROJECT)

    assert batched == whole
    assert len(pandoc._batches(list(batched.values()), pandoc.JSON_BATCH)) > 5
    assert pandoc.render_html(batched, bibliography, PROJECT, "en-US", order) == rendered
    assert "2000a" in "".join(rendered[0].values())  # citeproc's disambiguation is part of what is compared


def test_pandoc_s_heap_has_a_ceiling(monkeypatch, tmp_path):
    monkeypatch.setattr(pandoc, "HEAP_LIMIT", "8m")
    text = "\n\n".join(f"Paragraph {i} with *some* [text](#x) in it." for i in range(20_000))
    with pytest.raises(BuildError, match=r"pandoc ran out of its memory \(8m of heap\)"):
        pandoc.parse_markdown({"big": text}, tmp_path)


def test_an_address_in_the_bibliography_comes_through_as_written(tmp_path):
    """pandoc reads a CSL YAML string as Markdown: an address's "---" was an em dash, in the link and its text."""
    url = "http://www.example.org/balkan_2000/2---/ceol_182.html?a=1&b=~x~"
    ref = {"id": "x", "type": "webpage", "title": "It's here -- and there", "URL": url}
    _html, refs = pandoc.render_html({}, [ref], tmp_path, "en-US")
    escaped = url.replace("&", "&amp;")
    assert f'href="{escaped}"' in refs and f">{escaped}</a>" in refs
    assert "It’s Here – and There" in refs  # the title is still prose: its punctuation is made typographic


@pytest.mark.this_edition  # its introduction's headings are among the fragments that define something document-wide
def test_a_watching_build_recalls_what_did_not_change_and_gets_what_a_fresh_one_gets(monkeypatch, edition_manuscript):
    """Under --watch, one edited note goes to pandoc alone, and every fragment's AST and HTML are a fresh build's."""
    from edition.support import memo

    ms = edition_manuscript
    fragments = {f.key: f.text for f in ms.fragments()}
    note = next(key for key in fragments if key.startswith("note"))
    edited = dict(fragments, **{note: fragments[note].replace(" ", " edited ", 1)})
    bibliography, order = [r.csl for r in ms.references.values()], list(ms.references)
    sent: list[str] = []
    run = pandoc._run
    monkeypatch.setattr(pandoc, "_run", lambda args, stdin, cwd: sent.append(stdin) or run(args, stdin, cwd))
    memo.enable()
    try:
        memo.new_build()
        asts = pandoc.parse_markdown(fragments, PROJECT)
        pandoc.render_html(asts, bibliography, PROJECT, "en-US", order)
        memo.new_build()
        sent.clear()
        asts = pandoc.parse_markdown(edited, PROJECT)
        recalled = pandoc.render_html(asts, bibliography, PROJECT, "en-US", order)
    finally:
        memo.enable(False)
    # The note is parsed among the fragments that may define something document-wide (the headings' texts), and
    # rendered alone.
    wide = [key for key, text in fragments.items() if pandoc._DOCUMENT_WIDE.search(text)]
    assert {"essay", "introduction"} <= set(wide) and note not in wide and len(wide) < 10
    assert len(sent) == 2 and sent[0].count("{#frag-") == 1 + len(wide) and sent[1].count('"frag-') == 1
    fresh = pandoc.parse_markdown(edited, PROJECT)
    assert asts == fresh
    assert recalled == pandoc.render_html(fresh, bibliography, PROJECT, "en-US", order)


def test_an_edited_fragment_still_sees_what_other_fragments_define(tmp_path):
    """A heading's text, a reference definition elsewhere: the note edited under --watch links to them as before."""
    from edition.support import memo

    fragments = {
        "intro": "# Background {.unnumbered}\n\nText.\n\n[ref]: https://example.org/x",
        "other": "Plain words.",
        "note": "See [Background] and [the source][ref].",
    }
    memo.enable()
    try:
        memo.new_build()
        pandoc.parse_markdown(fragments, tmp_path)
        memo.new_build()
        edited = dict(fragments, note="See [Background] and [the source][ref], again.")
        recalled = pandoc.parse_markdown(edited, tmp_path)
    finally:
        memo.enable(False)
    assert recalled == pandoc.parse_markdown(edited, tmp_path)
    assert recalled["note"].count('"t":"Link"') == 2
