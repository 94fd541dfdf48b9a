"""Stage 4b, the two PDFs: the book laid out in parts, in parallel, each part once for both PDFs.

Page numbers are written into the book (cross-references, the index) and
depend on the layout they are part of, so the parts are laid out in rounds
until nothing changes: compose the book with the pages known so far, cut it
into parts (edition/parts.py), lay out every part whose HTML is new, and
compute every anchor's page from the results. The book is settled when a
round has nothing new to lay out and the pages it computes are the ones it
was composed with.

A laid-out part is kept in .build-cache/parts under a key of its HTML and
everything else its PDFs depend on, so a rebuild lays out only the parts
that changed: a one-note edit lays out the essay's part, not the whole book.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from . import memory
from .errors import BuildError
from .join_pdf import Attachment
from .parts import Placement, cut, estimate_pages, part_document, place
from .render_pdf import PdfSpec
from .xmp import XmpFields

PART_SIZE = 40_000  # characters of HTML in a part: enough parts to keep two processes busy
SLICE_SIZE = 100_000  # a section longer than this is laid out in slices, to bound memory and time
MAX_ROUNDS = 6
TASKS_PER_WORKER = 8  # parts a renderer lays out before it is replaced
SPECS = (
    PdfSpec("print", "pdf/x-4", bleed_mm=3.0, sheet_mm=12.0),
    PdfSpec("archival", "pdf/a-3a"),
)
CACHE = Path(".build-cache")


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
    write: bool = True  # write the PDFs, or only measure the pages


@dataclass
class Report:
    rounds: int = 0
    laid_out: int = 0  # parts laid out in this build
    reused: int = 0  # parts taken from the cache


def render_book(
    compose,
    project: Path,
    outputs: dict[str, Path],
    identifier: str,
    xmp: XmpFields,
    attachments: list[Attachment],
    moment: datetime,
    log=print,
) -> dict[str, int]:
    """Lay the book out and write the PDFs named in outputs ('print', 'archival'); return their page counts.

    compose(pages) is the book's HTML with the given anchor pages written in
    (a string, or its pieces in order).
    """
    folder = project / CACHE / "parts"
    folder.mkdir(parents=True, exist_ok=True)
    state_path = project / CACHE / "pages.json"
    state = _read_json(state_path)
    pages: dict[str, int] = state.get("anchors", {})
    guesses: list[int] = state.get("counts", [])
    salt = _salt(project, identifier, xmp)
    results: dict[str, LaidOut] = {}
    written: set[str] = set()  # parts whose PDFs are in the cache folder
    report = Report()
    renderers = Renderers()
    # With nothing known of the pages (a clean build), the first round only
    # measures, from pages guessed from the HTML: every part will change once
    # its numbers are known, so its PDFs would be written for nothing. Numbers
    # of the right length make the measured pages the ones the book settles on.
    blind = not pages
    if blind:
        pages = estimate_pages(cut(compose({}), PART_SIZE, SLICE_SIZE))
    try:
        for report.rounds in range(1, MAX_ROUNDS + 1):
            # The last round's book goes before this round's is made: at 200 times
            # the edition, two composed books at once are a tenth of the build's memory.
            book = htmls = None
            book = cut(compose(pages), PART_SIZE, SLICE_SIZE)
            keys, htmls, planned = _plan(book, results, folder, salt, guesses)
            memory.release()  # what composing and cutting freed, before the renderers are forked
            todo = []
            blind = blind and report.rounds == 1
            for i, key in enumerate(keys):
                if key in written or (blind and key in results):
                    continue
                cached = _cached(folder, key)
                if cached is None:
                    todo.append(Job(key, htmls[i], project / "templates", folder, identifier, xmp, write=not blind))
                else:
                    results[key] = cached
                    written.add(key)
                    report.reused += 1
            if todo:
                results.update(renderers.lay_out(todo))
                written.update(job.key for job in todo if job.write)
                report.laid_out += len(todo)
            laid = [results[k] for k in keys]
            moved = sum(1 for old, r in zip(guesses, laid, strict=False) if old != r.pages)
            guesses = [r.pages for r in laid]
            placements = place(book.parts, guesses)
            log(f"  round {report.rounds}: {len(todo)} of {len(keys)} parts laid out; {moved} changed their page count")
            found = _anchor_pages(laid, placements)
            # Settled: every part was laid out (and written) from the pages and
            # places it turns out to have, so composing again would change nothing.
            if found == pages and placements == planned and all(k in written for k in keys):
                break
            pages = found
        else:
            raise BuildError(None, f"the page numbers did not settle in {MAX_ROUNDS} rounds of layout")
    finally:
        renderers.close()
    log(
        f"layout: {len(keys)} parts; {report.laid_out} laid out, {report.reused} from the cache, "
        f"in {report.rounds} rounds"
    )
    _write_json(state_path, {"anchors": pages, "counts": guesses})
    _prune(folder, set(keys))

    from .join_pdf import join

    anchors = [set(r.anchors) for r in laid]
    blanks = [p.blank_before for p in placements]
    counts = {}
    for spec in SPECS:
        if spec.variant in outputs:
            files = [folder / f"{key}-{spec.variant}.pdf" for key in keys]
            extra = attachments if spec.variant == "archival" else []
            counts[spec.variant] = join(files, blanks, anchors, outputs[spec.variant], extra, moment)
    return counts


def _plan(book, results, folder, salt, guesses) -> tuple[list[str], list[str], list[Placement]]:
    """Each part's key and HTML, placing each after the page counts known or guessed for those before it."""
    keys: list[str] = []
    htmls: list[str] = []
    counts: list[int] = []
    for i, part in enumerate(book.parts):
        placement = place(book.parts[: i + 1], counts)[i]
        html = part_document(book, part, placement)
        key = hashlib.sha256(f"{salt}|{html}".encode()).hexdigest()[:32]
        known = results.get(key) or _cached(folder, key)
        counts.append(known.pages if known else (guesses[i] if i < len(guesses) else 0))
        keys.append(key)
        htmls.append(html)
    return keys, htmls, place(book.parts, counts)


def _anchor_pages(laid: list[LaidOut], placements: list[Placement]) -> dict[str, int]:
    pages: dict[str, int] = {}
    for result, placement in zip(laid, placements, strict=True):
        for name, page in result.anchors.items():
            pages.setdefault(name, placement.first_page + page - 1)
    return pages


def _salt(project: Path, identifier: str, xmp: XmpFields) -> str:
    from .cache import layout_salt

    return layout_salt(project, json.dumps([identifier, asdict(xmp), [s.__dict__ for s in SPECS]], sort_keys=True))


def _cached(folder: Path, key: str) -> LaidOut | None:
    meta = folder / f"{key}.json"
    if not all((folder / f"{key}-{s.variant}.pdf").is_file() for s in SPECS):
        return None
    data = _read_json(meta)
    if not data:
        return None
    return LaidOut(data["pages"], data["anchors"])


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

    def __init__(self) -> None:
        self.workers = os.cpu_count() or 1
        self.pool = None

    @staticmethod
    def start() -> None:
        """Start the server the renderers are forked from, so that its imports overlap the build's own work."""
        import multiprocessing

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["edition.render_pdf", "weasyprint"])
        from multiprocessing import forkserver

        forkserver.ensure_running()

    def lay_out(self, jobs: list[Job]) -> dict[str, LaidOut]:
        """Lay out the parts, largest first."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.start()
        jobs = sorted(jobs, key=lambda j: len(j.html), reverse=True)
        batch = self.workers * TASKS_PER_WORKER
        results: dict[str, LaidOut] = {}
        for start in range(0, len(jobs), batch):
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("forkserver"), initializer=_start_renderer
            )
            try:
                futures = {job.key: self.pool.submit(_lay_out_one, job) for job in jobs[start : start + batch]}
                results.update({key: future.result() for key, future in futures.items()})
            except BaseException:
                self.close(kill=True)
                raise
            self.close()
        return results

    def close(self, kill: bool = False) -> None:
        if self.pool is None:
            return
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
    from multiprocessing import forkserver

    alive = getattr(forkserver._forkserver, "_forkserver_alive_fd", None)
    if alive is not None:
        os.close(alive)
        forkserver._forkserver._forkserver_alive_fd = None
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
    from .render_pdf import anchor_pages, bridge_links, layout

    document = layout(job.html, job.templates, [job.templates])
    result = LaidOut(len(document.pages), anchor_pages(document))
    if not job.write:
        return result
    bridge_links(document)
    # The two PDFs are written at once: the archival one by a forked copy of
    # this process, which has the laid-out document already.
    child = os.fork()
    if child == 0:
        code = 1
        try:
            _die_with_parent()
            _write(document, SPECS[1], job)
            code = 0
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    try:
        _write(document, SPECS[0], job)
    finally:
        _pid, status = os.waitpid(child, 0)
    if status != 0:
        raise BuildError(None, f"writing the {SPECS[1].variant} PDF of a part failed")
    _write_json(job.folder / f"{job.key}.json", {"pages": result.pages, "anchors": result.anchors})
    return result


def _write(document, spec: PdfSpec, job: Job) -> None:
    from .render_pdf import write_pdf

    final = job.folder / f"{job.key}-{spec.variant}.pdf"
    tmp = final.with_suffix(f".{os.getpid()}.tmp")
    write_pdf(document, spec, tmp, job.identifier, job.xmp)
    os.replace(tmp, final)


def _prune(folder: Path, keep: set[str]) -> None:
    """Forget parts this build did not use, so that the cache does not grow without bound."""
    for path in folder.iterdir():
        if path.name.split("-")[0].split(".")[0] not in keep:
            path.unlink(missing_ok=True)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True))
    os.replace(tmp, path)
