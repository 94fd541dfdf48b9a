"""Stage 3, compose: turn the checked manuscript into semantic XHTML for each target.

`prepare` renders every Markdown fragment once into an `Edition`: the
target-independent content. `epub_documents`, `web_pages` and `PrintBook` then lay it
into the EPUB's files, the web edition's pages or the single HTML book the PDFs
are laid out from, through
the Jinja2 templates; each target's marks come from its own templates.
"""

from dataclasses import dataclass, field

from jinja2 import Environment

from ..errors import BuildError
from ..markup.templates import environment
from ..model import Manuscript
from ..project import Project
from .documents import EpubDocument, PrintBook, WebPage, epub_documents, web_pages
from .integrity import check_composed
from .prepare import prepare
from .views import ChronView, Edition, GlossView, IndexEntry, NoteView

__all__ = [
    "ChronView",
    "Composed",
    "Edition",
    "EpubDocument",
    "GlossView",
    "IndexEntry",
    "NoteView",
    "PrintBook",
    "WebPage",
    "check_composed",
    "composed",
    "environment",
    "epub_documents",
    "prepare",
    "web_pages",
]


def composed(ms: Manuscript, env: Environment, project: Project, tool_versions: dict[str, str]) -> Edition:
    """The edition prepared, and checked for what only composition can know (integrity.py)."""
    ed = prepare(ms, env, project, tool_versions)
    check_composed(ed, env)
    return ed


@dataclass
class Composed:
    """What the compose stage hands every renderer: the edition and what it was made with."""

    project: Project
    ms: Manuscript
    ed: Edition
    env: Environment
    versions: dict[str, str]  # the tools' versions, for the colophon and the archival PDF's manifest
    warnings: list[BuildError] = field(default_factory=list)
