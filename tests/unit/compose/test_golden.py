"""Golden files of the composed XHTML: a small fixture manuscript, composed for the EPUB, the web and print.

No layout and no validator runs here; a change to a template or to the
compose stage shows as a difference in these files. After a change that is
meant, write them anew with `UPDATE_GOLDEN=1 python -m pytest tests/unit/compose`
and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from helpers import FIXED_EPOCH, PROJECT

from edition.check import check_project
from edition.compose import environment, prepare
from edition.load import load
from edition.project import Project
from edition.render.epub import epub_documents, epub_files
from edition.render.pdf.source import PrintBook
from edition.render.web import WEB_PLAN, web_pages
from edition.render.web.html5 import to_html5

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
# Fixed, so that the colophon does not change with the machine's tools.
VERSIONS = {"edition build": "test", "pandoc": "test", "WeasyPrint": "test"}
# Pages of a layout, as the print target writes them into cross-references.
PAGES = {
    "note-1": 3,
    "note-2": 3,
    "p-city": 3,
    "p-left": 4,
    "p-kfor": 3,
    "comm-city": 5,
    "comm-kfor": 5,
    "chron-arrival": 9,
    "ix-i-mitrovica-1": 1,
    "ix-e-mitrovica-2": 3,
    "ix-c1-mitrovica-3": 4,
}


@pytest.fixture(scope="module")
def composed(tmp_path_factory):
    root = tmp_path_factory.mktemp("fixture")
    shutil.copytree(HERE / "fixture" / "manuscript", root / "manuscript")
    shutil.copytree(PROJECT / "templates", root / "templates")
    project = Project.at(root, FIXED_EPOCH)
    ms = load(root)
    assert check_project(project, ms) == []
    env = environment(project.templates)
    return prepare(ms, env, project, VERSIONS), env, project


@pytest.fixture(scope="module")
def made(composed) -> dict[str, str]:
    """Every composed file, rendered once for the module: the EPUB's text files (its cover image, WeasyPrint's
    work and no composed text, is given as nothing), the print book's HTML and the web pages."""
    ed, env, project = composed
    files = {
        "epub/" + name.removeprefix("EPUB/"): data.decode()
        for name, data in epub_files(ed, env, project, b"")
        if name.endswith((".xhtml", ".opf", ".xml", ".ncx"))
    }
    files["print/book.html"] = PrintBook(ed, env).html(PAGES)
    files.update({f"web/{page.name}": to_html5(page.xhtml) for page in web_pages(ed, env)})
    return files


NAMES = [
    "epub/META-INF/container.xml",
    "epub/package.opf",
    "epub/nav.xhtml",
    "epub/toc.ncx",
    *(
        f"epub/text/{name}"
        for name in (
            "cover.xhtml",
            "titlepage.xhtml",
            "introduction.xhtml",
            "essay.xhtml",
            "notes.xhtml",
            "commentary.xhtml",
            "chronology.xhtml",
            "glossary.xhtml",
            "sources.xhtml",
            "textual-note.xhtml",
            "index.xhtml",
            "colophon.xhtml",
        )
    ),
    "print/book.html",
    *(f"web/{name}" for name, *_rest in WEB_PLAN),
]


def test_every_composed_file_has_a_golden_file(made):
    assert sorted(made) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_composed_file_equals_its_golden_file(made, name):
    made = made[name]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(made, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if made != expected:
        diff = difflib.unified_diff(expected.splitlines(True), made.splitlines(True), "golden", "made")
        diff = "".join(list(diff)[:40])
        pytest.fail(f"{name} differs from its golden file:\n{diff}")


def test_the_epub_documents_are_the_ones_packed(composed):
    ed, env, _project = composed
    assert [d.name for d in epub_documents(ed, env)] == [n.rsplit("/", 1)[1] for n in NAMES if "/text/" in n]
