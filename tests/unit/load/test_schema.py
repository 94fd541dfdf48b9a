"""metadata.yaml against its schema: no key is ignored, and the reference in docs/ is the schema's own."""

from __future__ import annotations

import re

import pytest
from helpers import META, PROJECT, SLUG, TITLE, edit

from edition.errors import BuildError
from edition.load.manuscript import load_metadata
from edition.load.reader import Reader
from edition.load.schema import METADATA, Key
from edition.load.schema_doc import COMMAND, reference


def _metadata(root):
    return load_metadata(Reader(root / "manuscript"))


# The original's date line and first subject of the manuscript under test, whichever book it is.
DATE = META["original"]["date"]
SUBJECT = META["subjects"][0]


def _insert(scratch, after: str, line: str) -> int:
    """Put a line after the first line that is `after`; return its line number."""
    path = scratch / "manuscript" / "metadata.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(after) + 1
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def _replace(scratch, old: str, new: str) -> int:
    path = scratch / "manuscript" / "metadata.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(old)
    lines[at] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def test_the_reference_in_docs_is_what_the_schema_writes():
    written = (PROJECT / "docs" / "metadata.md").read_text(encoding="utf-8")
    assert written == reference(), f"docs/metadata.md is not the schema's reference: write it anew with {COMMAND}"


def test_the_reference_names_every_key_of_the_schema():
    def names(key: Key, path: str):
        for child in key.keys or ((key.each,) if key.each else ()):
            name = f"{path}.{child.name}" if path else child.name
            yield name
            yield from names(child, name)

    documented = set(re.findall(r"^\| `([^`]+)` \|", reference(), re.M))
    assert documented == set(names(METADATA, "")) and "print.isbn" in documented


def test_the_manuscripts_metadata_passes_with_the_line_of_each_field():
    meta = _metadata(PROJECT)
    assert meta.title == TITLE
    assert meta.lines["title"] == 4 and meta.lines["description"] > meta.lines["title"]


@pytest.mark.parametrize(
    ("after", "line", "expected"),
    [
        ("  paper: white", "  ibsn: 978-0-306-40615-7", "ibsn: unknown key in 'print'; did you mean isbn?"),
        ("  paper: white", "  trim: 100 x 100 in", "trim: unknown key in 'print'"),
        ("  paper: white", "  trim: 0", "trim: unknown key in 'print'"),
        (f"slug: {SLUG}", "descripton: A book.", "descripton: unknown key; did you mean description?"),
        (f'  date: "{DATE}"', "  page: 7", "page: unknown key in 'original' (known: kind, label, "),
        ("    spine_text_pages: 79", "    spine_txt_pages: 80", "in 'papers.kdp'; did you mean spine_text_pages?"),
    ],
)
def test_an_unknown_key_is_refused_on_its_line_with_the_nearest_name(scratch, after, line, expected):
    number = _insert(scratch, after, line)
    with pytest.raises(BuildError) as caught:
        _metadata(scratch)
    assert str(caught.value).startswith(f"manuscript/metadata.yaml:{number}: "), caught.value
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    spine_text_pages: 79", "    spine_text_pages: many", r"kdp.spine_text_pages: 'many' is not a whole"),
        ("    spine_text_pages: 79", "    spine_text_pages: 0", r"spine_text_pages: 0 is out of range: at least 1"),
        ("      white: 0.002252", "      white: 5", r"papers.kdp.stocks.white: 5 is out of range: more than 0 and"),
        ("      white: 0.002252", "      white: thin", r"stocks.white: 'thin' is not a number of inches"),
        (f"title: {TITLE}", "title: [a, b]", r"title: must be a string"),
        (f"title: {TITLE}", "title: yes", r"title: must be a string"),
        (f'  date: "{DATE}"', f'  date: "{DATE[:4]}-02-31"', rf"original.date: .*February {DATE[:4]} has 2[89] days"),
    ],
)
def test_a_value_of_the_wrong_kind_or_out_of_range_is_refused_on_its_line(scratch, old, new, expected):
    number = _replace(scratch, old, new)
    with pytest.raises(BuildError) as caught:
        _metadata(scratch)
    assert str(caught.value).startswith(f"manuscript/metadata.yaml:{number}: "), caught.value
    assert re.search(expected, str(caught.value)), caught.value


def test_a_missing_required_key_of_a_section_is_named(scratch):
    _replace(scratch, "  paper: white", "")
    with pytest.raises(BuildError, match=r"metadata.yaml:\d+: missing required field 'paper' in 'print'"):
        _metadata(scratch)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("print:\n  printer: kdp\n  paper: white\n", "print: kdp\n", "print: must be a mapping of the keys below it"),
        (f"subjects:\n  - {SUBJECT}\n", f"subjects: {SUBJECT}\n", "subjects: must be a list of strings"),
    ],
)
def test_a_section_or_list_given_as_text_is_refused(scratch, old, new, expected):
    edit(scratch / "manuscript" / "metadata.yaml", old, new)
    with pytest.raises(BuildError, match=rf"metadata.yaml:\d+: {expected}"):
        _metadata(scratch)
