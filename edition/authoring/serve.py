"""The web edition's preview server (--serve): dist/web/ on 127.0.0.1, rebuilt on save by the watch loop.

Each page is served with a small script (templates/web/live-reload.html.j2) that listens on RELOAD for
server-sent events: reloaded() sends one when a rebuilt web edition is in dist/, and the open page reloads
itself. The script is added as the page is served, never to the files in dist/.
"""

from __future__ import annotations

import errno
import functools
import io
import signal
import stat
import threading
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jinja2 import Template

from ..errors import BuildError

HOST = "127.0.0.1"  # only this machine: a preview, not a web server
SERVER_THREAD = "serve-web"
RELOAD = "/__reload"  # the event stream's address; no file of the site can have it (publish refuses none, but
# a page named so would only be shadowed in this preview)
SCRIPT = "web/live-reload.html.j2"  # under templates/
KEEPALIVE = 15.0  # seconds between comments on an idle event stream: a closed page's stream is found and ended


class _Reloads:
    """How many times the web edition was rebuilt; the event streams wait for the count to change."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def signal(self) -> None:
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.count != seen, timeout)
            return self.count


_RELOADS = _Reloads()


def reloaded() -> None:
    """A rebuilt web edition is in dist/: every open page reloads."""
    _RELOADS.signal()


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site's regular files, and only those, and says nothing per request: the watch loop's lines
    stay readable.

    A path is resolved, every link followed, before anything is opened: a file outside the site (a link
    leading out of it) or anything but a regular file is not found (404); a path that no file can have
    (a NUL byte, an escape that is not UTF-8) is a bad request (400).
    """

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2", ".css": "text/css"}
    _served: Path | None = None
    script: bytes = b""  # added to each page before </body>

    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt page is shown on reload
        super().end_headers()

    def translate_path(self, path: str) -> str:
        # send_head has resolved and checked the file: the handler opens that, and nothing else.
        return str(self._served) if self._served is not None else super().translate_path(path)

    def send_head(self):
        self._served = None
        url = urllib.parse.urlsplit(self.path)
        if url.path == RELOAD:
            return self._events()
        try:
            if "\0" in urllib.parse.unquote(url.path, errors="strict"):
                raise ValueError("a NUL byte")  # which no file's name can hold
            local = Path(super().translate_path(self.path))
            if local.is_dir():
                if not url.path.endswith("/"):
                    return self._redirect(url)
                local = local / "index.html"
            resolved = local.resolve()
        except ValueError:  # UnicodeDecodeError included: an escape that is not UTF-8
            self.send_error(HTTPStatus.BAD_REQUEST, "malformed path")
            return None
        if not _regular_inside(resolved, Path(self.directory)):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        self._served = resolved
        if resolved.suffix == ".html" and self.script:
            return self._page(resolved)
        return super().send_head()

    def _page(self, path: Path):
        """A page of the site with the reload script before its </body>: the file itself is left as it is."""
        try:
            html = path.read_bytes()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        at = html.rfind(b"</body>")
        html = html[:at] + self.script + html[at:] if at >= 0 else html + self.script
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        return io.BytesIO(html)

    def _events(self) -> None:
        """The reload events: one 'data: reload' each time the web edition is rebuilt, until the page goes."""
        seen = _RELOADS.count  # before the headers: a rebuild the page hears of after them is an event
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            self.wfile.write(b": listening\n\n")
            self.wfile.flush()
            while True:
                count = _RELOADS.wait(seen, KEEPALIVE)
                self.wfile.write(b"data: reload\n\n" if count != seen else b": waiting\n\n")
                self.wfile.flush()
                seen = count
        except OSError:  # the page was closed or reloaded
            self.close_connection = True
        return None

    def _redirect(self, url: urllib.parse.SplitResult) -> None:
        """A folder asked for without its slash: to the folder, so that its page's relative links resolve."""
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", urllib.parse.urlunsplit(url._replace(path=url.path + "/")))
        self.send_header("Content-Length", "0")
        self.end_headers()


def _regular_inside(path: Path, site: Path) -> bool:
    """Whether a resolved path is a regular file inside the site folder, itself resolved."""
    try:
        return path.is_relative_to(site.resolve()) and stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A request that fails (a browser that closes its connection mid-file) ends that request alone;
        # a traceback in the terminal would bury the watch loop's lines.
        pass


def _serve(server: ThreadingHTTPServer) -> None:
    """Serve until the process ends, Ctrl-C blocked in this thread and in each request's, which inherit its mask.

    A Ctrl-C is the build's: were it delivered to a server thread while the build ignores it for a moment
    (as it starts the renderers' server, render/pdf/renderers.py), it would be lost; blocked here, it
    waits for the build's own thread.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    server.serve_forever()


def start(site: Path, port: int, templates: Path | None = None) -> str:
    """Serve the site folder in a background thread; return its address.

    The folder is looked up afresh for each request, so a rebuild that
    replaces it is served at once. With templates (the project's), each page
    is served with its reload script; a project without the script's
    template is served without it.
    """
    script = templates / SCRIPT if templates is not None else None
    text = script.read_text(encoding="utf-8") if script is not None and script.is_file() else ""
    handler = functools.partial(
        type("_Page", (_Quiet,), {"script": Template(text).render(endpoint=RELOAD).encode("utf-8")}),
        directory=str(site),
    )
    try:
        server = _Server((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"{HOST}:{port}", "the port is in use: choose another with --port") from None
        raise
    threading.Thread(target=_serve, args=(server,), name=SERVER_THREAD, daemon=True).start()
    return f"http://{HOST}:{server.server_address[1]}/"
