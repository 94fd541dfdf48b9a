"""Rebuild exactly what changed: per-target keys, and an up-to-date build that does nothing."""

import pytest
from conftest import PROJECT, edit

from edition import cache
from edition.pipeline import TARGETS, build

OPTIONS = {"check": False, "strict": False}


def keys(project):
    return cache.target_keys(project, TARGETS, OPTIONS, "2000-02-29T00:00:00+00:00")


@pytest.fixture
def tree(scratch):
    import shutil

    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    return scratch


CHANGES = {
    "a note": ("manuscript/notes.yaml", {"epub", "print", "archival"}),
    "the essay": ("manuscript/essay.md", {"epub", "print", "archival"}),
    "the EPUB stylesheet": ("templates/css/epub.css", {"epub"}),
    "an EPUB template": ("templates/epub/notes.xhtml.j2", {"epub"}),
    "the book stylesheet": ("templates/css/book.css", {"print", "archival"}),
    "the print template": ("templates/print/book.html.j2", {"print", "archival"}),
    "a font": ("templates/fonts/OFL.txt", {"epub", "print", "archival"}),
    "a shared template": ("templates/colophon-body.j2", {"epub", "print", "archival"}),
    "the build's code": ("edition/compose.py", {"epub", "print", "archival"}),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_change_affects_exactly_its_targets(tree, name):
    rel, affected = CHANGES[name]
    before = keys(tree)
    with (tree / rel).open("a", encoding="utf-8") as f:
        f.write("\n")
    after = keys(tree)
    assert {t for t in TARGETS if before[t] != after[t]} == affected


def test_options_tools_and_time_are_in_the_key(tree, monkeypatch):
    base = keys(tree)
    assert cache.target_keys(tree, TARGETS, {"check": True, "strict": False}, "2000-02-29T00:00:00+00:00") != base
    assert cache.target_keys(tree, TARGETS, OPTIONS, "2001-01-01T00:00:00+00:00") != base
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "weasyprint=99")
    assert keys(tree) != base


def test_up_to_date_build_does_nothing(built, project):
    """The session's build, asked again with nothing changed, answers at once and writes nothing."""
    dist = built["dist"]
    stamps = {p.name: p.stat().st_mtime_ns for p in dist.iterdir()}
    lines = []
    result = build(project, check=True, dist=dist, log=lines.append)
    assert lines == ["everything is up to date"]
    assert {p.name: p.stat().st_mtime_ns for p in dist.iterdir()} == stamps
    assert [o.target for o in result.outputs] == list(TARGETS)


def test_changed_epub_stylesheet_rebuilds_only_the_epub(tree, tmp_path):
    dist = tmp_path / "dist"
    build(tree, ("epub",), dist=dist, log=lambda _l: None)
    edit(tree / "templates" / "css" / "epub.css", "body {", "body { color: #111;")
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
