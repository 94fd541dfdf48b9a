"""Check a YAML mapping against a schema (schema.py): unknown keys, missing keys, kinds and ranges.

Every error names the file and the line of the key at fault; an unknown key is
named with the nearest known one, since it is most often a misspelling that
would otherwise be dropped without a word (`ibsn:` for `isbn:`).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import langcodes

from ..errors import BuildError
from ..model import parse_span
from .hints import hint as see_section
from .located_yaml import LocatedDict, LocatedList
from .printing import isbn13
from .schema import KINDS, Key

IDENTIFIER = re.compile(r"^(urn:uuid:[0-9a-f-]{36}|urn:isbn:[0-9X-]+|https?://\S+)$")
SLUG = re.compile(r"^[a-z0-9-]+$")


def validate(data: Any, schema: Key, shown: str) -> None:
    """Raise BuildError on the first key of data (a file's top-level mapping) that the schema does not allow."""
    if not isinstance(data, LocatedDict):
        raise BuildError(shown, f"expected a mapping ({schema.meaning})", getattr(data, "line", 1))
    _section(data, schema, shown, "")


def _section(data: LocatedDict, schema: Key, shown: str, where: str) -> None:
    known = {key.name: key for key in schema.keys}
    inside = f" in {where!r}" if where else ""
    for name in data:
        if name not in known:
            near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {near[0]}?" if near else f" (known: {', '.join(known)})"
            raise BuildError(shown, f"{name}: unknown key{inside}{hint}", data.line_of(name))
    for key in schema.keys:
        value = data.get(key.name)
        if value is None or value == "":
            if key.required:
                raise BuildError(
                    shown, f"missing required field {key.name!r}{inside}{see_section(shown)}", data.line_of(key.name)
                )
            continue
        _value(value, key, shown, f"{where}.{key.name}" if where else key.name, data.line_of(key.name))


def _value(value: Any, key: Key, shown: str, where: str, line: int) -> None:
    if key.kind == "section":
        _mapping(value, key, shown, where, line)
        _section(value, key, shown, where)
    elif key.kind == "table":
        _mapping(value, key, shown, where, line)
        assert key.each is not None
        for name, item in value.items():
            _value(item, key.each, shown, f"{where}.{name}", value.line_of(name))
    elif key.kind == "texts":
        if not isinstance(value, LocatedList) or not all(isinstance(v, str) for v in value):
            raise BuildError(shown, f"{where}: must be {_kind(key)}", line)
    elif key.kind in ("count", "inches"):
        _number(value, key, shown, where, line)
    else:
        _text(value, key, shown, where, line)


def _mapping(value: Any, key: Key, shown: str, where: str, line: int) -> None:
    if not isinstance(value, LocatedDict):
        raise BuildError(shown, f"{where}: must be {_kind(key)} ({key.meaning})", line)


def _number(value: Any, key: Key, shown: str, where: str, line: int) -> None:
    whole = key.kind == "count"
    numeric = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not numeric:
        raise BuildError(shown, f"{where}: {value!r} is not {_kind(key)} ({key.meaning})", line)
    low, high = key.low, key.high
    if whole:
        outside = (low is not None and value < low) or (high is not None and value > high)
    else:
        outside = (low is not None and value <= low) or (high is not None and value >= high)
    if outside:
        raise BuildError(shown, f"{where}: {value!r} is out of range: {describe_range(key)} ({key.meaning})", line)


def _text(value: Any, key: Key, shown: str, where: str, line: int) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BuildError(shown, f"{where}: must be {_kind(key)} ({key.meaning})", line)
    text = str(value)
    if key.kind == "slug" and not SLUG.match(text):
        raise BuildError(shown, "slug must be lowercase letters, digits and hyphens", line)
    if key.kind == "identifier" and not IDENTIFIER.match(text):
        raise BuildError(shown, "identifier must be a urn:uuid:, urn:isbn: or URL", line)
    if key.kind == "language" and not langcodes.tag_is_valid(text):
        raise BuildError(shown, f"language {text!r} is not a valid BCP 47 tag (such as en-US)", line)
    if key.kind == "choice" and text not in key.choices:
        raise BuildError(shown, f"{where}: {text!r} is not one of {', '.join(key.choices)} ({key.meaning})", line)
    if key.kind == "isbn":
        isbn13(text, shown, line)
    if key.kind == "date":
        try:
            parse_span(text)
        except ValueError as exc:
            raise BuildError(shown, f"{where}: {exc}", line) from None


def _kind(key: Key) -> str:
    return KINDS[key.kind]


def describe_range(key: Key) -> str:
    """A number's range, or a choice's words, for the errors and the reference; '' if it has none."""
    if key.choices:
        return ", ".join(f"`{choice}`" for choice in key.choices)
    if key.low is None and key.high is None:
        return ""
    if key.kind == "count":
        return f"at least {key.low:g}" if key.high is None else f"from {key.low:g} to {key.high:g}"
    return f"more than {key.low:g} and less than {key.high:g}"
