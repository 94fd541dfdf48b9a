"""The web edition's preview server (--serve): dist/web/ on 127.0.0.1, rebuilt on save by the watch loop."""

from __future__ import annotations

import errno
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import BuildError

HOST = "127.0.0.1"  # only this machine: a preview, not a web server


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site's files and says nothing per request: the watch loop's lines stay readable."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2", ".css": "text/css"}

    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt page is shown on reload
        super().end_headers()


def start(site: Path, port: int) -> str:
    """Serve the site folder in a background thread; return its address.

    The folder is looked up afresh for each request, so a rebuild that
    replaces it is served at once.
    """
    handler = functools.partial(_Quiet, directory=str(site))
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"{HOST}:{port}", "the port is in use: choose another with --port") from None
        raise
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{HOST}:{server.server_address[1]}/"
