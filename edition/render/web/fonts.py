"""The web edition's fonts: the book's OFL fonts, cut down to the characters the site uses, as WOFF2."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools import subset

from ...support import memo

# The faces the site's stylesheet declares (templates/css/web.css): file in templates/fonts/, without .ttf.
FACES = ("EBGaramond-Regular", "EBGaramond-Italic", "EBGaramond-SemiBold", "EBGaramond-SemiBoldItalic")
LICENCE = "OFL.txt"


def subset_woff2(font: Path, text: str) -> bytes:
    """The font cut down to text's characters, with all its OpenType features (small caps, figures), as WOFF2.

    fontTools writes the same bytes for the same font and text: it keeps the
    font's own timestamps unless asked to renew them.
    """
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence names the OFL asks to be kept
    options.name_legacy = True
    options.name_languages = ["*"]
    options.notdef_outline = True
    ttfont = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(ttfont)
    out = io.BytesIO()
    subset.save_font(ttfont, out, options)
    return out.getvalue()


def web_fonts(fonts: Path, text: str) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) for each face, and the licence beside them."""
    chars = "".join(sorted(set(text) | set(" ")))
    files = [(f"fonts/{face}.woff2", _subset(fonts / f"{face}.ttf", chars)) for face in FACES]
    return [*files, (f"fonts/{LICENCE}", (fonts / LICENCE).read_bytes())]


def _subset(font: Path, chars: str) -> bytes:
    """subset_woff2, recalled under --watch (support/memo.py) when the font and the characters are the same.

    Subsetting the four faces takes most of the web edition's time (about 3 s), and a save rarely brings a
    character the site did not have: a saved note reaches the served page without waiting for the fonts.
    """
    if not memo.enabled():
        return subset_woff2(font, chars)
    key = memo.digest(font.read_bytes(), chars)
    kept = memo.recall("web-font", key)
    if not isinstance(kept, bytes):
        kept = subset_woff2(font, chars)
        memo.keep("web-font", key, kept)
    return kept
