"""The processes that lay parts of the book out, each part once for both PDFs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ...errors import BuildError
from ...outputs import OUTPUTS
from ...support.storage import sha256, write_json
from .xmp import XmpFields

TASKS_PER_WORKER = 8  # parts a renderer lays out before it is replaced


@dataclass(frozen=True)
class LaidOut:
    """What the layout of one part gave: its page count and the page (from 1) of each anchor in it."""

    pages: int
    anchors: dict[str, int]


@dataclass(frozen=True)
class Job:
    key: str
    html: str
    templates: Path
    folder: Path
    identifier: str
    xmp: XmpFields
    epoch: int  # the build moment, for the fonts' timestamps
    outputs: tuple[str, ...]  # the PDF outputs to write
    write: bool = True  # write the PDFs, or only measure the pages


class Renderers:
    """Processes that lay parts out, as many as there are processors.

    Layout is CPU-bound Python, so it runs in processes. They are forked from
    a small server started with WeasyPrint imported, not from the build: a
    process forked from the build would carry all of the build's memory
    (the manuscript, the composed book) in its own. WeasyPrint keeps some
    memory from every document it lays out, so the processes are replaced
    after a few parts each: the parts go out in batches, each to a fresh pool.
    (A pool's own max_tasks_per_child can hang on Python 3.11.)
    """

    # Under --watch (support/memo.py on) the pool outlives the build, so that a save's part is laid out by a
    # warm renderer (WeasyPrint's first layout in a process loads hyphenation dictionaries and fonts): the pool,
    # and the parts it has laid out. It is replaced, as a build's pools are, after a few parts a process.
    kept: dict[str, object] = {}

    def __init__(self) -> None:
        self.workers = os.cpu_count() or 1
        self.pool = None

    @staticmethod
    def start() -> None:
        """Start the server the renderers are forked from, so that its imports overlap the build's own work."""
        import multiprocessing
        import signal
        import threading

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["edition.render.pdf.weasy", "weasyprint"])
        from multiprocessing import forkserver

        # The server starts ignoring Ctrl-C, as it reaches the whole process group and the build answers
        # it (the server ignores it itself only once its imports are done, and they may unblock signals).
        # The build's own Ctrl-C is blocked meanwhile, not ignored: Linux keeps it pending, and it
        # arrives once the server is started.
        if threading.current_thread() is not threading.main_thread():
            forkserver.ensure_running()
            return
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, handler)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def lay_out(self, jobs: list[Job]) -> dict[str, LaidOut]:
        """Lay out the parts, largest first."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.start()
        jobs = sorted(jobs, key=lambda j: len(j.html), reverse=True)
        batch = self.workers * TASKS_PER_WORKER
        results: dict[str, LaidOut] = {}
        for start in range(0, len(jobs), batch):
            if getattr(self.kept.get("pool"), "_broken", False):  # a kept renderer died (out of memory?)
                self.kept.clear()
            self.pool = self.kept.get("pool") or ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=_start_renderer
            )
            try:
                futures = {job.key: self.pool.submit(_lay_out_one, job) for job in jobs[start : start + batch]}
                results.update({key: future.result() for key, future in futures.items()})
            except BaseException:
                self.close(kill=True)
                raise
            self.close(done=len(futures))
        return results

    def warm(self, job: Job) -> None:
        """Under --watch: have each process of the kept pool lay the part out once, in the background, and keep it.

        A renderer's first layout loads the fonts and hyphenation dictionaries
        the book needs; this way the first save does not wait for them.
        """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.start()
        self.pool = self.kept.get("pool") or ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=_start_renderer
        )
        for _ in range(self.workers):
            self.pool.submit(_measure_only, job)  # nothing waits for it: a later build's parts queue behind it
        self.close(done=self.workers)

    def close(self, kill: bool = False, done: int = 0) -> None:
        """End the pool; under --watch, keep it for the next build until its processes have done their share."""
        from ...support import memo

        if self.pool is None:
            return
        tasks = int(self.kept.get("tasks", 0)) + done  # type: ignore[call-overload]
        if not kill and memo.enabled() and tasks < self.workers * TASKS_PER_WORKER:
            self.kept.update(pool=self.pool, tasks=tasks)
            self.pool = None
            return
        self.kept.clear()
        if kill:
            # Interrupted or failed: stop the other renderers now rather than wait for them.
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


def _start_renderer() -> None:
    """A renderer must not outlive the build, even one killed outright.

    It dies with its parent, the server it was forked from. The server ends
    when every holder of its "alive" pipe has closed it: the build, and every
    process the server forks, which is handed a copy. A renderer closes its
    copy, so that the server, and with it the renderer, ends with the build.
    """
    import signal
    from multiprocessing import forkserver

    alive = getattr(forkserver._forkserver, "_forkserver_alive_fd", None)
    if alive is not None:
        os.close(alive)
        forkserver._forkserver._forkserver_alive_fd = None
    # Ctrl-C reaches the whole process group: the build answers it and ends the renderers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux only: SIGKILL this process when the one that forked it ends."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _lay_out_one(job: Job) -> LaidOut:
    document, result = _measure(job)
    return _write_all(document, job, result) if job.write else result


def _measure_only(job: Job) -> LaidOut:
    return _measure(job)[1]


def _measure(job: Job):
    """Lay a part out: the WeasyPrint document, and its page count and anchors' pages."""
    from .weasy import anchor_pages, layout

    document = layout(job.html, job.templates, [job.templates])
    return document, LaidOut(len(document.pages), anchor_pages(document))


def _write_all(document, job: Job, result: LaidOut) -> LaidOut:
    """Write a laid-out part's PDFs and its record into the cache folder."""
    from .weasy import bridge_links, warm

    bridge_links(document)
    warm(document)
    # fontTools stamps each font subset it writes with SOURCE_DATE_EPOCH, read
    # from the environment: this renderer's own, which lives for a few parts.
    os.environ["SOURCE_DATE_EPOCH"] = str(job.epoch)
    first, *others = [OUTPUTS[name] for name in job.outputs]
    # The PDFs are written at once: the others by forked copies of this
    # process, which have the laid-out document already.
    children = {}
    for output in others:
        child = os.fork()
        if child == 0:
            _write_in_child(document, output, job)
        children[child] = output
    try:
        _write(document, first, job)
    finally:
        failed = [output.name for pid, output in children.items() if os.waitpid(pid, 0)[1] != 0]
    if failed:
        raise BuildError(None, f"writing the {failed[0]} PDF of a part failed")
    pdfs = {name: sha256(part_pdf(job.folder, job.key, name)) for name in job.outputs}
    write_json(job.folder / f"{job.key}.json", {"pages": result.pages, "anchors": result.anchors, "pdfs": pdfs})
    return result


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

    _start_renderer()
    try:
        held = {}
        while True:
            kind, work = pipe.recv()
            if kind == "measure":
                measured = {}
                for job in work:
                    document, result = _measure(job)
                    held[job.key] = (job.html, document, result)
                    measured[job.key] = result
                pipe.send(("ok", measured))
                continue
            written = {}
            parts, fresh = work
            for key, job in parts:
                html, document, result = held.pop(key)
                if fill(document, html, job.html):
                    written[job.key] = _write_all(document, job, result)
            filled = len(written)
            held.clear()  # the layouts not used go before the fresh ones are made
            for job in fresh:
                written[job.key] = _lay_out_one(job)
            pipe.send(("ok", (written, filled)))
            return
    except BaseException as error:
        try:
            pipe.send(("error", error if isinstance(error, BuildError) else BuildError(None, repr(error))))
        except Exception:
            pass
    finally:
        pipe.close()


def _write_in_child(document, output, job: Job) -> None:
    """Write one PDF in a forked child, and end the child."""
    code = 1
    try:
        _die_with_parent()
        _write(document, output, job)
        code = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def part_pdf(folder: Path, key: str, output: str) -> Path:
    """Where a laid-out part's PDF for an output is kept."""
    return folder / f"{key}-{output}.pdf"


def _write(document, output, job: Job) -> None:
    from .weasy import write_pdf

    final = part_pdf(job.folder, job.key, output.name)
    tmp = final.with_suffix(f".{os.getpid()}.tmp")
    write_pdf(document, output, tmp, job.identifier, job.xmp)
    os.replace(tmp, final)
