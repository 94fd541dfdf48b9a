"""Files the build reads and writes: digests, small JSON records written atomically, paths kept inside a folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def read_json(path: Path) -> dict:
    """A JSON record, or {} where there is none or it cannot be read: records only save time."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict, indent: int | None = None) -> None:
    """Write a JSON record atomically: a reader sees the old record or the new, never half of one."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True, indent=indent))
    os.replace(tmp, path)


def inside(path: Path, root: Path) -> bool:
    """Whether path, every link in it followed, lies inside root."""
    return path.resolve().is_relative_to(root.resolve())
