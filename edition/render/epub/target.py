"""The EPUB as a target of composition: its documents' files, its marks."""

from __future__ import annotations

from ...compose.targets import EPUB_FILES, Target


class EpubTarget(Target):
    name = "epub"
    marks_template = "epub/marks.xhtml.j2"
    embeds_fonts = False  # the reader's own fonts and settings win
    files = EPUB_FILES
