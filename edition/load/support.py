"""A note's or a chronology entry's `support:` list: each item's source, locator and quotation, with its lines."""

from __future__ import annotations

from typing import Any

from ..errors import BuildError
from ..model import Loc, Support
from .located_yaml import LocatedDict, LocatedList

SUPPORT_FIELDS = ("source", "locator", "quote")


def load_support(owner: LocatedDict, shown: str, what: str) -> list[Support]:
    """The items of owner's `support:`, typed; none if it has none (the check stage refuses a claim without).

    Only what cannot be typed is refused here: a list that is not one, an item that is not a mapping, a
    field that is not text. An empty or missing field and an unknown one are kept, for the check to name.
    """
    value = owner.get("support")
    if value is None:
        return []
    if not isinstance(value, LocatedList):
        raise BuildError(shown, f"'support' of {what} must be a list of items", owner.line_of("support"))
    return [_item(item, line, shown, what) for item, line in zip(value, value.item_lines, strict=True)]


def _item(item: Any, line: int, shown: str, what: str) -> Support:
    if not isinstance(item, LocatedDict):
        raise BuildError(shown, f"a support item of {what} must be a mapping of source, locator and quote", line)
    return Support(
        source=_text(item, "source", shown, what),
        locator=_text(item, "locator", shown, what),
        quote=_text(item, "quote", shown, what),
        loc=Loc(shown, line),
        lines=tuple((key, item.line_of(key)) for key in item),
        unknown=tuple(key for key in item if key not in SUPPORT_FIELDS),
    )


def _text(item: LocatedDict, key: str, shown: str, what: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a bare page number
    if not isinstance(value, str):
        raise BuildError(shown, f"the {key} of a support item of {what} must be text", item.line_of(key))
    return value.strip()
