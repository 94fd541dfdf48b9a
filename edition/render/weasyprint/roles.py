"""The archival PDF's structure tree says what the book's parts are, for readers who cannot see them (#28).

WeasyPrint 70 tags an element by its HTML name alone: a footnote is a Span,
its call NonStruct, a source in the list of sources a Div, and a table's
header cells carry no Scope. This wraps its private `_build_box_tree`, which
makes one structure element per box, and gives the element the role the
book's markup means (PDF 1.7, 14.8.4): the glosses at the foot of the page
and the commentary's entries are Note, the note calls and the citations
Reference, each entry of the list of sources BibEntry, the contents TOC and
each of its lines TOCI; a header cell gets the
Scope of its `scope` attribute (Column where it has none). Only tagged PDFs
(the archival one) have a structure tree, so the print PDFs are unchanged.

Two more mends, for PDF/UA-1 (7.18.5, 7.8). WeasyPrint gives a link's inner
boxes (a span inside the `a`, its anonymous pieces) link annotations of their
own, each tied by an OBJR to the box's Span or NonStruct: such an element is
made a Link, so that every link annotation sits in a Link element. And the
page's margin boxes (running heads, page numbers), which WeasyPrint tags as
content and then leaves out of the tree, are drawn as artifacts
(`_draw_stacking_context`) and given no structure element.
"""

from __future__ import annotations

from .pinned import replace, restore

__all__ = ["CLASS_ROLES", "install", "uninstall"]

# An element's class -> the structure type of its element in the PDF.
CLASS_ROLES = {
    "footnote": "Note",
    "comm-entry": "Note",
    "citation": "Reference",
    "csl-entry": "BibEntry",
    "toc": "TOC",
    "toc-entry": "TOCI",
}
PSEUDO_ROLES = {"footnote-call": "Reference"}
# WeasyPrint's types for an element with no meaning of its own: one that carries a link annotation is a Link.
GENERIC = frozenset({"/Span", "/NonStruct"})
SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


def install() -> None:
    """Put the roles in place; a BuildError where this WeasyPrint is not the one it was written for."""
    from weasyprint import draw
    from weasyprint.pdf import tags

    replace(tags, "_build_box_tree", _build_box_tree, "edition/render/weasyprint/roles.py")
    replace(draw, "draw_stacking_context", _draw_stacking_context, "edition/render/weasyprint/roles.py")


def uninstall() -> None:
    from weasyprint import draw
    from weasyprint.pdf import tags

    restore(tags, "_build_box_tree")
    restore(draw, "draw_stacking_context")


def _draw_stacking_context(stream, stacking_context) -> None:
    """WeasyPrint's own; a margin box (a running head, a page number) drawn as one artifact, its text given no
    MCID. An untagged PDF's stream has no tags, and is drawn as before."""
    from weasyprint import draw
    from weasyprint.formatting_structure.boxes import MarginBox

    if stream._tags is None or not isinstance(stacking_context.box, MarginBox):
        draw._own_draw_stacking_context(stream, stacking_context)
        return
    tags, stream._tags = stream._tags, None
    try:
        stream.begin_marked_content("Artifact")  # what stream.artifact() writes, which needs the tags it lacks now
        draw._own_draw_stacking_context(stream, stacking_context)
        stream.end_marked_content()
    finally:
        stream._tags = tags


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
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.pdf import tags as module

    if isinstance(box, MarginBox):  # an artifact (_draw_stacking_context): drawn with no MCID, so nothing to map
        return
    wanted = role(box)
    inside = pdf.__dict__.setdefault("_edition_roles", [])  # the elements of the boxes being built, that took roles
    element_id = id(getattr(getattr(box, "_box", box), "element", None))
    claim = claimed = wanted is not None and element_id not in inside
    own = bool(getattr(box, "link_annotation", None))  # the first element yielded is the box's own
    if claimed:
        inside.append(element_id)
    try:
        for element in module._own_build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
            if claim:
                element["S"] = f"/{wanted}"
                claim = False
            elif own and element.get("S") in GENERIC:
                element["S"] = "/Link"  # its K holds the OBJR of the box's link annotation
            own = False
            if element.get("S") == "/TH" and getattr(box, "element_tag", None) == "th" and "A" in element:
                element["A"]["Scope"] = SCOPES.get(box.element.get("scope") or "col", "/Column")
            yield element
    finally:
        if claimed:
            inside.pop()
