"""The EPUB's dc:source names the text as first printed or spoken: its periodical, or a speech's venue, when
there is one, then its date and its title; a text with neither opens on its date, not on a stray comma."""

from __future__ import annotations

import re
import shutil

import pytest
from helpers import PROJECT, composed

FIXTURE = PROJECT / "tests" / "fixtures" / "berlin-speech" / "manuscript"


def _source(root) -> str:
    ed, env = composed(root)
    context = {
        "ed": ed,
        "meta": ed.meta,
        "docs": [],
        "page_list": [],
        "original_date_human": ed.meta.original_span.human(),
    }
    opf = env.get_template("epub/package.opf.j2").render(**context)
    return re.search(r"<dc:source>(.*)</dc:source>", opf).group(1)


@pytest.fixture
def speech(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "manuscript")
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    return tmp_path


def test_a_speech_is_named_by_its_venue(speech):
    assert _source(speech) == "Rudolph-Wilde-Platz, West Berlin, 26 June 1963: “Ich bin ein Berliner”"


def test_a_text_with_neither_periodical_nor_venue_opens_on_its_date(speech):
    path = speech / "manuscript" / "metadata.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  venue: Rudolph-Wilde-Platz, West Berlin\n", ""))
    assert _source(speech) == "26 June 1963: “Ich bin ein Berliner”"
