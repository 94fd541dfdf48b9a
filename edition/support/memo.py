"""What a watching process keeps from one build for the next: results keyed by a digest of all they depend on.

Only a --watch session turns it on (enable): a one-shot build starts with
nothing to recall, and at 200 times the edition it could not afford to keep
what it made. Each build begins a generation (new_build); what the build
before it made and this one did not ask for is forgotten, so the store holds
about one build's results. Values must not be changed by those who recall
them: strings, bytes and tuples of them, or copies.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_state: dict[str, bool] = {"on": False}
_current: dict[tuple[str, str], object] = {}
_previous: dict[tuple[str, str], object] = {}


def enable(on: bool = True) -> None:
    _state["on"] = on
    if not on:
        _current.clear()
        _previous.clear()


def enabled() -> bool:
    return _state["on"]


def new_build() -> None:
    """Begin a build: what the last one made can be recalled; what it did not use is let go."""
    _previous.clear()
    _previous.update(_current)
    _current.clear()


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(b"%d:" % len(data) + data)
    return h.hexdigest()


def recall(space: str, key: str) -> object | None:
    """What was kept under key in space, by this build or the last; None if nothing (or the store is off)."""
    if not _state["on"]:
        return None
    value = _current.get((space, key))
    if value is None:
        value = _previous.pop((space, key), None)
        if value is not None:
            _current[(space, key)] = value
    return value


def keep(space: str, key: str, value: object) -> None:
    if _state["on"]:
        _current[(space, key)] = value


def stamp(folder: Path) -> str:
    """A digest of the files below folder as they stand: their names, sizes and modification times."""
    stamps = []
    for path in sorted(folder.rglob("*")):
        try:
            info = path.stat()
        except FileNotFoundError:  # an editor's temporary file, gone since the folder was read
            continue
        if path.is_file():
            stamps.append(f"{path.relative_to(folder)}:{info.st_size}:{info.st_mtime_ns}")
    return digest(*stamps)
