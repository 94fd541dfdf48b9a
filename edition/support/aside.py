"""One piece of the build's work done at once in a forked copy of the build, while the build goes on.

The EPUB is made from the composed edition, which the PDFs' renderers never
see; the first round of the book's layout keeps one processor busy and
leaves the other idle. A forked copy has the edition already (its memory is
shared until written), makes the EPUB there, and hands back its result or
its error. Linux only, as the renderers are.

A copy must never run the build's own cleanup (removing the staging folder,
the command's messages): Ctrl-C and SIGTERM are blocked across the fork, and
the copy takes them as plain deaths (unless the process ignores them) before
it unblocks them; it ends with os._exit, and it dies with the build.
at_once runs several pieces of work so, the first in this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import BuildError
from .storage import portable

_STOPS = {signal.SIGINT, signal.SIGTERM}
T = TypeVar("T")


class Aside:
    """func() running in a forked child; result() waits for it and gives its value and its seconds, or raises."""

    def __init__(self, func: Callable[[], object]):
        self._lock = threading.Lock()  # result() may run in a thread while cancel() runs in the build's
        self._read, write = os.pipe()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            self.pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            os.close(self._read)
            os.close(write)
            raise
        if self.pid == 0:
            for stop in _STOPS:
                if signal.getsignal(stop) is not signal.SIG_IGN:  # a renderer ignores Ctrl-C: so do its copies
                    signal.signal(stop, signal.SIG_DFL)
            die_with_parent()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            os.close(self._read)
            _child(func, write)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(write)

    def result(self) -> tuple[object, float]:
        read, self._read = self._read, -1  # closed below: never closed twice (its number may be another file's)
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        status = self._reap()
        try:
            kind, value, seconds = pickle.loads(data)
        except Exception:  # nothing, or a report cut short: the copy was killed
            code = os.waitstatus_to_exitcode(status) if status is not None else "unknown"
            raise BuildError(None, f"a forked part of the build ended without its report (exit {code})") from None
        if kind == "error":
            raise value
        return value, seconds

    def cancel(self) -> None:
        """Stop the child, if it is still at work, and reap it."""
        with self._lock:
            if self.pid:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self._reap()
        if self._read >= 0:
            read, self._read = self._read, -1
            os.close(read)

    def _reap(self) -> int | None:
        """Wait for the child once, whoever asks first; its wait status, or None if it was reaped already."""
        with self._lock:
            pid, self.pid = self.pid, 0
            if not pid:
                return None
            try:
                return os.waitpid(pid, 0)[1]
            except ChildProcessError:
                return None


def at_once(funcs: list[Callable[[], T]]) -> list[T]:
    """Each func's value, in order: the first run here, the others at the same time by forked copies."""
    first, *others = funcs
    asides: list[Aside] = []
    try:
        for func in others:
            asides.append(Aside(func))
        return [first(), *(aside.result()[0] for aside in asides)]  # type: ignore[misc]
    finally:
        for aside in asides:
            aside.cancel()


def die_with_parent() -> None:
    """Linux only: SIGKILL this process when the one that forked it ends."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child(func: Callable[[], object], write: int) -> None:
    code = 1
    try:
        start = time.perf_counter()
        try:
            report = ("ok", func(), time.perf_counter() - start)
        except BuildError as error:
            report = ("error", error, 0.0)
        except OSError as error:  # a folder that cannot be written, a full disk: said as the build says it
            report = ("error", portable(error), 0.0)  # its path made the build's own by the build
        except Exception as error:  # an unexpected fault: reported, not lost with the child
            report = ("error", BuildError(None, f"{type(error).__name__}: {error}"), 0.0)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(report))
        code = 0
    finally:
        os._exit(code)
