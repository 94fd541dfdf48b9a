"""What the compose stage makes of the manuscript: target-independent views the templates read."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..markup.language_names import language_name
from ..model import DateSpan, Manuscript, Metadata


@dataclass
class NoteView:
    id: str
    lemma: str
    number: int | None  # the gloss's number, in reading order; None for a note that is a commentary alone
    gloss: etree._Element | None  # parsed, rewritten per target
    commentary: etree._Element | None
    position: int = 0  # the note's place among all notes, in reading order, from 1
    paragraph: int = 0  # the paragraph of the essay its passage is in, from 1


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
    forms: dict[str, str]  # BCP 47 tag -> the name in that language
    body: etree._Element
    first: str | None  # anchor id of the first mention in the essay


@dataclass
class IndexEntry:
    id: str
    name: str
    sort_key: str
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (anchor id, section, paragraph)

    def groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Anchors grouped by section in reading order, one per locator, for the EPUB's index.

        A locator is a paragraph (¶) of the introduction or the essay, a note's
        number, or, for the commentary, the paragraph of the essay commented on.
        """
        out: dict[str, list[tuple[str, str]]] = {}
        for anchor, section, para in self.anchors:
            seen = out.setdefault(section, [])
            locator = f"n.\u00a0{para}" if section == "notes" else f"¶{para}"
            if locator not in {text for _anchor, text in seen}:
                seen.append((anchor, locator))
        order = ("introduction", "essay", "notes", "commentary")
        return sorted(out.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))


@dataclass
class Edition:
    ms: Manuscript
    build_date: str  # ISO 8601 date of the fixed build time
    build_timestamp: str  # full ISO 8601 timestamp, UTC
    essay: etree._Element
    introduction: etree._Element
    textual_note: etree._Element
    notes: list[NoteView]  # every note, in reading order
    chronology: list[ChronView]
    glossary: list[GlossView]
    index: list[IndexEntry]
    bibliography: etree._Element
    colophon: dict[str, str]

    @property
    def meta(self) -> Metadata:
        return self.ms.metadata

    @property
    def glossary_languages(self) -> list[str]:
        """The languages of the name forms the glossary's entries declare, named, in the order they first come."""
        names = [language_name(tag) for g in self.ms.glossary.values() for tag in g.forms]
        return list(dict.fromkeys(names))

    @property
    def glosses(self) -> list[NoteView]:
        return [n for n in self.notes if n.gloss is not None]

    @property
    def commentary(self) -> list[NoteView]:
        return [n for n in self.notes if n.commentary is not None]
