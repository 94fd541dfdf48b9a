"""Which targets need rebuilding: a key per target over everything its output depends on.

Computing the keys imports nothing heavy, so that an up-to-date build answers
in a fraction of a second. The cache only saves time: deleting it changes no output.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .outputs import COMMON_INPUTS, OUTPUTS
from .project import Project
from .support.storage import read_json, sha256, write_json
from .support.versions import tool_fingerprint

STATE = "state.json"


def _files(root: Path, rel: str) -> list[Path]:
    path = root / rel
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _digest(root: Path, rels: tuple[str, ...], leave_out: frozenset[Path] = frozenset()) -> str:
    h = hashlib.sha256()
    for rel in rels:
        for path in _files(root, rel):
            if path not in leave_out:
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _declared(root: Path) -> frozenset[Path]:
    """The files under templates/ that some output declares as its own inputs (outputs.py)."""
    return frozenset(path for output in OUTPUTS.values() for rel in output.inputs for path in _files(root, rel))


def target_keys(project: Project, targets: tuple[str, ...], options: dict) -> dict[str, str]:
    """One key per target: its inputs, the shared inputs, the tools, the programs it runs (Output.programs), the
    options and the build moment.

    The shared inputs are every file under templates/ that no output declares (a partial any template
    may include), besides the manuscript and the code: a file under templates/ is in every key that can load it.
    """
    common = _digest(project.root, COMMON_INPUTS, _declared(project.root))
    extra = json.dumps(
        {"tools": tool_fingerprint(), "options": options, "time": project.moment.isoformat()}, sort_keys=True
    )
    keys = {}
    for target in targets:
        output = OUTPUTS[target]
        own = f"{_digest(project.root, output.inputs)}|{_programs(output.programs)}"
        keys[target] = hashlib.sha256(f"{common}|{own}|{extra}".encode()).hexdigest()
    return keys


def _programs(names: tuple[str, ...]) -> str:
    """Each program as installed: its file's place, size and time, which a package upgrade changes (cheaper
    than asking calibre its version, which takes a fifth of a no-op build's budget)."""
    found = []
    for name in names:
        path = shutil.which(name)
        real = Path(path).resolve() if path else None
        stat = real.stat() if real else None
        found.append(f"{name}={real}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{name}=absent")
    return ";".join(found)


def layout_salt(project: Project, extra: str) -> str:
    """What every laid-out part depends on besides its own HTML: stylesheets, fonts, code, tools."""
    code = _digest(project.root, ("templates/css", "templates/fonts", "edition"))
    return hashlib.sha256(f"{code}|{tool_fingerprint()}|{extra}".encode()).hexdigest()


RECORD = {"key": str, "sha256": str, "name": str, "size": int, "pages": int, "checks": list}


def _place(project: Project, dist: Path) -> str:
    """How the state names an output folder: relative to the project where inside it, so that a moved
    or copied project keeps its record (its outputs are checked against their digests anyway)."""
    try:
        return str(dist.resolve().relative_to(project.root.resolve()))
    except ValueError:
        return str(dist.resolve())


def records(project: Project, dist: Path) -> dict[str, dict]:
    """What the last builds published into dist/, per target: only records of the expected form."""
    entry = read_json(project.cache / STATE).get(_place(project, dist), {})
    if not isinstance(entry, dict):
        return {}
    return {
        target: record
        for target, record in entry.items()
        if isinstance(record, dict) and all(isinstance(record.get(k), kind) for k, kind in RECORD.items())
    }


def stale_targets(project: Project, dist: Path, keys: dict[str, str]) -> list[str]:
    """The targets whose key changed, or whose output in dist/ is missing or not the one built."""
    state = records(project, dist)
    stale = []
    for target, key in keys.items():
        record = state.get(target)
        output = dist / Path(record["name"]).name if record else None
        if not record or record["key"] != key or not output.is_file() or sha256(output) != record["sha256"]:
            stale.append(target)
        elif OUTPUTS[target].folder and not (dist / OUTPUTS[target].folder).is_dir():
            stale.append(target)  # the web edition's folder is gone though its zip is not
    return stale


def remember(project: Project, dist: Path, keys: dict[str, str], outputs: list) -> None:
    """Record what was just published, so that the next build can skip it."""
    path = project.cache / STATE
    state = read_json(path)
    entry = state.setdefault(_place(project, dist), {})
    for out in outputs:
        entry[out.target] = {
            "key": keys[out.target],
            "sha256": sha256(out.path),
            "name": out.path.name,
            "size": out.size,
            "pages": out.pages,
            "checks": out.checks,
        }
    try:
        path.parent.mkdir(exist_ok=True)
        write_json(path, state, indent=1)
    except OSError:
        pass  # the state only saves time
