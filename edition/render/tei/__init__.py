"""The edition as a TEI P5 document: the essay with its emendations, the apparatus, the header.

Its file is an output of its own (dist/<slug>.tei.xml); the same bytes are the product 'attachment',
which an output that carries its sources (the archival PDF) names among its needs and attaches.
"""

from __future__ import annotations

import weakref
from dataclasses import replace

from ...compose import Edition
from ...outputs import Built
from ..pdfjoin.join import Attachment
from ..renderer import Given, Quick
from .writer import tei_document

__all__ = ["RENDERER", "tei_attachment", "tei_document"]


def tei_attachment(ed: Edition, data: bytes) -> Attachment:
    """The TEI document as the archival PDF attaches it: the same bytes as dist/<slug>.tei.xml."""
    return Attachment(
        f"{ed.meta.slug}.tei.xml",
        data,
        "The edition as TEI P5 XML (valid against tei_all): the essay with every emendation, the notes, "
        "chronology, glossary and sources",
        "Data",
        "application/tei+xml",
    )


class TeiRenderer(Quick):
    def __init__(self) -> None:
        # the composed edition last written (weakly: the renderer must not keep a build's trees alive) and its
        # document
        self._made: tuple[weakref.ref, bytes] | None = None

    def _document(self, composed) -> bytes:
        """The document of this composed edition, written once a build: the file and the attachment share it."""
        if self._made is None or self._made[0]() is not composed:
            self._made = (weakref.ref(composed), tei_document(composed.ed, composed.env))
        return self._made[1]

    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        ed, data = composed.ed, self._document(composed)
        for b in built:
            b.path.write_bytes(data)
        return [replace(b, pages=len(ed.glosses) + len(ed.commentary)) for b in built]  # its notes

    def product(self, name: str, composed) -> Attachment:
        """'attachment': the document as a PDF carries it."""
        if name != "attachment":
            raise KeyError(f"the TEI renderer makes no {name!r}")
        return tei_attachment(composed.ed, self._document(composed))


RENDERER = TeiRenderer()
