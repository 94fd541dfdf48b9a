"""Package the composed XHTML as a reproducible EPUB 3 zip."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from ...compose import Composed, Edition
from ...project import Project
from ...support.archive import write_zip
from .documents import EPUB_PLAN, epub_documents
from .pages import print_pages

PACKAGE = "EPUB/package.opf"


def epub_files(
    ed: Edition, env: Environment, project: Project, cover: bytes, print_pdf: Path | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every file of the EPUB with its path, in the order they are zipped.

    cover is the cover image's PNG, which the EPUB is given (Output.needs), not makes; print_pdf, the print
    interior whose pages the EPUB marks and its index cites (pages.py), where there is one.
    """
    docs = epub_documents(ed, env, print_pages=print_pdf is not None and print_pdf.exists())
    marker = env.get_template("epub/marks.xhtml.j2").module.pagebreak()
    texts, page_list = print_pages(
        [(d.name, d.xhtml.encode()) for d in docs], print_pdf, str(marker), "index.xhtml", project.cache
    )
    ctx = {
        "ed": ed,
        "meta": ed.meta,
        "docs": docs,
        "page_list": page_list,
        "original_date_human": ed.meta.original_span.human(),
    }

    def render(template: str, **extra) -> bytes:
        return env.get_template(template).render(**ctx, **extra).encode()

    yield from [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", render("epub/container.xml.j2", package_path=PACKAGE)),
        (PACKAGE, render("epub/package.opf.j2")),
        ("EPUB/nav.xhtml", render("epub/nav.xhtml.j2")),
        ("EPUB/toc.ncx", render("epub/toc.ncx.j2")),
        ("EPUB/css/edition.css", (project.templates / "css" / "epub.css").read_bytes()),
        ("EPUB/images/cover.png", cover),
    ]
    for name, xhtml in texts:
        yield f"EPUB/text/{name}", xhtml


def write_epub(files: Iterable[tuple[str, bytes]], target: Path, moment: datetime) -> None:
    """Zip the EPUB's files in the given order with one fixed timestamp; mimetype first and stored."""
    write_zip(files, target, moment, stored=("mimetype",))


def render_epub(composed: Composed, target: Path, cover: bytes, print_pdf: Path | None = None) -> int:
    """Write the EPUB at target, print_pdf's pages marked in it; return the number of its content documents."""
    project = composed.project
    write_epub(epub_files(composed.ed, composed.env, project, cover, print_pdf), target, project.moment)
    return len(EPUB_PLAN)  # a content document for each entry of the plan
