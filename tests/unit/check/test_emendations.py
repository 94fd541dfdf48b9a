"""The essay is the text as received with exactly the recorded emendations, word for word."""

import pytest

from edition.check.emend import apply_emendations, first_difference, words
from edition.errors import BuildError
from edition.load import load
from edition.markup.pandoc_ast import plain_text
from edition.model import Emendation, Loc


def _em(line, before, after):
    return Emendation(line, before, after, "spacing", "test", Loc("emendations.yaml", 7))


def test_apply_replaces_on_the_named_line():
    assert apply_emendations("a b\nc  d\n", [_em(2, "c  d", "c d")]) == "a b\nc d\n"


def test_apply_refuses_a_reading_not_on_its_line():
    with pytest.raises(BuildError) as err:
        apply_emendations("a b\nc d\n", [_em(1, "c d", "x")], "source.txt")
    assert str(err.value) == (
        "emendations.yaml:7: emendation does not match the source text: 'c d' is not on line 1 of source.txt"
        " (see docs/manuscript.md#emendationsyaml)"
    )


def test_apply_refuses_an_ambiguous_reading():
    with pytest.raises(BuildError, match="occurs 2 times"):
        apply_emendations("to to\n", [_em(1, "to", "two")])


def test_first_difference_finds_a_changed_word():
    diff = first_difference(["a", "b", "c"], ["a", "x", "c"])
    assert (diff.index, diff.expected, diff.found) == (1, "b", "x")
    assert first_difference(["a"], ["a"]) is None
    assert first_difference(["a"], ["a", "b"]).found == "b"


def _emended_source(ms):
    return words(apply_emendations(ms.source_text, ms.emendations, ms.source_path))


@pytest.mark.this_edition
def test_source_is_kept_byte_for_byte(project):
    seed = project.parent / "shared" / "seed" / "000_019317d5b3a7cc5c.txt"
    kept = project / "manuscript" / "source" / "000_019317d5b3a7cc5c.txt"
    if seed.exists():  # beside the repository on the project's machines
        assert kept.read_bytes() == seed.read_bytes()
    assert kept.read_bytes().startswith(b"Get the latest updates")


def test_manuscript_equals_source_with_emendations(edition_manuscript):
    ms = edition_manuscript
    expected = _emended_source(ms)
    assert first_difference(expected, words(plain_text(ms.essay.blocks))) is None


@pytest.mark.this_edition
def test_any_unrecorded_change_fails(scratch):
    from helpers import edit

    from edition.check.manuscript import check_copy_text

    edit(scratch / "manuscript" / "essay.md", "centuries-old hatreds", "centuries-old hatred")
    ms = load(scratch)
    with pytest.raises(BuildError) as err:
        check_copy_text(ms)
    assert "'hatreds.', the essay 'hatred.'" in str(err.value)
    assert str(err.value).startswith("manuscript/essay.md:5:")


def test_every_emendation_has_a_reason(edition_manuscript):
    assert all(em.why.strip() for em in edition_manuscript.emendations)


@pytest.mark.this_edition
def test_this_editions_emendations_are_of_every_kind_its_text_needed(edition_manuscript):
    kinds = {em.kind for em in edition_manuscript.emendations}
    assert {"chrome", "quotation", "spacing", "word-division"} <= kinds
