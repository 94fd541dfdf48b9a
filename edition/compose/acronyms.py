"""Initialisms (KFOR, UNMIK) marked as such: set in small capitals in print, announced as initialisms."""

from __future__ import annotations

import re

from lxml import etree

from ..markup.html import wrap_text
from .marks import Marks

ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# A Roman numeral after a capitalized word is a name's or a title's number (Stefan Uroš II, World War II),
# not an initialism. Only I, V and X are taken as such: "DC" or "MD" after a name are initialisms.
ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")
AFTER_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ\u0100-\u024f][\w\u0100-\u024f.]*\s$")


def is_name_numeral(match: re.Match[str]) -> bool:
    """Whether a match is a Roman numeral that follows a capitalized word, as in "Stefan Uroš II"."""
    return ROMAN.fullmatch(match.group(0)) is not None and AFTER_NAME.search(match.string[: match.start()]) is not None


def mark_acronyms(root: etree._Element, marks: Marks) -> None:
    def make(match: re.Match[str]) -> etree._Element | None:
        if is_name_numeral(match):
            return None
        return marks.element("initialism", text=match.group(0))

    wrap_text(root, ACRONYM, make, skip=("a", "abbr", "code", "h1", "h2"))
