"""The web edition: its pages, one stylesheet and its fonts, written as a folder and as a reproducible zip."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment

from ...compose import Edition, web_pages
from ...project import Project
from ...support.archive import write_zip
from .fonts import web_fonts
from .html5 import to_html5

STYLESHEET = "css/edition.css"  # beside fonts/, as web.css is beside templates/fonts/


def site_files(ed: Edition, env: Environment, project: Project) -> list[tuple[str, bytes]]:
    """Every file of the site with its path in it: the pages in reading order, then the stylesheet and fonts."""
    css = (project.templates / "css" / "web.css").read_bytes()
    # Every character the pages and the stylesheet hold: the fonts need no more, and it changes only with them.
    chars = set(css.decode("utf-8"))
    pages = []
    for page in web_pages(ed, env):
        html = to_html5(page.xhtml)
        chars.update(html)
        pages.append((page.name, html.encode("utf-8")))
    return [*pages, (STYLESHEET, css), *web_fonts(project.templates / "fonts", "".join(sorted(chars)))]


def write_site(files: list[tuple[str, bytes]], folder: Path) -> None:
    """Write the site's files into a new folder."""
    if folder.exists():
        shutil.rmtree(folder)
    for name, data in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def render_web(ed: Edition, env: Environment, project: Project, folder: Path, archive: Path) -> int:
    """Write the site into folder and as the archive; count its pages."""
    files = site_files(ed, env, project)
    write_site(files, folder)
    write_zip(files, archive, project.moment)
    return sum(1 for name, _data in files if name.endswith(".html"))
