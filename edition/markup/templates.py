"""The Jinja2 environment every template is rendered in, and its filters.

Markup is written by templates; text reaches them escaped by Jinja's
autoescaping, trees as XHTML through the `xhtml` filter, and strings set into
CSS through `css_string`; `language_forms` splits a name's forms by script.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from lxml import etree
from markupsafe import Markup

from .html import inner_xhtml, language_forms


def xhtml(el: etree._Element) -> Markup:
    """An lxml tree's content as XHTML markup for a template (the one place trees leave)."""
    return Markup(inner_xhtml(el).replace("\n", " "))


def css_string(text: str) -> Markup:
    """Text for a double-quoted CSS string inside <style>, whose content HTML does not unescape."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return Markup(escaped)


def environment(template_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["xhtml"] = xhtml
    env.filters["css_string"] = css_string
    env.filters["language_forms"] = language_forms
    return env
