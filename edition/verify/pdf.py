"""Structural checks on the PDFs: qpdf, the claimed standard, fonts, output intent, tags."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import ToolMissing
from ..outputs import Output
from .tools import Findings


def check_pdf(pdf: Path, output: Output) -> Findings:
    """Structural checks on the PDF of an output: qpdf, the standard it declares (Output.pdf_variant), fonts,
    output intent, tags. A standard this does not know is itself a finding."""
    import pikepdf

    found = Findings("PDF checks", pdf.name)
    if shutil.which("qpdf"):
        proc = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        if proc.returncode != 0:
            found.problems.append(f"qpdf --check: {proc.stdout.strip()[-300:]}")
    else:
        raise ToolMissing(None, "qpdf is not installed: apt-get install qpdf")
    with pikepdf.open(pdf) as doc:
        xmp = str(doc.Root.Metadata.read_bytes(), "utf-8") if "/Metadata" in doc.Root else ""
        intents = doc.Root.get("/OutputIntents")
        if not intents:
            found.problems.append("no output intent")
        standard = output.pdf_variant or ""
        if standard.startswith("pdf/x-"):
            if "GTS_PDFXVersion" not in xmp or "PDF/X-4" not in xmp:
                found.problems.append("XMP does not identify PDF/X-4")
            for number, page in enumerate(doc.pages, start=1):
                if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
                    found.problems.append(f"page {number} lacks a TrimBox or BleedBox")
                    break
                trim, bleed = page.obj.TrimBox, page.obj.BleedBox
                if abs(float(trim[0]) - float(bleed[0]) - output.bleed_mm / 25.4 * 72) > 0.1:
                    found.problems.append(f"page {number}: the bleed is not {output.bleed_mm:g} mm")
                    break
        elif standard.startswith("pdf/a-3"):
            if 'pdfaid:part="3"' not in xmp and "<pdfaid:part>3</pdfaid:part>" not in xmp:
                found.problems.append("XMP does not identify PDF/A-3")
            if "/StructTreeRoot" not in doc.Root:
                found.problems.append("not tagged: no structure tree")
            if str(doc.Root.get("/Lang", "")) == "":
                found.problems.append("no document language (Lang)")
            names = doc.Root.get("/Names", {})
            if "/EmbeddedFiles" not in names:
                found.problems.append("no attached files")
        else:
            found.problems.append(f"no checks for the PDF standard {standard or 'none'!r}")
        for name, font in _fonts(doc):
            if not any(key in font for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.problems.append(f"font not embedded: {name}")
    found.summary = f"PDF checks ({output.name}): {len(found.problems)} problems"
    return found


def _fonts(doc):
    seen = set()
    for page in doc.pages:
        resources = page.obj.get("/Resources", {})
        for _key, font in dict(resources.get("/Font", {})).items():
            descendants = font.get("/DescendantFonts")
            targets = list(descendants) if descendants is not None else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                name = str(target.get("/BaseFont", "?"))
                if descriptor is None or name in seen:
                    continue
                seen.add(name)
                yield name, descriptor
