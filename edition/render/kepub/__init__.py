"""The Kobo edition: the EPUB made into a kepub, as Kobo's own conversion and kepubify make one.

Kobo's reading engine for kepubs pages by two wrappers around each document's
body (`div#book-columns` > `div#book-inner`), counts reading progress and keeps
highlights by `span.koboSpan` elements around each sentence, with ids
`kobo.<paragraph>.<sentence>`, and reads a `kobostylehacks` style. The notes
stay `epub:type="noteref"` links to `epub:type="footnote"` elements, which Kobo
shows as pop-ups. The conversion reads the EPUB's bytes and writes the kepub's:
it is a pure function of them, so the kepub is as reproducible as the EPUB.
"""

from .convert import kepub_files

__all__ = ["kepub_files"]
