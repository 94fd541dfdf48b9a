"""Rebuild on save (--watch): the manuscript and templates in this process, the build's code in a fresh one."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError

WATCHED = ("manuscript", "templates", "edition")
CODE = "edition"


def watch(
    project: Path,
    rebuild: Callable[[], object],
    restart: Callable[[], None],
    log: Callable[[str], None] = print,
    warm: Callable[[], None] | None = None,
) -> None:
    """Rebuild after every change below the watched folders, until interrupted; errors don't stop it.

    After the first build, warm() makes what the first save would otherwise
    make cold. A change to the build's own code calls restart, which runs the command
    again in a fresh process: the modules this process has imported are the
    old code, and a rebuild with them would be recorded under the new code's
    cache key.
    """
    from ..support import memo

    memo.enable()  # each rebuild recalls what the one before made from the same inputs

    def attempt() -> None:
        start = time.perf_counter()
        try:
            rebuild()
        except BuildError as exc:
            log(f"error: {exc}")
        except OSError as exc:
            log(f"error: {exc.filename}: {exc.strerror or exc}")
        else:
            log(f"rebuilt in {time.perf_counter() - start:.2f} s")

    attempt()
    try:
        code_changed = _loop(project, attempt, log, warm)
    finally:
        from ..pipeline import stop_renderers

        stop_renderers()  # the renderers kept warm between saves ignore Ctrl-C: stopped here
    if code_changed:
        restart()


def _loop(project: Path, attempt, log, warm) -> bool:
    """Rebuild on each save until interrupted; True when the build's own code changed."""
    from watchfiles import watch as watch_changes

    folders = [str(project / name) for name in WATCHED if (project / name).is_dir()]
    waiting = True
    # An empty set arrives on each timeout: the watcher is live, so saying so is true.
    for changes in watch_changes(
        *folders, debounce=300, rust_timeout=400, yield_on_timeout=True, raise_interrupt=False
    ):
        names = sorted({str(Path(path).relative_to(project)) for _kind, path in changes})
        names = [n for n in names if "__pycache__" not in n and not n.endswith(".tmp")]
        if not names:
            if warm is not None:
                # What the first save needs, made now that the watcher is live: a save meanwhile is not lost.
                _warm(warm, log)
                warm = None
            if waiting:
                log("watching for changes (Ctrl-C to stop)")
                sys.stdout.flush()
                waiting = False
            continue
        log(f"changed: {', '.join(names)}")
        if any(Path(name).parts[0] == CODE for name in names):
            log("the build's code changed: starting again in a fresh process")
            return True
        attempt()
        waiting = True
    return False


def _warm(warm: Callable[[], None], log: Callable[[str], None]) -> None:
    """Warming up only saves time: whatever goes wrong, the session goes on (the next save says any real error)."""
    try:
        warm()
    except Exception as exc:
        log(f"note: could not warm up for the first save ({type(exc).__name__})")
