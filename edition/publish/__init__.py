"""Stage 6, publish: move finished outputs into dist/ atomically and write their checksums."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError
from ..outputs import OUTPUTS
from ..support.storage import alive, sha256, sweep_tmp
from .one_book import set_aside
from .places import check_place, check_replaceable

__all__ = ["as_published", "check_place", "check_replaceable", "publish", "staging", "sweep"]

STAGING_PREFIX = ".dist-staging-"
# What SHA256SUMS covers: every kind of file the registry declares (a folder is covered by its zip).
OUTPUT_SUFFIXES = {Path(output.file).suffix for output in OUTPUTS.values()}


def sweep(dist: Path, cache: Path) -> None:
    """Debris of builds killed outright: their staging folders beside dist/, their half-written cache files."""
    if dist.parent.is_dir():
        remove_stale_staging(dist.parent)
    for folder in (cache, cache / "parts"):
        sweep_tmp(folder)


def remove_stale_staging(parent: Path) -> None:
    """Staging folders left by a build that was killed outright (SIGKILL) are removed."""
    for folder in parent.glob(STAGING_PREFIX + "*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def as_published(stage: Path, dist: Path):
    """An OS error on a staged file names the file it was to become: 'dist/<slug>.epub: no space left on device',
    not the staging folder's passing name."""
    try:
        yield
    except OSError as exc:
        for attr in ("filename", "filename2"):
            name = getattr(exc, attr)
            if isinstance(name, str) and Path(name).is_relative_to(stage):
                setattr(exc, attr, str(dist / Path(name).relative_to(stage)))
        raise


@contextmanager
def staging(dist: Path):
    """A private folder beside dist/ for one build; removed whatever happens."""
    if dist.exists() and not dist.is_dir():
        raise BuildError(str(dist), "exists and is not a folder: the outputs go into a folder of that name")
    dist.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(dist.parent)
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=dist.parent))
    # mkdtemp adds random letters after the prefix; keep the pid last for remove_stale_staging
    named = folder.with_name(f"{folder.name}-{os.getpid()}")
    folder.rename(named)
    try:
        yield named
    finally:
        shutil.rmtree(named, ignore_errors=True)


def publish(
    staged: list[Path], dist: Path, staging_dir: Path, slug: str | None = None, earlier: set[Path] = frozenset()
) -> Path:
    """Move each staged file or folder into dist/ (os.replace is atomic), then rewrite SHA256SUMS.

    A folder (the web edition's site) replaces the one before it in two
    renames: the old one into the staging folder, which is then removed, and
    the new one in; only a folder a build made is replaced (places.made_by_build).
    The checksums cover every output file then in dist/, so building one
    target keeps the others' lines; a folder is covered by its zip. Another
    book's outputs (another slug's) are first moved aside (one_book.py), so
    they cover this book's files alone. earlier: what this build published before (under --watch, each output
    as it was made), which is this book's too.
    """
    dist.mkdir(parents=True, exist_ok=True)
    check_replaceable(dist, [path.name for path in staged if path.is_dir()])  # checked at the start, and again now
    for path in staged:
        if path.is_dir() and (dist / path.name).exists():
            os.replace(dist / path.name, staging_dir / f".old-{path.name}")
        os.replace(path, dist / path.name)
    if slug is not None:
        set_aside(dist, slug, {path.name for path in [*staged, *earlier]})
    lines = [
        f"{sha256(path)}  {path.name}\n"
        for path in sorted(dist.iterdir())
        if path.is_file() and path.name != "SHA256SUMS" and path.suffix in OUTPUT_SUFFIXES
    ]
    sums = staging_dir / "SHA256SUMS"
    sums.write_text("".join(lines), encoding="utf-8")
    os.replace(sums, dist / "SHA256SUMS")
    return dist / "SHA256SUMS"
