"""The web edition: its pages, one stylesheet and its fonts, written as a folder and as a reproducible zip."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment

from ...compose import Edition
from ...project import Project
from ...support.archive import write_zip
from ...support.storage import naming
from .fonts import web_fonts
from .html5 import to_html5
from .pages import web_pages

STYLESHEET = "css/edition.css"  # beside fonts/, as web.css is beside templates/fonts/
WEB_FONTS = "web-fonts"  # in the project's cache: the fonts' subsets, by their characters (fonts.web_fonts)


def write_site(ed: Edition, env: Environment, project: Project, folder: Path) -> list[str]:
    """Write the site's files into a new folder, one page at a time; return their paths in the site, in order.

    The pages come first, in reading order, then the stylesheet and the fonts,
    cut down to every character the pages and the stylesheet hold.
    """
    if folder.exists():
        shutil.rmtree(folder)
    css = (project.templates / "css" / "web.css").read_bytes()
    chars = set(css.decode("utf-8"))
    names = []

    def put(name: str, data: bytes) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with naming(path):
            path.write_bytes(data)
        names.append(name)

    for page in web_pages(ed, env):
        html = to_html5(page.xhtml)
        chars.update(html)
        put(page.name, html.encode("utf-8"))
    put(STYLESHEET, css)
    for name, data in web_fonts(project.templates / "fonts", "".join(sorted(chars)), project.cache / WEB_FONTS):
        put(name, data)
    return names


def render_web(ed: Edition, env: Environment, project: Project, folder: Path, archive: Path) -> int:
    """Write the site into folder, then the same files, read back one at a time, as the archive; count its pages."""
    names = write_site(ed, env, project, folder)
    write_zip(((name, (folder / name).read_bytes()) for name in names), archive, project.moment)
    return sum(1 for name in names if name.endswith(".html"))
