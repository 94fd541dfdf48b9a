"""PNG previews of the print PDF's pages (--preview), to look at a page without a PDF viewer."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import BuildError, ToolMissing


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


def write_previews(
    pdf: Path, pages: list[int], folder: Path, resolution: int = 100, name: str = "page-{page:03d}.png"
) -> list[Path]:
    """PNG images of the given pages of a PDF, trimmed, written atomically into folder as name."""
    tool = shutil.which("pdftoppm")
    if not tool:
        raise ToolMissing(None, "previews need pdftoppm: apt-get install poppler-utils")
    if not pdf.is_file():
        raise BuildError(str(pdf), "no PDF to preview here; build its target first")
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
            final = folder / name.format(page=page)
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
