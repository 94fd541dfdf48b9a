"""Reading the manuscript's files: each one below the manuscript folder, of bounded size, in UTF-8."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from ..errors import BuildError
from ..support import memo
from ..support.storage import inside, utf8_text
from .located_yaml import parse_yaml
from .strings import check_characters, check_strings

# What a manuscript may hold. Beyond these, pandoc and the YAML reader take memory and time without
# bound (a 50 MB essay took pandoc past 3 GB; a line of megabytes, minutes): refused instead. The
# sizes are those of the 200-times benchmark book (bench/synth.py: notes.yaml 10.2 MB, 22.4 MB in
# all), whose build is measured within 1.5 GB (docs/benchmarks.md): a larger manuscript is not.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_MANUSCRIPT_BYTES = 22 * 1024 * 1024
MAX_LINE = 100_000  # characters in a line
MAX_PARAGRAPH = 200_000  # characters between blank lines
MAX_NESTING = 16  # block quotes or list levels inside one another
# Brackets open at once in a paragraph: pandoc's time doubles with each ([ x 15: 1.3 s; x 20: over a minute).
MAX_BRACKETS = 8
_BRACKET = re.compile(r"\\.|[\[\]]|\n[ \t]*\n")
_BLANK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"^(?:[ ]{0,3}>)+", re.M)
_LISTS = re.compile(r"^(?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+)+", re.M)
_LIST_MARKER = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+")
_EMPHASIS = re.compile(r"(?:(?<=\s)|^)[*_]+(?=\w)", re.M)


class Reader:
    """Reads files below the manuscript folder and reports errors relative to the project."""

    def __init__(self, root: Path):
        self.root = root
        self.project = root.parent
        self.read_bytes = 0  # of every file read so far

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)

    def text(self, name: str, markdown: bool = True) -> tuple[str, str]:
        """A file's text; a Markdown file's paragraphs are bounded here, a YAML file's in its fragments."""
        path = self.root / name
        shown = self.display(path)
        self.check_file(path, shown)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BuildError(shown, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
        self.read_bytes += size
        if self.read_bytes > MAX_MANUSCRIPT_BYTES:
            raise BuildError(shown, f"the manuscript passes {MAX_MANUSCRIPT_BYTES // 2**20} MiB in all with this file")
        text = read_text(path, shown)
        check_characters(text, shown)
        check_shape(text, shown, markdown)
        return text, shown

    def check_file(self, path: Path, shown: str) -> None:
        """A manuscript file is a regular file inside the project, every link followed; nothing else is read."""
        if not path.exists() and not path.is_symlink():
            raise BuildError(shown, "file not found")
        if not inside(path, self.project):
            raise BuildError(shown, "is a link to a file outside the project; the build reads only the project's files")
        if not path.is_file():
            raise BuildError(shown, "is not a regular file (a folder, a pipe or a device); the build reads only files")

    def yaml(self, name: str) -> tuple[Any, str]:
        text, shown = self.text(name, markdown=False)
        data = self._parsed(text, shown)
        if data is None:
            raise BuildError(shown, "file is empty")
        check_strings(data, name, shown)
        return data, shown

    @staticmethod
    def _parsed(text: str, shown: str) -> Any:
        """The YAML's data; under --watch, a copy of what the last build parsed from the same text."""
        if not memo.enabled():
            return parse_yaml(text, shown)
        key = memo.digest(shown, text)
        kept = memo.recall("yaml", key)
        if kept is None:
            kept = parse_yaml(text, shown)
            memo.keep("yaml", key, kept)
        return copy.deepcopy(kept)  # what the loader is given is its own


def check_shape(text: str, shown: str, markdown: bool = True) -> None:
    """Refuse, with its line, a line or (in Markdown) a paragraph too long, or block quotes nested too deep."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise BuildError(shown, f"a line of {len(line):,} characters; at most {MAX_LINE:,}", number)
    if markdown:
        check_paragraphs(text, shown, 1)
        check_brackets(text, shown, 1)
    check_nesting(text, shown, 1)


def check_nesting(text: str, shown: str, first_line: int | None) -> None:
    """Refuse block quotes or lists nested too deep, or a line opening emphasis too often: a file's, or the text
    of a YAML field (whose quotes the file's own lines, indented or quoted, do not show)."""
    for pattern, count, what in (
        (_QUOTES, lambda m: m.group(0).count(">"), "block quotes"),
        (_LISTS, lambda m: len(_LIST_MARKER.findall(m.group(0))), "lists"),
    ):
        for match in pattern.finditer(text):
            if count(match) > MAX_NESTING:
                line = None if first_line is None else first_line + text.count("\n", 0, match.start())
                raise BuildError(shown, f"{what} nested more than {MAX_NESTING} deep", line)
    for number, line in enumerate(text.split("\n")):
        if len(_EMPHASIS.findall(line)) > 2 * MAX_NESTING:
            raise BuildError(
                shown,
                f"emphasis opened more than {2 * MAX_NESTING} times in one line",
                None if first_line is None else first_line + number,
            )


def check_paragraphs(text: str, shown: str, first_line: int | None) -> None:
    """Refuse a paragraph of Markdown longer than pandoc can be given, naming its line in the file."""
    start = 0
    for end, after in [(m.start(), m.end()) for m in _BLANK.finditer(text)] + [(len(text), len(text))]:
        if end - start > MAX_PARAGRAPH:
            line = None if first_line is None else first_line + text.count("\n", 0, start)
            raise BuildError(shown, f"a paragraph of {end - start:,} characters; at most {MAX_PARAGRAPH:,}", line)
        start = after


def check_brackets(text: str, shown: str, first_line: int | None) -> None:
    """Refuse square brackets open more than MAX_BRACKETS deep in one paragraph (an escaped one aside)."""
    depth = 0
    for match in _BRACKET.finditer(text):
        mark = match.group()
        if mark == "[":
            depth += 1
            if depth > MAX_BRACKETS:
                line = None if first_line is None else first_line + text.count("\n", 0, match.start())
                raise BuildError(shown, f"square brackets open more than {MAX_BRACKETS} deep in one paragraph", line)
        elif mark == "]":
            depth = max(depth - 1, 0)
        elif mark[0] == "\n":
            depth = 0


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file by the rule for every text file (support.storage.utf8_text): a byte-order mark at
    the start is removed, in every manuscript file alike, and a byte that is not UTF-8 is named with its line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BuildError(display, "file not found") from None
    return utf8_text(data, display)
