"""The cover's text is measured where WeasyPrint laid it: what does not fit its room, its panel, or runs over the
barcode area, is an error naming the field's line in metadata.yaml and how much does not fit."""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpers import FIXED_EPOCH, PROJECT

from edition.compose import environment
from edition.errors import BuildError
from edition.load.manuscript import load_metadata
from edition.load.reader import Reader
from edition.project import Project
from edition.render.cover import compose_cover, compose_front, cover_spec, front_png
from edition.render.cover.fit import check_fit, misfits
from edition.render.weasyprint.weasy import layout

TEMPLATES = PROJECT / "templates"
LONG_TITLE = ("Backbone Needed to Calm Mitrovica Cauldron " * 8)[:300]


@pytest.fixture(scope="module")
def env():
    return environment(TEMPLATES)


@pytest.fixture(scope="module")
def meta():
    return load_metadata(Reader(PROJECT / "manuscript"))


def spread(meta, env, pages: int = 78):
    return layout(compose_cover(meta, env, cover_spec(meta, pages), "2000-02-29T00:00:00Z"), TEMPLATES, [TEMPLATES])


@pytest.mark.parametrize("pages", [78, 300])
def test_the_editions_cover_fits_with_and_without_spine_text(meta, env, pages):
    document = spread(meta, env, pages)
    found = misfits(document)
    assert {(m.field, m.panel) for m in found} >= {("title", "front panel"), ("description", "back panel")}
    assert all(m.holds_words == m.words for m in found), found
    check_fit(document, meta)


def test_a_5000_word_description_is_refused_on_its_line_with_what_the_back_panel_holds(scratch, env):
    path = scratch / "manuscript" / "metadata.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\ndescription:") + 1
    end = text.index("\nsubjects:")
    line = text[:start].count("\n") + 1
    long = " ".join(f"word{i}" for i in range(5000))
    path.write_text(text[:start] + f"description: {long}" + text[end:], encoding="utf-8")
    meta = load_metadata(Reader(scratch / "manuscript"))
    with pytest.raises(BuildError) as caught:
        check_fit(spread(meta, env), meta)
    message = str(caught.value)
    found = re.fullmatch(
        rf"manuscript/metadata.yaml:{line}: description: ([\d,]+) words do not fit the back panel; "
        r"it holds about (\d+)",
        message,
    )
    assert found, message
    over, holds = int(found[1].replace(",", "")), int(found[2])
    assert 100 < holds < 400 and over + holds == 5000


@pytest.mark.parametrize("title", [LONG_TITLE, "X" * 300])
def test_a_300_character_title_is_refused_on_the_spread(meta, env, title):
    long = dataclasses.replace(meta, title=title)
    unit = "words" if " " in title else "characters"
    with pytest.raises(BuildError, match=rf"metadata.yaml:4: title: [\d,]+ {unit} do not fit the (front|back) panel"):
        check_fit(spread(long, env), long)


def test_a_300_character_title_is_refused_for_the_epubs_cover_image(meta, env):
    long = dataclasses.replace(meta, title=LONG_TITLE)
    project = Project.at(PROJECT, FIXED_EPOCH)
    with pytest.raises(BuildError, match=r"metadata.yaml:4: title: \d+ words do not fit the front panel"):
        front_png(compose_front(long, env), project, long)


def test_text_over_the_barcode_area_is_refused(meta, env):
    long = dataclasses.replace(meta, publisher=" ".join(["The Mitrovica Edition"] * 8))
    document = spread(long, env)
    assert [m.holds_words for m in misfits(document) if m.field == "publisher"] == [0]
    with pytest.raises(BuildError, match=r"metadata.yaml:10: publisher: 24 words do not fit the back panel"):
        check_fit(document, long)


def test_a_long_title_on_a_thick_books_spine_is_measured_along_the_spine(meta, env):
    long = dataclasses.replace(meta, title=LONG_TITLE)
    spine = [m for m in misfits(spread(long, env, 300)) if m.panel == "spine"]
    assert len(spine) == 1 and 0 < spine[0].holds_words < spine[0].words
