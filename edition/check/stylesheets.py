"""Stylesheets may load only files inside templates/: no URLs, no paths that leave it."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BuildError
from ..markup import URL_SCHEME
from ..support.storage import inside, utf8_text

# Files the build makes from another in templates/: the web edition's WOFF2 fonts, from the TrueType fonts.
MADE_FROM = {".woff2": ".ttf"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def check_stylesheets(templates: Path) -> None:
    """Stylesheets may load only files inside templates/: no URLs, no paths that leave it."""
    for css in sorted(templates.rglob("*.css")):
        shown = str(css.relative_to(templates.parent))
        text = utf8_text(css.read_bytes(), shown)
        for match in _CSS_URL.finditer(text):
            target = match.group(1) or match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            if URL_SCHEME.match(target):
                raise BuildError(
                    shown, f"stylesheet refers to a URL ({target}); only files in templates/ may be used", line
                )
            resolved = css.parent / target
            if not inside(resolved, templates):
                raise BuildError(shown, f"stylesheet path {target!r} is outside templates/", line)
            made_from = MADE_FROM.get(resolved.suffix)
            if not resolved.is_file() and not (made_from and resolved.with_suffix(made_from).is_file()):
                raise BuildError(shown, f"stylesheet file {target!r} does not exist", line)
