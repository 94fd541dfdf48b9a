"""What the compose stage makes of the manuscript: target-independent views the templates read."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import DateSpan, Manuscript, Metadata


@dataclass
class NoteView:
    number: int
    id: str
    lemma: str
    body: etree._Element  # parsed body, rewritten per target


@dataclass
class ChronView:
    id: str
    date: DateSpan
    title: str
    body: etree._Element
    passages: list[tuple[str, str]]  # (passage id, its text)

    @property
    def human(self) -> str:
        return self.date.human()

    @property
    def iso(self) -> str:
        return self.date.iso()


@dataclass
class GlossView:
    id: str
    name: str
    essay_forms: list[str]
    kind: str
    albanian: str | None
    serbian: str | None
    body: etree._Element
    first: str | None  # anchor id of the first mention in the essay


@dataclass
class IndexEntry:
    id: str
    name: str
    sort_key: str
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (anchor id, section, paragraph)

    def groups(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """Anchors grouped by section, one per paragraph, for the EPUB's index."""
        out: dict[str, list[tuple[str, int]]] = {}
        for anchor, section, para in self.anchors:
            seen = out.setdefault(section, [])
            if not seen or seen[-1][1] != para:
                seen.append((anchor, para))
        return list(out.items())


@dataclass
class Edition:
    ms: Manuscript
    build_date: str  # ISO 8601 date of the fixed build time
    build_timestamp: str  # full ISO 8601 timestamp, UTC
    essay: etree._Element
    introduction: etree._Element
    textual_note: etree._Element
    notes: list[NoteView]
    chronology: list[ChronView]
    glossary: list[GlossView]
    index: list[IndexEntry]
    bibliography: etree._Element
    colophon: dict[str, str]

    @property
    def meta(self) -> Metadata:
        return self.ms.metadata
