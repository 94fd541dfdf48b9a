"""The edition as a TEI P5 document: the essay with its emendations, the apparatus, the header."""

from jinja2 import Environment

from ...compose import Edition
from ..pdf.attachments import Attachment
from .writer import render_tei, tei_document

__all__ = ["render_tei", "tei_attachment", "tei_document"]


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
