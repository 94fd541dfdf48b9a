"""The evidence beside each claim (issue #26): every gloss and chronology entry has `support:`, and the build
refuses, with its file and line, a claim without it or an item that does not quote one of the claim's sources."""

from __future__ import annotations

import shutil

import pytest
from helpers import PROJECT, edit

from edition.check import check
from edition.check.support import QUOTE_WORDS, quote_words
from edition.errors import BuildError
from edition.load import load
from edition.model import Support

FIXTURE = PROJECT / "tests" / "unit" / "compose" / "fixture" / "manuscript"
NOTE_QUOTE = '    quote: "The river Ibar divides the town: Serbs to the north, Albanians to the south."\n'
CHRON_QUOTE = '    quote: "On 12 June 1999 the first NATO troops crossed into Kosovo."\n'


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "manuscript")
    return tmp_path


def line_of(tree, name: str, needle: str) -> int:
    """The line of the file on which needle (which may span lines) begins."""
    text = (tree / "manuscript" / name).read_text(encoding="utf-8")
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def refused(tree, pattern: str) -> None:
    with pytest.raises(BuildError, match=pattern):
        check(load(tree))


def test_the_fixture_s_support_is_loaded_typed_with_its_lines(tree):
    ms = load(tree)
    assert check(ms) == []
    (city,) = ms.notes["city"].support
    assert city == Support(
        "test-source",
        "para. 2",
        "The river Ibar divides the town: Serbs to the north, Albanians to the south.",
        city.loc,
        city.lines,
    )
    assert (city.loc.path, city.loc.line) == ("manuscript/notes.yaml", line_of(tree, "notes.yaml", "  - source:"))
    assert city.line_of("quote") == line_of(tree, "notes.yaml", NOTE_QUOTE)
    # A folded quotation is one line of text, as the source has it.
    assert ms.notes["unmik"].support[0].quote.startswith("The United Nations Interim Administration Mission in Kosovo")
    assert "\n" not in ms.notes["unmik"].support[0].quote
    assert ms.notes["kfor"].support == []  # a commentary alone needs none yet
    assert ms.chronology[0].support[0].locator == "p. 3, § 2"


def test_a_gloss_without_support_is_refused(tree):
    notes = tree / "manuscript" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    start = text.index("  support:\n  - source: test-source")
    notes.write_text(text[:start] + text[text.index("kfor:") :], encoding="utf-8")
    refused(tree, r"^manuscript/notes.yaml:1: note 'city' has no support: give the evidence for it \(support: a list")


def test_a_gloss_written_as_a_plain_text_has_no_support_and_is_refused(tree):
    notes = tree / "manuscript" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text[: text.index("unmik:")] + "unmik: |\n  The UN mission [@test-report].\n", encoding="utf-8")
    line = line_of(tree, "notes.yaml", "unmik:")
    refused(tree, rf"^manuscript/notes.yaml:{line}: note 'unmik' has no support")


def test_a_chronology_entry_without_support_is_refused(tree):
    path = tree / "manuscript" / "chronology.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  support:")], encoding="utf-8")
    refused(tree, r"^manuscript/chronology.yaml:1: chronology entry 'arrival' has no support")


def test_an_empty_support_list_is_no_support(tree):
    path = tree / "manuscript" / "chronology.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  support:")] + "  support: []\n", encoding="utf-8")
    refused(tree, r"^manuscript/chronology.yaml:1: chronology entry 'arrival' has no support")


@pytest.mark.parametrize(
    ("name", "old", "message"),
    [
        (
            "notes.yaml",
            "  - source: test-source\n",
            "note 'city' quotes source 'test-report', which is not cited in its gloss",
        ),
        (
            "chronology.yaml",
            "  - source: test-report\n",
            "chronology entry 'arrival' quotes source 'test-source', which is not among its sources",
        ),
    ],
    ids=["note", "chronology"],
)
def test_an_item_must_quote_a_source_of_its_own_claim(tree, name, old, message):
    other = "test-report" if "test-source" in old else "test-source"
    edit(tree / "manuscript" / name, old, f"  - source: {other}\n")
    line = line_of(tree, name, f"  - source: {other}\n")
    refused(tree, rf"^manuscript/{name}:{line}: a support item of {message}$")


@pytest.mark.parametrize(
    ("name", "old", "what"),
    [
        ("notes.yaml", "  - source: test-source\n", "note 'city'"),
        ("chronology.yaml", "  - source: test-report\n", "chronology entry 'arrival'"),
    ],
    ids=["note", "chronology"],
)
def test_an_item_s_source_must_be_in_the_bibliography(tree, name, old, what):
    edit(tree / "manuscript" / name, old, "  - source: no-such-source\n")
    line = line_of(tree, name, "  - source: no-such-source\n")
    refused(
        tree,
        rf"^manuscript/{name}:{line}: a support item of {what} quotes source 'no-such-source', "
        "which is not in bibliography.yaml$",
    )


@pytest.mark.parametrize(
    ("name", "old", "what"),
    [
        ("notes.yaml", "    locator: para. 2\n", "note 'city'"),
        ("chronology.yaml", '    locator: "p. 3, § 2"\n', "chronology entry 'arrival'"),
    ],
    ids=["note", "chronology"],
)
@pytest.mark.parametrize(
    "new", ['    locator: ""\n', "    locator:\n", "    locator: '  '\n", ""], ids=["empty", "null", "blank", "missing"]
)
def test_an_item_without_a_locator_is_refused(tree, name, old, what, new):
    edit(tree / "manuscript" / name, old, new)
    line = line_of(tree, name, new) if new else line_of(tree, name, "  - source:")
    refused(tree, rf"^manuscript/{name}:{line}: a support item of {what} has no locator: say where in the source")


@pytest.mark.parametrize(
    ("name", "old", "what"),
    [("notes.yaml", NOTE_QUOTE, "note 'city'"), ("chronology.yaml", CHRON_QUOTE, "chronology entry 'arrival'")],
    ids=["note", "chronology"],
)
@pytest.mark.parametrize("new", ['    quote: ""\n', "    quote: >-\n\n", ""], ids=["empty", "empty-block", "missing"])
def test_an_item_without_a_quote_is_refused(tree, name, old, what, new):
    edit(tree / "manuscript" / name, old, new)
    line = line_of(tree, name, new) if new else line_of(tree, name, "  - source:")
    refused(tree, rf"^manuscript/{name}:{line}: a support item of {what} has no quote: copy the words of the source")


@pytest.mark.parametrize(
    ("name", "old", "what"),
    [("notes.yaml", NOTE_QUOTE, "note 'city'"), ("chronology.yaml", CHRON_QUOTE, "chronology entry 'arrival'")],
    ids=["note", "chronology"],
)
def test_a_quote_over_forty_words_is_refused(tree, name, old, what):
    words = " ".join(f"word{i}" for i in range(QUOTE_WORDS + 1))
    edit(tree / "manuscript" / name, old, f"    quote: >-\n      {words}\n")
    line = line_of(tree, name, "    quote: >-\n")
    refused(tree, rf"^manuscript/{name}:{line}: a support item of {what} has a quote of 41 words; at most 40$")


def test_a_quote_of_forty_words_with_an_elision_passes(tree):
    words = " ".join(f"word{i}" for i in range(20)) + " … " + " ".join(f"more{i}" for i in range(20))
    assert quote_words(words) == QUOTE_WORDS
    edit(tree / "manuscript" / "notes.yaml", NOTE_QUOTE, f'    quote: "{words}"\n')
    assert check(load(tree)) == []


@pytest.mark.parametrize(
    ("name", "old", "what"),
    [("notes.yaml", NOTE_QUOTE, "note 'city'"), ("chronology.yaml", CHRON_QUOTE, "chronology entry 'arrival'")],
    ids=["note", "chronology"],
)
def test_an_unknown_field_in_an_item_is_refused(tree, name, old, what):
    edit(tree / "manuscript" / name, old, old + "    page: 4\n")
    line = line_of(tree, name, "    page: 4\n")
    refused(
        tree,
        rf"^manuscript/{name}:{line}: a support item of {what} has an unknown field 'page' "
        r"\(an item has source, locator and quote\)$",
    )


def test_a_misspelt_support_field_of_a_note_is_refused_by_the_loader(tree):
    edit(
        tree / "manuscript" / "notes.yaml", "  support:\n  - source: test-source", "  suport:\n  - source: test-source"
    )
    line = line_of(tree, "notes.yaml", "  suport:")
    with pytest.raises(
        BuildError,
        match=rf"^manuscript/notes.yaml:{line}: note 'city' has an unknown field 'suport'"
        r" \(see docs/manuscript.md#notesyaml\)$",
    ):
        load(tree)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "  support:\n  - source: test-source\n    locator: para. 2\n" + NOTE_QUOTE,
            "  support: test-source, para. 2\n",
            "  support:",
            "'support' of note 'city' must be a list of items",
        ),
        (
            "  - source: test-source\n    locator",
            "  - test-source\n  - locator",
            "  - test-source",
            "a support item of note 'city' must be a mapping",
        ),
        (
            "    locator: para. 2\n",
            "    locator: [para. 2]\n",
            "    locator: [",
            "the locator of a support item of note 'city' must be text",
        ),
    ],
    ids=["not-a-list", "not-a-mapping", "not-text"],
)
def test_a_support_list_that_cannot_be_typed_is_refused_by_the_loader(tree, old, new, needle, message):
    edit(tree / "manuscript" / "notes.yaml", old, new)
    line = line_of(tree, "notes.yaml", needle)
    with pytest.raises(BuildError, match=rf"^manuscript/notes.yaml:{line}: {message}"):
        load(tree)


def test_a_page_number_as_a_bare_number_is_a_locator(tree):
    edit(tree / "manuscript" / "notes.yaml", "    locator: para. 2\n", "    locator: 4\n")
    ms = load(tree)
    assert ms.notes["city"].support[0].locator == "4"
    assert check(ms) == []


def test_an_item_without_a_source_is_refused(tree):
    edit(tree / "manuscript" / "notes.yaml", "  - source: test-source\n", "  - source:\n")
    line = line_of(tree, "notes.yaml", "  - source:\n")
    refused(
        tree, rf"^manuscript/notes.yaml:{line}: a support item of note 'city' has no source: give a bibliography key$"
    )


def test_a_commentary_alone_may_carry_support_from_its_own_citations(tree):
    """The commentary's evidence is for a later round; where it is given, it quotes what the commentary cites."""
    notes = tree / "manuscript" / "notes.yaml"
    edit(notes, "about the [bridge](#passage:left).\n", "about the [bridge](#passage:left).\n" + SUPPORT_KFOR)
    assert check(load(tree)) == []
    edit(notes, "  - source: test-report\n    locator: p. 3", "  - source: test-source\n    locator: p. 3")
    refused(tree, r"note 'kfor' quotes source 'test-source', which is not cited in its commentary$")


SUPPORT_KFOR = '  support:\n  - source: test-report\n    locator: p. 3\n    quote: "The NATO-led Kosovo Force."\n'
