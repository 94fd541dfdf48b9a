"""Time a save under --watch and --serve: from a saved one-note edit to the updated print PDF and web page.

    python bench/saves.py PROJECT [--edits 5]

works in a scratch copy of PROJECT (its manuscript, templates and code; never the project itself). It
starts `build.py --serve --port 0` with the default targets, which watches as --watch does, waits for the
first build, then makes one-note edits (a word added to the first note's gloss, then taken away again),
and times for each save:

- save -> print PDF updated: the print PDF's bytes in dist/ change;
- save -> web page updated: the reload event the served page listens for (/__reload) arrives, and
  the served page that holds the note then has the new text.

It returns the medians and every save's time. A save is made a quiet moment after the one before has
finished, so each is timed on its own.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

EDITS = 5
QUIET = 1.0  # seconds between the end of a rebuild and the next save: longer than the watcher's debounce
POLL = 0.01  # seconds between two looks at the print PDF
GLOSS = re.compile(r"(\n  gloss: \|\n    )(\S+)")  # the first note's gloss: its first word is edited
COPIED = ("build.py", "edition", "manuscript", "templates", "pyproject.toml", ".venv", "node_modules")
READY = "serving the web edition at "
RELOAD = "/__reload"


@dataclass
class Saves:
    pdf: list[float] = field(default_factory=list)  # save -> print PDF updated, seconds
    web: list[float] = field(default_factory=list)  # save -> web page updated, seconds

    def medians(self) -> dict[str, float]:
        return {"save to print PDF": statistics.median(self.pdf), "save to web page": statistics.median(self.web)}


def scratch_copy(project: Path, into: Path) -> Path:
    """The project's sources in a scratch folder (its .venv and node_modules as links): the edits are made there."""
    copy = into / "project"
    copy.mkdir(parents=True)
    for name in COPIED:
        src = project / name
        if name in (".venv", "node_modules") and src.exists():
            (copy / name).symlink_to(src.resolve())
        elif src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, copy / name)
    return copy


def measure_saves(project: Path, edits: int = EDITS, env: dict[str, str] | None = None, echo: bool = False) -> Saves:
    """Time edits saves of a one-note edit in a running `build.py --serve` (which watches) in a copy of project;
    with echo, the build's lines go to stderr as they come, with the seconds since the last save."""
    env = dict(os.environ if env is None else env)
    env.setdefault("SOURCE_DATE_EPOCH", "951782400")
    with tempfile.TemporaryDirectory(prefix="edition-saves-") as tmp:
        copy = scratch_copy(project, Path(tmp))
        proc = subprocess.Popen(
            [sys.executable, "-u", "build.py", "--serve", "--port", "0", *_default_targets(copy)],
            cwd=copy,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            return _session(proc, copy, edits, echo)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


def _default_targets(copy: Path) -> list[str]:
    """The targets a plain build makes: --serve alone would make the web edition only."""
    out = subprocess.run(
        [sys.executable, "-c", "from edition.outputs import DEFAULT_TARGETS; print(*DEFAULT_TARGETS)"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def _session(proc: subprocess.Popen, copy: Path, edits: int, echo: bool) -> Saves:
    lines: queue.Queue[str] = queue.Queue()
    saved = [time.perf_counter()]

    def read() -> None:
        for line in proc.stdout or ():
            if echo:
                print(f"[{time.perf_counter() - saved[0]:6.2f}] {line}", end="", file=sys.stderr, flush=True)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    address = _wait_for(lines, READY).split(READY, 1)[1].split()[0]
    _wait_for(lines, "watching for changes")
    host, port = address.removeprefix("http://").strip("/").split(":")
    events = _Events(host, int(port))
    notes = copy / "manuscript" / "notes.yaml"
    original = notes.read_text(encoding="utf-8")
    edited = GLOSS.sub(lambda m: f"{m.group(1)}{m.group(2)} (edited)", original, count=1)
    pdf = next((copy / "dist").glob("*-print.pdf"))
    pages = ["/" + p.relative_to(copy / "dist" / "web").as_posix() for p in (copy / "dist" / "web").rglob("*.html")]
    saves = Saves()
    for i in range(edits):
        time.sleep(QUIET)
        text = edited if i % 2 == 0 else original
        before = pdf.read_bytes()
        events.clear()
        start = saved[0] = time.perf_counter()
        notes.write_text(text, encoding="utf-8")
        events.wait()
        saves.web.append(time.perf_counter() - start)
        if any("(edited)" in _get(host, int(port), page) for page in pages) != (text is edited):
            raise SystemExit("the served pages do not have the saved note after the reload event")
        while pdf.read_bytes() == before:
            time.sleep(POLL)
        saves.pdf.append(time.perf_counter() - start)
        _wait_for(lines, "rebuilt in")
    events.close()
    return saves


def _wait_for(lines: queue.Queue[str], text: str) -> str:
    while True:
        line = lines.get(timeout=900)
        if line.startswith("error"):
            raise SystemExit(f"the build failed: {line}")
        if text in line:
            return line


def _get(host: str, port: int, path: str) -> str:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read().decode("utf-8")
    conn.close()
    return body


class _Events:
    """The server's reload events (server-sent events on /__reload), read by a thread as they come."""

    def __init__(self, host: str, port: int):
        self.conn = http.client.HTTPConnection(host, port, timeout=900)
        self.conn.request("GET", RELOAD)
        self.response = self.conn.getresponse()
        self.arrived = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response:
                if line.startswith(b"data:"):
                    self.arrived.set()
        except OSError:
            pass

    def clear(self) -> None:
        self.arrived.clear()

    def wait(self) -> None:
        if not self.arrived.wait(timeout=900):
            raise SystemExit("no reload event after a save")

    def close(self) -> None:
        self.conn.close()


def saves_report(project: Path, edits: int = EDITS) -> str:
    """The saves' figures as a paragraph of bench/run.py's report; nothing with no edits."""
    if edits <= 0:
        return ""
    saves = measure_saves(project, edits)
    medians = saves.medians()
    return (
        f"\nSaves of a one-note edit in a running `build.py --serve` with the default targets ({edits} edits, "
        f"bench/saves.py): save to print PDF median {medians['save to print PDF']:.2f} s "
        f"({', '.join(f'{t:.2f}' for t in saves.pdf)}; the target is 2.0 s), save to web page (reload event) "
        f"median {medians['save to web page']:.2f} s ({', '.join(f'{t:.2f}' for t in saves.web)}; the target "
        "is 0.5 s).\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--edits", type=int, default=EDITS, help=f"saves to time (default {EDITS})")
    parser.add_argument("--echo", action="store_true", help="show the build's lines as they come")
    args = parser.parse_args()
    saves = measure_saves(args.project, args.edits, echo=args.echo)
    for name, median in saves.medians().items():
        print(f"{name}: median {median:.2f} s")
    print("save to print PDF:", ", ".join(f"{t:.2f}" for t in saves.pdf))
    print("save to web page:", ", ".join(f"{t:.2f}" for t in saves.web))


if __name__ == "__main__":
    main()
