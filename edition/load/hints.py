"""The end of an error a newcomer may hit: the section of docs/manuscript.md that explains the rule.

Apart from manuscript_schema.py, which declares the sections, so that every loader and check may import it.
"""

from __future__ import annotations

import re
from pathlib import PurePath

DOC = "docs/manuscript.md"
FILES = {  # the files with a section of their own, by name (the others are covered by the file table)
    "metadata.yaml",
    "essay.md",
    "emendations.yaml",
    "notes.yaml",
    "chronology.yaml",
    "glossary.yaml",
    "bibliography.yaml",
    "introduction.md",
    "textual-note.md",
    "words.txt",
}


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def hint(name: str) -> str:
    """ " (see docs/manuscript.md#notesyaml)" for a file's name or its path as shown; "" for a file without one."""
    base = PurePath(name).name
    return f" (see {DOC}#{anchor(base)})" if base in FILES or name == "the source text" else ""
