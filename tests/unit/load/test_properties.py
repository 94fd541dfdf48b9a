"""Generated input: the loader and the emendation logic either succeed or fail with BuildError."""

import shutil
import string
from pathlib import Path

import pytest
from helpers import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.check.emend import apply_emendations, first_difference, words
from edition.errors import BuildError
from edition.load import load
from edition.model import Emendation, Loc
from edition.support import memo

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
LINES = st.lists(st.text(alphabet=string.ascii_letters + " .,'\"", max_size=40), min_size=1, max_size=8)


@st.composite
def source_and_emendations(draw):
    lines = draw(LINES)
    emendations = []
    for _ in range(draw(st.integers(0, 4))):
        number = draw(st.integers(1, len(lines) + 1))
        line = lines[number - 1] if number <= len(lines) else ""
        if line and draw(st.booleans()):
            start = draw(st.integers(0, len(line) - 1))
            before = line[start : draw(st.integers(start + 1, len(line)))]
        else:
            before = draw(st.text(alphabet=string.ascii_letters + " ''", min_size=1, max_size=5))
        after = draw(st.text(alphabet=string.ascii_letters + ' "', max_size=5))
        emendations.append(Emendation(number, before, after, "typo", "why", Loc("emendations.yaml", 1)))
    return "\n".join(lines), emendations


@given(source_and_emendations())
def test_emendations_apply_or_fail_with_a_located_error(case):
    source, emendations = case
    try:
        result = apply_emendations(source, emendations, "source.txt")
    except BuildError as exc:
        assert str(exc).startswith("emendations.yaml:1: emendation ")
        return
    assert result.count("\n") == source.count("\n")  # line numbers never shift


@given(st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=6), max_size=30), st.data())
def test_first_difference_is_exact(tokens, data):
    assert first_difference(tokens, list(tokens)) is None
    if tokens:
        i = data.draw(st.integers(0, len(tokens) - 1))
        changed = list(tokens)
        changed[i] = changed[i] + "x"
        assert first_difference(tokens, changed).index == i


@given(TEXT)
def test_words_never_fail(text):
    assert all(w.strip() for w in words(text))


def _project(tmp: Path) -> Path:
    if not (tmp / "manuscript").exists():
        shutil.copytree(PROJECT / "manuscript", tmp / "manuscript")
    return tmp


FILES = [
    "notes.yaml",
    "chronology.yaml",
    "glossary.yaml",
    "metadata.yaml",
    "emendations.yaml",
    "bibliography.yaml",
    "essay.md",
    "introduction.md",
]


@pytest.fixture(scope="module")
def recalling():
    """The watch memo on (support/memo.py), as under --watch: pandoc is asked only for the fragments an example
    changed (and those they may link to), not the whole manuscript 40 times; the rest is recalled, as a
    watching build recalls it, so each example still loads, checks and locates its error as a build does."""
    memo.enable()
    yield
    memo.enable(False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), junk=TEXT, position=st.floats(0, 1))
def test_loader_loads_or_fails_with_a_located_error(tmp_path, recalling, name, junk, position):
    memo.new_build()
    project = _project(tmp_path)
    path = project / "manuscript" / name
    original = (PROJECT / "manuscript" / name).read_text(encoding="utf-8")
    cut = int(len(original) * position)
    path.write_text(original[:cut] + junk + original[cut:], encoding="utf-8")
    try:
        load(project)
    except BuildError as exc:
        assert str(exc).startswith("manuscript/"), str(exc)
    finally:
        path.write_text(original, encoding="utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=64))
def test_loader_survives_arbitrary_bytes(tmp_path, data):
    project = _project(tmp_path)
    path = project / "manuscript" / "notes.yaml"
    original = (PROJECT / "manuscript" / "notes.yaml").read_bytes()
    path.write_bytes(original + data)
    try:
        load(project)
    except BuildError as exc:
        assert str(exc).startswith("manuscript/notes.yaml"), str(exc)
    finally:
        path.write_bytes(original)
