"""calibre, found and run apart: its ebook-convert, its version, and the environment it runs in.

The Kindle edition is made by calibre (render/kindle/) and read back by it (verify/kindle.py); both run it
with a home, a configuration and temporary files of their own, so that a user's calibre settings cannot
change what it makes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from ..errors import ToolMissing

CONVERTER = "ebook-convert"
# Only what the conversion needs: no user's settings, no desktop, no locale of the machine's; and calibre's
# Python with its string hashing fixed, so that no order in its output can follow a random seed.
QUIET_ENV = {
    "QT_QPA_PLATFORM": "offscreen",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "PYTHONHASHSEED": "0",
}


@cache
def calibre() -> tuple[str, str]:
    """ebook-convert's path and calibre's version; a build error naming the set-up when calibre is missing."""
    path = shutil.which(CONVERTER)
    if path is None:
        raise ToolMissing(
            None, "the Kindle edition needs calibre's ebook-convert: run tools/setup.sh (Debian's calibre)"
        )
    out = subprocess.run(
        [path, "--version"], capture_output=True, text=True, env=calibre_env(Path(tempfile.gettempdir()))
    )
    words = out.stdout.split()
    return path, next((w.rstrip(")") for w in words if w[:1].isdigit()), "unknown")


def calibre_env(home: Path) -> dict[str, str]:
    """The environment calibre runs in: home, configuration and temporary files in the folder given."""
    keep = {k: os.environ[k] for k in ("PATH", "SOURCE_DATE_EPOCH") if k in os.environ}
    return {
        **keep,
        **QUIET_ENV,
        "HOME": str(home),
        "CALIBRE_CONFIG_DIRECTORY": str(home / "config"),
        "CALIBRE_TEMP_DIR": str(home / "tmp"),
        "CALIBRE_CACHE_DIRECTORY": str(home / "cache"),
    }
