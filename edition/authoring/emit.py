"""--emit-html: the composed print book as one HTML file, with the pages of the last layout written in.

Rendered with stock WeasyPrint (base_url = templates/, where its stylesheet
and fonts are found), it shows what of the build's time is WeasyPrint's own
and what is the build's: the benchmark's same-book peer (bench/run.py).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..project import Project
from ..support.storage import naming, read_json

STYLESHEETS = "css"  # the stylesheet's folder, relative to templates/


def emit_html(project: Project, target: Path, dist: Path | None = None) -> Path:
    """Write the book's HTML to target, composed with the anchors' pages of the last print layout.

    The target may not be a source of the project or an output in dist/, the project's or the one given
    (publish.check_place).
    """
    from ..check import check_project
    from ..compose import PrintBook, environment, prepare
    from ..load import load
    from ..publish import check_place
    from ..support.versions import tool_versions

    check_place(project.root, target, "--emit-html", (project.dist,) if dist is None else (dist, project.dist))

    pages = read_json(project.cache / "pages.json").get("anchors")
    if not isinstance(pages, dict) or not pages:
        raise BuildError(str(target), "no layout of the print book to take its pages from: build the print target")
    ms = load(project.root)
    check_project(project, ms)
    env = environment(project.templates)
    ed = prepare(ms, env, project, tool_versions())
    target.parent.mkdir(parents=True, exist_ok=True)
    with naming(target), target.open("w", encoding="utf-8") as out:
        for chunk in PrintBook(ed, env, css_href=STYLESHEETS).chunks(pages):
            out.write(chunk)
    return target
