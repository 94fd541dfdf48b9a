"""Let a line's trailing space hang, so that a run of text which fits is not broken after its first word.

WeasyPrint 70 asks Pango to fit a run of text into a line, then checks the
width Pango gives, which counts a trailing space. A run that ends in a space
before an inline element (an index mark, a citation) and fits the line only
without that space is taken as too wide, and WeasyPrint then breaks it after
its first word: the introduction's "The essay and its occasion" began with
"The" alone on a line. CSS Text 3 (§4.1.3) removes a collapsible space at the
end of a line, so it cannot make the line overflow; this lays such a run out
on one line where it fits without its trailing spaces.
"""

from __future__ import annotations

from math import inf

from .pinned import replace, restore

COLLAPSING = ("normal", "pre-line")  # the white-space values that wrap and collapse spaces


def install() -> None:
    """Put the fit in place; a BuildError where this WeasyPrint is not the one it was written for."""
    from weasyprint.layout import inline

    replace(inline, "split_first_line", split_first_line, "edition/render/weasyprint/line_fit.py")


def uninstall() -> None:
    from weasyprint.layout import inline

    restore(inline, "split_first_line")


def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
    from weasyprint.layout import inline

    own = inline._own_split_first_line
    first = own(text, style, context, max_width, justification_spacing, is_line_start, minimum)
    resume_index = first[2]
    if resume_index is None or minimum or max_width is None or style["white_space"] not in COLLAPSING:
        return first
    stripped = text.rstrip(" ")
    if stripped == text or not stripped:
        return first
    alone = own(stripped, style, context, max_width, justification_spacing, is_line_start, minimum)
    if alone[2] is not None or alone[3] > max_width:
        return first
    # The run fits once its trailing spaces hang: lay it out whole, spaces kept, as WeasyPrint expects.
    return own(text, style, context, inf, justification_spacing, is_line_start, minimum)
