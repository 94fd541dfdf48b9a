"""The PDFs' XMP packet: WeasyPrint's own, made reproducible, with the edition's Dublin Core fields.

The packet is built as an ElementTree, as WeasyPrint's pdf/metadata.py
builds its own, never as text. The archival PDF (the one PDF/A) also claims
PDF/UA-1 (pdfuaid:part 1, #28): its structure is what PDF/UA asks
(render/weasyprint/roles.py) and verify/ua.py checks it. PDF/A admits only its
predefined schemas unless a packet describes the others, so the claim comes
with the PDF/A extension schema that describes pdfuaid (ISO 19005-1 6.7.8, kept by PDF/A-3).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

# The namespaces of what the edition adds; WeasyPrint registers their prefixes (weasyprint/pdf/metadata.py).
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    # PDF/A's extension schema container; PDF/A requires these three prefixes, so they are registered.
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
for _prefix in ("pdfaExtension", "pdfaSchema", "pdfaProperty"):
    register_namespace(_prefix, NS[_prefix])
# pdfuaid:part as PDF/A's extension schema describes it; its value is the part of ISO 14289 met, 1.
PDFUA_SCHEMA = {"schema": "PDF/UA Universal Accessibility Schema", "namespaceURI": NS["pdfuaid"], "prefix": "pdfuaid"}
PDFUA_PART = {
    "name": "part",
    "valueType": "Integer",
    "category": "internal",
    "description": "Indicates, which part of ISO 14289 standard is followed",
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


def pdfua_claim() -> list[Element]:
    """pdfuaid:part 1, and the PDF/A extension schema that makes the pdfuaid namespace admissible in PDF/A."""
    resource = {_q("rdf", "parseType"): "Resource"}
    extension = Element(_q("rdf", "Description"), {_q("rdf", "about"): ""})
    schema = SubElement(
        SubElement(SubElement(extension, _q("pdfaExtension", "schemas")), _q("rdf", "Bag")), _q("rdf", "li"), resource
    )
    for name, text in PDFUA_SCHEMA.items():
        SubElement(schema, _q("pdfaSchema", name)).text = text
    seq = SubElement(SubElement(schema, _q("pdfaSchema", "property")), _q("rdf", "Seq"))
    prop = SubElement(seq, _q("rdf", "li"), resource)
    for name, text in PDFUA_PART.items():
        SubElement(prop, _q("pdfaProperty", name)).text = text
    claim = Element(_q("rdf", "Description"), {_q("rdf", "about"): ""})
    SubElement(claim, _q("pdfuaid", "part")).text = "1"
    return [extension, claim]


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
            if variant == "a":  # the archival PDF, PDF/A-3a, the one tagged output: it claims PDF/UA-1 beside
                rdf.extend(pdfua_claim())
            return tostring(rdf, encoding="utf-8")

    return EditionMetadata
