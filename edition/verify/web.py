"""The web edition's checks, in a real browser: axe-core on every page, the page's width on a phone and a
desktop, and every request the pages make (tools/web-check.mjs, Debian's Chromium through playwright-core)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ..errors import BuildError, ToolMissing
from ..outputs import Output, served
from ..support.fonts import machine_env
from .tools import PROJECT, Findings, chromium

SCRIPT = PROJECT / "tools" / "web-check.mjs"


def browse(site: Path, screenshots: Path | None = None) -> dict:
    """The browser's report on the site folder (see tools/web-check.mjs)."""
    if not all((PROJECT / "node_modules" / name).is_dir() for name in ("axe-core", "playwright-core")):
        raise ToolMissing(None, "axe-core and playwright-core are missing: run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci`")
    browser = chromium()
    if not browser:
        raise ToolMissing(None, "the web edition's checks need Chromium: apt-get install chromium")
    command = ["node", str(SCRIPT), str(site)] + (["--screenshots", str(screenshots)] if screenshots else [])
    env = machine_env(CHROMIUM=browser)
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        said = (proc.stderr or proc.stdout).strip()[:400]
        raise BuildError(str(site), f"the browser gave no report: {said}") from None


def problems(report: dict) -> list[str]:
    """Every axe-core violation, whatever its impact; a page wider than its viewport; a request to another host."""
    found = []
    for name, page in sorted(report["pages"].items()):
        for v in page.get("violations", []):
            found.append(f"{name}: axe {v['impact']} {v['id']}: {v['help']} ({'; '.join(v['nodes'])})")
        for width, box in sorted(page["width"].items()):
            if box["scroll"] > box["client"]:
                found.append(f"{name}: {box['scroll']} px wide in a {width} px viewport: it scrolls sideways")
    found += [f"a request to another host: {url}" for url in sorted(set(report["foreign"]))]
    found += [f"the browser's console: {text}" for text in report["console"]]
    return found


def check_web(archive: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """Check the site the archive was written beside (dist/web/ beside dist/web.zip)."""
    report = browse(archive.parent / str((output or served()).folder))  # the site, beside its zip
    found = Findings("axe-core", archive.name, problems(report))
    engine = next((p.get("axe") for p in report["pages"].values() if p.get("axe")), "")
    found.summary = f"axe-core {engine}: {len(found.problems)} violations on {len(report['pages'])} pages"
    return found
