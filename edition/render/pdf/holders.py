"""Renderers that keep their blind layouts until the book's pages are known (a clean build of a bounded book)."""

from __future__ import annotations

import os

from ...errors import BuildError
from ...support.storage import portable
from .renderers import Job, LaidOut, Renderers, lay_out_one, measure, start_renderer, write_all


class Holders:
    """One renderer per processor, each laying out its share of the parts and keeping them until asked to write them.

    A clean build lays its parts out before it knows their pages. Held, a
    part whose final document differs only in its page numbers of as many
    digits (numbers.py) has them set in and is written, instead of being laid
    out a second time. Each holder keeps every document it laid out, so this
    is for books of bounded size (book.HOLD_SIZE).
    """

    def __init__(self) -> None:
        self.workers = os.cpu_count() or 1
        self.processes: list = []
        self.pipes: list = []
        self.owner: dict[str, int] = {}  # held part's key -> its holder
        self.shares: list[list[Job]] = []  # the parts each holder was given

    def measure(self, jobs: list[Job]) -> dict[str, LaidOut]:
        """Lay the parts out and keep them; their page counts and anchors' pages. May be asked more than once."""
        if not self.pipes:
            self._start()
        loads = [sum(len(job.html) for job in self.shares[i]) for i in range(len(self.pipes))]
        shares: list[list[Job]] = [[] for _ in self.pipes]
        for job in sorted(jobs, key=lambda j: len(j.html), reverse=True):
            least = loads.index(min(loads))
            shares[least].append(job)
            self.shares[least].append(job)
            loads[least] += len(job.html)
            self.owner[job.key] = least
        for pipe, share in zip(self.pipes, shares, strict=True):
            pipe.send(("measure", share))
        results: dict[str, LaidOut] = {}
        for pipe in self.pipes:
            results.update(self._receive(pipe))
        return results

    def _start(self) -> None:
        import multiprocessing

        Renderers.start()
        context = multiprocessing.get_context("forkserver")
        for _ in range(self.workers):
            ours, theirs = context.Pipe()
            process = context.Process(target=_hold, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            self.processes.append(process)
            self.pipes.append(ours)
            self.shares.append([])

    def finish(self, parts: list[tuple[str, Job]], fresh: list[Job]) -> tuple[dict[str, LaidOut], int]:
        """Write each (held part, its final job) whose numbers can be set in, and lay out and write the fresh
        jobs; the parts written, by final key, and how many of them had their numbers set in. Then end."""
        shares: list[tuple[list, list]] = [([], []) for _ in self.pipes]
        loads = [0] * len(self.pipes)
        for held, job in parts:
            shares[self.owner[held]][0].append((held, job))
            loads[self.owner[held]] += len(job.html)
        for job in sorted(fresh, key=lambda j: len(j.html), reverse=True):
            least = loads.index(min(loads))
            shares[least][1].append(job)
            loads[least] += 2 * len(job.html)  # laid out as well as written
        for pipe, share in zip(self.pipes, shares, strict=True):
            pipe.send(("finish", share))
        results: dict[str, LaidOut] = {}
        filled = 0
        for pipe in self.pipes:
            written, count = self._receive(pipe)
            results.update(written)
            filled += count
        self.close()
        return results, filled

    def _receive(self, pipe):
        """A holder's answer; its error raised here, where the build reports it."""
        try:
            status, value = pipe.recv()
        except EOFError:
            self.close(kill=True)
            raise BuildError(None, "a renderer ended without a word (out of memory?)") from None
        if status != "ok":
            self.close(kill=True)
            raise value
        return value

    def close(self, kill: bool = False) -> None:
        for process in self.processes:
            if kill:
                process.terminate()
            process.join()
        for pipe in self.pipes:
            pipe.close()
        self.processes, self.pipes, self.shares = [], [], []


def _hold(pipe) -> None:
    """A holder: lay out the parts it is given, as often as asked; then write the ones whose numbers can be set in,
    lay out and write the fresh ones it is given, and end."""
    from .numbers import fill

    start_renderer()
    try:
        held = {}
        while True:
            kind, work = pipe.recv()
            if kind == "measure":
                measured = {}
                for job in work:
                    document, result = measure(job)
                    held[job.key] = (job.html, document, result)
                    measured[job.key] = result
                pipe.send(("ok", measured))
                continue
            written = {}
            parts, fresh = work
            for key, job in parts:
                html, document, result = held.pop(key)
                if fill(document, html, job.html):
                    written[job.key] = write_all(document, job, result)
            filled = len(written)
            held.clear()  # the layouts not used go before the fresh ones are made
            for job in fresh:
                written[job.key] = lay_out_one(job)
            pipe.send(("ok", (written, filled)))
            return
    except BaseException as error:
        try:
            sent = portable(error) if isinstance(error, OSError) else error  # a full disk is said with its path
            pipe.send(("error", sent if isinstance(sent, (BuildError, OSError)) else BuildError(None, repr(error))))
        except Exception:
            pass
    finally:
        pipe.close()
