"""The build: load -> check -> compose -> render -> verify -> publish, one stage after another.

Outputs are written to a staging folder and moved into dist/ only when every
requested target (and, with --check, every validator) has succeeded.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import BuildError

TARGETS = ("epub", "print", "archival")
PDF_VARIANTS = {"print": "pdf/x-4", "archival": "pdf/a-3a"}


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
    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.stages: list[tuple[str, float]] = []

    def run(self, name: str, func, *args, **kwargs):
        start = time.perf_counter()
        value = func(*args, **kwargs)
        elapsed = time.perf_counter() - start
        self.stages.append((name, elapsed))
        self.log(f"{name:<22} {elapsed:6.2f} s")
        return value


def tool_versions() -> dict[str, str]:
    from importlib.metadata import version

    from . import pandoc

    return {
        "edition build": __version__,
        "Python": platform.python_version(),
        "pandoc": pandoc.pandoc_version(),
        "WeasyPrint": version("weasyprint"),
        "Jinja2": version("jinja2"),
        "lxml": version("lxml"),
        "Pillow": version("pillow"),
    }


def output_name(slug: str, target: str) -> str:
    return {"epub": f"{slug}.epub", "print": f"{slug}-print.pdf", "archival": f"{slug}-archival.pdf"}[target]


def manuscript_files(project: Path) -> list[Path]:
    root = project / "manuscript"
    return sorted(p for p in root.rglob("*") if p.is_file())


def build_manifest(project: Path, versions: dict[str, str], timestamp: str) -> bytes:
    from .publish import sha256

    inputs = {str(p.relative_to(project)): sha256(p) for p in manuscript_files(project)}
    for folder in ("templates",):
        for p in sorted((project / folder).rglob("*")):
            if p.is_file():
                inputs[str(p.relative_to(project))] = sha256(p)
    manifest = {"build_time": timestamp, "tools": versions, "inputs": inputs}
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()


def build(
    project: Path,
    targets: tuple[str, ...] = TARGETS,
    *,
    check: bool = False,
    strict: bool = False,
    dist: Path | None = None,
    log: Callable[[str], None] = print,
    force: bool = False,
) -> Result:
    from . import cache
    from .timestamps import fixed_time

    dist = dist or project / "dist"
    watch = Stopwatch(log)
    moment = fixed_time(project)
    keys = cache.target_keys(project, targets, {"check": check, "strict": strict}, moment.isoformat())
    stale = list(keys) if force else cache.stale_targets(project, dist, keys)
    done = cache.records(project, dist)
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
    requested, targets = targets, tuple(stale)

    from .check import check_project
    from .compose import environment, prepare
    from .load import load
    from .publish import publish, staging

    ms = watch.run("load", load, project)
    warnings = watch.run("check", check_project, project, ms)
    for warning in warnings:
        if strict:
            raise warning
        log(f"warning: {warning}")

    versions = tool_versions()
    templates = project / "templates"
    env = environment(templates)
    ed = watch.run("compose", prepare, ms, project, versions)
    # fontTools, which subsets the fonts WeasyPrint embeds, stamps each font's
    # `head` table with SOURCE_DATE_EPOCH when it is set, else with the clock.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    slug = ms.metadata.slug
    outputs: list[Output] = []
    checks: list[tuple[Output, Future]] = []

    with staging(dist) as stage, ThreadPoolExecutor(max_workers=3) as pool:
        if "epub" in targets:
            from .render_epub import epub_files, write_epub

            out = Output("epub", stage / output_name(slug, "epub"))
            files = watch.run("compose epub", epub_files, ed, env, templates)
            watch.run("render epub", write_epub, files, out.path, moment)
            out.pages = sum(1 for name, _ in files if name.startswith("EPUB/text/"))
            outputs.append(out)
            if check:
                from .verify import run_ace, run_epubcheck

                # The validators are separate processes: they run while the PDFs render.
                checks.append((out, pool.submit(run_epubcheck, out.path)))
                checks.append((out, pool.submit(run_ace, out.path)))

        pdf_targets = [t for t in ("print", "archival") if t in targets]
        if pdf_targets:
            outputs += watch.run("render pdf", _render_pdfs, ed, env, project, stage, pdf_targets, moment, versions)
            if check:
                from .verify import check_pdf

                for out in outputs:
                    if out.target in PDF_VARIANTS:
                        checks.append((out, pool.submit(check_pdf, out.path, out.target)))

        if checks:
            start = time.perf_counter()
            failures = []
            for out, future in checks:
                findings = future.result()
                out.checks.append(findings.summary)
                failures += [f"{findings.tool} ({out.path.name}): {p}" for p in findings.problems]
            watch.stages.append(("verify", time.perf_counter() - start))
            log(f"{'verify':<22} {watch.stages[-1][1]:6.2f} s")
            if failures:
                raise BuildError(None, "validation failed:\n  " + "\n  ".join(failures))

        for out in outputs:
            out.size = out.path.stat().st_size
        start = time.perf_counter()
        publish([o.path for o in outputs], dist, stage)
        for out in outputs:
            out.path = dist / out.path.name
        cache.remember(project, dist, keys, outputs)
        log(f"{'publish':<22} {time.perf_counter() - start:6.2f} s")
    outputs = sorted(outputs + current, key=lambda o: requested.index(o.target))
    return Result(outputs, warnings, watch.stages)


CACHE_DIR = ".build-cache"


def _render_pdfs(ed, env, project: Path, stage: Path, targets: list[str], moment, versions) -> list[Output]:
    """Lay out and write the PDFs, repeating until the page numbers are settled.

    The index lists each page once, and cross-references carry page numbers
    written in from a layout, so both depend on the layout they are part of.
    A layout whose anchor pages equal those it was made from is final. The
    last build's pages are the first guess, so an unchanged or slightly
    changed book is usually laid out once.
    """
    cache = project / CACHE_DIR / "anchor-pages.json"
    try:
        known: dict[str, dict[str, int]] = json.loads(cache.read_text())
    except (OSError, ValueError):
        known = {}
    outputs = {t: Output(t, stage / output_name(ed.meta.slug, t)) for t in targets}
    pending = list(targets)
    for _round in range(4):
        jobs = []
        for target in pending:
            guess = known.get(target, {})
            for entry in ed.index:
                entry.pages = {a: guess[a] for a, _s, _p in entry.anchors if a in guess}
            html = print_document_for(ed, env, target, guess)
            jobs.append(
                (
                    target,
                    (
                        html,
                        project / "templates",
                        [project / "templates"],
                        _spec(ed, project, target, versions),
                        outputs[target].path,
                        moment,
                        ed.meta.identifier,
                        _xmp(ed),
                    ),
                )
            )
        results = _run_jobs(jobs)
        settled = []
        for target, (count, pages) in results.items():
            outputs[target].pages = count
            if pages == known.get(target):
                settled.append(target)
            known[target] = pages
        pending = [t for t in pending if t not in settled]
        if not pending:
            break
    else:
        raise BuildError(None, f"the index's page numbers did not settle for {', '.join(pending)}")
    try:
        cache.parent.mkdir(exist_ok=True)
        cache.write_text(json.dumps(known, sort_keys=True))
    except OSError:
        pass  # the cache only saves time
    return [outputs[t] for t in targets]


def print_document_for(ed, env, target: str, pages: dict[str, int]) -> str:
    from .compose import print_document

    return print_document(ed, env, target, "css", pages)


def _run_jobs(jobs: list[tuple[str, tuple]]) -> dict[str, tuple[int, dict[str, int]]]:
    if len(jobs) == 1:
        target, args = jobs[0]
        return {target: _render_one(*args)}
    # The PDFs are laid out in parallel processes: layout is CPU-bound Python.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(len(jobs), mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent)
    try:
        futures = {target: pool.submit(_render_one, *args) for target, args in jobs}
        return {target: future.result() for target, future in futures.items()}
    except BaseException:
        # Interrupted or failed: stop the other renderer now rather than wait for it.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent() -> None:
    """A renderer must not outlive a build that was killed outright (Linux only)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _render_one(html, base, roots, spec, path, moment, identifier, xmp) -> tuple[int, dict[str, int]]:
    from .render_pdf import anchor_pages, layout, write_pdf

    document = layout(html, base, roots)
    write_pdf(document, spec, path, moment, identifier, xmp)
    return len(document.pages), anchor_pages(document)


def _spec(ed, project: Path, target: str, versions: dict[str, str]):
    from .render_pdf import PdfSpec

    attachments = []
    if target == "archival":
        for path in manuscript_files(project):
            rel = str(path.relative_to(project))
            attachments.append((rel, path.read_bytes(), f"Manuscript source: {rel}", "Source"))
        attachments.append(
            (
                "build-manifest.json",
                build_manifest(project, versions, ed.build_timestamp),
                "Build manifest: tool versions and SHA-256 of every input",
                "Supplement",
            )
        )
    return PdfSpec(target, PDF_VARIANTS[target], attachments, bleed_mm=3.0 if target == "print" else None)


def _xmp(ed) -> str:
    from xml.sax.saxutils import escape

    meta = ed.meta
    return (
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:contributor><rdf:Bag><rdf:li>{escape(meta.editor)}</rdf:li></rdf:Bag></dc:contributor>"
        f"<dc:identifier>{escape(meta.identifier)}</dc:identifier>"
        f"<dc:date><rdf:Seq><rdf:li>{escape(ed.build_date)}</rdf:li></rdf:Seq></dc:date>"
        f"<dc:source>{escape(meta.original_statement)}</dc:source>"
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.rights)}</rdf:li></rdf:Alt></dc:rights>'
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>"
    )
