"""The cover's spread: back, spine and front, sized from the interior's page count and the paper.

The spine is the page count times the paper's thickness per page (from
metadata.yaml); it carries the title and author only where the printer allows
spine text for that many pages. The layout is a template (templates/cover/)
laid out by WeasyPrint like the book; the front panel, laid out alone and
rasterized by pdftoppm, is the EPUB's cover image, so that the two match.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ...errors import BuildError, ToolMissing
from ...model import Metadata
from ...outputs import BLEED_IN, TRIM_IN, Output
from ...project import Project
from ...support import memo
from .fit import check_fit

SPINE_FOLD_CLEAR_IN = 0.0625  # spine text stays this far from each fold (KDP, IngramSpark)
MODULE_MM = 0.33  # an EAN-13 module at 100 % magnification
EPUB_COVER_WIDTH = 1600  # pixels


@dataclass(frozen=True)
class CoverSpec:
    pages: int
    spine_in: float
    spine_text: bool
    width_in: float  # the spread with its bleed
    height_in: float

    @property
    def trim_width_in(self) -> float:
        return self.width_in - 2 * BLEED_IN


def cover_spec(meta: Metadata, pages: int) -> CoverSpec:
    """The spread's size for an interior of so many pages on the metadata's paper."""
    printing = meta.printing
    if printing is None:
        raise BuildError(meta.loc.path, "the cover needs a 'print' section (printer and paper) in the metadata")
    spine = printing.spine_in(pages)
    width = 2 * TRIM_IN[0] + spine + 2 * BLEED_IN
    return CoverSpec(pages, spine, printing.spine_text(pages), width, TRIM_IN[1] + 2 * BLEED_IN)


def _barcode(isbn: str | None) -> dict | None:
    """The EAN-13 of an ISBN as bars (left, width in mm), encoded by python-barcode."""
    if isbn is None:
        return None
    from barcode import EAN13

    modules = EAN13(isbn[:12]).build()[0]
    bars, start = [], None
    for i, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = i
        elif module != "1" and start is not None:
            bars.append((round(start * MODULE_MM, 3), round((i - start) * MODULE_MM, 3)))
            start = None
    return {"bars": bars, "digits": isbn}


def compose_cover(meta: Metadata, env: Environment, spec: CoverSpec, timestamp: str) -> str:
    font_pt = round(min(11.0, (spec.spine_in - 2 * SPINE_FOLD_CLEAR_IN) * 72 * 0.7), 1)
    return env.get_template("cover/cover.html.j2").render(
        meta=meta,
        width_in=round(spec.trim_width_in, 4),
        height_in=TRIM_IN[1],
        spine_in=round(spec.spine_in, 4),
        spine_text=spec.spine_text,
        spine_font_pt=font_pt,
        barcode=_barcode(meta.printing.isbn if meta.printing else None),
        timestamp=timestamp,
    )


def compose_front(meta: Metadata, env: Environment) -> str:
    return env.get_template("cover/front.html.j2").render(meta=meta, width_in=TRIM_IN[0], height_in=TRIM_IN[1])


def render_cover(html: str, project: Project, target: Path, meta: Metadata, xmp, output: Output) -> int:
    """Lay the spread out, measure that its text fits (fit.py) and write it as PDF/X-4; return its page count (one)."""
    from ..weasyprint.weasy import layout, write_pdf

    document = layout(html, project.templates, [project.templates])
    check_fit(document, meta)
    identifier = meta.identifier
    write_pdf(document, output, target, identifier, xmp)
    return len(document.pages)


def front_png(html: str, project: Project, meta: Metadata) -> bytes:
    """The front panel as a PNG, EPUB_COVER_WIDTH pixels wide: laid out as a PDF and rasterized by pdftoppm.

    Its text is measured as the spread's is (fit.py): the EPUB alone refuses a title that does not fit.

    Under --watch, the last build's is recalled while the HTML and the templates (stylesheets, fonts) are the same.
    """
    key = memo.digest(html, memo.stamp(project.templates)) if memo.enabled() else ""
    kept = memo.recall("cover-png", key)
    if isinstance(kept, bytes):
        return kept
    png = _draw_front(html, project, meta)
    memo.keep("cover-png", key, png)
    return png


def _draw_front(html: str, project: Project, meta: Metadata) -> bytes:
    from ..weasyprint.weasy import layout

    tool = shutil.which("pdftoppm")
    if not tool:
        raise ToolMissing(None, "the EPUB's cover image needs pdftoppm: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="cover-") as tmp:
        pdf, png = Path(tmp) / "front.pdf", Path(tmp) / "front"
        document = layout(html, project.templates, [project.templates])
        check_fit(document, meta)
        document.write_pdf(pdf)
        command = [
            tool,
            "-png",
            "-singlefile",
            "-scale-to-x",
            str(EPUB_COVER_WIDTH),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(png),
        ]
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BuildError(None, f"pdftoppm could not draw the cover image: {proc.stderr.strip()[:200]}")
        return png.with_suffix(".png").read_bytes()
