"""The web edition as a target of composition: its pages' files, its marks, a note's link to its call."""

from __future__ import annotations

from jinja2 import Environment

from ...compose.targets import WEB_FILES, Target


class WebTarget(Target):
    """The web edition: the EPUB's pages as a site, each gloss a popover beside its call in the essay.

    A link from another page to a note leads to its call, where the reader
    opens it: the popover itself is hidden until opened.
    """

    name = "web"
    marks_template = "web/marks.html.j2"
    files = WEB_FILES
    call_glue = "\u2060"  # a word joiner: a browser may otherwise break the line before a call

    def __init__(self, env: Environment, note_numbers: dict[str, int], note_anchors: dict[str, int]):
        super().__init__(env, note_numbers)
        self.note_anchors = note_anchors  # index anchor inside a gloss -> the gloss's number

    def href(self, kind: str, ident: str) -> str:
        if kind == "note" and ident in self.note_numbers:
            return f"{WEB_FILES['note']}#noteref-{self.note_numbers[ident]}"
        if kind == "ix" and ident in self.note_anchors:
            return f"{WEB_FILES['note']}#noteref-{self.note_anchors[ident]}"
        return super().href(kind, ident)
