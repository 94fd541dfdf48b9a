"""A text of any kind, in any languages: what original.kind, its label, the glossary's forms, reprint.file
and the copy-text's title mean to the loader and the checks (issue 24). Loads the compose stage's small
fixture manuscript, not the edition's, so that each case takes a second."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import PROJECT, edit

from edition.check.manuscript import check_title
from edition.check.typography import check_typography
from edition.errors import BuildError
from edition.load import load
from edition.markup.language_names import joined, language_name

FIXTURE = PROJECT / "tests" / "unit" / "compose" / "fixture"


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURE / "manuscript", tmp_path / "manuscript")
    return tmp_path


def _metadata(project: Path) -> Path:
    return project / "manuscript" / "metadata.yaml"


def test_an_essay_by_default_is_labelled_essay(project):
    meta = load(project).metadata
    assert (meta.kind, meta.label) == ("essay", "Essay")


def test_a_speech_needs_no_periodical_and_may_give_a_venue_an_occasion_and_a_delivery_date(project):
    edit(
        _metadata(project),
        "  periodical: The Test Times\n",
        "  kind: speech\n  venue: The Town Hall\n  occasion: The opening of the bridge\n  delivered: '2000-01-30'\n",
    )
    meta = load(project).metadata
    assert (meta.kind, meta.label, meta.original_periodical) == ("speech", "Speech", "")
    assert (meta.original_venue, meta.original_occasion, meta.delivered_human) == (
        "The Town Hall",
        "The opening of the bridge",
        "30 January 2000",
    )


def test_a_label_overrides_the_kinds_own(project):
    edit(_metadata(project), "  periodical: The Test Times\n", "  kind: speech\n  label: Address\n")
    assert load(project).metadata.label == "Address"


def test_a_kind_that_is_not_one_of_the_four_is_refused_at_its_line(project):
    edit(_metadata(project), "  periodical: The Test Times\n", "  kind: poem\n")
    with pytest.raises(BuildError) as caught:
        load(project)
    assert re.match(
        r"manuscript/metadata\.yaml:11: original\.kind: 'poem' is not one of essay, speech", str(caught.value)
    )


def test_reprint_file_is_read_and_must_name_the_source_emendations_yaml_reads(project):
    edit(_metadata(project), "  file: source/test.txt", "  file: source/other.txt")
    with pytest.raises(BuildError) as caught:
        load(project)
    assert str(caught.value).startswith("manuscript/metadata.yaml:16: reprint.file is 'source/other.txt'")


def test_a_straight_quote_in_the_metadata_is_named_at_its_own_line_not_line_1(project):
    edit(_metadata(project), "  title: A Small Test Essay", "  title: A Small 'Test' Essay")
    ms = load(project)
    with pytest.raises(BuildError) as caught:
        check_typography(ms)
    assert str(caught.value).startswith("manuscript/metadata.yaml:10: the metadata's original_title")


def test_a_copy_text_without_its_title_heading_is_refused_with_the_rule(project):
    edit(project / "manuscript" / "essay.md", "# A Small Test Essay\n\n", "")
    ms = load(project)
    with pytest.raises(BuildError) as caught:
        check_title(ms)
    message = str(caught.value)
    assert message.startswith("manuscript/essay.md:1: the copy-text must begin with its title")
    assert "`# Title`" in message and "docs/manuscript.md" in message


def test_the_glossary_forms_are_any_bcp47_languages_and_named_from_their_tags(project):
    ms = load(project)
    forms = [g.forms for g in ms.glossary.values() if g.forms]
    assert forms and all(isinstance(tag, str) for f in forms for tag in f)
    assert [language_name(tag) for tag in ("sq", "sr-Latn", "de", "la")] == ["Albanian", "Serbian", "German", "Latin"]
    assert joined(["Albanian"]) == "Albanian"
    assert joined(["German", "French", "Latin"]) == "German, French and Latin"


def test_a_glossary_form_whose_tag_is_not_bcp47_is_refused_at_its_line(project):
    path = project / "manuscript" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    tag = next(iter(next(g["forms"] for g in yaml.safe_load(text).values() if g.get("forms"))))
    edit(path, f"    {tag}:", "    not_a_tag:")
    line = (
        path.read_text(encoding="utf-8")
        .split("\n")
        .index(next(s for s in path.read_text(encoding="utf-8").split("\n") if s.startswith("    not_a_tag:")))
        + 1
    )
    with pytest.raises(BuildError) as caught:
        load(project)
    assert str(caught.value).startswith(f"manuscript/glossary.yaml:{line}: forms: 'not_a_tag' is not a BCP 47")


@pytest.mark.this_edition  # another book's words may be the engine's own (a language name in an example)
def test_nothing_in_the_engine_names_this_edition():
    """The engine (edition/, templates/) holds no word of the book it builds: not its title, its author, the
    places its glossary names, nor the languages of their forms."""
    ms_dir = PROJECT / "manuscript"
    meta = yaml.safe_load((ms_dir / "metadata.yaml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((ms_dir / "glossary.yaml").read_text(encoding="utf-8"))
    words = {meta["title"], meta["author"], meta["author"].split()[-1], meta["slug"]}
    words |= {g["name"] for g in glossary.values() if g["kind"] == "place"}
    words |= {language_name(tag) for g in glossary.values() for tag in g.get("forms", {})}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words)), re.IGNORECASE)
    found = []
    for folder in ("edition", "templates"):
        for path in sorted((PROJECT / folder).rglob("*")):
            if path.suffix in (".py", ".j2", ".css", ".conf") and path.is_file():
                for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
                    if pattern.search(line):
                        found.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()[:80]}")
    assert not found, "\n".join(found)
