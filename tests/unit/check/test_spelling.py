"""The apparatus's spell check: en_US and the project's word list; the essay and quotations are not checked."""

from __future__ import annotations

import shutil

import pytest
from helpers import PROJECT, edit

from edition.check.spelling import check_spelling, dictionary_path, words_of
from edition.errors import ToolMissing
from edition.load import load

FIXTURE = PROJECT / "tests" / "unit" / "compose" / "fixture" / "manuscript"


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "manuscript")
    return tmp_path


def warnings_of(root, cache, ms=None):
    """The spell check's warnings on the project at root (or on ms, a manuscript already loaded)."""
    found = []
    check_spelling(ms or load(root), cache, found)
    return [str(w) for w in found]


def test_the_fixture_spells_clean(tree, tmp_path):
    assert warnings_of(tree, tmp_path / "cache") == []


def test_an_unknown_word_is_a_warning_with_its_line(tree, tmp_path):
    edit(tree / "manuscript" / "notes.yaml", "NATO-led Kosovo Force", "NATO-led Kosovo Force, in its armoured cars,")
    edit(tree / "manuscript" / "chronology.yaml", "NATO troops entered", "NATO troops enterred")
    assert warnings_of(tree, tmp_path / "cache") == [
        "manuscript/notes.yaml:13: unknown word 'armoured': not in the en_US dictionary or manuscript/words.txt",
        "manuscript/chronology.yaml:5: unknown word 'enterred': not in the en_US dictionary or manuscript/words.txt",
    ]


def test_the_word_list_the_essay_quotations_and_citations_are_not_checked(tree, tmp_path):
    edit(tree / "manuscript" / "notes.yaml", "The UN mission", 'The "armoured" UN mission, said Zzyzx [@test-report]')
    edit(tree / "manuscript" / "essay.md", "He said", "He said")  # the essay is the author's: never checked
    (tree / "manuscript" / "words.txt").write_text("Ibar\nKFOR\nMitrovica\nMitrovicë\nZzyzx\n", encoding="utf-8")
    assert warnings_of(tree, tmp_path / "cache") == []


def test_answers_are_remembered(tree, tmp_path):
    warnings_of(tree, tmp_path / "cache")
    assert (tmp_path / "cache" / "spelling.json").is_file()


def test_words_leave_out_numbers_possessives_and_other_scripts(tree):
    ms = load(tree)
    note = ms.notes["unmik"].gloss
    note.ast = (
        '[{"t":"Para","c":[{"t":"Str","c":"Kosovo’s"},{"t":"Space"},{"t":"Str","c":"2nd"},{"t":"Space"},'
        '{"t":"Str","c":"Митровица"},{"t":"Space"},{"t":"Str","c":"well-known"}]}]'
    )
    assert words_of(note) == ["Kosovo", "well", "known"]


def test_a_missing_dictionary_names_its_package():
    with pytest.raises(ToolMissing, match="apt-get install hunspell-xx-yy"):
        dictionary_path("xx-YY")


def test_the_apparatus_spells_clean(project, tmp_path, edition_manuscript):
    """hunspell's en_US dictionary and manuscript/words.txt know every word of the notes, chronology and glossary."""
    assert warnings_of(project, tmp_path / "cache", edition_manuscript) == []


def test_a_dictionary_still_to_load_is_asked_aside_with_the_same_answers(tree, tmp_path):
    """While the build composes, a forked copy loads the dictionary; it finds what the build itself would."""
    from edition.check import spelling

    edit(tree / "manuscript" / "chronology.yaml", "NATO troops entered", "NATO troops enterred")
    spelling._dictionary.cache_clear()
    begun = spelling.spell_check(load(tree), tmp_path / "aside", aside=True)
    assert begun.aside is not None and spelling._dictionary.cache_info().currsize == 0
    found = [str(w) for w in begun.wait()]
    assert found == warnings_of(tree, tmp_path / "here") and "'enterred'" in found[0]
    assert (tmp_path / "aside" / "spelling.json").is_file()  # the copy kept its answers for the next build
    spelling._dictionary.cache_clear()
    again = spelling.spell_check(load(tree), tmp_path / "aside", aside=True)
    assert again.aside is None and [str(w) for w in again.wait()] == found  # answered from that record
