"""The fonts the renderers may use: the project's (templates/fonts/), and none of the system's.

WeasyPrint finds fonts through fontconfig, which would otherwise fall back on
whatever the machine has installed (an Arabic title drawn in the system's
DejaVu Sans, a Chinese one in boxes): the outputs would depend on the machine.
fontconfig reads the file FONTCONFIG_FILE names each time a configuration is
loaded, and WeasyPrint loads one for every document it lays out, so setting
it before each layout (and before the renderers' server is started, which
inherits it) confines every process that lays out. That file,
templates/fonts/fonts.conf, lists no folder: the fonts are the stylesheets'
@font-face fonts from templates/fonts/ alone.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

CONFIG = "fonts.conf"
FACES = ("*.ttf", "*.otf")

# WeasyPrint warns, once as it is imported, that fontconfig knows no fonts: that is the point (its fonts are the
# stylesheets' own). This module is imported before WeasyPrint wherever it lays out (render/weasyprint/weasy.py, which
# the renderers' server preloads first), and layout() imports WeasyPrint inside quiet_fontconfig() as well.
NO_SYSTEM_FONTS = "No fonts configured in FontConfig"
warnings.filterwarnings("ignore", message=NO_SYSTEM_FONTS, category=UserWarning)


@contextmanager
def quiet_fontconfig() -> Iterator[None]:
    """Import WeasyPrint here: its warning that fontconfig knows no fonts is expected, and not shown."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=NO_SYSTEM_FONTS, category=UserWarning)
        yield


# Where confine() keeps the machine's own setting (empty: none), for the programs that are not WeasyPrint.
MACHINE = "EDITION_MACHINE_FONTCONFIG_FILE"


def confine(fonts: Path) -> None:
    """Have fontconfig, and so WeasyPrint and Pango, see the fonts in this folder alone, from now on."""
    os.environ.setdefault(MACHINE, os.environ.get("FONTCONFIG_FILE", ""))
    os.environ["FONTCONFIG_FILE"] = str((fonts / CONFIG).resolve())


def machine_env(**extra: str) -> dict[str, str]:
    """The environment for a program other than WeasyPrint (Chromium, Java, Node): the machine's fonts.

    Chromium started under the project's configuration found no font at all, drew every word zero wide,
    and an accessibility checker or a reader test saw no text to click or to read.
    """
    env = {**os.environ, **extra}
    machine = env.pop(MACHINE, None)
    if machine is None:
        return env
    if machine:
        env["FONTCONFIG_FILE"] = machine
    else:
        env.pop("FONTCONFIG_FILE", None)
    return env


def characters(fonts: Path) -> frozenset[str]:
    """Every character some font in the folder has a glyph for (the union of their cmaps)."""
    files = sorted(p for pattern in FACES for p in fonts.glob(pattern) if p.is_file())
    return _characters(tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@cache
def _characters(files: tuple[tuple[str, int, int], ...]) -> frozenset[str]:
    # Kept for the process (a --watch session) under each file's path, time and size.
    from fontTools.ttLib import TTFont

    found: set[str] = set()
    for path, _time, _size in files:
        with TTFont(path, lazy=True) as font:
            found.update(chr(code) for code in font.getBestCmap())
    return frozenset(found)
