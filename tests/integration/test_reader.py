"""A real reading system: epub.js in Chromium (driven by playwright-core), served on 127.0.0.1."""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from edition.errors import ToolMissing
from edition.support.fonts import machine_env


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise ToolMissing(None, "the reader test needs Node.js: apt-get install nodejs npm, then npm ci")
    return node


def _script(project: Path, name: str, *args: str) -> dict:
    """A reader script of reader/ run by Node in Debian's Chromium (with the machine's fonts): its JSON report."""
    if not (project / "node_modules" / "playwright-core").is_dir():
        raise ToolMissing(None, "the reader test needs playwright-core and epubjs: PUPPETEER_SKIP_DOWNLOAD=1 npm ci")
    env = machine_env(CHROMIUM=shutil.which("chromium") or "/usr/bin/chromium")
    script = Path(__file__).parent / "reader" / name
    proc = subprocess.run([_node(), str(script), *args], capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_clicking_a_note_reference_opens_the_note(built, project):
    result = _script(project, "click_note.mjs", str(built["epub"]), str(project), "5")
    assert result["before"] == "text/essay.xhtml"
    assert result["callOnScreen"] is True
    assert result["after"] == "text/notes.xhtml"
    assert result["noteOnScreen"] is True
    assert result["lastNoteOnScreen"] is False
    assert result["noteText"].startswith("5. ")


@pytest.mark.this_edition  # this edition's initialisms
def test_initialisms_are_exposed_in_capitals_to_assistive_technology(built, project, tmp_path):
    """The accessibility tree reads "UN", not "un": the letters stay capitals, drawn as small capitals."""
    zipfile.ZipFile(built["epub"]).extractall(tmp_path)
    result = _script(project, "ax_initialisms.mjs", str(tmp_path / "EPUB" / "text" / "essay.xhtml"))
    shown = set(result["shown"])
    assert {"UN", "KFOR", "NATO"} <= shown, shown
    for initialism in shown:
        assert initialism.isupper(), initialism
        assert initialism in result["exposed"], initialism
        assert initialism.lower() not in result["exposed"], initialism
