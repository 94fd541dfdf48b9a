"""Render the web edition: a static site of the edition's pages, its notes as popovers."""

from __future__ import annotations

from dataclasses import replace

from ...outputs import OUTPUTS, Built
from ..renderer import Given, Quick
from .pages import WEB_PLAN, WebPage, web_pages
from .site import render_web, write_site

__all__ = ["RENDERER", "WEB_PLAN", "WebPage", "render_web", "web_pages", "write_site"]


class WebRenderer(Quick):
    aside = True  # made by a forked copy while the book is laid out (the EPUB, which needs the book, is not)

    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        made = []
        for b in built:
            folder = b.path.parent / str(OUTPUTS[b.target].folder)  # the site, beside its zip
            made.append(replace(b, pages=render_web(composed.ed, composed.env, composed.project, folder, b.path)))
        return made

    def documents(self, ed, env):
        return [(((p.name, p.xhtml) for p in web_pages(ed, env)), False)]  # each page repeats the frame's ids


RENDERER = WebRenderer()
