"""The preview server (--serve): the site's regular files only, a 400 for a malformed path, no traceback; its
pages served with the reload script, which the files do not hold, and a reload event after each rebuild."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from edition.authoring.serve import RELOAD, SERVER_THREAD, reloaded, start

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


@pytest.fixture
def site(tmp_path_factory):
    """A site with a page, a stylesheet, and every kind of path that must not be served."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("TOP-SECRET-4711\n")
    site = tmp_path_factory.mktemp("site") / "web"
    (site / "css").mkdir(parents=True)
    (site / "index.html").write_text("<p>the front page</p>\n")
    (site / "css" / "edition.css").write_text("p { color: black }\n")
    (site / "secret.txt").symlink_to(outside / "secret.txt")  # a link to a file outside
    (site / "elsewhere").symlink_to(outside)  # a link to a folder outside
    (site / "front.html").symlink_to(site / "index.html")  # a link that stays inside
    os.mkfifo(site / "pipe.html")  # not a regular file: opening it would hang the server
    (site / "empty").mkdir()  # a folder without a page: no listing
    return site


def request(address: str, path: bytes) -> tuple[int, bytes]:
    """A raw GET, so that bytes no client library would send reach the server as they are."""
    host, port = address.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET " + path + b" HTTP/1.0\r\nHost: localhost\r\n\r\n")
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture(params=["plain", "live"])
def address(site, request):
    """The server as it serves a project without the reload script's template, and with it: confined alike."""
    return start(site, 0, TEMPLATES if request.param == "live" else None)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (b"/", 200),
        (b"/index.html", 200),
        (b"/css/edition.css", 200),
        (b"/front.html", 200),
        (b"/secret.txt", 404),
        (b"/elsewhere/secret.txt", 404),
        (b"/%65lsewhere/secret.txt", 404),
        (b"/../outside/secret.txt", 404),
        (b"/pipe.html", 404),
        (b"/empty/", 404),
        (b"/nothing.html", 404),
        (b"/css", 301),
    ],
)
def test_only_regular_files_inside_the_site_are_served(address, capfd, path, status):
    code, body = request(address, path)
    assert code == status
    assert b"TOP-SECRET" not in body
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("path", [b"/%00", b"/index.html%00.css", b"/%ff.html", b"/css/%c0%ae%c0%ae/x"])
def test_a_malformed_path_is_a_bad_request_and_no_traceback(address, capfd, path):
    code, _body = request(address, path)
    assert code == 400
    assert request(address, b"/index.html")[0] == 200  # and the server goes on
    assert capfd.readouterr().err == ""


def test_the_server_s_thread_leaves_ctrl_c_to_the_build(address):
    """The server's thread (and each request's, which inherits its mask) blocks SIGINT and SIGTERM: a Ctrl-C
    is never delivered there, where it could be lost while the build ignores it for a moment."""
    import threading
    from pathlib import Path

    assert request(address, b"/index.html")[0] == 200
    servers = [t for t in threading.enumerate() if t.name == SERVER_THREAD]
    assert servers
    for thread in servers:
        status = Path(f"/proc/self/task/{thread.native_id}/status").read_text()
        blocked = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigBlk:")), 16)
        assert blocked & (1 << (signal.SIGINT - 1)) and blocked & (1 << (signal.SIGTERM - 1))


def test_a_served_page_carries_the_reload_script_and_its_file_does_not(site):
    address = start(site, 0, TEMPLATES)
    code, body = request(address, b"/index.html")
    assert code == 200
    assert body.startswith(b"<p>the front page</p>\n")
    assert f'new EventSource("{RELOAD}")'.encode() in body
    assert b"EventSource" not in (site / "index.html").read_bytes()
    assert b"EventSource" not in request(address, b"/css/edition.css")[1]  # pages only
    assert b"EventSource" not in request(start(site, 0), b"/index.html")[1]  # no template: no script


def test_the_reload_event_follows_each_rebuild(site):
    host, port = start(site, 0, TEMPLATES).removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET " + RELOAD.encode() + b" HTTP/1.0\r\nHost: localhost\r\n\r\n")
        stream = conn.makefile("rb")
        assert b"text/event-stream" in _until(stream, b": listening")
        for _ in range(2):
            reloaded()
            assert _until(stream, b"data: reload")


def _until(stream, line: bytes) -> bytes:
    """What the stream sends up to and including the line (a socket timeout fails the test)."""
    seen = b""
    while not seen.endswith(line + b"\n"):
        chunk = stream.readline()
        assert chunk, f"the stream ended before {line!r}"
        seen += chunk
    return seen
