"""The authoring loop: --watch rebuilds on save and survives errors; --preview writes PNG pages."""

import queue
import signal
import subprocess
import sys
import threading

import pytest
from helpers import PROJECT, SLUG, default_sigint, edit
from PIL import Image

from edition.authoring.preview import parse_pages, write_previews
from edition.errors import BuildError


def test_parse_pages():
    assert parse_pages("1,3-5, 9") == [1, 3, 4, 5, 9]
    for bad in ("0", "5-3", "x", ""):
        with pytest.raises(ValueError):
            parse_pages(bad)


def test_previews_are_trimmed_pages(built, tmp_path):
    written = write_previews(built["print"], [1, 3], tmp_path / "preview", resolution=72)
    assert [p.name for p in written] == ["page-001.png", "page-003.png"]
    with Image.open(written[1]) as image:
        assert image.format == "PNG"
        assert image.size == pytest.approx((396, 612), abs=2)  # 5.5 x 8.5 in at 72 dpi: the trim, not the sheet
    with pytest.raises(BuildError, match="cannot preview page 999"):
        write_previews(built["print"], [999], tmp_path / "preview")


def test_preview_needs_the_print_target():
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "epub", "--preview"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "--preview shows pages of the print PDF" in proc.stderr


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def _session(command: list[str]) -> tuple[subprocess.Popen, queue.Queue]:
    """A running build command, and a queue of the lines it prints."""
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=default_sigint
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    return proc, lines


def _wait_for(lines: queue.Queue, prefix: str, seen: list[str], timeout: float = 120) -> str:
    while True:
        line = lines.get(timeout=timeout)
        seen.append(line)
        if line.startswith(prefix):
            return line


@pytest.mark.this_edition  # edits this edition's essay and notes
def test_watch_rebuilds_on_save_and_survives_errors(scratch, monkeypatch):
    """And what a rebuild recalls from the one before (support/memo.py) gives the EPUB a fresh build gives."""
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "951782400")
    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    proc, lines = _session(
        [sys.executable, "-u", str(PROJECT / "build.py"), "epub", "--watch", "--project", str(scratch)]
    )
    seen: list[str] = []
    try:
        _wait_for(lines, "watching for changes", seen)
        assert any(line.startswith("render epub") for line in seen)
        # a broken save: the error is shown and watching goes on
        edit(scratch / "manuscript" / "essay.md", "{n=ibar}", "{n=no-such-note}")
        _wait_for(lines, "changed: manuscript/essay.md", seen)
        error = _wait_for(lines, "error:", seen)
        assert "note 'no-such-note' is referenced but not defined" in error
        _wait_for(lines, "watching for changes", seen)
        # the fix: rebuilt, with the stages and their times
        edit(scratch / "manuscript" / "essay.md", "{n=no-such-note}", "{n=ibar}")
        _wait_for(lines, "changed: manuscript/essay.md", seen)
        _wait_for(lines, "rebuilt in", seen)
        assert (scratch / "dist" / f"{SLUG}.epub").is_file()
        # a one-word edit of a note: its Markdown alone goes to pandoc, the rest is recalled
        edit(scratch / "manuscript" / "notes.yaml", "is the largest", "is the very largest")
        _wait_for(lines, "changed: manuscript/notes.yaml", seen)
        _wait_for(lines, "rebuilt in", seen)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    fresh = scratch / "fresh"
    command = [sys.executable, str(PROJECT / "build.py"), "epub", "--project", str(scratch), "--dist", str(fresh)]
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    watched = (scratch / "dist" / f"{SLUG}.epub").read_bytes()
    assert b"is the very largest" in _texts(watched)
    assert watched == (fresh / f"{SLUG}.epub").read_bytes()


def _texts(epub: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(epub)) as z:
        return b"".join(z.read(name) for name in z.namelist() if name.endswith(".xhtml"))


def test_watch_runs_a_code_change_in_a_fresh_process(scratch):
    """A save under edition/ is built by the new code, and a later plain build finds that output current."""
    import shutil
    import zipfile

    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "build.py", scratch / "build.py")
    command = [sys.executable, "-u", str(scratch / "build.py"), "epub", "--project", str(scratch)]
    proc, lines = _session([*command, "--watch"])
    seen: list[str] = []
    epub = scratch / "dist" / f"{SLUG}.epub"
    try:
        _wait_for(lines, "watching for changes", seen)
        assert "Colophon and build" not in zipfile.ZipFile(epub).read("EPUB/nav.xhtml").decode()
        plan = scratch / "edition" / "compose" / "sections.py"
        edit(plan, '"Colophon", "pages/colophon.j2"', '"Colophon and build", "pages/colophon.j2"')
        _wait_for(lines, "the build's code changed", seen)
        _wait_for(lines, "rebuilt in", seen)
        assert "Colophon and build" in zipfile.ZipFile(epub).read("EPUB/nav.xhtml").decode()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "everything is up to date" in again.stdout


@pytest.mark.this_edition  # edits one of this edition's notes
def test_serve_shows_the_web_edition_and_a_saved_edit(scratch):
    import urllib.request

    proc, lines = _session(
        [sys.executable, "-u", str(PROJECT / "build.py"), "--serve", "--port", "0", "--project", str(scratch)]
    )
    seen: list[str] = []
    try:
        address = _wait_for(lines, "serving the web edition at http://127.0.0.1:", seen).split(" at ")[1].split()[0]
        _wait_for(lines, "watching for changes", seen)
        assert any(line.startswith("render web") for line in seen)
        assert not any(line.startswith("render pdf") for line in seen)  # the web edition alone

        def page(name: str) -> str:
            with urllib.request.urlopen(address + name, timeout=30) as response:
                assert response.status == 200
                return response.read().decode("utf-8")

        assert "popovertarget" in page("essay.html")
        assert 'new EventSource("/__reload")' in page("commentary.html")  # the reload script, served
        events = _events(address)
        edit(scratch / "manuscript" / "notes.yaml", "The Ibar flows east", "The Ibar runs east")
        assert events.get(timeout=120) == "data: reload"  # the open page is told to reload ...
        assert "</span> runs east" in page("commentary.html")  # ... and the page it reloads has the saved note
        _wait_for(lines, "rebuilt in", seen)
        assert any(line.startswith("web updated in") for line in seen)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0
    for html in (scratch / "dist" / "web").rglob("*.html"):  # the script is --serve's, never the edition's
        assert "EventSource" not in html.read_text(encoding="utf-8"), html
    assert b"EventSource" not in (scratch / "dist" / "web.zip").read_bytes()


def _events(address: str) -> queue.Queue:
    """The server's reload events ('data: ...' lines), read by a thread as they come."""
    import urllib.request

    response = urllib.request.urlopen(address + "__reload", timeout=300)
    events: queue.Queue = queue.Queue()

    def read() -> None:
        for raw in response:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data:"):
                events.put(line)

    threading.Thread(target=read, daemon=True).start()
    return events


def test_a_save_under_watch_publishes_the_print_pdf_first(scratch, monkeypatch):
    """Each output is moved into dist/ and announced as it is made: the print PDF before the archival PDF, which
    is joined after it, and both before the build ends."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "951782400")
    command = [sys.executable, "-u", str(PROJECT / "build.py"), "print", "archival", "--watch"]
    proc, lines = _session([*command, "--project", str(scratch)])
    seen: list[str] = []
    pdf = scratch / "dist" / f"{SLUG}-print.pdf"
    try:
        _wait_for(lines, "watching for changes", seen, timeout=600)
        before = pdf.read_bytes()
        seen.clear()
        edit(scratch / "manuscript" / "notes.yaml", "Town in northern Kosovo", "A town in northern Kosovo")
        _wait_for(lines, "print updated in", seen, timeout=600)
        assert pdf.read_bytes() != before  # in dist/ when it is announced
        assert not any(line.startswith("archival updated in") for line in seen)
        _wait_for(lines, "archival updated in", seen, timeout=600)
        _wait_for(lines, "rebuilt in", seen, timeout=600)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    sums = (scratch / "dist" / "SHA256SUMS").read_text()
    assert f"{SLUG}-print.pdf" in sums and f"{SLUG}-archival.pdf" in sums


def test_emit_html_needs_the_print_target():
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "epub", "--emit-html", "x.html"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "--emit-html writes the print book" in proc.stderr
