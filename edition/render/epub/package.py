"""Stage 4a, render the EPUB: package the composed XHTML as a reproducible EPUB 3 zip."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from .compose import Edition, epub_documents
from .cover import draw_cover
from .dates import parse_span

CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def epub_files(ed: Edition, env: Environment, templates: Path) -> list[tuple[str, bytes]]:
    """Every file of the EPUB with its path, in the order they are zipped."""
    docs = epub_documents(ed, env)
    ctx = {"ed": ed, "meta": ed.meta, "docs": docs, "original_date_human": parse_span(ed.meta.original_date).human()}
    files = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", CONTAINER.encode()),
        ("EPUB/package.opf", env.get_template("epub/package.opf.j2").render(**ctx).encode()),
        ("EPUB/nav.xhtml", env.get_template("epub/nav.xhtml.j2").render(**ctx).encode()),
        ("EPUB/css/edition.css", (templates / "css" / "epub.css").read_bytes()),
        ("EPUB/images/cover.png", draw_cover(ed.meta.title, ed.meta.subtitle, ed.meta.author, templates / "fonts")),
    ]
    files += [(f"EPUB/text/{doc.name}", doc.xhtml.encode()) for doc in docs]
    return files


def write_epub(files: list[tuple[str, bytes]], target: Path, moment: datetime) -> None:
    """Zip files in the given order with one fixed timestamp; mimetype first and stored."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=9 if name != "mimetype" else None)
