"""The edition as a TEI P5 document: the essay with its emendations, the apparatus, the header.

Its file is an output of its own (dist/<slug>.tei.xml); the same bytes are the product 'attachment',
which an output that carries its sources (the archival PDF) names among its needs and attaches.
"""

from __future__ import annotations

from dataclasses import replace

from jinja2 import Environment

from ...compose import Edition
from ...outputs import Built
from ..pdfjoin.join import Attachment
from ..renderer import Given, Quick
from .writer import tei_document

__all__ = ["RENDERER", "tei_attachment", "tei_document"]


def tei_attachment(ed: Edition, env: Environment) -> Attachment:
    """The TEI document as the archival PDF attaches it: the same bytes as dist/<slug>.tei.xml."""
    return Attachment(
        f"{ed.meta.slug}.tei.xml",
        tei_document(ed, env),
        "The edition as TEI P5 XML (valid against tei_all): the essay with every emendation, the notes, "
        "chronology, glossary and sources",
        "Data",
        "application/tei+xml",
    )


class TeiRenderer(Quick):
    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        ed = composed.ed
        data = tei_document(ed, composed.env)
        for b in built:
            b.path.write_bytes(data)
        return [replace(b, pages=len(ed.glosses) + len(ed.commentary)) for b in built]  # its notes

    @staticmethod
    def product(name: str, composed) -> Attachment:
        """'attachment': the document as a PDF carries it."""
        if name != "attachment":
            raise KeyError(f"the TEI renderer makes no {name!r}")
        return tei_attachment(composed.ed, composed.env)


RENDERER = TeiRenderer()
