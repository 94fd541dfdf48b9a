"""Stage 3, compose: turn the checked manuscript into semantic XHTML for each target.

`prepare` renders every Markdown fragment once into an `Edition`: the
target-independent content. `epub_documents`, `web_pages` and `PrintBook` then lay it
into the EPUB's files, the web edition's pages or the single HTML book the PDFs
are laid out from, through
the Jinja2 templates; each target's marks come from its own templates.
"""

from ..markup.templates import environment
from .documents import EpubDocument, PrintBook, WebPage, epub_documents, web_pages
from .prepare import prepare
from .views import ChronView, Edition, GlossView, IndexEntry, NoteView

__all__ = [
    "ChronView",
    "Edition",
    "EpubDocument",
    "GlossView",
    "IndexEntry",
    "NoteView",
    "PrintBook",
    "WebPage",
    "environment",
    "epub_documents",
    "prepare",
    "web_pages",
]
