"""Reading one field of a YAML mapping, with an error that names the file and line."""

from __future__ import annotations

import re
from typing import Any

from ..errors import BuildError
from .hints import hint
from .located_yaml import LocatedDict

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def need(mapping: Any, key: str, shown: str, kind: type = str, what: str = "") -> Any:
    if not isinstance(mapping, LocatedDict):
        raise BuildError(shown, f"expected a mapping{what}", getattr(mapping, "line", None))
    if key not in mapping or mapping[key] in (None, ""):
        raise BuildError(shown, f"missing required field {key!r}{what}{hint(shown)}", mapping.line_of(key))
    value = mapping[key]
    if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, kind):
        raise BuildError(shown, f"field {key!r} must be a {kind.__name__}{what}", mapping.line_of(key))
    return value


def string_list(mapping: LocatedDict, key: str, shown: str, what: str) -> list[str]:
    value = mapping.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BuildError(shown, f"field {key!r} must be a list of strings{what}", mapping.line_of(key))
    return list(value)


def check_id(ident: Any, shown: str, line: int, what: str) -> str:
    if not isinstance(ident, str) or not ID_RE.match(ident):
        raise BuildError(shown, f"{what} id {ident!r} must be lowercase letters, digits and hyphens", line)
    return ident


def block_line(mapping: LocatedDict, key: str) -> int:
    """The line a Markdown field's text begins on (after the `|` of a block scalar)."""
    return mapping.text_line(key)


def top_level(data: Any, shown: str, kind: type, what: str) -> Any:
    """The file's top-level collection, which must be a mapping (LocatedDict) or a list (LocatedList)."""
    if not isinstance(data, kind):
        raise BuildError(shown, f"expected {what}", 1)
    return data
