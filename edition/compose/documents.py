"""What every format's documents are composed from: the template context for a target, documents rendered lazily.

Each format's plan of documents is in its own folder: render/epub/documents.py, render/web/pages.py and
render/pdf/source.py (the one HTML book the PDFs are laid out from).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from .notes import commentary_body, essay_for, gloss_body
from .sections import SECTIONS
from .targets import Target, rewrite_links
from .views import Edition


@dataclass(frozen=True)
class Rendered:
    """A document whose markup is rendered when asked for, once per asking.

    At 200 times the edition, the EPUB's documents held at once, as text and
    again as bytes, were a third of the build's peak memory: each is made as
    it is written, and freed.
    """

    render: Callable[[], str] = field(repr=False, compare=False)

    @property
    def xhtml(self) -> str:
        return self.render()


class _Each:
    """(item, made(item)) for each item, made as the template reaches it.

    A book's worth of copied trees at once was a tenth of the build's memory at
    200 times the edition; made one at a time, each is freed once written.
    """

    def __init__(self, items, made):
        self.items, self.made = items, made

    def __iter__(self):
        return ((item, self.made(item)) for item in self.items)

    def __len__(self) -> int:
        return len(self.items)


def context(ed: Edition, target: Target) -> dict:
    """What a page's template is given: the edition, laid into a target (its links, its marks)."""

    def linked(el):
        return rewrite_links(copy.deepcopy(el), target)

    return {
        "ed": ed,
        "meta": ed.meta,
        "target": target,
        "essay": essay_for(ed, target),
        "introduction": linked(ed.introduction),
        "textual_note": linked(ed.textual_note),
        "notes": _Each(ed.glosses, lambda n: gloss_body(n, target)),
        "commentary": _Each(ed.commentary, lambda n: commentary_body(n, target)),
        "chronology": _Each(ed.chronology, lambda c: linked(c.body)),
        "glossary": _Each(ed.glossary, lambda g: linked(g.body)),
        "bibliography": ed.bibliography,
        "emendations": ed.ms.emendations,
        "source_lines": ed.ms.source_text.split("\n"),
        "index": ed.index,
        "sections": {s.id: s for s in SECTIONS},  # each section's title, written once (sections.py)
    }
