"""The Kobo edition: the EPUB made into a kepub, as Kobo's own conversion and kepubify make one.

Kobo's reading engine for kepubs pages by two wrappers around each document's
body (`div#book-columns` > `div#book-inner`), counts reading progress and keeps
highlights by `span.koboSpan` elements around each sentence, with ids
`kobo.<paragraph>.<sentence>`, and reads a `kobostylehacks` style
(templates/kepub/kobostylehacks.css). The notes stay `epub:type="noteref"`
links to `epub:type="footnote"` elements, which Kobo shows as pop-ups. The
conversion reads the EPUB this build made (the output needs it) and writes the
kepub from its bytes alone, so the kepub is as reproducible as the EPUB.
"""

from __future__ import annotations

from dataclasses import replace

from ...outputs import OUTPUTS, Built
from ...support.archive import write_zip
from ..renderer import Given, Quick
from .convert import kepub_files

__all__ = ["RENDERER", "kepub_files"]

STYLE = "kepub/kobostylehacks.css"  # in templates/
# Left as the EPUB has them: the contents (Kobo lists it from the nav) and the cover image's page.
PLAIN = ("nav.xhtml", "cover.xhtml")


class KepubRenderer(Quick):
    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        project = composed.project
        style = (project.templates / STYLE).read_text(encoding="utf-8")
        made = []
        for b in built:
            epub = given.output(OUTPUTS[b.target].needs[0])
            write_zip(kepub_files(epub.path, style, PLAIN), b.path, project.moment, stored=("mimetype",))
            made.append(replace(b, pages=epub.pages))
        return made


RENDERER = KepubRenderer()
