"""Which targets need rebuilding: a key per target over everything its output depends on.

Computing the keys imports nothing heavy, so that an up-to-date build answers
in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .publish import sha256

STATE = Path(".build-cache") / "state.json"
TOOLS = (
    "pypandoc-binary",
    "weasyprint",
    "pydyf",
    "fonttools",
    "pikepdf",
    "jinja2",
    "lxml",
    "pillow",
    "pyyaml",
    "pyphen",
)

# What each output is made from, besides the manuscript, the build's code and the tools.
TARGET_INPUTS = {
    "epub": ("templates/epub", "templates/css/epub.css", "templates/fonts"),
    # Both PDFs are written from one layout, so they share their inputs.
    "print": ("templates/print", "templates/css/book.css", "templates/fonts"),
    "archival": ("templates/print", "templates/css/book.css", "templates/fonts"),
}
COMMON_INPUTS = (
    "manuscript",
    "edition",
    "templates/chronology-entry.j2",
    "templates/glossary-entry.j2",
    "templates/textual-note-body.j2",
    "templates/colophon-body.j2",
)


def _files(project: Path, rel: str) -> list[Path]:
    path = project / rel
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _digest(project: Path, rels: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for rel in rels:
        for path in _files(project, rel):
            h.update(str(path.relative_to(project)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def tool_fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in TOOLS:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=absent")
    return ";".join(parts)


def target_keys(project: Path, targets: tuple[str, ...], options: dict, moment: str) -> dict[str, str]:
    """One key per target: its inputs, the shared inputs, the tools, the options and the fixed time."""
    common = _digest(project, COMMON_INPUTS)
    extra = json.dumps({"tools": tool_fingerprint(), "options": options, "time": moment}, sort_keys=True)
    return {
        target: hashlib.sha256(f"{common}|{_digest(project, TARGET_INPUTS[target])}|{extra}".encode()).hexdigest()
        for target in targets
    }


def layout_salt(project: Path, extra: str) -> str:
    """What every laid-out part depends on besides its own HTML: stylesheets, fonts, code, tools."""
    code = _digest(project, ("templates/css", "templates/fonts", "edition"))
    return hashlib.sha256(f"{code}|{tool_fingerprint()}|{extra}".encode()).hexdigest()


def _load(project: Path) -> dict:
    try:
        return json.loads((project / STATE).read_text())
    except (OSError, ValueError):
        return {}


def records(project: Path, dist: Path) -> dict[str, dict]:
    """What the last builds published into dist/, per target."""
    return _load(project).get(str(dist.resolve()), {})


def stale_targets(project: Path, dist: Path, keys: dict[str, str]) -> list[str]:
    """The targets whose key changed, or whose output in dist/ is missing or not the one built."""
    state = records(project, dist)
    stale = []
    for target, key in keys.items():
        record = state.get(target)
        output = dist / record["name"] if record else None
        if not record or record["key"] != key or not output.is_file() or sha256(output) != record["sha256"]:
            stale.append(target)
    return stale


def remember(project: Path, dist: Path, keys: dict[str, str], outputs: list) -> None:
    """Record what was just published, so that the next build can skip it."""
    state = _load(project)
    entry = state.setdefault(str(dist.resolve()), {})
    for out in outputs:
        entry[out.target] = {
            "key": keys[out.target],
            "sha256": sha256(out.path),
            "name": out.path.name,
            "size": out.size,
            "pages": out.pages,
            "checks": out.checks,
        }
    path = project / STATE
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(tmp, path)
    except OSError:
        pass  # the state only saves time
