"""The Kindle edition: the EPUB converted to AZW3 (KF8) by calibre's ebook-convert, then made reproducible.

calibre writes three things afresh on every run: the Palm database's creation
and modification times (now), the MOBI header's unique id (random), and a
random uuid as the book's ASIN (EXTH 113) and source (EXTH 112, `calibre:`
and the uuid), so a Kindle would take each rebuild for another book.
`stamp.py` sets each, in place and at the same length, from the edition's
identifier and the build's moment; nothing else in the file differs between
runs. calibre runs with a configuration folder of its own
(support/calibre.py), so a user's calibre settings cannot change the
conversion. The EPUB it converts is the one this build made (the output
needs it).
"""

from __future__ import annotations

from dataclasses import replace

from ...outputs import OUTPUTS, Built
from ..renderer import Given, Quick
from .convert import azw3

__all__ = ["RENDERER", "azw3"]


class KindleRenderer(Quick):
    # calibre converts on one processor for some 3 s (3.0 s of CPU measured): a forked copy of the build makes
    # the AZW3 while the build goes on to the outputs after it (the cover), on the other processor.
    aside = True

    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        project, meta = composed.project, composed.ed.meta
        made = []
        for b in built:
            epub = given.output(OUTPUTS[b.target].needs[0])
            azw3(epub.path, b.path, meta.identifier, project.epoch)
            made.append(replace(b, pages=epub.pages))
        return made


RENDERER = KindleRenderer()
