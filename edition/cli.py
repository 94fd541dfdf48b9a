"""The command line: `python build.py [target ...] [--check] [--strict] [--debug] ...`; targets from outputs.py."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .errors import BuildError
from .outputs import DEFAULT_TARGETS, OUTPUTS, TARGETS, interior, served
from .project import Project

ON_REQUEST = ", ".join(t for t in TARGETS if t not in DEFAULT_TARGETS) or "none"
_WIDTH = max(len(o.file_name("<slug>")) for o in OUTPUTS.values())
OUTPUT_LINES = "\n".join(
    [f"  dist/{o.file_name('<slug>'):<{_WIDTH}}  {o.summary}" for o in OUTPUTS.values()]
    + [f"  dist/{'SHA256SUMS':<{_WIDTH}}  checksums of the outputs"]
)
DESCRIPTION = f"""\
Build the annotated edition in manuscript/ (its text, notes and apparatus,
named in manuscript/metadata.yaml) into dist/:

{OUTPUT_LINES}

With no target, all but {ON_REQUEST} are built. Outputs reach dist/ only when every
requested target (and, with --check, every validator) has succeeded; a failed
build leaves dist/ as it was. Timestamps come from SOURCE_DATE_EPOCH or, by
default, the last commit's date, so a rebuild gives the same bytes.
"""

EPILOG = """\
to start another edition: build.py new FOLDER writes a minimal valid project
(see the README, "Starting a new edition", and docs/manuscript.md).

exit status: 0 built; 1 the manuscript or a validator found a problem
(reported as path:line: message); 2 wrong command-line usage.
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "targets",
        nargs="*",
        choices=[*TARGETS, []],
        metavar="target",
        help=f"{', '.join(TARGETS)} (default: {', '.join(DEFAULT_TARGETS)})",
    )
    p.add_argument(
        "--check", action="store_true", help="also run EPUBCheck, DAISY Ace and the PDF checks; fail on any finding"
    )
    p.add_argument("--strict", action="store_true", help="treat warnings (unused notes or sources) as errors")
    p.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    p.add_argument("--force", action="store_true", help="rebuild every target even if it is up to date")
    p.add_argument(
        "--watch",
        action="store_true",
        help="rebuild whenever a file in manuscript/, templates/ or edition/ changes; errors are shown "
        "and watching goes on",
    )
    p.add_argument(
        "--serve",
        action="store_true",
        help="serve the web edition (dist/web/) on 127.0.0.1 and rebuild it on save, as --watch does; "
        "with no target, only the web edition is built",
    )
    p.add_argument("--port", type=int, default=8000, help="the port --serve uses (default 8000; 0: any free one)")
    p.add_argument(
        "--preview",
        metavar="PAGES",
        nargs="?",
        const="1-4",
        default=None,
        help="also write PNG images of these print pages (e.g. 1,5-7; default 1-4), and of the cover if it is "
        "built, to dist/preview/",
    )
    p.add_argument(
        "--emit-html",
        metavar="FILE",
        type=Path,
        help="also write the composed print book as one HTML file, with the pages of its layout; its stylesheet "
        "and fonts resolve from templates/ (render it with WeasyPrint, base_url=templates/)",
    )
    p.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent, help=argparse.SUPPRESS)
    p.add_argument("--dist", type=Path, default=None, help="output folder (default: dist/ in the project)")
    return p


def _terminate(signum, _frame):
    # Turn SIGTERM into an exception so that the staging folder is cleaned up.
    raise KeyboardInterrupt(f"signal {signum}")


def _summary(result) -> None:
    print()
    for out in result.outputs:
        unit = OUTPUTS[out.target].unit
        checks = "; ".join(out.checks) if out.checks else "not validated (use --check)"
        print(f"{out.path.name:<40} {out.size / 1024:8.1f} KiB  {out.pages:3d} {unit:<9}  {checks}")


def _targets_and_pages(p: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[tuple[str, ...], list[int]]:
    """The targets to build and the print pages to preview, from the command line; usage errors exit 2."""
    targets = tuple(t for t in TARGETS if t in args.targets) or DEFAULT_TARGETS
    if args.serve:
        # A preview of the web edition: it alone by default, and always among the targets.
        targets = tuple(t for t in TARGETS if t in args.targets or t == served().name)
    if not 0 <= args.port <= 65535:
        p.error("--port: a port is 0 to 65535")
    pages: list[int] = []
    if args.preview is not None:
        from .authoring.preview import parse_pages

        try:
            pages = parse_pages(args.preview)
        except ValueError as exc:
            p.error(f"--preview: {exc}")
        if interior().name not in targets:
            p.error(f"--preview shows pages of the {interior().name} PDF: build the {interior().name} target too")
    if args.emit_html and interior().name not in targets:
        p.error(f"--emit-html writes the {interior().name} book with its pages: build the {interior().name} target too")
    return targets, pages


def new(argv: list[str]) -> int:
    """`build.py new FOLDER`: write a new edition's project (edition/scaffold), and say what to edit first."""
    p = argparse.ArgumentParser(prog="build.py new", description="Write a new edition's project into FOLDER.")
    p.add_argument("folder", type=Path, help="a new or empty folder")
    args = p.parse_args(argv)
    from .scaffold import new_project

    try:
        for line in new_project(args.folder, Path(__file__).resolve().parent.parent):
            print(line)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(os_error_line(exc, Path.cwd()), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:
        return new(argv[1:])
    p = parser()
    args = p.parse_args(argv)
    targets, pages = _targets_and_pages(p, args)
    signal.signal(signal.SIGTERM, _terminate)
    dist = args.dist or args.project / "dist"
    try:
        _check_places(args.project, dist, args.emit_html)
        once = _once(args, targets, pages, dist)
        if args.serve or args.watch:
            return _session(args, targets, dist, once)
        once()
    except BuildError as exc:
        if args.debug:
            raise
        print(f"error: {exc}" if exc.path is None else str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        # A folder that cannot be written, a full disk: one line naming the path and the cause.
        if args.debug:
            raise
        print(os_error_line(exc, args.project), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: dist/ left as it was", file=sys.stderr)
        return 130
    return 0


def _once(args: argparse.Namespace, targets: tuple[str, ...], pages: list[int], dist: Path):
    """One build as the command line asks it, with its summary, its --emit-html and its previews."""

    def once():
        from .pipeline import build

        # The build moment is resolved afresh for each build: a watch session outlives commits.
        project = Project.at(args.project, os.environ.get("SOURCE_DATE_EPOCH"))
        result = build(
            project,
            targets,
            check=args.check,
            strict=args.strict,
            dist=dist,
            force=args.force,
            published=_published(args),
        )
        _summary(result)
        if args.emit_html:
            from .authoring.emit import emit_html

            print(f"html: {emit_html(project, args.emit_html, dist)}")
        if pages:
            _previews(result, pages, dist / "preview")
        return result

    return once


def _published(args: argparse.Namespace):
    """What to do as each output reaches dist/: under --serve, the served edition's open pages reload."""
    if not args.serve:
        return lambda _out: None
    from .authoring.serve import reloaded

    return lambda out: reloaded() if out.target == served().name else None


def _previews(result, pages: list[int], folder: Path) -> None:
    """PNG images of the interior's pages asked for, and of the first page of the outputs that preview it."""
    from .authoring.preview import write_previews

    for out in result.outputs:
        preview = OUTPUTS[out.target].preview
        if preview == "pages":
            shown = write_previews(out.path, pages, folder)
        elif preview == "first":
            shown = write_previews(out.path, [1], folder, name=f"{out.target}.png")
        else:
            continue
        for path in shown:
            print(f"preview: {path}")


def _session(args: argparse.Namespace, targets: tuple[str, ...], dist: Path, once) -> int:
    """--watch, or --serve: build on every save until Ctrl-C."""
    from .authoring.watch import watch

    if args.serve:
        from .authoring.serve import start

        address = start(dist / str(served().folder), args.port, args.project / "templates")
        print(f"serving the web edition at {address} (Ctrl-C to stop)", flush=True)
    try:
        watch(args.project, once, _restart, warm=lambda: _warm(args, targets))
    except KeyboardInterrupt:
        # Ctrl-C is how a watch session ends, whether it came while waiting or mid-build.
        print("stopped: dist/ holds the last good build", file=sys.stderr)
    return 0


def _check_places(root: Path, dist: Path, emit: Path | None) -> None:
    """Refuse, before anything is built, an output path that would write over the project's files or an output."""
    from .publish import check_place

    check_place(root, dist, "--dist", (root / "dist",))
    if emit is not None:
        check_place(root, emit, "--emit-html", (dist, root / "dist"))


def _warm(args: argparse.Namespace, targets: tuple[str, ...]) -> None:
    from .authoring.warm import warm

    warm(Project.at(args.project, os.environ.get("SOURCE_DATE_EPOCH")), targets)


def os_error_line(exc: OSError, project: Path | None = None) -> str:
    """'dist/<slug>.epub: no space left on device': the path (the project's relative to it), the cause."""
    where = str(exc.filename) if exc.filename is not None else "error"
    if project is not None and isinstance(exc.filename, str):
        path, root = Path(exc.filename).resolve(), project.resolve()
        where = str(path.relative_to(root)) if path.is_relative_to(root) else where
    cause = str(exc.strerror or exc)
    return f"{where}: {cause[:1].lower() + cause[1:] if cause[1:2].islower() else cause}"


def _restart() -> None:
    """Run this command again in a fresh process: the build's own code has changed."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, sys.orig_argv)
