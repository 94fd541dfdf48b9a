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

from . import __version__, memory
from .errors import BuildError
from .xmp import XmpFields

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

    if any(t in PDF_VARIANTS for t in targets):
        from .render_book import Renderers

        Renderers.start()
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
    # The pandoc ASTs are spent: the rest of the build reads the edition's HTML trees.
    for fragment in ms.fragments():
        fragment.ast = "[]"
    memory.release()
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
            del files  # the EPUB's documents, no longer needed while the PDFs are laid out
            outputs.append(out)
            if check:
                from .verify import run_ace, run_epubcheck

                # The validators are separate processes: they run while the PDFs render.
                checks.append((out, pool.submit(run_epubcheck, out.path)))
                checks.append((out, pool.submit(run_ace, out.path)))

        pdf_targets = [t for t in ("print", "archival") if t in targets]
        if pdf_targets:
            args = (ed, env, project, stage, pdf_targets, moment, versions, log)
            outputs += watch.run("render pdf", _render_pdfs, *args)
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


def _render_pdfs(ed, env, project: Path, stage: Path, targets: list[str], moment, versions, log) -> list[Output]:
    from .compose import print_document_chunks
    from .render_book import render_book

    outputs = {t: Output(t, stage / output_name(ed.meta.slug, t)) for t in targets}
    counts = render_book(
        lambda pages: print_document_chunks(ed, env, "css", pages),
        project,
        {t: o.path for t, o in outputs.items()},
        ed.meta.identifier,
        _xmp(ed),
        _attachments(ed, project, versions) if "archival" in targets else [],
        moment,
        log,
    )
    for target, out in outputs.items():
        out.pages = counts[target]
    return [outputs[t] for t in targets]


MIME_TYPES = {".md": "text/markdown", ".yaml": "application/yaml", ".txt": "text/plain", ".json": "application/json"}


def _attachments(ed, project: Path, versions: dict[str, str]) -> list:
    """The archival PDF carries the manuscript it was made from, and a manifest of the build."""
    from .join_pdf import Attachment

    files = []
    for path in manuscript_files(project):
        rel = str(path.relative_to(project))
        mime = MIME_TYPES.get(path.suffix, "application/octet-stream")
        files.append(Attachment(rel, path.read_bytes(), f"Manuscript source: {rel}", "Source", mime))
    files.append(
        Attachment(
            "build-manifest.json",
            build_manifest(project, versions, ed.build_timestamp),
            "Build manifest: tool versions and SHA-256 of every input",
            "Supplement",
            "application/json",
        )
    )
    return files


def _xmp(ed) -> XmpFields:
    meta = ed.meta
    return XmpFields(meta.editor, meta.identifier, ed.build_date, meta.original_statement, meta.rights, meta.language)
