"""The Albanian and Serbian forms of names the glossary gives, marked with their language wherever the
apparatus uses them, so that a screen reader pronounces them as such and a browser hyphenates them as such."""

from __future__ import annotations

import re

from lxml import etree

from ..markup.html import language_forms, phrases_pattern, wrap_text
from ..model import Manuscript
from .marks import Marks

# The glossary's fields and their BCP 47 tags; a form after the Latin one, in brackets, may be Cyrillic.
LANGUAGES = {"albanian": "sq", "serbian": "sr-Latn"}

Foreign = tuple[re.Pattern[str], dict[str, str]]  # the forms, and each form's language


def foreign_forms(ms: Manuscript) -> Foreign | None:
    """Every Albanian or Serbian form that differs from the name in English; None where there is none."""
    forms: dict[str, str] = {}
    for entry in ms.glossary.values():
        english = {entry.name, *entry.essay_forms}
        for field, lang in LANGUAGES.items():
            for form, tag in language_forms(getattr(entry, field) or "", lang):
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
