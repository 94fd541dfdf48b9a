"""The building blocks every stage reads and writes text with: pandoc, its AST, HTML trees."""

import re

# A link or a stylesheet reference that names a scheme (http:, file:, data:, javascript:...) is a URL.
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# The one allow-list of schemes a link from the manuscript may have, wherever it is written (a note, an entry,
# a bibliography's field or its URL): a link leads to the web, or to a place in the edition (#note:...).
# Anything else (file:, javascript:, data:, mailto:, a relative path) would be a live link to nowhere or worse.
LINK_SCHEMES = ("http", "https")
_WEB_ADDRESS = re.compile(r"^(?:" + "|".join(LINK_SCHEMES) + r")://[^\s/?#]", re.IGNORECASE)


def web_address(target: str) -> bool:
    """Whether a link's target is an address on the web, by the allow-list of schemes."""
    return bool(_WEB_ADDRESS.match(target))


def schemes_allowed() -> str:
    """The allow-list as an error message names it."""
    return " and ".join(f"{scheme}:" for scheme in LINK_SCHEMES)
