"""Output paths that cannot destroy anything: --dist and --emit-html keep off the project's own files and
the registry's outputs, and the build removes only a folder it made (edition/publish/places.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import FIXED_EPOCH, PROJECT, SLUG, snapshot

from edition.publish.places import made_by_build

OWN = ("edition", "tests", ".git")  # made in the scratch copy beside its manuscript/ and templates/


def build_in(root: Path, *args: str) -> subprocess.CompletedProcess:
    """build.py run from inside the project, so that relative paths are the project's, as a user types them."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, str(PROJECT / "build.py"), "--project", str(root), *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture
def tree(scratch):
    for name in OWN:
        (scratch / name).mkdir()
        (scratch / name / "keep.txt").write_text("a file of the project's own\n")
    dist = scratch / "dist"
    (dist / "web").mkdir(parents=True)
    (dist / "web" / "index.html").write_text("<p>the last good site</p>\n")
    (dist / f"{SLUG}.epub").write_bytes(b"PK the last good EPUB")
    (dist / "SHA256SUMS").write_text("0" * 64 + f"  {SLUG}.epub\n")
    (scratch / "to-templates").symlink_to(scratch / "templates")
    (scratch / "to-notes.html").symlink_to(scratch / "manuscript" / "notes.yaml")
    return scratch


REFUSED = [
    ("--dist", "templates", "would write into the project's own templates"),
    ("--dist", "manuscript", "would write into the project's own manuscript"),
    ("--dist", "edition/out", "would write into the project's own edition"),
    ("--dist", "tests", "would write into the project's own tests"),
    ("--dist", ".git/dist", "would write into the project's own .git"),
    ("--dist", "to-templates/web", "would write into the project's own templates"),  # through a link
    ("--dist", ".", "would hold the project's own"),
    ("--dist", "dist/web", "would overwrite the build's output web"),
    ("--emit-html", f"dist/{SLUG}.epub", f"would overwrite the build's output {SLUG}.epub"),
    ("--emit-html", "dist/web/index.html", "would overwrite the build's output web/index.html"),
    ("--emit-html", "dist/SHA256SUMS", "would overwrite the build's output SHA256SUMS"),
    ("--emit-html", "dist/another-slug-print.pdf", "would overwrite the build's output another-slug-print.pdf"),
    ("--emit-html", "manuscript/essay.md", "would write into the project's own manuscript"),
    ("--emit-html", "templates/book.html", "would write into the project's own templates"),
    ("--emit-html", "tests/book.html", "would write into the project's own tests"),
    ("--emit-html", "to-notes.html", "would write into the project's own manuscript"),  # through a link
]


@pytest.mark.parametrize(("option", "path", "message"), REFUSED, ids=[f"{o} {p}" for o, p, _ in REFUSED])
def test_an_output_path_over_the_project_s_files_or_outputs_is_refused(tree, option, path, message):
    before = {name: snapshot(tree / name) for name in ("manuscript", "templates", "dist", *OWN)}
    proc = build_in(tree, "print", option, path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"{path}: {option} {message}"), line
    assert proc.stdout == ""  # refused before anything was built
    assert {name: snapshot(tree / name) for name in before} == before


def test_emit_html_onto_the_outputs_of_another_dist_is_refused(tree):
    (tree / "out").mkdir()
    proc = build_in(tree, "print", "--dist", "out", "--emit-html", f"out/{SLUG}-print.pdf")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"out/{SLUG}-print.pdf: --emit-html would overwrite the build's output")


@pytest.mark.parametrize("kind", ["a folder of someone's", "a link to a folder", "a file"])
def test_a_folder_the_build_did_not_make_is_never_removed(tree, tmp_path_factory, kind):
    """A --dist of one's own, holding a web/ the build did not write there: refused, and all of it kept."""
    shelf = tree / "shelf"
    shelf.mkdir()
    web = shelf / "web"
    if kind == "a file":
        web.write_text("my notes\n")
    elif kind == "a link to a folder":
        elsewhere = tmp_path_factory.mktemp("elsewhere")
        (elsewhere / "index.html").write_text("my own site\n")
        web.symlink_to(elsewhere)
    else:
        web.mkdir()
        (web / "index.html").write_text("my own site\n")
        (web / "notes.txt").write_text("mine\n")
    before = snapshot(shelf)
    proc = build_in(tree, "web", "--dist", "shelf")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("shelf/web: is not a folder this build made")
    assert snapshot(shelf) == before and web.exists()
    assert not any(line.startswith("render web") for line in proc.stdout.splitlines())  # refused before the work


def test_a_folder_the_build_made_is_replaced(tree):
    first = build_in(tree, "web", "--dist", "shelf")
    assert first.returncode == 0, first.stderr
    again = build_in(tree, "web", "--dist", "shelf", "--force")
    assert again.returncode == 0, again.stderr
    assert made_by_build(tree / "shelf" / "web")


def test_made_by_build_reads_the_folder_against_its_zip(tmp_path):
    web = tmp_path / "web"
    (web / "css").mkdir(parents=True)
    (web / "index.html").write_text("x")
    (web / "css" / "edition.css").write_text("y")
    assert not made_by_build(web)  # no zip beside it
    with zipfile.ZipFile(tmp_path / "web.zip", "w") as z:
        z.writestr("index.html", "x")
        z.writestr("css/edition.css", "y")
    assert made_by_build(web)
    (web / "mine.txt").write_text("z")
    assert not made_by_build(web)  # a file the build did not write
    (web / "mine.txt").unlink()
    (web / "link.html").symlink_to(web / "index.html")
    assert not made_by_build(web)
    (web / "link.html").unlink()
    (tmp_path / "web.zip").write_bytes(b"not a zip")
    assert not made_by_build(web)
