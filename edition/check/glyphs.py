"""Every character the manuscript prints is in one of the project's fonts (templates/fonts/).

The renderers see the project's fonts alone (support/fonts.py): a character
none of them has would be drawn as an empty box, or, in the EPUB, in whatever
font the reader's device has. So it is refused here, before anything is laid
out, with its code point and its file:line. The check reads each file's set of
characters (cheap) and only looks for the line of a character that is missing;
in a YAML file a character only in a comment is not printed and passes.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from ..errors import BuildError
from ..model import Manuscript
from ..support.fonts import characters

# The files whose text reaches the outputs (the source text as received is attached, not set).
PRINTED = (
    "metadata.yaml",
    "essay.md",
    "introduction.md",
    "textual-note.md",
    "notes.yaml",
    "chronology.yaml",
    "glossary.yaml",
    "bibliography.yaml",
    "emendations.yaml",
)
# Controls, format characters (soft hyphen, joiners, bidi marks) and variation selectors draw no glyph.
SILENT = ("Cc", "Cf")


def _silent(char: str) -> bool:
    return unicodedata.category(char) in SILENT or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


def check_glyphs(ms: Manuscript, fonts: Path) -> None:
    """Raise BuildError on the first character of the manuscript that no project font has."""
    shown_root = Path(ms.metadata.loc.path).parent
    have = characters(fonts)
    for name in PRINTED:
        path = ms.root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        missing = {c for c in set(text) - have if not _silent(c)}
        if missing:
            _refuse(text, missing, str(shown_root / name), name.endswith(".yaml"), fonts)


def _refuse(text: str, missing: set[str], shown: str, is_yaml: bool, fonts: Path) -> None:
    for start, end in _scalars(text) if is_yaml else [(0, len(text))]:
        found = [at for at in (text.find(char, start, end) for char in missing) if at >= 0]
        if found:
            break
    else:
        return  # only in comments
    first = min(found)
    char = text[first]
    name = unicodedata.name(char, "unnamed")
    line = text.count("\n", 0, first) + 1
    where = f"{fonts.parent.name}/{fonts.name}/"
    message = f"the character {char!r} (U+{ord(char):04X} {name}) is in none of the project's fonts ({where})"
    raise BuildError(shown, message, line)


def _scalars(text: str) -> list[tuple[int, int]]:
    """Where the YAML text's scalars (keys and values, not comments) stand, as (start, end) offsets."""
    spans = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    return spans
