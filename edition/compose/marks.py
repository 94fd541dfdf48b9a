"""Marks set into the text (note calls, index anchors, initialisms...), made by templates' macros.

The markup of every mark is in a template (templates/partials/marks.j2, and each
target's own marks template); this renders a macro and parses what it
wrote, to be set into a tree.
"""

from __future__ import annotations

from jinja2 import Environment
from lxml import etree

from ..markup.html import parse_element, parse_fragment


class Marks:
    """The macros of one marks template, each made into elements."""

    def __init__(self, env: Environment, template: str):
        self.module = env.get_template(template).module

    def element(self, macro: str, **args) -> etree._Element:
        """The one element the macro writes."""
        return parse_element(str(getattr(self.module, macro)(**args)))

    def fragment(self, macro: str, **args) -> etree._Element:
        """A <div> holding whatever the macro writes: text, elements or nothing."""
        return parse_fragment(str(getattr(self.module, macro)(**args)))
