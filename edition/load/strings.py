"""One way in for every string of the manuscript's YAML files, each checked once, with the line of its field.

- A character XML cannot hold, or any other control character, is refused in every string (and in every
  file the reader reads: `check_characters`).
- A field that is text, not Markdown (the metadata, a chronology entry's title, a glossary's names, a
  reference's URL), reaches the outputs escaped; raw HTML is refused in it all the same, as it is in
  Markdown (analyse.py), so that one rule holds for every string an editor writes.
- A reference's URL is a link: it must be a web address, by the one allow-list of schemes (markup/).
- The Markdown fields are Fragments, parsed by pandoc and analysed as the notes are: the notes, the
  entries' texts and, through `reference_fields`, every field of a reference that pandoc reads as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..errors import BuildError
from ..markup import schemes_allowed, web_address
from ..markup.pandoc import VERBATIM_FIELDS
from ..model import Fragment, Loc
from .located_yaml import LocatedDict, LocatedList

# C0 controls but tab and line breaks, DEL, C1 controls, and what XML cannot hold: the two noncharacters and
# a lone surrogate (which a YAML escape, "\ud800", can make).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# How raw HTML begins: a tag, a closing tag, a comment or a declaration.
RAW_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# A reference's fields that are names and codes for citeproc, not text it prints.
_CSL_CODES = ("id", "type")
# Fields quoted from the source text as received, compared with it character for character.
_QUOTED = {"emendations.yaml": ("from", "to")}


class Located(NamedTuple):
    key: str  # the field (for an item of a list, the list's field)
    text: str
    line: int  # where its text begins
    written: str | None  # a block scalar's text as written, for lines within it


def located_strings(data: Any, key: str = "") -> Iterator[Located]:
    """Every string value of parsed YAML, at any depth, with its field and line."""
    if isinstance(data, LocatedDict):
        for name, value in data.items():
            if isinstance(value, str):
                yield Located(name, value, data.text_line(name), data.sources.get(name))
            else:
                yield from located_strings(value, name)
    elif isinstance(data, LocatedList):
        for item, line in zip(data, data.item_lines, strict=True):
            if isinstance(item, str):
                yield Located(key, item, line, None)
            else:
                yield from located_strings(item, key)


def markdown_field(name: str, key: str) -> bool:
    """Whether a field of this file is Markdown: parsed by pandoc and analysed there, not here."""
    if name == "notes.yaml":
        return True
    if name == "bibliography.yaml":
        return key.upper() not in VERBATIM_FIELDS and key not in _CSL_CODES
    return (name, key) in (("chronology.yaml", "text"), ("glossary.yaml", "identification"))


def check_strings(data: Any, name: str, shown: str) -> None:
    """Every string of a YAML file: no control character; raw HTML refused in text fields; URLs on the web."""
    for field in located_strings(data):
        check_characters(field.written or field.text, shown, field.line)
        if markdown_field(name, field.key) or field.key in _QUOTED.get(name, ()):
            continue
        tag = RAW_TAG.search(field.text)
        if tag:
            snippet = field.text[tag.start() :].splitlines()[0][:40]
            raise BuildError(
                shown, f"raw html is not allowed in the manuscript: {snippet!r}", _line(field, tag.group())
            )
        if name == "bibliography.yaml" and field.key.upper() == "URL" and not web_address(field.text):
            raise BuildError(
                shown,
                f"URL {field.text[:80]!r} is not a web address: a link may be {schemes_allowed()} only",
                field.line,
            )


def check_characters(text: str, shown: str, first_line: int | None = 1) -> None:
    """Refuse a control character, naming its code point and line."""
    bad = _CONTROL.search(text)
    if bad:
        line = None if first_line is None else first_line + text.count("\n", 0, bad.start())
        raise BuildError(shown, f"control character U+{ord(bad.group()):04X} is not allowed in the manuscript", line)


def _line(field: Located, needle: str) -> int:
    """The file line of needle in a field: exact within a block scalar, the field's own line otherwise."""
    if field.written is None or needle not in field.written:
        return field.line
    return field.line + field.written.count("\n", 0, field.written.index(needle))


def reference_fields(item: LocatedDict, shown: str, ident: str) -> list[Fragment]:
    """The fields of a reference that pandoc reads as Markdown, each a Fragment to parse and analyse."""
    return [
        Fragment(f"csl:{ident}:{number}", field.text, Loc(shown, field.line), source=field.written)
        for number, field in enumerate(s for s in located_strings(item) if markdown_field("bibliography.yaml", s.key))
    ]
