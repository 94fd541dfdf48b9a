"""calibre's ebook-convert run on the EPUB, in a folder and a configuration of its own, and its AZW3 stamped."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from ...errors import BuildError
from .stamp import stamp

CONVERTER = "ebook-convert"
# No page margins of calibre's (5 pt by default): the Kindle's own settings set them, as KDP asks. With none,
# calibre writes no second stylesheet, whose place among the flows followed its objects' memory addresses
# and changed from run to run.
OPTIONS = ("--margin-top", "-1", "--margin-bottom", "-1", "--margin-left", "-1", "--margin-right", "-1")
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
        raise BuildError(
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


def azw3(epub: Path, target: Path, identifier: str, seconds: int) -> None:
    """Convert the EPUB at epub into an AZW3 at target whose every byte follows from the EPUB and the edition."""
    path, _version = calibre()
    with tempfile.TemporaryDirectory(prefix="kindle-") as work:
        home = Path(work)
        (home / "tmp").mkdir()
        made = home / "book.azw3"
        proc = subprocess.run(
            [path, str(epub), str(made), *OPTIONS], capture_output=True, text=True, env=calibre_env(home), timeout=600
        )
        if proc.returncode != 0 or not made.exists():
            last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no message"]
            raise BuildError(str(epub), f"calibre could not make the AZW3: {last[0][:300]}")
        target.write_bytes(stamp(made.read_bytes(), identifier, seconds))
