"""The Kindle edition read back by calibre: what a reader needs must have survived the conversion.

calibre converts the AZW3 back into an EPUB (OPF 2); in it every internal link
must lead to an id, the notes must be there with their calls, the contents
(NCX) must lead into the book, and the cover and the language must be declared.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import BuildError
from ..outputs import Output
from ..support.calibre import calibre, calibre_env
from .tools import Findings

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')


def unpack(azw3: Path, into: Path) -> dict[str, bytes]:
    """The AZW3 converted back to an EPUB by calibre: its files by name."""
    path, _version = calibre()
    back = into / "back.epub"
    (into / "tmp").mkdir(exist_ok=True)
    proc = subprocess.run(
        [path, str(azw3), str(back)], capture_output=True, text=True, env=calibre_env(into), timeout=600
    )
    if proc.returncode != 0 or not back.exists():
        raise BuildError(str(azw3), "calibre could not read the AZW3 back")
    with zipfile.ZipFile(back) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _links_and_ids(files: dict[str, bytes]) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    links, ids = [], set()
    for name, data in files.items():
        if name.endswith((".html", ".xhtml")):
            text = data.decode("utf-8")
            base = Path(name).name
            ids |= {(base, found) for found in ID.findall(text)}
            links += [(base, href) for href in HREF.findall(text) if not href.startswith(("http:", "https:"))]
    return links, ids


def read_back(files: dict[str, bytes]) -> list[str]:
    """What is missing from the book calibre read back; nothing, when all survived."""
    problems = []
    opf = etree.fromstring(next(data for name, data in files.items() if name.endswith(".opf")))
    if not (opf.findtext(f".//{DC}language") or "").strip():
        problems.append("no language")
    cover = opf.find(f".//{OPF}meta[@name='cover']")
    kinds = {item.get("id"): item.get("media-type", "") for item in opf.iter(f"{OPF}item")}
    if cover is None or not kinds.get(cover.get("content"), "").startswith("image/"):
        problems.append("no cover image")
    links, ids = _links_and_ids(files)
    names = {base for base, _id in ids} | {Path(name).name for name in files}
    for base, href in links:
        page, _hash, anchor = href.partition("#")
        target = Path(page).name or base
        if target not in names or (anchor and (target, anchor) not in ids):
            problems.append(f"a link that leads nowhere: {href} in {base}")
    notes = [href for _base, href in links if "#note-" in href]
    if not notes:
        problems.append("no note calls")
    ncx = etree.fromstring(next(data for name, data in files.items() if name.endswith(".ncx")))
    points = [point.get("src", "") for point in ncx.iter(f"{NCX}content")]
    if len(points) < 2:
        problems.append(f"contents with {len(points)} entries")
    return problems


def check_azw3(azw3: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """calibre reads the AZW3 back, and the links, notes, contents, cover and language are all there."""
    found = Findings("calibre", azw3.name)
    with tempfile.TemporaryDirectory(prefix="kindle-back-") as work:
        files = unpack(azw3, Path(work))
    found.problems = read_back(files)
    _path, version = calibre()
    found.summary = f"calibre {version} read back: {len(found.problems)} problems"
    return found
