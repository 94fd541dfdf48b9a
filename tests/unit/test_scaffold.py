"""`build.py new FOLDER` writes a minimal valid project, refuses a folder that holds anything, and says what to
edit first (issue 24). The project loads and passes every check with no warning (--strict) here, in-process.
tests/integration/test_second_book.py builds a scaffold's web edition from the command line with --check --strict
(a full build, with Chromium for axe-core: moved there from this unit suite), and all of a scaffold's outputs
with every validator."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from helpers import FIXED_EPOCH, PROJECT

from edition.check import check_project
from edition.errors import BuildError
from edition.load import load
from edition.project import Project
from edition.scaffold import new_project, slug_for


def _new(folder) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "new", str(folder)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scaffold") / "My Edition"
    result = _new(folder)
    assert result.returncode == 0, result.stderr
    return folder, result.stdout


def test_the_scaffold_writes_a_project_and_says_what_to_edit_first(scaffold):
    folder, said = scaffold
    for name in ("essay.md", "notes.yaml", "chronology.yaml", "glossary.yaml", "bibliography.yaml", "words.txt"):
        assert (folder / "manuscript" / name).is_file()
    assert (folder / "manuscript" / "words.txt").read_text(encoding="utf-8") == ""
    assert (folder / "Makefile").is_file() and (folder / "README.md").is_file() and (folder / "templates").is_dir()
    assert "edit first: manuscript/metadata.yaml" in said and "docs/manuscript.md" in said
    meta = yaml.safe_load((folder / "manuscript" / "metadata.yaml").read_text(encoding="utf-8"))
    assert meta["slug"] == "my-edition" == slug_for(folder)
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", meta["identifier"]
    )
    assert meta["identifier"] in said


def test_each_scaffold_has_a_fresh_identifier(tmp_path):
    new_project(tmp_path / "a", PROJECT)
    new_project(tmp_path / "b", PROJECT)
    ids = {yaml.safe_load((tmp_path / n / "manuscript" / "metadata.yaml").read_text())["identifier"] for n in "ab"}
    assert len(ids) == 2


def test_the_scaffold_loads_and_passes_every_check_without_a_warning(scaffold):
    folder, _said = scaffold
    project = Project.at(folder, FIXED_EPOCH)
    ms = load(folder)
    assert ms.essay.blocks[0]["t"] == "Header"  # the copy-text's title rule, kept by the scaffold
    assert check_project(project, ms) == []


def test_an_existing_folder_that_holds_anything_is_refused_and_left_as_it_was(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = _new(folder)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"{folder}: exists and is not an empty folder")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(BuildError):
        new_project(tmp_path / "taken", PROJECT)
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    assert _new(file).returncode == 1 and file.read_text(encoding="utf-8") == "x"


def test_an_empty_folder_is_taken(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert _new(folder).returncode == 0
    assert (folder / "manuscript" / "metadata.yaml").is_file()
