"""Render the EPUB: its files from the composed documents, packed as a reproducible EPUB 3 zip."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...outputs import OUTPUTS, Built
from ..renderer import Given, Quick
from .documents import EPUB_PLAN, EpubDocument, epub_documents
from .package import epub_files, render_epub, write_epub

__all__ = ["EPUB_PLAN", "RENDERER", "EpubDocument", "epub_documents", "epub_files", "render_epub", "write_epub"]


class EpubRenderer(Quick):
    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        return [replace(b, pages=render_epub(composed, b.path, _cover(b, given), _print(b, given))) for b in built]

    def warm(self, composed, built: list[Built], given: Given) -> None:
        for b in built:
            _cover(b, given)

    def documents(self, ed, env):
        return [(((d.name, d.xhtml) for d in epub_documents(ed, env)), True)]


def _cover(built: Built, given: Given) -> bytes:
    """The cover image, as its output declares it: another renderer's product (Given.product)."""
    return given.product(OUTPUTS[built.target].needs[0])


def _print(built: Built, given: Given) -> Path | None:
    """The print interior whose pages the EPUB marks, as its output declares it: another output, this build's
    or the last one's (Given.output)."""
    needs = [n for n in OUTPUTS[built.target].needs if n in OUTPUTS]
    return given.output(needs[0]).path if needs else None


RENDERER = EpubRenderer()
