"""A language's name in English from its BCP 47 tag ("de-CH" -> "German"): the glossary names the
languages of the forms its entries declare, in each entry and in its introduction, from the tags alone.

langcodes names a language with its `language_data` package, which the project declares
(`langcodes[data]` in pyproject.toml), so the names are the same on every machine. The script and
region are not named: a form's script is its own `lang`, and "Russian: Moskva (Москва)" reads better
than "Russian (Latin)".
"""

from __future__ import annotations

from functools import cache

import langcodes


@cache
def language_name(tag: str) -> str:
    """The English name of the tag's language, as langcodes' data gives it (never an error: the tag was
    checked as BCP 47 when it was loaded)."""
    return langcodes.Language.get(tag).language_name("en")


def joined(names: list[str]) -> str:
    """Names in running text: "German", "German and French", "German, French and Latin"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
