"""calibre's ebook-convert run on the EPUB, in a folder and a configuration of its own, and its AZW3 stamped."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ...errors import BuildError
from ...support.calibre import calibre, calibre_env
from .stamp import stamp

# No page margins of calibre's (5 pt by default): the Kindle's own settings set them, as KDP asks. With none,
# calibre writes no second stylesheet, whose place among the flows followed its objects' memory addresses
# and changed from run to run.
OPTIONS = ("--margin-top", "-1", "--margin-bottom", "-1", "--margin-left", "-1", "--margin-right", "-1")


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
