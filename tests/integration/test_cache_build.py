"""Rebuild exactly what changed, in real builds: an up-to-date build does nothing, a changed input rebuilds."""

import shutil

import pytest
from helpers import FIXED_EPOCH, PROJECT, edit

from edition.outputs import DEFAULT_TARGETS
from edition.pipeline import build
from edition.project import Project


@pytest.fixture
def tree(scratch):
    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    return Project.at(scratch, FIXED_EPOCH)


def test_up_to_date_build_does_nothing(built, project):
    """The session's build, asked again with nothing changed, answers at once and writes nothing."""
    dist = built["dist"]
    stamps = {p.name: p.stat().st_mtime_ns for p in dist.iterdir()}
    lines = []
    result = build(Project.at(project, FIXED_EPOCH), check=True, dist=dist, log=lines.append)
    assert lines == ["everything is up to date"]
    assert {p.name: p.stat().st_mtime_ns for p in dist.iterdir()} == stamps
    assert [o.target for o in result.outputs] == list(DEFAULT_TARGETS)


def test_changed_epub_stylesheet_rebuilds_only_the_epub(tree, tmp_path):
    dist = tmp_path / "dist"
    build(tree, ("epub",), dist=dist, log=lambda _l: None)
    edit(tree.root / "templates" / "css" / "epub.css", "h2 {", "h2 { color: #111;")
    lines = []
    result = build(tree, ("epub",), dist=dist, log=lines.append)
    assert [o.target for o in result.outputs] == ["epub"]
    assert any(line.startswith("render epub") for line in lines)
    again = []
    build(tree, ("epub",), dist=dist, log=again.append)
    assert again == ["everything is up to date"]


def test_output_changed_in_dist_is_rebuilt(tree, tmp_path):
    dist = tmp_path / "dist"
    build(tree, ("epub",), dist=dist, log=lambda _l: None)
    (dist / "blaustein-mitrovica.epub").write_bytes(b"tampered")
    lines = []
    build(tree, ("epub",), dist=dist, log=lines.append)
    assert any(line.startswith("render epub") for line in lines)
