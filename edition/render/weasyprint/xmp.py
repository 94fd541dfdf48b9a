"""The PDFs' XMP packet: WeasyPrint's own, made reproducible, with the edition's Dublin Core fields.

The packet is built as an ElementTree, as WeasyPrint's pdf/metadata.py
builds its own, never as text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from xml.etree.ElementTree import Element, SubElement, fromstring, tostring

# The namespaces of what the edition adds; WeasyPrint registers their prefixes (weasyprint/pdf/metadata.py).
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


@dataclass(frozen=True)
class XmpFields:
    """What the edition adds to the packet, beyond the title, author and dates WeasyPrint writes."""

    editor: str
    identifier: str
    date: str
    source: str
    rights: str
    language: str


def edition_xmp(ed) -> XmpFields:
    """The fields of a composed edition (compose.Edition), as every PDF of it carries them."""
    meta = ed.meta
    return XmpFields(meta.editor, meta.identifier, ed.build_date, meta.original_statement, meta.rights, meta.language)


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def description(fields: XmpFields) -> Element:
    """An rdf:Description of the edition's fields."""
    root = Element(_q("rdf", "Description"), {_q("rdf", "about"): ""})

    def container(name: str, kind: str, text: str, **attrs: str) -> None:
        li = SubElement(SubElement(SubElement(root, _q("dc", name)), _q("rdf", kind)), _q("rdf", "li"), attrs)
        li.text = text

    container("contributor", "Bag", fields.editor)
    SubElement(root, _q("dc", "identifier")).text = fields.identifier
    container("date", "Seq", fields.date)
    SubElement(root, _q("dc", "source")).text = fields.source
    container("rights", "Alt", fields.rights, **{_q("xml", "lang"): "x-default"})
    container("language", "Bag", fields.language)
    return root


def edition_metadata(metadata, fields: XmpFields, key: str):
    """WeasyPrint's document metadata, whose XMP gets a fixed document ID (from key) and the edition's fields."""
    adopted = _metadata_class().__new__(_metadata_class())
    adopted.__dict__.update(vars(metadata))
    adopted.fields = fields
    adopted.document_id = "xmp.did:" + hashlib.sha1(key.encode()).hexdigest()
    return adopted


@cache
def _metadata_class():
    # WeasyPrint is imported only where a PDF is written, not by the build itself.
    from weasyprint.pdf.metadata import DocumentMetadata

    class EditionMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance) -> bytes:
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            # WeasyPrint draws a random document ID for PDF/X-4; a rebuild must give the same bytes.
            for did in rdf.iter(_q("xmpMM", "DocumentID")):
                did.text = self.document_id
            rdf.append(description(self.fields))
            return tostring(rdf, encoding="utf-8")

    return EditionMetadata
