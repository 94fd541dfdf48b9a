"""Errors inside a YAML block scalar name the exact line: the block's first line plus the offset within it."""

from __future__ import annotations

import re

import pytest

from edition.check import check
from edition.errors import BuildError
from edition.load import load


def note_with(scratch, style: str, lines: list[str]) -> int:
    """Add a note whose commentary is the given lines; return the line of its first line of text."""
    notes = scratch / "manuscript" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    body = "".join(f"    {line}\n" for line in lines)
    notes.write_text(text + f"extra:\n  commentary: {style}\n{body}", encoding="utf-8")
    essay = scratch / "manuscript" / "essay.md"
    essay.write_text(
        essay.read_text(encoding="utf-8").replace(
            "[his next Balkan war]{n=next-war}", "[his next Balkan war]{n=next-war}", 1
        ),
        encoding="utf-8",
    )
    return text.count("\n") + 3


@pytest.mark.parametrize("style", ["|", ">"])
@pytest.mark.parametrize("where", [0, 2, 4])
def test_an_unknown_citation_is_reported_on_its_own_line(scratch, style, where):
    lines = ["First line of the note.", "Second line.", "Third line.", "Fourth line.", "Fifth line."]
    lines[where] = lines[where][:-1] + " [@no-such-source]."
    first = note_with(scratch, style, lines)
    with pytest.raises(BuildError, match=rf"notes.yaml:{first + where}: citation key 'no-such-source'"):
        check(load(scratch))


def test_a_language_tag_that_is_not_bcp_47_is_refused(scratch):
    metadata = scratch / "manuscript" / "metadata.yaml"
    text = metadata.read_text(encoding="utf-8")
    line = text[: text.index("language: en-US")].count("\n") + 1
    metadata.write_text(text.replace("language: en-US", "language: xx-INVALID"), encoding="utf-8")
    with pytest.raises(BuildError, match=rf"metadata.yaml:{line}: language 'xx-INVALID' is not a valid BCP 47 tag"):
        load(scratch)


def test_an_empty_identifier_is_reported_on_its_line(scratch):
    metadata = scratch / "manuscript" / "metadata.yaml"
    text = metadata.read_text(encoding="utf-8")
    line = text[: text.index("identifier:")].count("\n") + 1
    start = text.index("identifier:")
    metadata.write_text(text[:start] + 'identifier: ""' + text[text.index("\n", start) :], encoding="utf-8")
    with pytest.raises(BuildError, match=rf"metadata.yaml:{line}: missing required field 'identifier'"):
        load(scratch)


def test_a_chronology_entry_s_sources_are_cited_from_the_line_that_lists_them(scratch):
    entries = load(scratch).chronology
    text = (scratch / "manuscript" / "chronology.yaml").read_text(encoding="utf-8").split("\n")
    first = entries[0]
    assert first.cited.text == "[" + "; ".join(f"@{key}" for key in first.sources) + "]"
    assert text[first.cited.loc.line - 1].strip() == "sources:"


def test_an_unknown_source_of_a_chronology_entry_names_the_entry(scratch):
    path = scratch / "manuscript" / "chronology.yaml"
    source = load(scratch).chronology[0].sources[0]  # the first entry's first source, whichever book it is
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"^(\s*)- {re.escape(source)}$", r"\1- no-such-source", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=r"chronology.yaml:\d+: source 'no-such-source' of chronology entry"):
        check(load(scratch))
