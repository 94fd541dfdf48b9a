"""Lay a document out with WeasyPrint and write its PDFs, each in the standard its output declares
(Output.pdf_variant: PDF/X-4 for a printer, PDF/A-3a for the archive).

A part of the book is laid out once and written once for each of the book's
PDFs: bleed and printer's marks do not change the layout, so an offset PDF is
the same pages on a larger sheet, with crop marks drawn by the build.

WeasyPrint may read only files below the folders it is given: the fetcher
refuses every other URL, so a stylesheet or image can reach neither the
network nor the rest of the disk.
"""

from __future__ import annotations

import hashlib
import tempfile
import zlib
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...errors import BuildError
from ...outputs import OUTPUT_CONDITION, Output
from ...support.fonts import confine, quiet_fontconfig
from ...support.storage import inside, naming
from .xmp import XmpFields, edition_metadata


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):
        """Serves file: URLs below the allowed folders; refuses and records everything else."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.roots = roots
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                self.refused.append(url)
                raise ValueError(f"refused: {url}")
            path = Path(unquote(parts.path))
            if not any(inside(path, root) for root in self.roots):
                self.refused.append(url)
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return ConfinedFetcher


MM = 72 / 25.4  # PDF points in a millimetre
# The colour profile the stylesheet gives device-cmyk (@color-profile), which is the PDFs' output intent.
OUTPUT_INTENT = "device-cmyk"


def layout(html: str, base: Path, roots: list[Path]):
    """Lay out an HTML book (base: the templates' folder) with the project's fonts alone; return the document."""
    confine(base / "fonts")  # before WeasyPrint is imported and loads its font configuration
    with quiet_fontconfig():
        from weasyprint import HTML

    from . import footnote_area, line_fit, roles

    footnote_area.install()  # each fails loudly on any WeasyPrint but the one it was written for
    line_fit.install()
    roles.install()  # the archival PDF's structure types: Note, Reference, BibEntry, header scopes (#28)
    from weasyprint.text.fonts import FontConfiguration

    fetcher, fonts = _fetcher_class()(roots), FontConfiguration()
    # WeasyPrint writes the stylesheets' fonts into a temporary folder of its own: where a full disk is met.
    with naming(Path(tempfile.gettempdir())):
        document = HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher).render(
            output_intent=OUTPUT_INTENT, font_config=fonts
        )
    if fetcher.refused:
        raise BuildError(None, f"a stylesheet or image refers to a resource outside the project: {fetcher.refused[0]}")
    if not _loaded_fonts(fonts):
        # fontconfig knows no font but the stylesheets' (support/fonts.py): with none, Pango would crash drawing.
        raise BuildError(None, "the stylesheets load no font: give them an @font-face from templates/fonts/")
    return document


def _loaded_fonts(font_config) -> int:
    """How many fonts the document's stylesheets loaded (@font-face) into its fontconfig configuration."""
    from weasyprint.text.ffi import ffi, fontconfig

    loaded = fontconfig.FcConfigGetFonts(font_config._config, fontconfig.FcSetApplication)
    return 0 if loaded == ffi.NULL else loaded.nfont


def anchor_pages(document) -> dict[str, int]:
    """The page number of every anchor (element id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def bridge_links(document) -> set[str]:
    """Give links to anchors in other parts of the book somewhere to point for now.

    WeasyPrint drops a link whose anchor is not in the document; a stand-in
    anchor keeps it, and the join points it at the real one.
    """
    present = {name for page in document.pages for name in page.anchors}
    missing = {
        target for page in document.pages for kind, target, _rect, _box in page.links if kind == "internal"
    } - present
    if missing and document.pages:
        document.pages[0].anchors.update({name: (0, 0, 0, 0) for name in sorted(missing)})
    return missing


def write_pdf(document, spec: Output, target: Path, identifier: str, xmp: XmpFields) -> None:
    px = 96 / 25.4  # CSS pixels in a millimetre
    for page in document.pages:
        page.bleed = dict.fromkeys(("top", "right", "bottom", "left"), spec.sheet_mm * px)
    document_id = hashlib.md5(f"{identifier}:{spec.name}".encode()).digest()
    document.metadata = edition_metadata(document.metadata, xmp, f"{identifier}:{spec.name}")
    with naming(target):
        document.write_pdf(
            target,
            pdf_variant=spec.pdf_variant,
            output_intent=OUTPUT_INTENT,
            pdf_identifier=document_id,
            finisher=_finisher(spec),
        )


def crop_marks(trim: list[float], bleed_mm: float, sheet_mm: float) -> bytes:
    """Content drawing the eight crop marks of a page, outside the bleed and inside the sheet."""
    x0, y0, x1, y1 = trim
    near, far = (bleed_mm + 2) * MM, (sheet_mm - 1) * MM
    lines = []
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            lines.append(f"{x + dx * near:.3f} {y:.3f} m {x + dx * far:.3f} {y:.3f} l S")
            lines.append(f"{x:.3f} {y + dy * near:.3f} m {x:.3f} {y + dy * far:.3f} l S")
    return ("/Artifact BMC q 0.25 w 0 0 0 1 K " + " ".join(lines) + " Q EMC").encode()


# A stream at least this long whose content is the same in every part (the colour profile, 1 MB, embedded
# twice) is deflated once per renderer, not once per PDF: pydyf deflates at level 9, 0.25 s a time.
SHARED_STREAM = 1 << 18


@cache
def deflated(content: bytes) -> bytes:
    """The content deflated exactly as pydyf deflates a stream, so the PDF's bytes are the same."""
    compressor = zlib.compressobj(level=9)
    return compressor.compress(content) + compressor.flush()


def warm(document) -> None:
    """Deflate the document's colour profiles now: a renderer forks its writers after this, and they share it."""
    for profile in document.color_profiles.values():
        deflated(profile.content)


def _deflate_shared(pdf) -> None:
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress and len(obj.stream) == 1:
            content = obj.stream[0]
            if isinstance(content, bytes) and len(content) >= SHARED_STREAM:
                obj.stream = [deflated(content)]
                obj.compress = False
                obj.extra["Filter"] = "/FlateDecode"


def _finisher(spec: Output):
    """The output intent's registered printing condition; for a press, the bleed box and the crop marks."""

    def finish(document, pdf) -> None:
        import pydyf

        _deflate_shared(pdf)
        for intent in pdf.catalog.get("OutputIntents", []):
            for key, value in OUTPUT_CONDITION.items():
                intent[key] = pydyf.String(value)
        if not spec.sheet_mm:
            return
        marks = spec.sheet_mm > spec.bleed_mm  # a sheet larger than the bleed is a press sheet, with marks
        for obj in list(pdf.objects):
            if isinstance(obj, dict) and obj.get("Type") == "/Page":
                bleed = spec.bleed_mm * MM
                trim = [float(v) for v in obj["TrimBox"]]
                obj["BleedBox"] = pydyf.Array([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed])
                if not marks:
                    continue
                # The page's own content keeps its graphics state to itself; the marks follow it.
                drawn = crop_marks(trim, spec.bleed_mm, spec.sheet_mm)
                before, after = pydyf.Stream([b"q"]), pydyf.Stream([b"Q " + drawn])
                pdf.add_object(before)
                pdf.add_object(after)
                obj["Contents"] = pydyf.Array([before.reference, obj["Contents"], after.reference])

    return finish
