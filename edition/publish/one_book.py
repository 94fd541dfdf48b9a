"""dist/ holds one book: the outputs of a book with another slug (an earlier manuscript, a scaffold's first
build) are moved aside into dist/set-aside/ when this one is published, with a one-line notice, so that
SHA256SUMS lists only this book's files and no upload of dist/ carries two books."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from ..outputs import OUTPUTS
from .places import made_by_build

SET_ASIDE = "set-aside"


def _pattern(file: str) -> re.Pattern[str] | None:
    """The registry's file name with any slug in its place; None for a name without a slug (web.zip)."""
    if "{slug}" not in file:
        return None
    return re.compile("^" + re.escape(file).replace(re.escape("{slug}"), "(?P<slug>[a-z0-9-]+)") + "$")


PATTERNS = [p for p in (_pattern(o.file) for o in OUTPUTS.values()) if p is not None]
SHARED = {o.file for o in OUTPUTS.values() if "{slug}" not in o.file}  # every book's web.zip is web.zip
SHARED_FOLDERS = {o.folder for o in OUTPUTS.values() if o.folder}


def other_books(dist: Path, slug: str) -> list[Path]:
    """The files of dist/ that are another slug's outputs by their names."""
    mine = {o.file_name(slug) for o in OUTPUTS.values()}
    found = []
    for path in sorted(dist.iterdir()):
        if path.is_file() and path.name not in mine and any(p.match(path.name) for p in PATTERNS):
            found.append(path)
    return found


def set_aside(dist: Path, slug: str, published: set[str]) -> list[str]:
    """Move another book's outputs into dist/set-aside/; with them, a shared output (the web edition) this build
    did not publish, which is that book's too. Return the names moved, and say so on stderr in one line."""
    others = other_books(dist, slug)
    if not others:
        return []
    shared = [dist / name for name in sorted(SHARED | SHARED_FOLDERS) if name not in published]
    # The zip goes with its folder; a folder goes only if a build made it (places.made_by_build), and before its zip.
    folders = [path for path in shared if path.name in SHARED_FOLDERS and made_by_build(path)]
    files = [path for path in shared if path.name in SHARED and path.is_file() and not path.is_symlink()]
    moved = others + folders + files
    aside = dist / SET_ASIDE
    aside.mkdir(exist_ok=True)
    for path in moved:
        target = aside / path.name
        if target.is_dir() and not target.is_symlink() and path.is_dir():
            os.replace(target, aside / f".old-{path.name}")
            os.replace(path, target)
            shutil.rmtree(aside / f".old-{path.name}", ignore_errors=True)
        else:
            os.replace(path, target)
    names = [path.name for path in moved]
    print(f"notice: {dist}: another book's outputs moved to {aside} ({', '.join(names)})", file=sys.stderr)
    return names
