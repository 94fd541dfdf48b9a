"""The EPUB's validators: EPUBCheck and DAISY Ace, run for real, their findings collected."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from ..errors import BuildError
from ..outputs import Output
from ..support.fonts import machine_env
from .tools import Findings, ace_command, chromium, epubcheck_jar, java


def run_epubcheck(epub: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """EPUBCheck's JSON report; every message of severity WARNING or worse is a finding."""
    proc = subprocess.run(
        [java(), "-jar", str(epubcheck_jar()), str(epub), "--json", "-"],
        capture_output=True,
        text=True,
        env=machine_env(),
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


def run_ace(epub: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """DAISY Ace's report; every violation, whatever its impact, is a finding."""
    command = ace_command()
    with tempfile.TemporaryDirectory(prefix="ace-") as out:
        env = machine_env(PUPPETEER_EXECUTABLE_PATH=chromium() or "")
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
