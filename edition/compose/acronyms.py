"""Initialisms (KFOR, UNMIK) marked as such: set in small capitals in print, announced as initialisms."""

from __future__ import annotations

import re

from lxml import etree

from ..markup.html import wrap_text
from .marks import Marks

ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


def mark_acronyms(root: etree._Element, marks: Marks) -> None:
    def make(match: re.Match[str]) -> etree._Element:
        return marks.element("initialism", text=match.group(0))

    wrap_text(root, ACRONYM, make, skip=("a", "abbr", "code", "h1", "h2"))
