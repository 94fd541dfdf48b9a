"""`build.py new FOLDER`: a new edition's project, minimal and valid, that builds with --check --strict at once.

The project is a manuscript (files/manuscript: a copy-text with its title, one note with both tiers, one
chronology entry, one glossary entry with a form in another language, one source, an empty words.txt), a copy
of the build's templates (the stylesheets, fonts and colour profile every output is made from), a Makefile
that runs this build on it (`--project`), and a README stub. The identifier is a fresh UUID and the slug the
folder's name. Nothing is ever overwritten: a folder that exists and is not empty is refused.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

from ..errors import BuildError

FILES = Path(__file__).resolve().parent / "files"
RENAMED = {"gitignore": ".gitignore"}  # a file named .gitignore here would be read by the build's own git


def slug_for(folder: Path) -> str:
    """The outputs' file name from the folder's: lowercase letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return slug or "my-edition"


def new_project(folder: Path, engine: Path, identifier: str | None = None) -> list[str]:
    """Write a new project into folder; return what to tell the editor. Refuses a folder that holds anything."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BuildError(
            str(folder),
            "exists and is not an empty folder: a new edition is written only into a new "
            "or empty folder, and nothing is overwritten",
        )
    values = {
        "@UUID@": identifier or str(uuid.uuid4()),
        "@SLUG@": slug_for(folder),
        "@ENGINE@": str(engine.resolve()),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(FILES.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(FILES)
        target = folder / relative.parent / RENAMED.get(relative.name, relative.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        target.write_text(text, encoding="utf-8")
    shutil.copytree(engine / "templates", folder / "templates")
    return [
        f"a new edition in {folder}: manuscript/ (identifier urn:uuid:{values['@UUID@']}, slug {values['@SLUG@']}), "
        "templates/, Makefile, README.md",
        "edit first: manuscript/metadata.yaml (title, author, original.kind), then source/text.txt and essay.md",
        f"build it: make -C {folder} (or make check: every validator, warnings as errors)",
        f"every file and field: {engine.resolve() / 'docs' / 'manuscript.md'}",
    ]
