"""The one error type the build reports to editors."""

from __future__ import annotations

from pathlib import Path


class BuildError(Exception):
    """A problem in the input or the environment, reported as `path:line: message`."""

    def __init__(self, path: str | Path | None, message: str, line: int | None = None):
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.message = message
        self.line = line

    def __reduce__(self):
        # A renderer process sends its errors back pickled.
        return (type(self), (self.path, self.message, self.line))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ToolMissing(BuildError):
    """An external program (Java, Chromium, Node) that a stage needs is absent."""
