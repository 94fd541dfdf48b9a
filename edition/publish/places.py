"""Where the build may write, and what it may remove: the one rule for --dist, --emit-html and dist/'s folders.

An output path given on the command line may not lie inside the project's own
files (or hold them), nor be one of the registry's outputs; and a folder in
dist/ is replaced only if it is the one a build wrote there. So no option,
mistyped or linked, can overwrite or delete a source.
"""

from __future__ import annotations

import zipfile
from fnmatch import fnmatch
from pathlib import Path, PurePath

from ..errors import BuildError
from ..outputs import OUTPUTS

# The project's own files and folders, and the installs it runs with: nothing the build writes goes in them.
PROTECTED = (
    "manuscript",
    "templates",
    "edition",
    "tests",
    "bench",
    "tools",
    "docs",
    ".git",
    ".build-cache",
    ".venv",
    "node_modules",
    "build.py",
    "README.md",
    "LICENSE",
    "Makefile",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
)
SUMS = "SHA256SUMS"
PREVIEWS = "preview"  # --preview's pictures, in dist/


def check_place(root: Path, place: Path, option: str, dists: tuple[Path, ...]) -> None:
    """Refuse an output path (option: '--dist', '--emit-html') that would write into the project's own files,
    hold them, or overwrite an output of the registry in any of dists; every link in it is followed."""
    target = place.resolve()
    for name in PROTECTED:
        own = root / name
        if not own.exists() and not own.is_symlink():
            continue
        own = own.resolve()
        if target.is_relative_to(own):
            raise BuildError(str(place), f"{option} would write into the project's own {name}; choose another path")
        if own.is_relative_to(target):
            raise BuildError(str(place), f"{option} would hold the project's own {name}; choose a folder of its own")
    for dist in dists:
        dist = dist.resolve()
        if target != dist and target.is_relative_to(dist) and is_output(target.relative_to(dist)):
            raise BuildError(
                str(place),
                f"{option} would overwrite the build's output {target.relative_to(dist)}; choose another path",
            )


def is_output(path: PurePath) -> bool:
    """Whether a path in dist/ is, or lies in, something a build writes there (any slug's)."""
    first = path.parts[0]
    folders = {output.folder for output in OUTPUTS.values() if output.folder}
    files = [output.file.format(slug="*") for output in OUTPUTS.values()]
    return first in folders | {PREVIEWS, SUMS} or any(fnmatch(first, pattern) for pattern in files)


def made_by_build(folder: Path) -> bool:
    """Whether a folder in dist/ is one a build wrote: its files are exactly those of the zip written beside it.

    Only such a folder is ever replaced (and the old one removed): a folder of another's, even of the same
    name, is left as it is.
    """
    output = next((o for o in OUTPUTS.values() if o.folder == folder.name), None)
    if output is None or folder.is_symlink() or not folder.is_dir():
        return False
    archive = next(iter(sorted(folder.parent.glob(output.file.format(slug="*")))), None)
    try:
        with zipfile.ZipFile(archive or folder.parent / output.file) as z:
            names = {name for name in z.namelist() if not name.endswith("/")}
    except (OSError, zipfile.BadZipFile):
        return False
    paths = list(folder.rglob("*"))
    if any(p.is_symlink() for p in paths):
        return False  # a build writes no links
    return {str(p.relative_to(folder)) for p in paths if p.is_file()} == names


def check_replaceable(dist: Path, folders: list[str]) -> None:
    """Refuse to build where publishing would replace a folder in dist/ that a build did not make."""
    for name in folders:
        folder = dist / name
        if (folder.exists() or folder.is_symlink()) and not made_by_build(folder):
            raise BuildError(
                str(folder),
                "is not a folder this build made (its files are not those of its zip): it is left as it is; "
                "move it away or choose another --dist",
            )
