"""Stage 3, compose: turn the checked manuscript into the edition every format is made from.

`prepare` renders every Markdown fragment once into an `Edition`: the
target-independent content. Each format (render/<format>/) then lays it into
its documents through the Jinja2 templates, with its own Target (targets.py)
and the template context of documents.py; each target's marks come from its
own templates. check_documents finds ids given twice and links to nothing in
any format's documents (integrity.py).
"""

from dataclasses import dataclass, field

from jinja2 import Environment

from ..errors import BuildError
from ..markup.templates import environment
from ..model import Manuscript
from ..project import Project
from .integrity import check_documents, whole_tags
from .prepare import prepare
from .views import ChronView, Edition, GlossView, IndexEntry, NoteView

__all__ = [
    "ChronView",
    "Composed",
    "Edition",
    "GlossView",
    "IndexEntry",
    "NoteView",
    "check_documents",
    "environment",
    "prepare",
    "whole_tags",
]


@dataclass
class Composed:
    """What the compose stage hands every renderer: the edition and what it was made with."""

    project: Project
    ms: Manuscript
    ed: Edition
    env: Environment
    versions: dict[str, str]  # the tools' versions, for the colophon and the archival PDF's manifest
    warnings: list[BuildError] = field(default_factory=list)
