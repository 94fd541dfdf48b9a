"""The typed model of a manuscript: what the load stage produces and every later stage reads."""

from .dates import MONTHS, DateSpan, PartialDate, parse_partial, parse_span
from .manuscript import (
    ChronEntry,
    Emendation,
    Fragment,
    GlossaryEntry,
    Loc,
    Manuscript,
    Metadata,
    Note,
    Printing,
    Reference,
    Support,
)

__all__ = [
    "MONTHS",
    "ChronEntry",
    "DateSpan",
    "Emendation",
    "Fragment",
    "GlossaryEntry",
    "Loc",
    "Manuscript",
    "Metadata",
    "Note",
    "PartialDate",
    "Printing",
    "Reference",
    "Support",
    "parse_partial",
    "parse_span",
]
