"""The build reaches no network and reads no file outside the project and its packages."""

import shutil
import socket
import subprocess
import threading
import zipfile

import pytest
from helpers import META, PROJECT, composed, edit

from edition.errors import BuildError
from edition.load import load
from edition.markup import pandoc
from edition.render.epub import epub_documents
from edition.render.weasyprint.weasy import layout


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def test_the_listener_notices_a_connection(listener):
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    threading.Event().wait(0.5)
    assert listener.connections == 1


def test_weasyprint_fetches_nothing_from_the_network(listener, tmp_path):
    url = f"http://127.0.0.1:{listener.port}"
    html = (
        f'<html><head><link rel="stylesheet" href="{url}/x.css"></head>'
        f'<body><img src="{url}/x.png"><p>x</p></body></html>'
    )
    with pytest.raises(BuildError, match="outside the project"):
        layout(html, tmp_path, [tmp_path])
    threading.Event().wait(0.5)
    assert listener.connections == 0


def test_weasyprint_reads_no_file_outside_the_allowed_folders(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("p::after { content: 'TOP-SECRET-4711'; }")
    allowed = tmp_path / "book"
    allowed.mkdir()
    html = '<html><head><link rel="stylesheet" href="../secret.css"></head><body><p>x</p></body></html>'
    with pytest.raises(BuildError, match="secret.css"):
        layout(html, allowed, [allowed])


def test_weasyprint_reads_allowed_files(tmp_path):
    # a templates folder of its own: the project's font configuration, and a font of its own to load
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "fonts.conf").symlink_to(PROJECT / "templates" / "fonts" / "fonts.conf")
    shutil.copy(PROJECT / "templates" / "fonts" / "EBGaramond-Regular.ttf", tmp_path / "fonts")
    (tmp_path / "ok.css").write_text(
        '@font-face { font-family: "T"; src: url(fonts/EBGaramond-Regular.ttf) } p { color: red; font-family: "T" }'
    )
    html = '<html><head><link rel="stylesheet" href="ok.css"></head><body><p>x</p></body></html>'
    assert len(layout(html, tmp_path, [tmp_path]).pages) == 1


def test_pandoc_runs_sandboxed(listener, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711")
    url = f"http://127.0.0.1:{listener.port}/x.png"
    blocks = pandoc.parse_markdown({"a": f"![x]({url})\n\n![y]({secret})\n"}, tmp_path)
    html, _refs = pandoc.render_html(blocks, [], tmp_path, "en-US")
    threading.Event().wait(0.5)
    assert listener.connections == 0
    assert "TOP-SECRET" not in html["a"]


def test_path_outside_the_project_is_refused_and_not_read(scratch):
    outside = scratch.parent / "outside-secret.png"
    outside.write_bytes(b"TOP-SECRET-4711")
    with (scratch / "manuscript" / "introduction.md").open("a") as f:
        f.write(f"\n\n![secret](../../{outside.name})\n")
    with pytest.raises(BuildError, match="outside the project"):
        load(scratch)


def test_templates_escape_manuscript_text(scratch):
    metadata = scratch / "manuscript" / "metadata.yaml"
    edit(metadata, f"editor: {META['editor']}", 'editor: "<script>alert(1)</script> & Co"')
    with pytest.raises(BuildError, match=r"metadata.yaml:\d+: raw html is not allowed in the manuscript: '<script>"):
        load(scratch)
    # Refused by the loader, and escaped by the templates all the same: each holds without the other.
    edit(metadata, '"<script>alert(1)</script> & Co"', META["editor"])
    ed, env = composed(scratch)
    ed.meta.editor = "<script>alert(1)</script> & Co"
    docs = {d.name: d.xhtml for d in epub_documents(ed, env)}
    assert "<script>" not in docs["titlepage.xhtml"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in docs["titlepage.xhtml"]


def test_markdown_cannot_smuggle_html(scratch):
    edit(
        scratch / "manuscript" / "notes.yaml",
        "  commentary: |\n",
        "  commentary: |\n    <img src=x onerror=alert(1)>\n",
    )
    with pytest.raises(BuildError, match="raw html is not allowed"):
        load(scratch)


def test_no_absolute_paths_in_outputs(built, tmp_path):
    marker = str(PROJECT).encode()
    with zipfile.ZipFile(built["epub"]) as epub:
        for name in epub.namelist():
            assert marker not in epub.read(name), name
    for key in ("print", "archival"):
        plain = tmp_path / f"{key}.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(built[key]), str(plain)], check=True)
        assert marker not in plain.read_bytes()
