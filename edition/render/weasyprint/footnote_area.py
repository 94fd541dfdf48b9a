"""Measure WeasyPrint's footnote area one footnote at a time.

WeasyPrint 70 lays the whole footnote area of a page out again each time a
footnote is added to or taken from it, to learn the area's height. The essay's
pages hold several long notes, and `footnote-policy: line` adds and takes
notes back often, so that was most of the time the essay took to lay out.
Where the notes stack without margins, the area's height is the sum of its
notes' heights, and each note's height on a page of a given width never
changes: this measures each note once per width and adds them up. Anywhere
else (margins between notes, a limited area, columns, another WeasyPrint)
WeasyPrint's own method runs. tests/integration/test_join.py lays the essay out both ways
and compares every line on every page.
"""

from __future__ import annotations

from math import inf

from .pinned import VERSION, replace, restore

__all__ = ["VERSION", "install", "uninstall"]


def install() -> None:
    """Put the measure in place; a BuildError where this WeasyPrint is not the one it was written for."""
    from weasyprint.layout import LayoutContext

    replace(LayoutContext, "_update_footnote_area", _update_footnote_area, "edition/render/weasyprint/footnote_area.py")


def uninstall() -> None:
    from weasyprint.layout import LayoutContext

    restore(LayoutContext, "_update_footnote_area")


def _stacks_plainly(context) -> bool:
    area = context.current_footnote_area
    if context.in_column or area.style["max_height"].value != inf:
        return False
    return all(
        note.style["margin_top"].value == 0 and note.style["margin_bottom"].value == 0
        for note in context.current_page_footnotes
    )


def _update_footnote_area(context):
    if not context.current_page_footnotes or not _stacks_plainly(context):
        return context._own_update_footnote_area()
    area = context.current_footnote_area
    if area.height != "auto":
        context.page_bottom += area.margin_height()
    area.children = context.current_page_footnotes
    area.height = sum(_height(context, area, note) for note in area.children)
    context.page_bottom -= area.margin_height()
    return False  # an area of unlimited height cannot overflow


def _height(context, area, note) -> float:
    """The height of one note in the footnote area of this page, measured once per width."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout.block import block_level_layout

    heights = context.__dict__.setdefault("_footnote_heights", {})
    key = (id(note), area.page.width)
    if key not in heights:
        alone = area.copy_with_children([note]).deepcopy()
        laid = block_level_layout(context, build.create_anonymous_boxes(alone), -inf, None, area.page)[0]
        heights[key] = (note, laid.height)  # the note is kept, so that its id is not reused
    return heights[key][1]
