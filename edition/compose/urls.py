"""URLs shown as a reader reads them: an IRI in its own script, breakable after a slash or a dot.

The link's target is left as it is; only the text shown changes, and only
where the text is the address itself.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree

from ..markup import web_address
from .marks import Marks

# After a slash or a dot, but not between the two slashes after the scheme.
_BREAK = re.compile(r"(?<=[/.])(?!/)")


def readable(url: str) -> str:
    """A URL's address as text: percent-encoded UTF-8 shown as the characters it encodes."""
    return unquote(url, errors="strict") if "%" in url else url


def url_parts(text: str) -> list[str]:
    """The text cut where a line may break: after each slash and dot."""
    return [part for part in _BREAK.split(text) if part]


def break_urls(root: etree._Element, marks: Marks) -> None:
    """Show every link whose text is its own address as the readable, breakable address."""
    for a in root.iter("a"):
        href = a.get("href", "")
        if not web_address(href) or len(a) or (a.text or "").strip() != href:
            continue
        try:
            text = readable(href)
        except UnicodeDecodeError:
            text = href  # not UTF-8 behind the percent signs: shown as it is
        a.text = None
        a.append(marks.element("readable_url", parts=url_parts(text)))
