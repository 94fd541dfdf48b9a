"""The TEI document (#28): valid against tei_all, its two readings of the essay, its ids and its pointers.

Each book (the edition and the compose stage's fixture) is composed once; the
schema is compiled once per session (about ten seconds).
"""

from __future__ import annotations

import copy
import shutil

import pytest
from helpers import PROJECT, composed, small_project
from lxml import etree

from edition.check.emend import apply_emendations, words
from edition.render.tei import tei_document
from edition.verify.tei import COPY_TEXT, EDITION, TEI, reading, tei_all

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI[1:-1]}


@pytest.fixture(scope="module", params=["edition", "fixture", "second book"])
def book(request, tmp_path_factory):
    if request.param == "second book":  # a speech whose supplied title runs into its first words (two blocks)
        root = tmp_path_factory.mktemp("second")
        shutil.copytree(PROJECT / "tests" / "fixtures" / "berlin-speech" / "manuscript", root / "manuscript")
        shutil.copytree(PROJECT / "templates", root / "templates")
        ed, env = composed(root)
    else:  # composed once for the session (conftest.py)
        ed, env = request.getfixturevalue("edition_composed" if request.param == "edition" else "fixture_composed")
    data = tei_document(ed, env)
    return ed, data, etree.fromstring(data)


def essay_div(doc: etree._Element) -> etree._Element:
    return doc.find(f".//{TEI}div[@type='essay']")


def test_the_document_is_valid_against_tei_all(book):
    _ed, _data, doc = book
    schema = tei_all()
    assert schema.validate(doc), [f"{e.line}: {e.message}" for e in schema.error_log][:5]


def test_the_schema_refuses_what_tei_does_not_allow(book):
    """The validator can fail: a paragraph straight in <text>, and an emendation without its reading."""
    _ed, _data, doc = book
    broken = copy.deepcopy(doc)
    broken.find(f"{TEI}text").insert(0, etree.Element(f"{TEI}p"))
    assert not tei_all().validate(broken)
    broken = copy.deepcopy(doc)
    corr = broken.find(f".//{TEI}choice/{TEI}corr")
    corr.tag = f"{TEI}bogus"
    assert not tei_all().validate(broken)


def test_the_copy_text_comes_back_word_for_word_from_sic_and_orig(book):
    ed, _data, doc = book
    assert words(reading(essay_div(doc), COPY_TEXT)) == words(ed.ms.source_text)


def test_the_essay_comes_back_word_for_word_from_corr_and_reg(book):
    ed, _data, doc = book
    emended = apply_emendations(ed.ms.source_text, ed.ms.emendations)
    essay = " ".join(el.xpath("string()") for el in ed.essay.iter("h1", "p"))
    assert words(reading(essay_div(doc), EDITION)) == words(emended) == words(essay)


def test_every_emendation_is_one_choice_with_the_editors_reading(book):
    """One choice each, or linked parts (next/prev) where its reading runs into the next block; the copy-text's
    reading and the edition's, joined from the parts, are the recorded ones."""
    ed, _data, doc = book
    choices = [c for c in doc.findall(f".//{TEI}choice") if c.get("prev") is None]
    assert [c.get(XML_ID) for c in choices] == [f"em-{i}" for i in range(1, len(ed.ms.emendations) + 1)]
    for choice, em in zip(choices, ed.ms.emendations, strict=True):
        parts = [choice]
        while parts[-1].get("next"):
            parts.append(doc.xpath("//*[@xml:id=$i]", i=parts[-1].get("next")[1:])[0])
        copy_side = "".join(part[0].xpath("string()") for part in parts)
        edition_side = " ".join(reading(part[1], EDITION) for part in parts)  # an index point's term left out
        assert copy_side == em.before and edition_side.split() == em.after.split()
        for part in parts:
            assert part[1].get("resp") == "#editors" and part[1].get("type") == em.kind
            assert (part[0].tag, part[1].tag) == (
                (f"{TEI}orig", f"{TEI}reg") if em.kind == "quotation" else (f"{TEI}sic", f"{TEI}corr")
            )


def test_every_note_entry_and_source_has_the_epubs_id(book):
    ed, _data, doc = book
    ids = set(doc.xpath("//@xml:id"))
    expected = {f"note-{n.number}" for n in ed.glosses} | {f"comm-{n.id}" for n in ed.commentary}
    expected |= {f"chron-{c.id}" for c in ed.chronology} | {f"gloss-{g.id}" for g in ed.glossary}
    expected |= {f"ref-{key}" for key in ed.ms.references}
    assert expected <= ids, sorted(expected - ids)[:5]


def test_every_note_spans_its_passage_and_every_pointer_resolves(book):
    ed, _data, doc = book
    ids = set(doc.xpath("//@xml:id"))
    for note in doc.iter(f"{TEI}note"):
        if note.get("type") in ("gloss", "commentary"):
            start, end = note.get("target"), note.get("targetEnd")
            assert end == f"{start}-end" and {start[1:], end[1:]} <= ids, note.get(XML_ID)
    for attr in doc.xpath("//@target | //@targetEnd | //@corresp"):
        for pointer in attr.split():
            assert not pointer.startswith("#") or pointer[1:] in ids, pointer
    starts = [a.get(XML_ID) for a in essay_div(doc).iter(f"{TEI}anchor") if not a.get(XML_ID).endswith("-end")]
    assert {f"p-{n.id}" for n in ed.notes} <= set(starts)


def test_the_support_quotations_are_carried(book):
    ed, _data, doc = book
    quotes = [q.xpath("string()") for q in doc.iterfind(f".//{TEI}cit[@type='support']/{TEI}quote")]
    expected = [s.quote for n in ed.ms.notes.values() for s in n.support]
    expected += [s.quote for c in ed.ms.chronology for s in c.support]
    assert sorted(quotes) == sorted(expected) and expected


def test_the_glossarys_name_forms_carry_their_languages(book):
    ed, _data, doc = book
    for g in ed.glossary:
        entry = doc.xpath("//*[@xml:id=$i]", i=f"gloss-{g.id}")[0]
        langs = {el.get("{http://www.w3.org/XML/1998/namespace}lang") for el in entry if el.tag.endswith("Name")}
        for tag in g.forms:  # each declared language, its script's tag too when a Cyrillic form follows
            assert tag in langs
        if any(tag.startswith("sr") for tag in g.forms):
            assert langs & {"sr-Latn", "sr-Cyrl"}


def test_two_renderings_give_the_same_bytes(book):
    ed, data, _doc = book
    from edition.compose import environment

    assert tei_document(ed, environment(PROJECT / "templates")) == data


def test_check_tei_names_the_line_of_each_error(book, tmp_path):
    """What --check runs: a document the schema refuses, or one that is not XML, is a finding with its line."""
    from edition.verify.tei import check_tei

    _ed, data, _doc = book
    good, bad, broken = tmp_path / "good.xml", tmp_path / "bad.xml", tmp_path / "broken.xml"
    good.write_bytes(data)
    bad.write_bytes(data.replace(b"<teiHeader>", b"<teiHeader><p>stray</p>", 1))
    broken.write_bytes(data[: len(data) // 2])
    assert check_tei(good).ok
    found = check_tei(bad)
    assert not found.ok and found.problems[0].startswith("line ")
    assert not check_tei(broken).ok and "not well-formed" in check_tei(broken).problems[0]


def test_a_later_heading_and_a_list_in_the_essay_give_valid_tei(tmp_path):
    """Another book's essay: a heading after the first and a list stay inside TEI's blocks, in order."""
    root = small_project(tmp_path)
    with (root / "manuscript" / "source" / "test.txt").open("a", encoding="utf-8") as f:
        f.write("\nA Later Part\n\nfirst point\n\nsecond point, with a typo teh end\n")
    with (root / "manuscript" / "essay.md").open("a", encoding="utf-8") as f:
        f.write("\n## A Later Part\n\n- first point\n- second point, with a typo the end\n")
    with (root / "manuscript" / "emendations.yaml").open("a", encoding="utf-8") as f:
        f.write('  - line: 13\n    from: "teh"\n    to: "the"\n    kind: typo\n    why: A typo.\n')
    ed, env = composed(root)
    doc = etree.fromstring(tei_document(ed, env))
    assert tei_all().validate(doc), [e.message for e in tei_all().error_log][:3]
    essay = essay_div(doc)
    assert words(reading(essay, COPY_TEXT)) == words(ed.ms.source_text)
    assert [p.get("rend") for p in essay.iter(f"{TEI}p")][-3:] == ["h2", "li", "li"]
    assert [s.text for s in essay.iter(f"{TEI}sic")][-1] == "teh"


def test_every_place_the_index_points_to_is_an_index_point_before_its_name(book):
    """The book's index in TEI (#28): each anchor of the index an <index indexName="names"> with the anchor's
    id, its term the entry's heading pointing to the glossary, standing just before the name it found."""
    ed, _data, doc = book
    entries = {anchor: entry for entry in ed.index for anchor, _section, _para in entry.anchors}
    trees = [ed.essay, ed.introduction, *(n.gloss for n in ed.glosses), *(n.commentary for n in ed.commentary)]
    found = {
        span.get("id"): span.xpath("string()")
        for tree in trees
        for span in tree.iter("span")
        if span.get("id") in entries
    }
    points = doc.findall(f".//{TEI}index")
    assert len(points) == len(entries) == len(found) > 0
    glossary = set(doc.xpath("//tei:div[@type='glossary']//@xml:id", namespaces=NS))
    for point in points:
        entry = entries[point.get(XML_ID)]
        (term,) = point
        assert point.get("indexName") == "names"
        assert (term.tag, term.get("ref"), term.text) == (f"{TEI}term", f"#gloss-{entry.id}", entry.name)
        assert term.get("ref")[1:] in glossary
        after = "".join(point.xpath("following::text()[not(ancestor::tei:index)][position() < 6]", namespaces=NS))
        assert after.startswith(found[point.get(XML_ID)]), point.get(XML_ID)


def test_no_id_is_given_twice(book):
    _ed, _data, doc = book
    ids = doc.xpath("//@xml:id")
    assert len(ids) == len(set(ids))


def test_every_source_read_on_a_recorded_day_carries_it(book):
    """CSL `accessed` (#28) as <date type="accessed" when="…"> in the source's bibl; none where none is recorded."""
    ed, _data, doc = book
    for key, ref in ed.ms.references.items():
        dates = doc.xpath(f"//tei:bibl[@xml:id='ref-{key}']/tei:date[@type='accessed']/@when", namespaces=NS)
        parts = ref.csl.get("accessed", {}).get("date-parts", [[]])[0]
        assert dates == (["{:04d}-{:02d}-{:02d}".format(*parts)] if parts else []), key
