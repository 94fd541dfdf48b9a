"""The forms of names in other languages the glossary gives, marked with their language wherever the
apparatus uses them, so that a screen reader pronounces them as such and a browser hyphenates them as such."""

from __future__ import annotations

import re

from lxml import etree

from ..markup.html import language_forms, phrases_pattern, wrap_text
from ..model import Manuscript
from .marks import Marks

Foreign = tuple[re.Pattern[str], dict[str, str]]  # the forms, and each form's language


def foreign_forms(ms: Manuscript) -> Foreign | None:
    """Every form in another language that differs from the name and the text's spellings; None where there is
    none. A form after the Latin one, in brackets, may be Cyrillic (markup.html.language_forms)."""
    forms: dict[str, str] = {}
    for entry in ms.glossary.values():
        english = {entry.name, *entry.essay_forms}
        for lang, value in entry.forms.items():
            for form, tag in language_forms(value, lang):
                if form not in english:
                    forms.setdefault(form, tag)
    if not forms:
        return None
    return phrases_pattern(forms), forms


def mark_languages(root: etree._Element, foreign: Foreign | None, marks: Marks) -> None:
    if foreign is None:
        return
    pattern, forms = foreign

    def make(match: re.Match[str]) -> etree._Element:
        return marks.element("foreign", text=match.group(0), lang=forms[match.group(0)])

    wrap_text(root, pattern, make, skip=("a", "abbr", "code"))
