"""One piece of the build's work done at once in a forked copy of the build, while the build goes on.

The EPUB is made from the composed edition, which the PDFs' renderers never
see; the first round of the book's layout keeps one processor busy and
leaves the other idle. A forked copy has the edition already (its memory is
shared until written), makes the EPUB there, and hands back its result or
its error. Linux only, as the renderers are.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable

from ..errors import BuildError


class Aside:
    """func() running in a forked child; result() waits for it and gives its value and its seconds, or raises."""

    def __init__(self, func: Callable[[], object]):
        self._read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, report it, and end without running the build's cleanup
            os.close(self._read)
            _child(func, write)
        os.close(write)

    def result(self) -> tuple[object, float]:
        read, self._read = self._read, -1  # closed below: never closed twice (its number may be another file's)
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if not data:
            raise BuildError(None, f"a forked part of the build ended without a word (status {status})")
        kind, value, seconds = pickle.loads(data)
        if kind == "error":
            raise value
        return value, seconds

    def cancel(self) -> None:
        """Stop the child, if it is still at work, and reap it."""
        import signal

        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def _child(func: Callable[[], object], write: int) -> None:
    code = 1
    try:
        start = time.perf_counter()
        try:
            report = ("ok", func(), time.perf_counter() - start)
        except BuildError as error:
            report = ("error", error, 0.0)
        except OSError as error:  # a folder that cannot be written, a full disk: said as the build says it
            report = ("error", BuildError(error.filename, error.strerror or str(error)), 0.0)
        except Exception as error:  # an unexpected fault: reported, not lost with the child
            report = ("error", BuildError(None, f"{type(error).__name__}: {error}"), 0.0)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(report))
        code = 0
    finally:
        os._exit(code)
