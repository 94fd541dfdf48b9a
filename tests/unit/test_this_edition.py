"""The suite for any book (issue 24): the checks of this edition's own manuscript (marked `this_edition`) run for
this manuscript and are deselected, with a one-line notice naming how many, for another book's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import IDENTIFIER, PROJECT
from this_edition import THIS_EDITION, set_apart

FIXTURE = PROJECT / "tests" / "fixtures" / "berlin-speech" / "manuscript"
FIXTURE_ID = "urn:uuid:3f0c1d52-8a4e-4c39-9a8e-2b6f5d1e7a40"  # the fixture book's


class _Item:
    def __init__(self, name: str, marked: bool):
        self.name, self.marked = name, marked

    def get_closest_marker(self, name: str):
        return object() if self.marked and name == "this_edition" else None


ITEMS = [_Item("engine", False), _Item("copy-text", True), _Item("engine too", False)]


def test_this_editions_manuscript_runs_every_test():
    assert set_apart(ITEMS, THIS_EDITION) == (ITEMS, [])


def test_another_books_manuscript_sets_this_editions_checks_apart_in_order():
    kept, dropped = set_apart(ITEMS, "urn:uuid:00000000-0000-4000-8000-000000000000")
    assert [i.name for i in kept] == ["engine", "engine too"] and [i.name for i in dropped] == ["copy-text"]


@pytest.mark.this_edition
def test_the_suite_knows_this_manuscript_as_this_edition():
    """The one identifier the suite keeps is this manuscript's: nothing is deselected in this repository."""
    assert IDENTIFIER == THIS_EDITION


SAMPLE = """
import pytest

def test_engine():
    pass

@pytest.mark.this_edition
def test_copy_text():
    pass
"""


def _collect(tmp_path: Path, identifier: str, *, args=("--collect-only",)) -> subprocess.CompletedProcess:
    """pytest (--collect-only, or these args) on a project whose metadata (the fixture book's) has this
    identifier, with this suite's conftest and a sample of one engine test and one marked test."""
    (tmp_path / "manuscript").mkdir()
    metadata = (FIXTURE / "metadata.yaml").read_text(encoding="utf-8")
    metadata = re.sub(r"^identifier: .*$", f"identifier: {identifier}", metadata, count=1, flags=re.M)
    (tmp_path / "manuscript" / "metadata.yaml").write_text(metadata, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    for name in ("conftest.py", "helpers.py", "this_edition.py"):
        shutil.copy(PROJECT / "tests" / name, tmp_path / "tests")
    (tmp_path / "tests" / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    for name in ("edition", "templates"):  # the suite finds the project by its tests' own place, not these
        (tmp_path / name).symlink_to(PROJECT / name)
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args, "-q", "-p", "no:cacheprovider", "--strict-markers"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("identifier", "collected", "notice"),
    [
        (THIS_EDITION, "2 tests collected", None),
        (FIXTURE_ID, "1/2 tests collected (1 deselected)", "this_edition: 1 tests of this edition's own manuscript"),
    ],
    ids=["this edition", "another book"],
)
def test_a_run_on_another_books_manuscript_deselects_and_says_so(tmp_path, identifier, collected, notice):
    proc = _collect(tmp_path, identifier)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert collected in proc.stdout, proc.stdout
    assert ("test_copy_text" in proc.stdout) == (notice is None)
    if notice:
        assert proc.stdout.count(notice) == 1, proc.stdout
    else:
        assert "this_edition:" not in proc.stdout


def test_under_xdist_the_controller_says_it_once(tmp_path):
    """make unit runs the suite on two workers (pytest -n 2), which deselect where nobody sees: the controller says
    how many, once."""
    proc = _collect(tmp_path, FIXTURE_ID, args=("-n", "2"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout and "test_copy_text" not in proc.stdout, proc.stdout
    assert proc.stdout.count("this_edition: 1 tests of this edition's own manuscript deselected") == 1, proc.stdout
