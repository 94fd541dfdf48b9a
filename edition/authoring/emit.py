"""--emit-html: the composed print book as one HTML file, with the pages of the last layout written in.

Rendered with stock WeasyPrint (base_url = templates/, where its stylesheet
and fonts are found), it shows what of the build's time is WeasyPrint's own
and what is the build's: the benchmark's same-book peer (bench/run.py).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..outputs import interior
from ..project import Project
from ..support.storage import naming, read_json


def emit_html(project: Project, target: Path, dist: Path | None = None) -> Path:
    """Write the book's HTML to target, composed with the anchors' pages of the last print layout.

    The target may not be a source of the project or an output in dist/, the project's or the one given
    (publish.check_place).
    """
    from ..pipeline import book_html, check_place, compose_edition

    check_place(project.root, target, "--emit-html", (project.dist,) if dist is None else (dist, project.dist))

    pages = read_json(project.cache / "pages.json").get("anchors")
    if not isinstance(pages, dict) or not pages:
        name = interior().name
        raise BuildError(str(target), f"no layout of the {name} book to take its pages from: build the {name} target")
    composed = compose_edition(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    with naming(target), target.open("w", encoding="utf-8") as out:
        for chunk in book_html(composed, interior().name, pages):
            out.write(chunk)
    return target
