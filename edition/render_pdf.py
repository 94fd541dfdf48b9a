"""Stage 4b, render the PDFs with WeasyPrint: PDF/X-4 for the printer, PDF/A-3a for the archive.

WeasyPrint may read only files below the folders it is given: the fetcher
refuses every other URL, so a stylesheet or image can reach neither the
network nor the rest of the disk.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import BuildError


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):
        """Serves file: URLs below the allowed folders; refuses and records everything else."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.roots = [r.resolve() for r in roots]
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                self.refused.append(url)
                raise ValueError(f"refused: {url}")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                self.refused.append(url)
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return ConfinedFetcher


@dataclass
class PdfSpec:
    variant: str  # 'print' or 'archival'
    pdf_variant: str  # WeasyPrint's name: 'pdf/x-4' or 'pdf/a-3a'
    attachments: list[tuple[str, bytes, str, str]]  # (name, data, description, relationship)
    bleed_mm: float | None = None  # the BleedBox, when the sheet is larger than trim plus bleed


def layout(html: str, base: Path, roots: list[Path]):
    """Lay out an HTML book; return the WeasyPrint document."""
    from weasyprint import HTML

    fetcher = _fetcher_class()(roots)
    document = HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher).render(output_intent="srgb")
    if fetcher.refused:
        raise BuildError(None, f"a stylesheet or image refers to a resource outside the project: {fetcher.refused[0]}")
    return document


def anchor_pages(document) -> dict[str, int]:
    """The page number of every anchor (element id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def write_pdf(document, spec: PdfSpec, target: Path, moment: datetime, identifier: str, xmp_extra: str) -> None:
    from weasyprint import Attachment

    stamp = moment.replace(tzinfo=None)
    attachments = [
        Attachment(
            file_obj=io.BytesIO(data),
            name=name,
            description=description,
            relationship=relationship,
            created=stamp,
            modified=stamp,
        )
        for name, data, description, relationship in spec.attachments
    ]
    document_id = hashlib.md5(f"{identifier}:{spec.variant}".encode()).digest()
    document.write_pdf(
        target,
        pdf_variant=spec.pdf_variant,
        output_intent="srgb",
        pdf_identifier=document_id,
        attachments=attachments or None,
        finisher=_finisher(identifier, spec, xmp_extra),
    )


def _finisher(identifier: str, spec: PdfSpec, xmp_extra: str):
    """Make the XMP packet reproducible, add the edition's fields, and set the BleedBox."""
    fixed_did = "xmp.did:" + hashlib.sha1(f"{identifier}:{spec.variant}".encode()).hexdigest()

    def finish(document, pdf) -> None:
        import pydyf

        if "AF" in pdf.catalog:
            # WeasyPrint lists each attachment twice in the catalogue's AF array.
            unique = {bytes(ref) if isinstance(ref, bytes) else str(ref).encode(): ref for ref in pdf.catalog["AF"]}
            pdf.catalog["AF"] = pydyf.Array(unique.values())
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("Type") == "/Page" and spec.bleed_mm is not None:
                bleed = spec.bleed_mm / 25.4 * 72
                left, top, right, bottom = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array([left - bleed, top - bleed, right + bleed, bottom + bleed])
            stream = getattr(obj, "stream", None)
            extra = getattr(obj, "extra", None)
            if not stream or not extra or extra.get("Subtype") != "/XML":
                continue
            content = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream)
            text = content.decode("utf-8")
            text = re.sub(r"xmp\.did:[0-9a-f-]{36}", fixed_did, text)
            text = text.replace("</rdf:RDF>", xmp_extra + "</rdf:RDF>", 1)
            obj.stream = [text.encode("utf-8")]

    return finish
