"""The Kobo edition: the structure Kobo's kepub engine reads, checked in every text document."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..markup.html import EPUB_TYPE
from ..markup.html import XHTML as X
from ..outputs import Output
from .tools import Findings


def kobo_structure(name: str, xhtml: bytes) -> list[str]:
    """What a kepub's text document lacks: the wrappers, the sentence spans, the style; bare note calls."""
    root = etree.fromstring(xhtml)
    body = root.find(f"{X}body")
    problems = []
    columns = body.find(f"{X}div") if body is not None else None
    if columns is None or columns.get("id") != "book-columns" or columns.find(f"{X}div").get("id") != "book-inner":
        problems.append(f"{name}: the body is not wrapped in div#book-columns > div#book-inner")
    spans = [s.get("id") for s in root.iter(f"{X}span") if s.get("class") == "koboSpan"]
    if not spans:
        problems.append(f"{name}: no koboSpan")
    if len(spans) != len(set(spans)):
        problems.append(f"{name}: a koboSpan id is given twice")
    if root.find(f"{X}head/{X}style[@class='kobostylehacks']") is None:
        problems.append(f"{name}: no kobostylehacks style")
    for call in root.iter(f"{X}a"):
        if "noteref" in (call.get(EPUB_TYPE) or "").split() and len(call):
            problems.append(f"{name}: the note call {call.get('href')} holds markup, not its bare number")
    return problems


def check_kepub(
    kepub: Path, output: Output | None = None, plain: tuple[str, ...] = ("nav.xhtml", "cover.xhtml")
) -> Findings:
    """Each text document's Kobo structure (but those left plain); EPUBCheck is a check of its own."""
    found = Findings("kepub structure", kepub.name)
    with zipfile.ZipFile(kepub) as zf:
        for name in zf.namelist():
            if name.endswith(".xhtml") and Path(name).name not in plain:
                found.problems += kobo_structure(name, zf.read(name))
    found.summary = f"kepub structure: {len(found.problems)} problems"
    return found
