"""The build: load -> check -> compose -> render -> verify -> publish, one stage after another.

This module only orchestrates, and knows no output by name: what each output is (its file, its renderer, what it
needs, its checks) is declared in outputs.py, and each renderer is an object with one interface
(render/renderer.py). Outputs are written to a staging folder and moved into dist/ only when every requested
target (and, with --check, every validator) has succeeded.

Besides build(), its doors into the stages, which authoring/ and the tests use too: compose_edition(project) and
render(composed, targets, into); and, for authoring/, warm() and stop_renderers() (--watch), book_html()
(--emit-html) and check_place().
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .errors import BuildError
from .outputs import DEFAULT_TARGETS, OUTPUTS, Built
from .project import Project

# A manuscript up to this many characters has its aside outputs (the web edition) made by a forked copy of the build
# while the heavy ones (the book) are laid out: the copy shares the build's memory only until either writes, and
# at 200 times the edition (19 million characters) the site's pages and the book's parts are best not held
# at once.
ASIDE_SIZE = 2_000_000


@dataclass
class Result:
    outputs: list[Built]
    warnings: list[BuildError]
    stages: list[tuple[str, float]]


class Stopwatch:
    """Times each stage and logs one line for it."""

    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.stages: list[tuple[str, float]] = []
        self.began = time.perf_counter()

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
    published: Callable[[Built], None] = lambda _out: None,
) -> Result:
    """Build the targets that are not up to date into dist/.

    published(output) is called as each output reaches dist/: under --watch, as soon as it is made (the web
    edition's server tells the open page to reload then); otherwise all at once, at the end.
    """
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
    last = {t: Built(t, dist / r["name"], r["size"], r["pages"], r["checks"]) for t, r in done.items() if t in OUTPUTS}
    for need in _unmade_needs(stale, last):
        keys.update(cache.target_keys(project, (need,), options))
        stale.append(need)
    current = [last[t] for t in targets if t not in stale]
    if not stale:
        log("everything is up to date")
        return Result(current, [], [])
    if current:
        log(f"up to date: {', '.join(o.target for o in current)}")
    clock = Stopwatch(log)
    made = tuple(t for t in OUTPUTS if t in stale)
    outputs, warnings = _make(project, made, dist, clock, check=check, strict=strict, last=last, published=published)
    cache.remember(project, dist, keys, outputs)
    order = list(OUTPUTS)
    outputs = sorted(outputs + current, key=lambda o: order.index(o.target))
    return Result(outputs, warnings, clock.stages)


def _unmade_needs(stale: list[str], last: dict[str, Built]) -> list[str]:
    """The outputs a stale one needs (Output.needs) that neither this build makes nor the last one made."""
    wanted = [n for t in stale for n in OUTPUTS[t].needs if n in OUTPUTS]
    return list(dict.fromkeys(n for n in wanted if n not in stale and n not in last))


def _make(project: Project, targets, dist: Path, clock: Stopwatch, *, check: bool, strict: bool, last, published):
    """Make the targets from the manuscript and publish them into dist/; return them and the warnings.

    Under --watch without --check, each output is published as soon as it is made (_Prompt), so a save reaches
    the web page and the print PDF without waiting for the outputs after them; otherwise all are published at
    the end, and only if every one was made (and passed its validators).
    """
    from .publish import as_published, check_replaceable, publish, staging
    from .render.renderer import renderer
    from .support import memo
    from .support.fonts import confine

    check_replaceable(dist, [OUTPUTS[t].folder for t in targets if OUTPUTS[t].folder])  # before the work, not after
    memo.new_build()
    confine(project.fonts)  # before the renderers' server starts: it, and every process forked from it, inherit it
    for name in dict.fromkeys(OUTPUTS[t].renderer for t in targets):
        renderer(name).start()
    composed = compose_edition(project, clock, strict)
    with staging(dist) as stage, as_published(stage, dist), ThreadPoolExecutor(max_workers=3) as pool:
        checks: list[tuple[Built, Future]] = []
        prompt = _Prompt(dist, stage, clock, published) if memo.enabled() and not check else None

        def made(out: Built) -> None:
            if prompt is not None:
                prompt.publish(out)
            # The validators are separate processes: they run while the other outputs render.
            if check:
                from .verify import run

                for name in OUTPUTS[out.target].checks:
                    checks.append((out, pool.submit(run, name, out.path, out.target)))

        # Under --watch (memo) the EPUB is quicker made here, from what the last build kept, than by a copy.
        aside = not memo.enabled() and sum(len(f.text) for f in composed.ms.fragments()) <= ASIDE_SIZE
        outputs = render(composed, targets, stage, clock=clock, made=made, last=last, aside=aside)
        if checks:
            _verify(checks, clock)
        early = prompt.done if prompt is not None else set()
        rest = [o for o in outputs if o.target not in early]
        for out in rest:
            out.size = out.path.stat().st_size
        with clock.stage("publish"):
            folders = [stage / OUTPUTS[o.target].folder for o in rest if OUTPUTS[o.target].folder]
            names = {
                dist / n for o in outputs if o.target in early for n in (o.path.name, OUTPUTS[o.target].folder) if n
            }
            publish([o.path for o in rest] + folders, dist, stage, composed.ms.metadata.slug, names)
            for out in rest:
                out.path = dist / out.path.name
                published(out)
    return outputs, composed.warnings


class _Prompt:
    """Under --watch: each output moved into dist/ as soon as it is made, and announced with the time since the
    build began ("print updated in 1.70 s"); the ones after it are made while the author looks at it.

    SHA256SUMS is rewritten each time, so it always lists dist/ as it stands. Another book's outputs are set aside
    at the end of the build (publish), when all of this one's are in.
    """

    def __init__(self, dist: Path, stage: Path, clock: Stopwatch, published: Callable[[Built], None]):
        self.dist, self.stage, self.clock, self.published = dist, stage, clock, published
        self.done: set[str] = set()

    def publish(self, out: Built) -> None:
        from .publish import publish

        folder = OUTPUTS[out.target].folder
        out.size = out.path.stat().st_size
        publish([out.path] + ([self.stage / folder] if folder else []), self.dist, self.stage)
        out.path = self.dist / out.path.name
        self.done.add(out.target)
        self.clock.log(f"{out.target} updated in {time.perf_counter() - self.clock.began:.2f} s: {out.path.name}")
        self.published(out)


def compose_edition(project: Project, clock: Stopwatch | None = None, strict: bool = False):
    """Load, check and compose: the edition with what it was made with (compose.Composed).

    The spell check's dictionary, where it must be loaded, is asked by a forked
    copy of the build while the edition is composed (check.begin_check). The
    composed documents of every format are checked (render.renderer.check_composed),
    and the manuscript's pandoc ASTs are dropped: what comes after reads the HTML trees.
    """
    from .check import begin_check
    from .compose import Composed, environment
    from .load import load
    from .markup.pandoc import pandoc_version
    from .support import memory
    from .support.versions import tool_versions

    clock = clock or Stopwatch(lambda _line: None)
    ms = clock.run("load", load, project.root)
    warnings, spelling = clock.run("check", begin_check, project, ms)
    try:
        versions = tool_versions(pandoc_version())
        env = environment(project.templates)
        ed = clock.run("compose", _composed, ms, env, project, versions)
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
    return Composed(project, ms, ed, env, versions, warnings)


def _composed(ms, env, project: Project, versions: dict[str, str]):
    """The edition prepared, and checked for what only composition can know, in every format's documents."""
    from .compose import prepare
    from .render.renderer import check_composed

    ed = prepare(ms, env, project, versions)
    check_composed(ed, env)
    return ed


def render(
    composed,
    targets: tuple[str, ...],
    into: Path,
    *,
    clock: Stopwatch | None = None,
    made: Callable[[Built], None] = lambda _out: None,
    last: dict[str, Built] | None = None,
    aside: bool = False,
) -> list[Built]:
    """Render the targets into a folder, each renderer once for all its outputs, in the registry's order, calling
    made(output) as each is written; return them in the order of targets.

    last: the last build's outputs, which a target may need (Output.needs) when this build does not make them.
    With aside, in a build with a heavy renderer (the book), a renderer that may be made aside is made by a forked
    copy of the build while the build goes on (support/aside.py): the web edition while the book is laid out, the
    Kindle edition (calibre, on one processor) while the cover is made.
    """
    from .render.renderer import Given, renderer
    from .support import memory

    clock = clock or Stopwatch(lambda _line: None)
    slug = composed.ed.meta.slug
    reported: dict[str, Built] = {}

    def report(out: Built) -> Built:
        """made(out), once an output whether its renderer reported it early or not; the one reported."""
        if out.target not in reported:
            reported[out.target] = out
            made(out)  # which may move it (under --watch, into dist/)
        return reported[out.target]

    given = Given(composed, dict(last or {}), clock.log, report)
    groups = _groups([Built(t, into / OUTPUTS[t].file_name(slug)) for t in targets])
    heavy = any(renderer(name).heavy for name in groups)
    asides: list[_Aside] = []
    try:
        for name, outs in groups.items():
            if aside and heavy and renderer(name).aside:
                asides.append(_Aside(name, composed, outs, given, made))
                continue
            _await_needs(outs, asides, clock)
            for out in clock.run(f"render {name}", renderer(name).render, composed, outs, given):
                given.built[out.target] = report(out)
            memory.release()  # the documents' trees and text, freed, before the next renderer composes its own
        for side in asides:
            if not side.waited:
                clock.record(f"render {side.name}", side.wait())  # timed in the copy, beside the others
    finally:
        for side in asides:
            side.cancel()
    return [given.built[t] for t in targets]


def _await_needs(outs: list[Built], asides: list[_Aside], clock: Stopwatch) -> None:
    """Wait for the forked copies making what these outputs need (the Kobo edition needs the EPUB)."""
    needs = {need for out in outs for need in OUTPUTS[out.target].needs}
    for side in asides:
        if not side.waited and needs & {out.target for out in side.outs}:
            clock.record(f"render {side.name}", side.wait())


def _groups(built: list[Built]) -> dict[str, list[Built]]:
    """The outputs by renderer, the renderers in the order of the registry (an output's needs come before it)."""
    groups: dict[str, list[Built]] = {}
    for name in OUTPUTS:
        for out in built:
            if out.target == name:
                groups.setdefault(OUTPUTS[name].renderer, []).append(out)
    return groups


class _Aside:
    """A renderer's outputs made by a forked copy of the build (support/aside.py) while the build goes on;
    made(output) is called as soon as they are written, so that their validators start then."""

    def __init__(self, name: str, composed, outs: list[Built], given, made):
        import threading

        from .render.renderer import renderer
        from .support.aside import Aside

        self.name, self.outs, self.waited = name, outs, False
        self.child = Aside(lambda: renderer(name).render(composed, outs, given))
        self.outcome: dict[str, object] = {}

        def wait() -> None:
            try:
                done, self.outcome["seconds"] = self.child.result()
                for out in done:
                    given.built[out.target] = out
                    given.made(out)
            except BaseException as error:  # raised in the build's own thread, by wait()
                self.outcome["error"] = error

        self.thread = threading.Thread(target=wait, daemon=True)
        self.thread.start()

    def wait(self) -> float:
        """The seconds the copy took; its error raised here."""
        self.thread.join()
        self.waited = True
        if "error" in self.outcome:
            raise self.outcome["error"]  # type: ignore[misc]
        return self.outcome["seconds"]  # type: ignore[return-value]

    def cancel(self) -> None:
        self.child.cancel()
        self.thread.join()


def warm(composed, targets: tuple[str, ...]) -> None:
    """Under --watch, before the first save: each renderer makes now what its first rebuild would make cold."""
    from .render.renderer import Given, renderer

    dist, slug = composed.project.dist, composed.ed.meta.slug
    given = Given(composed, {}, lambda _line: None)
    for name, outs in _groups([Built(t, dist / OUTPUTS[t].file_name(slug)) for t in targets]).items():
        renderer(name).warm(composed, outs, given)


def stop_renderers() -> None:
    """End what the renderers kept running between a watch session's saves."""
    from .render.renderer import renderer

    for name in dict.fromkeys(o.renderer for o in OUTPUTS.values()):
        renderer(name).stop()


def book_html(composed, output: str, pages: dict[str, int]):
    """The laid-out book of an output as one HTML document, with these anchors' pages written in (--emit-html)."""
    from .render.renderer import renderer

    return renderer(OUTPUTS[output].renderer).html(composed, pages)  # type: ignore[attr-defined]


def check_place(root: Path, path: Path, option: str, outputs: tuple[Path, ...]) -> None:
    """Refuse a path to write that is a source of the project or an output (publish.check_place), for authoring/."""
    from .publish import check_place as refuse

    refuse(root, path, option, outputs)


def _verify(checks: list[tuple[Built, Future]], clock: Stopwatch) -> None:
    """Wait for every output's validators; fail with every finding."""
    failures = []
    with clock.stage("verify"):
        for out, future in checks:
            findings = future.result()
            out.checks.append(findings.summary)
            failures += [f"{findings.tool} ({out.path.name}): {p}" for p in findings.problems]
    if failures:
        raise BuildError(None, "validation failed:\n  " + "\n  ".join(failures))
