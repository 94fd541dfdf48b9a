"""Files the build reads and writes: digests, small JSON records written atomically, paths kept inside a folder."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError

BOM = "\ufeff".encode()  # UTF-8's byte-order mark


def utf8_text(data: bytes, shown: str) -> str:
    """A file's bytes as text: a byte-order mark at the start removed, the line of a byte that is not UTF-8 named.

    One rule for every text file the build reads (the manuscript's, the stylesheets, the templates): some
    editors save the mark, and pandoc would read it as text (a first heading became a paragraph). The
    lines keep their numbers.
    """
    data = data.removeprefix(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError(shown, f"not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)", line) from None


def sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def read_json(path: Path) -> dict:
    """A record of the cache, or {} where there is none or it is damaged: records only save time.

    Each record carries the SHA-256 of its content; a damaged, truncated or
    foreign one is discarded with a one-line warning, and the build makes anew
    what it would have saved.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return damaged(path)
    try:
        record = json.loads(text)
        data = record["data"]
        if not isinstance(data, dict) or record["sha256"] != _digest(json.dumps(data, sort_keys=True)):
            return damaged(path)
    except (ValueError, KeyError, TypeError):
        return damaged(path)
    return data


def damaged(path: Path) -> dict:
    print(f"warning: {path}: a damaged cache entry, discarded and made anew", file=sys.stderr)
    path.unlink(missing_ok=True)
    return {}


@contextmanager
def naming(path: Path) -> Iterator[None]:
    """An OS error without a path, raised while path is written (a full disk: the write, not the open,
    fails), names it: the build reports every filesystem error as 'path: cause'."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


def portable(error: OSError) -> OSError:
    """An OS error as a forked process sends it back: its number, its cause and its path, and no more."""
    return OSError(error.errno, error.strerror or str(error), error.filename)


def write_json(path: Path, data: dict, indent: int | None = None) -> None:
    """Write a JSON record atomically, with its digest: a reader sees the old record or the new, whole."""
    record = {"sha256": _digest(json.dumps(data, sort_keys=True)), "data": data}
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with naming(path):
        tmp.write_text(json.dumps(record, sort_keys=True, indent=indent), encoding="utf-8")
    os.replace(tmp, path)


def inside(path: Path, root: Path) -> bool:
    """Whether path, every link in it followed, lies inside root."""
    return path.resolve().is_relative_to(root.resolve())


def alive(pid: int) -> bool:
    """Whether a process runs: a zombie, which an orphaned renderer can stay where nothing reaps it, does not."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def sweep_tmp(folder: Path) -> None:
    """Half-written files (name.PID.tmp) of processes that are gone."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.tmp"):
        parts = path.name.rsplit(".", 2)
        if not (len(parts) == 3 and parts[1].isdigit() and alive(int(parts[1]))):
            path.unlink(missing_ok=True)
