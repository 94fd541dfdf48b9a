"""The web edition's pages: its plan, each page rendered when it is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from jinja2 import Environment

from ...compose import Edition
from ...compose.documents import Rendered, context
from ...compose.sections import SECTIONS
from ...markup.templates import framed
from .target import WebTarget

# The site has the sections with a name in its menu (compose/sections.py), each a page named for it, but its
# front page, which holds the contents under the edition's title, and the index, whose index.html is the front.
FILES = {"titlepage": "index.html", "index": "names.html"}
OWN_TEMPLATES = {"titlepage": "web/front.html.j2"}
TITLED_BY_THE_EDITION = {"titlepage"}

# The web edition's pages in reading order: file, title, its name in the site's menu, template.
# The pages are the EPUB's, in the site's frame (templates/web/frame.j2); the essay's page also holds its notes,
# as popovers.
WEB_PLAN = tuple(
    (
        FILES.get(s.id, f"{s.id}.html"),
        None if s.id in TITLED_BY_THE_EDITION else s.title,
        s.menu,
        OWN_TEMPLATES.get(s.id, s.template),
    )
    for s in SECTIONS
    if s.menu is not None
)


class SiteEntry(NamedTuple):
    """A page as the site's menu and its neighbours' links name it."""

    name: str
    title: str
    menu: str


@dataclass(frozen=True)
class WebPage(Rendered):
    name: str = ""  # file name in the site
    title: str = ""
    menu: str = ""  # its name in the site's menu


def web_pages(ed: Edition, env: Environment) -> list[WebPage]:
    """Every page of the web edition, in reading order, each rendered when its xhtml is read."""
    note_anchors = {
        anchor: number for entry in ed.index for anchor, section, number in entry.anchors if section == "notes"
    }
    ctx = context(ed, WebTarget(env, {n.id: n.number for n in ed.glosses}, note_anchors))
    site = [
        SiteEntry(name, title or ed.meta.title, menu.format(label=ed.meta.label))
        for name, title, menu, _template in WEB_PLAN
    ]

    own = framed(env, "web")  # the pages extend "frame.j2": here, templates/web/frame.j2

    def renderer(i: int, template: str) -> Callable[[], str]:
        return lambda: own.get_template(template).render(
            **ctx,
            doc_title=site[i].title,
            site=site,
            page=site[i],
            previous=site[i - 1] if i else None,
            following=site[i + 1] if i + 1 < len(site) else None,
        )

    return [
        WebPage(renderer(i, template), page.name, page.title, page.menu)
        for i, (page, (*_plan, template)) in enumerate(zip(site, WEB_PLAN, strict=True))
    ]
