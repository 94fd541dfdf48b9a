"""The processes that lay parts of the book out, each part once for all of the book's PDFs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ...outputs import OUTPUTS
from ...support.aside import at_once, die_with_parent
from ...support.storage import alive, sha256, write_json
from ..weasyprint.xmp import XmpFields

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
        context.set_forkserver_preload(["edition.render.weasyprint.weasy", "weasyprint"])
        from multiprocessing import forkserver

        # The server starts ignoring Ctrl-C, as it reaches the whole process group and the build answers
        # it (the server ignores it itself only once its imports are done, and they may unblock signals).
        # The build's own Ctrl-C is blocked meanwhile, not ignored: Linux keeps it pending, and it
        # arrives once the server is started.
        running = forkserver._forkserver._forkserver_pid
        if running is not None and alive(running):
            return  # started already: no moment of ignoring Ctrl-C, which another thread could receive and lose
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
        self.start()
        jobs = sorted(jobs, key=lambda j: len(j.html), reverse=True)
        batch = self.workers * TASKS_PER_WORKER
        results: dict[str, LaidOut] = {}
        for start in range(0, len(jobs), batch):
            share = jobs[start : start + batch]
            self.pool = self._take_pool(len(share))
            try:
                futures = {job.key: self.pool.submit(lay_out_one, job) for job in share}
                results.update({key: future.result() for key, future in futures.items()})
            except BaseException:
                self.close(kill=True)
                raise
            self.close(done=len(futures))
        return results

    def warm(self, job: Job) -> None:
        """Under --watch: have each process of a fresh kept pool lay the part out once, in the background.

        A renderer's first layout loads the fonts and hyphenation dictionaries
        the book needs; this way the first save does not wait for them.
        """
        self.start()
        self.end_kept()
        self.pool = self._take_pool(self.workers)
        for _ in range(self.workers):
            self.pool.submit(measure_only, job)  # nothing waits for it: a later build's parts queue behind it
        self.close(done=self.workers)

    def _take_pool(self, count: int):
        """A pool for count more parts: the one kept under --watch if whole and with room for them, or a new one."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        kept = self.kept.get("pool")
        if kept is not None and (
            getattr(kept, "_broken", False)  # a kept renderer died (out of memory?)
            or int(self.kept["tasks"]) + count > self.workers * TASKS_PER_WORKER  # type: ignore[call-overload]
        ):
            self.end_kept()
            kept = None
        return kept or ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=start_renderer
        )

    @classmethod
    def end_kept(cls) -> None:
        """Stop the pool kept under --watch, if any, at once (its processes ignore Ctrl-C)."""
        pool = cls.kept.get("pool")
        cls.kept.clear()
        if pool is not None:
            _end(pool, kill=True)

    def close(self, kill: bool = False, done: int = 0) -> None:
        """End the pool; under --watch, keep it for the next build until its processes have done their share."""
        from ...support import memo

        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        tasks = (int(self.kept.get("tasks", 0)) if self.kept.get("pool") is pool else 0) + done  # type: ignore[call-overload]
        if not kill and memo.enabled() and tasks < self.workers * TASKS_PER_WORKER:
            self.kept.update(pool=pool, tasks=tasks)
            return
        if self.kept.get("pool") is pool:
            self.kept.clear()
        _end(pool, kill)


def _end(pool, kill: bool) -> None:
    if kill:
        # Interrupted or failed: stop the renderers now rather than wait for them.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def start_renderer() -> None:
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
    die_with_parent()


def lay_out_one(job: Job) -> LaidOut:
    document, result = measure(job)
    return write_all(document, job, result) if job.write else result


def measure_only(job: Job) -> LaidOut:
    return measure(job)[1]


def measure(job: Job):
    """Lay a part out: the WeasyPrint document, and its page count and anchors' pages."""
    from ..weasyprint.weasy import anchor_pages, layout

    document = layout(job.html, job.templates, [job.templates])
    return document, LaidOut(len(document.pages), anchor_pages(document))


def write_all(document, job: Job, result: LaidOut) -> LaidOut:
    """Write a laid-out part's PDFs and its record into the cache folder.

    The record carries the part's page starts (weasyprint.starts), taken from its boxes as they are written,
    page numbers set in: the EPUB marks the print pages by them, without reading the joined PDF.
    """
    from ..weasyprint.starts import layout_starts
    from ..weasyprint.weasy import bridge_links, warm

    bridge_links(document)
    warm(document)
    # fontTools stamps each font subset it writes with SOURCE_DATE_EPOCH, read
    # from the environment: this renderer's own, which lives for a few parts.
    os.environ["SOURCE_DATE_EPOCH"] = str(job.epoch)
    # The PDFs are written at once: all but the first by forked copies of this process, which have the
    # laid-out document already.
    at_once([lambda output=output: _write(document, output, job) for output in (OUTPUTS[n] for n in job.outputs)])
    pdfs = {name: sha256(part_pdf(job.folder, job.key, name)) for name in job.outputs}
    record = {"pages": result.pages, "anchors": result.anchors, "pdfs": pdfs, "starts": layout_starts(document)}
    write_json(job.folder / f"{job.key}.json", record)
    return result


def part_pdf(folder: Path, key: str, output: str) -> Path:
    """Where a laid-out part's PDF for an output is kept."""
    return folder / f"{key}-{output}.pdf"


def _write(document, output, job: Job) -> None:
    from ..weasyprint.weasy import write_pdf

    final = part_pdf(job.folder, job.key, output.name)
    tmp = final.with_suffix(f".{os.getpid()}.tmp")
    write_pdf(document, output, tmp, job.identifier, job.xmp)
    os.replace(tmp, final)
