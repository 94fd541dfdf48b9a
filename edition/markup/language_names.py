"""A language's name in English from its BCP 47 tag ("de-CH" -> "German"): the glossary names the
languages of the forms its entries declare, in each entry and in its introduction, from the tags alone.

langcodes names a language only with its `language_data` package (`langcodes[data]`); where that is not
installed, the name comes from the ISO 639-3 table of Debian's `iso-codes`, which langcodes' names
are drawn from for a language subtag. The script and region are not named: a form's script is its
own `lang`, and "Russian: Moskva (Москва)" reads better than "Russian (Latin)".
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import langcodes

ISO_639_3 = Path("/usr/share/iso-codes/json/iso_639-3.json")


@cache
def _iso_names() -> dict[str, str]:
    """The name of each language by its two- and three-letter codes, from iso-codes; empty without it."""
    try:
        table = json.loads(ISO_639_3.read_text(encoding="utf-8"))["639-3"]
    except (OSError, ValueError, KeyError):
        return {}
    names: dict[str, str] = {}
    for row in table:
        for code in (row.get("alpha_3"), row.get("alpha_2")):
            if code:
                names[code] = row["name"]
    return names


@cache
def language_name(tag: str) -> str:
    """The English name of the tag's language; the tag itself where no table names it (never an error:
    the tag was checked as BCP 47 when it was loaded)."""
    language = langcodes.Language.get(tag)
    if find_spec("language_data") is not None:  # langcodes prints a plea to install it, and raises, without it
        return language.language_name("en")
    name = _iso_names().get(language.language or "", tag)
    return name.split(" (")[0]  # "Ancient Greek (to 1453)": the dates are the table's, not a reader's


def joined(names: list[str]) -> str:
    """Names in running text: "German", "German and French", "German, French and Latin"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
