"""Pure helpers for editing HTML fragments as lxml trees and writing them as XHTML."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml import html as lhtml


def parse_fragment(html: str) -> etree._Element:
    """Parse an HTML fragment into a <div> holding it."""
    return lhtml.fragment_fromstring(html or "", create_parent="div")


def parse_element(html: str) -> etree._Element:
    """Parse HTML that is one element (a template's mark) into that element.

    The HTML parser keeps a prefixed attribute such as epub:type as it is
    written, and the XHTML serializer writes it back the same way.
    """
    return lhtml.fragment_fromstring(html)


def inner_xhtml(root: etree._Element) -> str:
    """The XHTML of root's content (text and children), without root itself."""
    whole = etree.tostring(root, encoding="unicode", method="xml", with_tail=False)
    if whole.endswith("/>") and not len(root) and not root.text:
        return ""
    return whole[whole.index(">") + 1 : whole.rindex("</")]


def prepend(el: etree._Element, fragment: etree._Element) -> None:
    """Put a fragment's content (a parsed <div>'s text and children) at the start of el."""
    children = list(fragment)
    if not children:
        el.text = (fragment.text or "") + (el.text or "") or None
        return
    children[-1].tail = (children[-1].tail or "") + (el.text or "")
    el.text = fragment.text or None
    for i, child in enumerate(children):
        el.insert(i, child)


_BRACKETED = re.compile(r"^(.*?)(?:\s+\((.+)\))?$")
# Element and attribute names in an XHTML document, as lxml spells them (the EPUB's, and the kepub's).
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def language_forms(value: str, lang: str, shown: bool = False) -> list[tuple[str, str]]:
    """A name's forms in a language, each with its BCP 47 tag: "Trepča (Трепча)" -> Latin, then Cyrillic.

    Found in the text, "Ushtria Çlirimtare e Kosovës (UÇK)" is two forms; `shown` (as the glossary sets it),
    brackets in the form's own script stay part of it, and only a form in another script is set apart."""
    match = _BRACKETED.match(value)
    forms = [form for form in (match.groups() if match else (value,)) if form]
    if shown and len(forms) == 2 and not _CYRILLIC.search(forms[1]):
        forms = [value]
    # A bracketed form in Cyrillic is the same language in that script: sr-Latn's is sr-Cyrl.
    cyrillic = lang.split("-")[0] + "-Cyrl"
    return [(form, cyrillic if _CYRILLIC.search(form) else lang) for form in forms]


def phrases_pattern(phrases) -> re.Pattern[str]:
    """A pattern matching any of the phrases as whole words, the longest first ("New York City" before "New York")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def wrap_text(
    root: etree._Element,
    pattern: re.Pattern[str],
    factory: Callable[[re.Match[str]], etree._Element | None],
    skip: tuple[str, ...] = ("a", "abbr", "code"),
) -> None:
    """Wrap each match of pattern in the text below root in the element factory makes.

    The factory may return None to leave a match alone. Text inside elements
    named in skip is not touched.
    """

    def split(text: str) -> tuple[str, list[etree._Element]]:
        lead, made, last = None, [], 0
        for match in pattern.finditer(text):
            new = factory(match)
            if new is None:
                continue
            before = text[last : match.start()]
            if made:
                made[-1].tail = (made[-1].tail or "") + before
            else:
                lead = before
            new.tail = ""
            made.append(new)
            last = match.end()
        if not made:
            return text, []
        made[-1].tail = text[last:]
        return lead or "", made

    def visit(el: etree._Element) -> None:
        originals = list(el)  # elements made here are not visited again
        if el.text:
            lead, made = split(el.text)
            if made:
                el.text = lead
                for i, new in enumerate(made):
                    el.insert(i, new)
        for child in originals:
            if child.tag not in skip and isinstance(child.tag, str):
                visit(child)
            if child.tail:
                lead, made = split(child.tail)
                if made:
                    child.tail = lead
                    position = el.index(child)
                    for offset, new in enumerate(made, start=1):
                        el.insert(position + offset, new)

    visit(root)


def text_of(el: etree._Element) -> str:
    return "".join(el.itertext())


def move_punctuation_before(call: etree._Element, chars: str = ".,;:!?\u201d\u2019)") -> None:
    """Put punctuation that follows a note call before it, as book practice places calls."""
    tail = call.tail or ""
    moved = len(tail) - len(tail.lstrip(chars))
    if not moved:
        return
    previous = call.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail[:moved]
    else:
        parent = call.getparent()
        parent.text = (parent.text or "") + tail[:moved]
    call.tail = tail[moved:]
