"""Write a page the templates made as XHTML as the HTML a browser is served.

The pages share their templates with the EPUB, whose semantics are also
written as epub:type attributes: an HTML page has no use for them, so they
are dropped, with every other namespace, and the page is serialised by
lxml's HTML serializer (void elements unclosed, a doctype).
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lhtml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Void elements of HTML5 that libxml2's HTML 4 serializer does not know, and so closes.
HTML5_VOID = ("wbr", "source", "track", "embed")


def to_html5(xhtml: str) -> str:
    """The HTML5 document for an XHTML page."""
    root = etree.fromstring(xhtml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter(etree.Element):
        el.tag = etree.QName(el).localname
        for name in list(el.attrib):
            if name == XML_LANG:
                el.set("lang", el.attrib.pop(name))
            elif name.startswith("{"):
                del el.attrib[name]
    etree.cleanup_namespaces(root)
    text = lhtml.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
    for tag in HTML5_VOID:
        text = text.replace(f"</{tag}>", "")  # text cannot hold it: its "<" is escaped
    return text if text.endswith("\n") else text + "\n"
