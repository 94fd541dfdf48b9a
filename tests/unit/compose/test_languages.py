"""Names in other languages are marked with their language, as the glossary's `forms` give them."""

from types import SimpleNamespace

from helpers import PROJECT
from lxml import etree

from edition.compose import environment
from edition.compose.languages import foreign_forms, mark_languages
from edition.compose.marks import Marks
from edition.markup.html import parse_fragment


def _ms(**entries):
    glossary = {
        key: SimpleNamespace(
            name=name, essay_forms=[name], forms={tag: form for tag, form in (("sq", sq), ("sr-Latn", sr)) if form}
        )
        for key, (name, sq, sr) in entries.items()
    }
    return SimpleNamespace(glossary=glossary)


def test_each_form_is_marked_with_its_language_and_english_names_are_not():
    ms = _ms(
        mitrovica=("Mitrovica", "Mitrovicë", "Kosovska Mitrovica"),
        trepca=("Trepča", "Trepça", "Trepča (Трепча)"),
        thaci=("Hashim Thaçi", "Hashim Thaçi", None),
    )
    foreign = foreign_forms(ms)
    assert foreign[1] == {"Mitrovicë": "sq", "Kosovska Mitrovica": "sr-Latn", "Trepça": "sq", "Трепча": "sr-Cyrl"}
    tree = parse_fragment(
        "<p>Mitrovica (Mitrovicë; Kosovska Mitrovica), Trepča (Трепча), Hashim Thaçi, "
        '<a href="#x">Trepça</a> and Trepça.</p>'
    )
    mark_languages(tree, foreign, Marks(environment(PROJECT / "templates"), "partials/marks.j2"))
    marked = [(el.text, el.get("lang")) for el in tree.iter("span")]
    assert marked == [("Mitrovicë", "sq"), ("Kosovska Mitrovica", "sr-Latn"), ("Трепча", "sr-Cyrl"), ("Trepça", "sq")]
    assert etree.tostring(tree, encoding="unicode").count('xml:lang="') == 4


def test_no_glossary_no_marks():
    assert foreign_forms(_ms()) is None
