"""Reading the manuscript's files: each one below the manuscript folder, of bounded size, in UTF-8."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import BuildError
from .located_yaml import parse_yaml

MAX_FILE_BYTES = 50 * 1024 * 1024


class Reader:
    """Reads files below the manuscript folder and reports errors relative to the project."""

    def __init__(self, root: Path):
        self.root = root
        self.project = root.parent

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)

    def text(self, name: str) -> tuple[str, str]:
        path = self.root / name
        shown = self.display(path)
        if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            raise BuildError(shown, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return read_text(path, shown), shown

    def yaml(self, name: str) -> tuple[Any, str]:
        text, shown = self.text(name)
        data = parse_yaml(text, shown)
        if data is None:
            raise BuildError(shown, "file is empty")
        return data, shown


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file, naming the line of the first byte that is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BuildError(display, "file not found") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError(display, f"not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)", line) from None
