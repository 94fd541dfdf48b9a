"""The web edition's fonts: the book's OFL fonts, cut down to the characters the site uses, as WOFF2."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import fontTools
from fontTools import subset

from ...support.storage import sha256

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


def web_fonts(fonts: Path, text: str, cache: Path | None = None) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) for each face, and the licence beside them.

    Cutting the four faces takes seconds; with a cache folder, each subset is
    kept under a key of its font's bytes, the characters and fontTools' version,
    so a rebuild whose pages use no new character cuts nothing (and writes the
    same bytes: a subset depends on nothing else).
    """
    chars = "".join(sorted(set(text) | set(" ")))
    files = [(f"fonts/{face}.woff2", _subset(fonts / f"{face}.ttf", chars, cache)) for face in FACES]
    if cache is not None:
        used = {_key(fonts / f"{face}.ttf", chars) for face in FACES}
        for old in cache.glob("*.woff2"):  # only this build's subsets are kept: the folder does not grow
            if old.stem not in used:
                old.unlink(missing_ok=True)
    return [*files, (f"fonts/{LICENCE}", (fonts / LICENCE).read_bytes())]


def _key(font: Path, chars: str) -> str:
    return hashlib.sha256(f"{sha256(font)}|{fontTools.version}|{chars}".encode()).hexdigest()[:32]


def _subset(font: Path, chars: str, cache: Path | None) -> bytes:
    if cache is None:
        return subset_woff2(font, chars)
    kept = cache / f"{_key(font, chars)}.woff2"
    if kept.is_file():
        return kept.read_bytes()
    data = subset_woff2(font, chars)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = kept.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, kept)  # whole or not at all: another build may read it
    return data
