"""The archival PDF's structure tree says what the book's parts are, for readers who cannot see them (#28).

WeasyPrint 70 tags an element by its HTML name alone: a footnote is a Span,
its call NonStruct, a source in the list of sources a Div, and a table's
header cells carry no Scope. This wraps its private `_build_box_tree`, which
makes one structure element per box, and gives the element the role the
book's markup means (PDF 1.7, 14.8.4): the glosses at the foot of the page
and the commentary's entries are Note, the note calls and the citations
Reference, each entry of the list of sources BibEntry; a header cell gets the
Scope of its `scope` attribute (Column where it has none). Only tagged PDFs
(the archival one) have a structure tree, so the print PDFs are unchanged.
"""

from __future__ import annotations

from .pinned import replace, restore

__all__ = ["CLASS_ROLES", "install", "uninstall"]

# An element's class -> the structure type of its element in the PDF.
CLASS_ROLES = {"footnote": "Note", "comm-entry": "Note", "citation": "Reference", "csl-entry": "BibEntry"}
PSEUDO_ROLES = {"footnote-call": "Reference"}
SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


def install() -> None:
    """Put the roles in place; a BuildError where this WeasyPrint is not the one it was written for."""
    from weasyprint.pdf import tags

    replace(tags, "_build_box_tree", _build_box_tree, "edition/render/weasyprint/roles.py")


def uninstall() -> None:
    from weasyprint.pdf import tags

    restore(tags, "_build_box_tree")


def role(box) -> str | None:
    """The structure type the book's markup gives a box's element, or None for WeasyPrint's own."""
    box = getattr(box, "_box", box)  # an absolutely placed box stands behind a placeholder
    tag = getattr(box, "element_tag", None) or ""
    if "::" in tag:
        return PSEUDO_ROLES.get(tag.split("::", 1)[1])
    element = getattr(box, "element", None)
    if element is None:
        return None
    return next((CLASS_ROLES[c] for c in (element.get("class") or "").split() if c in CLASS_ROLES), None)


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    """WeasyPrint's own, each box's element given its role. The anonymous boxes WeasyPrint makes inside a
    box share its HTML element: inside a box that took an element's role, that element gives no other."""
    from weasyprint.pdf import tags as module

    wanted = role(box)
    inside = pdf.__dict__.setdefault("_edition_roles", [])  # the elements of the boxes being built, that took roles
    element_id = id(getattr(getattr(box, "_box", box), "element", None))
    claim = claimed = wanted is not None and element_id not in inside
    if claimed:
        inside.append(element_id)
    try:
        for element in module._own_build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
            if claim:
                element["S"] = f"/{wanted}"
                claim = False
            if element.get("S") == "/TH" and getattr(box, "element_tag", None) == "th" and "A" in element:
                element["A"]["Scope"] = SCOPES.get(box.element.get("scope") or "col", "/Column")
            yield element
    finally:
        if claimed:
            inside.pop()
