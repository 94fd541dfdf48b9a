"""The Jinja2 environment every template is rendered in, and its filters.

Markup is written by templates; text reaches them escaped by Jinja's
autoescaping, trees as XHTML through the `xhtml` filter, and strings set into
CSS through `css_string`; `language_forms` splits a name's forms by script.
A format whose documents share page bodies with another's (the EPUB's and the
site's, templates/pages/) renders them in `framed(env, folder)`, where
`{% extends "frame.j2" %}` finds that format's own frame first.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from lxml import etree
from markupsafe import Markup

from ..support import memo
from ..support.storage import utf8_text
from .html import inner_xhtml, language_forms
from .language_names import joined, language_name


def xhtml(el: etree._Element) -> Markup:
    """An lxml tree's content as XHTML markup for a template (the one place trees leave)."""
    return Markup(inner_xhtml(el).replace("\n", " "))


def css_string(text: str) -> Markup:
    """Text for a double-quoted CSS string inside <style>, whose content HTML does not unescape."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return Markup(escaped)


class _Loader(FileSystemLoader):
    """Templates read as every text file is (support.storage.utf8_text): a byte-order mark removed
    ("utf-8-sig"), a byte that is not UTF-8 an error naming the template and its line."""

    def __init__(self, folder: Path, label: str | None = None):
        super().__init__(folder, encoding="utf-8-sig")
        self.folder = folder
        self.label = label or folder.name  # how an error names the folder: "templates", "templates/epub"

    def get_source(self, environment: Environment, template: str):
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            path = self.folder / template
            utf8_text(path.read_bytes(), f"{self.label}/{template}")
            raise


def environment(template_dir: Path) -> Environment:
    """The environment for a project's templates; under --watch the last build's, whose compiled templates are
    kept (support/memo.py): Jinja reloads a template whose file has changed since it was compiled (auto_reload),
    and compiling them all again took a save 0.3 s."""
    kept = memo.recall("jinja", str(template_dir.resolve()))
    if isinstance(kept, Environment):
        return kept
    env = _environment(template_dir)
    memo.keep("jinja", str(template_dir.resolve()), env)
    return env


def _environment(template_dir: Path) -> Environment:
    env = Environment(
        loader=_Loader(template_dir),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["xhtml"] = xhtml
    env.filters["css_string"] = css_string
    env.filters["language_forms"] = language_forms
    env.filters["language_name"] = language_name
    env.filters["join_names"] = joined
    return env


# Bounded: a watching build makes a new environment per build, and an overlay keeps its environment alive.
@lru_cache(maxsize=8)
def framed(env: Environment, folder: str) -> Environment:
    """env with templates/<folder>/ searched first: a page every format shares extends "frame.j2", and in the
    format's own environment that name is the format's frame (templates/epub/frame.j2, templates/web/frame.j2).

    An overlay shares env's filters and settings; Jinja caches a template under its loader and name, so the
    overlay compiles its own copy of each page, which extends the EPUB's frame in one overlay and the site's in
    the other."""
    base = env.loader
    assert isinstance(base, _Loader), "framed() extends the environment made by environment()"
    own = _Loader(base.folder / folder, f"{base.label}/{folder}")
    return env.overlay(loader=ChoiceLoader([own, base]))
