"""Plain-text fields (chronology titles, glossary names, metadata) get no smart quotes from pandoc:
a straight quote or apostrophe there would reach every output as typed."""

from __future__ import annotations

from ..errors import BuildError
from ..model import Manuscript

STRAIGHT = ("'", '"')


def _refuse(value: str | None, what: str, path: str, line: int | None) -> None:
    if value and any(mark in value for mark in STRAIGHT):
        raise BuildError(path, f"{what} has a straight quote ({value!r}): write ’ “ ” as in print", line)


def check_typography(ms: Manuscript) -> None:
    for entry in ms.chronology:
        _refuse(entry.title, f"the title of chronology entry {entry.id!r}", entry.loc.path, entry.loc.line)
    for g in ms.glossary.values():
        fields = (("name", g.name), ("index", g.index_name), *((f"{tag} form", form) for tag, form in g.forms.items()))
        for field, value in fields:
            _refuse(value, f"the {field} of glossary entry {g.id!r}", g.loc.path, g.loc.line)
    meta = ms.metadata
    for field in (
        "title",
        "subtitle",
        "description",
        "rights",
        "reprint_description",
        "original_title",
        "original_statement",
        "original_periodical",
        "original_venue",
        "original_occasion",
        "label",
    ):
        line = meta.lines.get(field) or meta.lines.get(f"original_{field}", meta.loc.line)  # the field's own line
        _refuse(getattr(meta, field), f"the metadata's {field}", meta.loc.path, line)
