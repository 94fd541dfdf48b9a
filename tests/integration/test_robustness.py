"""Interrupted builds leave dist/ as it was and no staging folder; missing tools are named."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import PROJECT, SLUG, default_sigint, snapshot

from edition import verify
from edition.errors import ToolMissing
from edition.publish import STAGING_PREFIX, remove_stale_staging


def start_build(scratch: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-u", str(PROJECT / "build.py"), "--project", str(scratch), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )


def wait_for_rendering(proc: subprocess.Popen) -> None:
    """Read the build's stage lines until the PDFs are being laid out (and the EPUB made beside them)."""
    for line in proc.stdout:
        if line.startswith("compose"):
            time.sleep(2)  # well inside WeasyPrint's layout now
            return
    raise AssertionError(f"build ended early: {proc.stderr.read()}")


@pytest.fixture
def previous(scratch):
    dist = scratch / "dist"
    dist.mkdir()
    (dist / f"{SLUG}-print.pdf").write_bytes(b"%PDF last good")
    (dist / "SHA256SUMS").write_text("1" * 64 + f"  {SLUG}-print.pdf\n")
    return dist


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_keeps_dist_and_cleans_up(scratch, previous, sig):
    before = snapshot(previous)
    proc = start_build(scratch)
    wait_for_rendering(proc)
    proc.send_signal(sig)
    proc.wait(timeout=120)
    assert proc.returncode == 130
    assert "interrupted" in proc.stderr.read()
    assert snapshot(previous) == before
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


def test_killed_build_keeps_dist_and_next_build_sweeps_its_staging(scratch, previous):
    before = snapshot(previous)
    proc = start_build(scratch)
    wait_for_rendering(proc)
    proc.kill()
    proc.wait(timeout=60)
    assert snapshot(previous) == before
    left = list(scratch.glob(STAGING_PREFIX + "*"))
    assert left, "a SIGKILL cannot be cleaned up by the killed process itself"
    time.sleep(1)
    remove_stale_staging(scratch)  # what the next build does first
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


def descendants(pid: int) -> set[int]:
    """Every living process below pid, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_renderers_die_with_a_killed_build(scratch):
    proc = start_build(scratch)
    wait_for_rendering(proc)
    below = descendants(proc.pid)
    assert len(below) >= 2, "the parts are laid out by processes of their own"
    proc.kill()
    proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in below if alive(pid)]


def test_missing_java_is_named(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    message = r"EPUBCheck needs Java: install a JRE \(apt-get install default-jre-headless\)"
    with pytest.raises(ToolMissing, match=message):
        verify.run_epubcheck(Path("book.epub"))


def test_missing_chromium_is_named(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("PUPPETEER_EXECUTABLE_PATH", raising=False)
    with pytest.raises(ToolMissing, match=r"DAISY Ace needs Chromium: apt-get install chromium"):
        verify.run_ace(Path("book.epub"))


def test_missing_tool_through_the_command_line(scratch, previous):
    before = snapshot(previous)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + ":/nonexistent")
    env.pop("PUPPETEER_EXECUTABLE_PATH", None)
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub", "--check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] in (
        "error: EPUBCheck needs Java: install a JRE (apt-get install default-jre-headless)",
        "error: DAISY Ace needs Chromium: apt-get install chromium",
        "error: the EPUB's cover image needs pdftoppm: apt-get install poppler-utils",
    )
    assert snapshot(previous) == before
