"""The build: load -> check -> compose -> render -> verify -> publish, one stage after another.

This module only orchestrates: each stage is a package of its own, and what
each output is (its file, its renderer, its checks) is declared in outputs.py.
Outputs are written to a staging folder and moved into dist/ only when every
requested target (and, with --check, every validator) has succeeded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .errors import BuildError
from .outputs import DEFAULT_TARGETS, OUTPUTS
from .project import Project

# A manuscript up to this many characters has its EPUB made by a forked copy of the build while the book is
# laid out: the copy shares the build's memory only until either writes, and at 200 times the edition (19
# million characters) the EPUB's documents and the book's composed parts are best not held at once.
ASIDE_SIZE = 2_000_000


@dataclass
class Output:
    target: str
    path: Path
    size: int = 0
    pages: int = 0
    checks: list[str] = field(default_factory=list)


@dataclass
class Result:
    outputs: list[Output]
    warnings: list[BuildError]
    stages: list[tuple[str, float]]


class Stopwatch:
    """Times each stage and logs one line for it."""

    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        yield
        self.record(name, time.perf_counter() - start)

    def record(self, name: str, elapsed: float) -> None:
        """A stage's time, here or elsewhere (in a forked copy of the build)."""
        self.stages.append((name, elapsed))
        self.log(f"{name:<22} {elapsed:6.2f} s")

    def run(self, name: str, func, *args, **kwargs):
        with self.stage(name):
            return func(*args, **kwargs)


def build(
    project: Project | Path,
    targets: tuple[str, ...] = DEFAULT_TARGETS,
    *,
    check: bool = False,
    strict: bool = False,
    dist: Path | None = None,
    log: Callable[[str], None] = print,
    force: bool = False,
) -> Result:
    if not isinstance(project, Project):
        project = Project.at(project, os.environ.get("SOURCE_DATE_EPOCH"))
    dist = dist or project.dist
    project.confine()  # before anything is read, the cache's keys included: up to date or not
    from .publish import check_place, sweep

    check_place(project.root, dist, "--dist", (project.dist,))  # before anything is written or removed

    sweep(dist, project.cache)  # whether or not there is anything to build
    options = {"check": check, "strict": strict}
    keys = cache.target_keys(project, targets, options)
    stale = list(keys) if force else cache.stale_targets(project, dist, keys)
    done = cache.records(project, dist)
    if "cover" in stale and "print" not in stale and "print" not in done:
        # The cover's spine needs the interior's page count: lay the interior out too.
        keys.update(cache.target_keys(project, ("print",), options))
        stale.append("print")
    current = [
        Output(t, dist / done[t]["name"], done[t]["size"], done[t]["pages"], done[t]["checks"])
        for t in targets
        if t not in stale
    ]
    if not stale:
        log("everything is up to date")
        return Result(current, [], [])
    if current:
        log(f"up to date: {', '.join(o.target for o in current)}")
    clock = Stopwatch(log)
    interior = done.get("print", {}).get("pages", 0)
    made = tuple(t for t in OUTPUTS if t in stale)
    outputs, warnings = _make(project, made, dist, clock, check=check, strict=strict, interior_pages=interior)
    cache.remember(project, dist, keys, outputs)
    order = list(OUTPUTS)
    outputs = sorted(outputs + current, key=lambda o: order.index(o.target))
    return Result(outputs, warnings, clock.stages)


def _make(project: Project, targets, dist: Path, clock: Stopwatch, *, check: bool, strict: bool, interior_pages: int):
    """Make the targets from the manuscript and publish them into dist/; return them and the warnings."""
    from .publish import as_published, check_replaceable, publish, staging
    from .support import memo
    from .support.fonts import confine

    check_replaceable(dist, [OUTPUTS[t].folder for t in targets if OUTPUTS[t].folder])  # before the work, not after
    memo.new_build()
    confine(project.fonts)  # before the renderers' server starts: it, and every process forked from it, inherit it
    if any(OUTPUTS[t].renderer == "pdf" for t in targets):
        from .render.pdf.renderers import Renderers

        Renderers.start()  # its imports overlap the build's own work
    ms, ed, env, versions, warnings = compose_edition(project, clock, strict)
    with staging(dist) as stage, as_published(stage, dist), ThreadPoolExecutor(max_workers=3) as pool:
        checks: list[tuple[Output, Future]] = []

        def made(out: Output) -> None:
            # The validators are separate processes: they run while the other outputs render.
            if check:
                from .verify import run

                for name in OUTPUTS[out.target].checks:
                    checks.append((out, pool.submit(run, name, out.path, out.target)))

        # Under --watch (memo) the EPUB is quicker made here, from what the last build kept, than by a copy.
        aside = not memo.enabled() and sum(len(f.text) for f in ms.fragments()) <= ASIDE_SIZE
        outputs = _render(project, ed, env, versions, targets, stage, clock, made, interior_pages, aside)
        if checks:
            _verify(checks, clock)
        for out in outputs:
            out.size = out.path.stat().st_size
        with clock.stage("publish"):
            folders = [stage / OUTPUTS[o.target].folder for o in outputs if OUTPUTS[o.target].folder]
            publish([o.path for o in outputs] + folders, dist, stage)
            for out in outputs:
                out.path = dist / out.path.name
    return outputs, warnings


def compose_edition(project: Project, clock: Stopwatch, strict: bool):
    """Load, check and compose: the manuscript, the edition, its templates, the tools' versions, the warnings.

    The spell check's dictionary, where it must be loaded, is asked by a forked
    copy of the build while the edition is composed (check.begin_check).
    """
    from .check import begin_check
    from .compose import composed, environment
    from .load import load
    from .support import memory
    from .support.versions import tool_versions

    ms = clock.run("load", load, project.root)
    warnings, spelling = clock.run("check", begin_check, project, ms)
    try:
        versions = tool_versions()
        env = environment(project.templates)
        ed = clock.run("compose", composed, ms, env, project, versions)
        warnings += spelling.wait()
    finally:
        spelling.cancel()
    for warning in warnings:
        if strict:
            raise warning
        clock.log(f"warning: {warning}")
    # The pandoc ASTs are spent: the rest of the build reads the edition's HTML trees.
    for fragment in ms.fragments():
        fragment.ast = "[]"
    memory.release()
    return ms, ed, env, versions, warnings


def _render(
    project: Project,
    ed,
    env,
    versions,
    targets,
    stage: Path,
    clock: Stopwatch,
    made,
    interior_pages: int = 0,
    aside_epub: bool = False,
) -> list[Output]:
    """Render each target into the staging folder, calling made(output) as each is written.

    The cover's spine needs the interior's page count: this build's, or interior_pages, the last build's.
    With aside_epub, the EPUB is made by a forked copy of the build while the PDFs are (support/aside.py).
    """
    outputs = [Output(t, stage / OUTPUTS[t].file_name(ed.meta.slug)) for t in targets]
    by_name = {o.target: o for o in outputs}
    pdfs = {t: o.path for t, o in by_name.items() if OUTPUTS[t].renderer == "pdf"}
    aside = None
    if "epub" in by_name:
        epub = by_name["epub"]
        if pdfs and aside_epub:
            aside = _EpubAside(project, ed, env, epub, made)
        else:
            from .render.epub import render_epub

            epub.pages = clock.run("render epub", render_epub, ed, env, project, epub.path)
            made(epub)
    try:
        _render_rest(project, ed, env, versions, by_name, pdfs, stage, clock, made, interior_pages)
        if aside is not None:
            clock.record("render epub", aside.wait())  # timed in the copy, beside the PDFs
    finally:
        if aside is not None:
            aside.cancel()
    return outputs


class _EpubAside:
    """The EPUB made by a forked copy of the build (support/aside.py) while the build lays the book out;
    made(epub) is called as soon as it is written, so that its validators start then."""

    def __init__(self, project: Project, ed, env, epub: Output, made):
        import threading

        from .render.epub import render_epub
        from .support.aside import Aside

        self.child = Aside(lambda: render_epub(ed, env, project, epub.path))
        self.outcome: dict[str, object] = {}

        def wait() -> None:
            try:
                epub.pages, self.outcome["seconds"] = self.child.result()
                made(epub)
            except BaseException as error:  # raised in the build's own thread, by wait()
                self.outcome["error"] = error

        self.thread = threading.Thread(target=wait, daemon=True)
        self.thread.start()

    def wait(self) -> float:
        """The seconds the EPUB took; its error raised here."""
        self.thread.join()
        if "error" in self.outcome:
            raise self.outcome["error"]  # type: ignore[misc]
        return self.outcome["seconds"]  # type: ignore[return-value]

    def cancel(self) -> None:
        self.child.cancel()
        self.thread.join()


def _render_rest(
    project: Project, ed, env, versions, by_name, pdfs, stage: Path, clock: Stopwatch, made, interior_pages: int
) -> None:
    """The web edition, the book's PDFs and the cover."""
    if "web" in by_name:
        from .render.web import render_web

        web = by_name["web"]
        folder = stage / OUTPUTS["web"].folder
        web.pages = clock.run("render web", render_web, ed, env, project, folder, web.path)
        made(web)
    if "epub" in by_name or "web" in by_name:
        from .support import memory

        memory.release()  # the documents' trees and text, freed, before the book is composed
    if pdfs:
        counts = clock.run("render pdf", _render_pdfs, project, ed, env, versions, pdfs, clock.log)
        for target, count in counts.items():
            by_name[target].pages = count
            made(by_name[target])
    if "cover" in by_name:
        cover = by_name["cover"]
        pages = by_name["print"].pages if "print" in by_name else interior_pages
        cover.pages = clock.run("render cover", _render_cover, project, ed, env, pages, cover.path)
        made(cover)


def _render_cover(project: Project, ed, env, pages: int, target: Path) -> int:
    from .render.cover import compose_cover, cover_spec, render_cover

    spec = cover_spec(ed.meta, pages)
    return render_cover(compose_cover(ed.meta, env, spec, project.timestamp), project, target, ed.meta, _xmp(ed))


def _xmp(ed):
    from .render.weasyprint.xmp import XmpFields

    meta = ed.meta
    return XmpFields(meta.editor, meta.identifier, ed.build_date, meta.original_statement, meta.rights, meta.language)


def _render_pdfs(project: Project, ed, env, versions, pdfs: dict[str, Path], log) -> dict[str, int]:
    from .compose import PrintBook
    from .render.pdf.book import render_book

    return render_book(PrintBook(ed, env), project, book_pdfs(project, ed, env, versions, pdfs), log)


def book_pdfs(project: Project, ed, env, versions, pdfs: dict[str, Path]):
    """What the book's PDFs are written with, besides their pages (render.pdf.book.BookPdfs)."""
    from .render.pdf.attachments import attachments
    from .render.pdf.book import BookPdfs

    meta = ed.meta
    return BookPdfs(
        pdfs,
        meta.identifier,
        _xmp(ed),
        attachments(project, versions, ed.ms.evidence()) if "archival" in pdfs else [],
        env.get_template("print/part.html.j2"),
    )


def _verify(checks: list[tuple[Output, Future]], clock: Stopwatch) -> None:
    """Wait for every output's validators; fail with every finding."""
    failures = []
    with clock.stage("verify"):
        for out, future in checks:
            findings = future.result()
            out.checks.append(findings.summary)
            failures += [f"{findings.tool} ({out.path.name}): {p}" for p in findings.problems]
    if failures:
        raise BuildError(None, "validation failed:\n  " + "\n  ".join(failures))
