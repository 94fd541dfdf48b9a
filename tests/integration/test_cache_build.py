"""Rebuild exactly what changed, in real builds: an up-to-date build does nothing, a changed input rebuilds."""

import shutil

import pytest
from helpers import FIXED_EPOCH, PROJECT, SLUG, edit

from edition.errors import BuildError
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
    (dist / f"{SLUG}.epub").write_bytes(b"tampered")
    lines = []
    build(tree, ("epub",), dist=dist, log=lines.append)
    assert any(line.startswith("render epub") for line in lines)


@pytest.mark.parametrize("partial", ["templates/new-partial.j2", "templates/partials/new.j2"])
def test_a_new_partial_rebuilds_the_targets(tree, tmp_path, partial):
    """A partial no output declares, at the top of templates/ or in a new folder, is in every target's key."""
    dist = tmp_path / "dist"
    build(tree, ("epub", "web"), dist=dist, log=lambda _l: None)
    path = tree.root / partial
    path.parent.mkdir(exist_ok=True)
    path.write_text("{# a partial no template includes yet #}\n", encoding="utf-8")
    lines = []
    build(tree, ("epub", "web"), dist=dist, log=lines.append)
    assert "everything is up to date" not in lines
    assert any(line.startswith("render epub") for line in lines)
    assert any(line.startswith("render web") for line in lines)


@pytest.mark.parametrize(
    "relative", ["manuscript/source/000_019317d5b3a7cc5c.txt", "templates/css/epub.css", "manuscript/source"]
)
def test_an_up_to_date_build_still_refuses_a_link_out_of_the_project(tree, tmp_path, tmp_path_factory, relative):
    """The copy-text, a stylesheet or a folder replaced by a link to an identical copy outside: the inputs'
    bytes, and so the keys, are unchanged, but the link is refused before anything is read."""
    dist = tmp_path / "dist"
    build(tree, ("epub",), dist=dist, log=lambda _l: None)
    path = tree.root / relative
    outside = tmp_path_factory.mktemp("elsewhere") / path.name  # the project is tmp_path: this is outside it
    shutil.copytree(path, outside) if path.is_dir() else shutil.copy(path, outside)
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    path.symlink_to(outside)
    before = {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()}
    with pytest.raises(BuildError, match=f"^{relative}: is a link to a file outside the project"):
        build(tree, ("epub",), dist=dist, log=lambda _l: None)
    with pytest.raises(BuildError, match=f"^{relative}: is a link to a file outside the project"):
        build(tree, ("epub",), dist=dist, log=lambda _l: None, force=True)
    assert {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()} == before
