"""The web edition's preview server (--serve): dist/web/ on 127.0.0.1, rebuilt on save by the watch loop."""

from __future__ import annotations

import errno
import functools
import signal
import stat
import threading
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import BuildError

HOST = "127.0.0.1"  # only this machine: a preview, not a web server
SERVER_THREAD = "serve-web"


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site's regular files, and only those, and says nothing per request: the watch loop's lines
    stay readable.

    A path is resolved, every link followed, before anything is opened: a file outside the site (a link
    leading out of it) or anything but a regular file is not found (404); a path that no file can have
    (a NUL byte, an escape that is not UTF-8) is a bad request (400).
    """

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2", ".css": "text/css"}
    _served: Path | None = None

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
        return super().send_head()

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


def start(site: Path, port: int) -> str:
    """Serve the site folder in a background thread; return its address.

    The folder is looked up afresh for each request, so a rebuild that
    replaces it is served at once.
    """
    handler = functools.partial(_Quiet, directory=str(site))
    try:
        server = _Server((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"{HOST}:{port}", "the port is in use: choose another with --port") from None
        raise
    threading.Thread(target=_serve, args=(server,), name=SERVER_THREAD, daemon=True).start()
    return f"http://{HOST}:{server.server_address[1]}/"
