"""Rebuild exactly what changed: per-target keys, and an up-to-date build that does nothing."""

from datetime import UTC, datetime

import pytest
from helpers import PROJECT

from edition import cache
from edition.outputs import TARGETS
from edition.project import Project

OPTIONS = {"check": False, "strict": False}
MOMENT = datetime(2000, 2, 29, tzinfo=UTC)


def keys(root, options=OPTIONS, moment=MOMENT):
    return cache.target_keys(Project(root, moment), TARGETS, options)


@pytest.fixture
def tree(scratch):
    import shutil

    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    return scratch


CHANGES = {
    "a note": (
        "manuscript/notes.yaml",
        {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover", "tei"},
    ),
    "the essay": (
        "manuscript/essay.md",
        {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover", "tei"},
    ),
    "the EPUB stylesheet": ("templates/css/epub.css", {"epub", "kepub", "kindle"}),
    "an EPUB template": ("templates/epub/notes.xhtml.j2", {"epub", "kepub", "kindle"}),
    "the book stylesheet": (
        "templates/css/book.css",
        {"print", "epub", "kepub", "kindle", "offset", "archival", "cover"},
    ),
    "the print template": (
        "templates/print/book.html.j2",
        {"print", "epub", "kepub", "kindle", "offset", "archival", "cover"},
    ),
    "a font": ("templates/fonts/OFL.txt", {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover"}),
    "a shared partial": (
        "templates/partials/colophon-body.j2",
        {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover", "tei"},
    ),
    "a shared marks template": (
        "templates/partials/marks.j2",
        {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover", "tei"},
    ),
    "the Kobo edition's style": ("templates/kepub/kobostylehacks.css", {"kepub"}),
    "the EPUB's marks": ("templates/epub/marks.xhtml.j2", {"epub", "kepub", "kindle"}),
    "a page of the EPUB and the site": ("templates/pages/essay.j2", {"epub", "kepub", "kindle", "web"}),
    "the site's frame": ("templates/web/frame.j2", {"web"}),
    "the site's stylesheet": ("templates/css/web.css", {"web"}),
    "the cover's design": ("templates/css/cover.css", {"epub", "kepub", "kindle", "cover"}),
    "the book's marks": (
        "templates/print/marks.html.j2",
        {"print", "epub", "kepub", "kindle", "offset", "archival", "cover"},
    ),
    "the build's code": (
        "edition/compose/notes.py",
        {"epub", "kepub", "kindle", "web", "print", "offset", "archival", "cover", "tei"},
    ),
    "the TEI document's template": ("templates/tei/edition.xml.j2", {"tei", "archival"}),  # the PDF attaches it
    # Files no output declares may be included by any template: every output's key holds them.
    "a new partial at the top of templates/": ("templates/new-partial.j2", set(TARGETS)),
    "a new folder of partials": ("templates/partials/aside.j2", set(TARGETS)),
    "a new stylesheet": ("templates/css/extra.css", set(TARGETS)),
    "a new file in a declared folder": ("templates/epub/extra.xhtml.j2", {"epub", "kepub", "kindle"}),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_change_affects_exactly_its_targets(tree, name):
    rel, affected = CHANGES[name]
    before = keys(tree)
    (tree / rel).parent.mkdir(exist_ok=True)
    with (tree / rel).open("a", encoding="utf-8") as f:
        f.write("\n")
    after = keys(tree)
    assert {t for t in TARGETS if before[t] != after[t]} == affected


def test_options_tools_and_time_are_in_the_key(tree, monkeypatch):
    base = keys(tree)
    assert keys(tree, {"check": True, "strict": False}) != base
    assert keys(tree, moment=datetime(2001, 1, 1, tzinfo=UTC)) != base
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "weasyprint=99")
    assert keys(tree) != base


def test_every_file_under_templates_is_in_some_key(tree):
    """No file under templates/ can change without changing a key: each is declared or shared."""
    for path in sorted(p for p in (tree / "templates").rglob("*") if p.is_file())[::7]:
        before = keys(tree)
        path.write_bytes(path.read_bytes() + b"\n")
        assert keys(tree) != before, path
