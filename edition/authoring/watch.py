"""The authoring loop: rebuild on save (--watch) and PNG previews of print pages (--preview)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError, ToolMissing

WATCHED = ("manuscript", "templates", "edition")


def parse_pages(spec: str) -> list[int]:
    """'1,3-5' -> [1, 3, 4, 5]; ValueError on anything else."""
    pages: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        start, end = int(first), int(last or first)
        if start < 1 or end < start:
            raise ValueError(f"bad page range {part!r}")
        pages.update(range(start, end + 1))
    return sorted(pages)


def write_previews(pdf: Path, pages: list[int], folder: Path, resolution: int = 100) -> list[Path]:
    """PNG images of the given pages of a PDF, trimmed, written atomically into folder."""
    tool = shutil.which("pdftoppm")
    if not tool:
        raise ToolMissing(None, "previews need pdftoppm: apt-get install poppler-utils")
    if not pdf.is_file():
        raise BuildError(str(pdf), "no print PDF to preview; build the print target first")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    boxes = _trim_boxes(pdf)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".preview-") as tmp:
        for page in pages:
            stem = Path(tmp) / f"page-{page:03d}"
            crop: list[str] = []
            if page <= len(boxes):
                # show the page as trimmed: the sheet's bleed and crop marks are cut away
                scale = resolution / 72
                (mx0, _my0, _mx1, my1), (tx0, ty0, tx1, ty1) = boxes[page - 1]
                crop = [
                    "-x",
                    str(round((tx0 - mx0) * scale)),
                    "-y",
                    str(round((my1 - ty1) * scale)),
                    "-W",
                    str(round((tx1 - tx0) * scale)),
                    "-H",
                    str(round((ty1 - ty0) * scale)),
                ]
            command = [tool, "-png", "-r", str(resolution), *crop, "-singlefile", "-f", str(page), "-l", str(page)]
            proc = subprocess.run([*command, str(pdf), str(stem)], capture_output=True, text=True)
            if proc.returncode != 0 or not stem.with_suffix(".png").exists():
                raise BuildError(str(pdf), f"cannot preview page {page}: {proc.stderr.strip() or 'no such page'}")
            final = folder / f"page-{page:03d}.png"
            os.replace(stem.with_suffix(".png"), final)
            written.append(final)
    return written


def _trim_boxes(pdf: Path) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """Each page's MediaBox and TrimBox (the TrimBox defaults to the MediaBox)."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        out = []
        for page in doc.pages:
            media = tuple(float(v) for v in page.obj.MediaBox)
            trim = tuple(float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox))
            out.append((media, trim))
        return out


def watch(project: Path, rebuild: Callable[[], object], log: Callable[[str], None] = print) -> None:
    """Rebuild after every change below the watched folders, until interrupted; errors don't stop it."""
    from watchfiles import watch as watch_changes

    def attempt() -> None:
        start = time.perf_counter()
        try:
            rebuild()
        except BuildError as exc:
            log(f"error: {exc}")
        else:
            log(f"rebuilt in {time.perf_counter() - start:.2f} s")

    attempt()
    folders = [str(project / name) for name in WATCHED if (project / name).is_dir()]
    waiting = True
    # An empty set arrives on each timeout: the watcher is live, so saying so is true.
    for changes in watch_changes(
        *folders, debounce=300, rust_timeout=400, yield_on_timeout=True, raise_interrupt=False
    ):
        names = sorted({str(Path(path).relative_to(project)) for _kind, path in changes})
        names = [n for n in names if "__pycache__" not in n and not n.endswith(".tmp")]
        if not names:
            if waiting:
                log("watching for changes (Ctrl-C to stop)")
                sys.stdout.flush()
                waiting = False
            continue
        log(f"changed: {', '.join(names)}")
        attempt()
        waiting = True
