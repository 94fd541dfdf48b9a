"""The check stage alone, and the editorial apparatus it guards."""

import re

import pytest
from helpers import edit

from edition.check.manuscript import check, check_chronology, check_xrefs, passages
from edition.errors import BuildError
from edition.load import load
from edition.markup.pandoc_ast import plain_text


@pytest.fixture(scope="module")
def ms(edition_manuscript):
    return edition_manuscript


def test_the_manuscript_checks_clean(ms):
    assert [str(w) for w in check(ms)] == []


def test_every_reference_resolves(ms):
    known = passages(ms)
    assert set(ms.essay.note_calls) == set(ms.notes)
    for frag in ms.fragments():
        assert set(frag.citations) <= set(ms.references), frag.key
    for entry in ms.chronology:
        assert set(entry.passages) <= set(known)
        assert set(entry.sources) <= set(ms.references)
    for gloss in ms.glossary.values():
        assert set(gloss.sources) <= set(ms.references)
    check_xrefs(ms, known)


def test_every_note_and_entry_cites_a_source(ms):
    assert all(any(part.citations for part in note.parts) for note in ms.notes.values())
    assert all(entry.sources for entry in ms.chronology)
    assert all(gloss.sources for gloss in ms.glossary.values())


def test_chronology_is_dated_and_sorted(ms):
    keys = [e.date.sort_key() for e in ms.chronology]
    assert keys == sorted(keys)


@pytest.mark.this_edition
def test_chronology_spans_the_period(ms):
    assert len(ms.chronology) >= 30
    assert ms.chronology[0].date.start.year <= 1989
    assert ms.chronology[-1].date.start.year >= 2010
    february_2000 = [e for e in ms.chronology if (e.date.start.year, e.date.start.month) == (2000, 2)]
    assert len(february_2000) >= 8


@pytest.mark.this_edition
def test_apparatus_has_the_promised_size(ms):
    assert 35 <= len(ms.notes) <= 50
    glosses = [n.gloss for n in ms.notes.values() if n.gloss is not None]
    for gloss in glosses:
        assert len(plain_text(gloss.blocks, citations=False).split()) <= 40, gloss.key
        assert len(set(gloss.citations)) <= 1, gloss.key
    assert sum(len(plain_text(g.blocks, citations=False).split()) for g in glosses) <= 900
    commentary = [n.commentary for n in ms.notes.values() if n.commentary is not None]
    assert len(commentary) >= len(ms.notes) // 2
    intro = len(plain_text(ms.introduction.blocks).split())
    assert 600 <= intro <= 1300
    assert len(ms.references) >= 15
    for ref in ms.references.values():
        assert ref.csl.get("title") and (ref.csl.get("issued") or ref.csl.get("URL")), ref.id


@pytest.mark.this_edition
def test_glossary_covers_the_names_in_the_essay(ms):
    names = {form for g in ms.glossary.values() for form in g.essay_forms}
    for name in (
        "Mitrovica",
        "Trepca",
        "Zvecan",
        "Milosevic",
        "Reinhardt",
        "Thaci",
        "Pristina",
        "Merdare",
        "Montenegro",
        "KFOR",
        "NATO",
        "Ibar",
    ):
        assert any(name in form for form in names), name
    proper = {g.name for g in ms.glossary.values()}
    assert {"Trepča", "Zvečan", "Hashim Thaçi", "Slobodan Milošević"} <= proper


def test_out_of_order_chronology_is_refused(scratch):
    text = (scratch / "manuscript" / "chronology.yaml").read_text()
    first = text.index("- id:")
    second = text.index("- id:", first + 1)
    third = text.index("- id:", second + 1)
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]
    (scratch / "manuscript" / "chronology.yaml").write_text(swapped)
    ms = load(scratch)
    with pytest.raises(BuildError, match="is out of order"):
        check_chronology(ms, passages(ms))


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("#note:nowhere", r"notes.yaml:\d+: link #note:nowhere points to nothing"),
        ("#ibar", "must name a note:, chron:, gloss: or passage: target"),
    ],
    ids=["dangling", "unprefixed"],
)
def test_a_bad_cross_reference_is_refused(scratch, link, message):
    # The link goes at the head of the first commentary, whichever book the manuscript is.
    edit(scratch / "manuscript" / "notes.yaml", "  commentary: |\n", f"  commentary: |\n    See [there]({link}).\n")
    ms = load(scratch)
    with pytest.raises(BuildError, match=message):
        check_xrefs(ms, passages(ms))


def test_note_called_twice_is_refused(scratch):
    essay = scratch / "manuscript" / "essay.md"
    first, second = re.findall(r"\{n=([\w-]+)\}", essay.read_text(encoding="utf-8"))[:2]
    edit(essay, f"{{n={second}}}", f"{{n={first}}}")
    with pytest.raises(BuildError, match=f"note '{first}' is referenced more than once"):
        check(load(scratch))


def test_glossary_form_missing_from_essay_is_refused(scratch):
    path = scratch / "manuscript" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    # The first entry whose essay form is written plainly, whichever book the manuscript is.
    plain = [(key, g.essay_forms[0]) for key, g in load(scratch).glossary.items() if g.essay_forms]
    key, form = next((key, form) for key, form in plain if f"essay:\n  - {form}\n" in text)
    edit(path, f"essay:\n  - {form}\n", f"essay:\n  - {form}qx\n")
    with pytest.raises(BuildError, match=rf"glossary entry '{key}': '{re.escape(form)}qx' does not occur in the essay"):
        check(load(scratch))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("chronology.yaml", "Trepča miners’ hunger", "Trepča miners' hunger", r"chronology.yaml:\d+: the title of"),
        ("glossary.yaml", "name: Trepča", "name: Trepča 'the mine'", r"glossary.yaml:\d+: the name of glossary entry"),
        ("metadata.yaml", "Susan Blaustein’s February", "Susan Blaustein's February", "the metadata's description"),
        ("metadata.yaml", "as “Once Again,", 'as "Once Again,', "the metadata's original_statement"),
    ],
)
@pytest.mark.this_edition
def test_a_straight_quote_in_a_plain_text_field_is_refused(scratch, file, old, new, message):
    edit(scratch / "manuscript" / file, old, new)
    with pytest.raises(BuildError, match=message + ".* has a straight quote"):
        check(load(scratch))
