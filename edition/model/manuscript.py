"""The typed model of a manuscript: what the load stage produces and every later stage reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .dates import DateSpan, parse_span


@dataclass(frozen=True)
class Loc:
    """Where something was written: a path relative to the project and a 1-based line."""

    path: str
    line: int | None = None


@dataclass
class Fragment:
    """A piece of pandoc Markdown and what the loader found in it."""

    key: str
    text: str
    loc: Loc
    # The pandoc AST of its blocks, as JSON text: parsed where it is walked, one
    # fragment at a time, because the parsed AST of a long book is many times
    # the size of the book.
    ast: str = "[]"
    note_calls: list[str] = field(default_factory=list)  # note ids, in reading order
    anchors: list[str] = field(default_factory=list)  # span ids: passages that can be linked
    citations: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)  # internal link targets, without '#'
    source: str | None = None  # the text as written in its file, where that differs (a folded YAML scalar)

    @property
    def blocks(self) -> list:
        """The AST's blocks, parsed anew on each access."""
        return json.loads(self.ast)

    def line_of(self, needle: str) -> int | None:
        """The file line of needle's first occurrence in the fragment; the fragment's own line if absent."""
        text = self.source if self.source is not None else self.text
        index = text.find(needle)
        if index < 0 or self.loc.line is None:
            return self.loc.line
        return self.loc.line + text.count("\n", 0, index)


@dataclass(frozen=True)
class Support:
    """One piece of evidence for a claim: where in which source, and the words the source has there."""

    source: str  # a bibliography key
    locator: str  # page, paragraph, section or timestamp: "" if none was given (the check refuses it)
    quote: str  # copied as the source has it: "" if none was given (the check refuses it)
    loc: Loc  # the item's own line
    lines: tuple[tuple[str, int], ...] = ()  # the line of each of its fields, for errors about one of them
    unknown: tuple[str, ...] = ()  # fields a support item does not have, kept for the check to refuse

    def line_of(self, name: str) -> int | None:
        return dict(self.lines).get(name, self.loc.line)


@dataclass
class Note:
    """A note in two tiers: a gloss at the foot of the page or in a popup, and a commentary; at least one."""

    id: str
    gloss: Fragment | None
    commentary: Fragment | None
    loc: Loc
    support: list[Support] = field(default_factory=list)  # the evidence for its gloss

    @property
    def parts(self) -> list[Fragment]:
        return [f for f in (self.gloss, self.commentary) if f is not None]


@dataclass
class ChronEntry:
    id: str
    date: DateSpan
    title: str
    text: Fragment
    sources: list[str]
    passages: list[str]
    loc: Loc
    cited: Fragment | None = None  # the sources as a citation, rendered as the text's are
    support: list[Support] = field(default_factory=list)  # the evidence for its text, from its sources


@dataclass
class GlossaryEntry:
    id: str
    name: str
    essay_forms: list[str]
    kind: str
    identification: Fragment
    sources: list[str]
    loc: Loc
    forms: dict[str, str] = field(default_factory=dict)  # BCP 47 tag -> the name in that language, as declared
    index_name: str | None = None  # how the index files the name: a person by surname ("Milošević, Slobodan")
    cited: Fragment | None = None  # the sources as a citation, rendered as the text's are


@dataclass
class Reference:
    id: str
    csl: dict
    loc: Loc
    fields: list[Fragment] = field(default_factory=list)  # its fields pandoc reads as Markdown, for the loader


@dataclass
class Emendation:
    line: int
    before: str
    after: str
    kind: str
    why: str
    loc: Loc


@dataclass(frozen=True)
class Printing:
    """Where the book is printed: the printer, its paper, and what the cover needs of them."""

    printer: str
    paper: str
    inches_per_page: float  # the paper's thickness per page
    spine_text_pages: int  # the page count from which the printer allows text on the spine
    isbn: str | None  # ISBN-13 digits, checked
    loc: Loc

    def spine_in(self, pages: int) -> float:
        return pages * self.inches_per_page

    def spine_text(self, pages: int) -> bool:
        return pages >= self.spine_text_pages


@dataclass
class Metadata:
    slug: str
    title: str
    subtitle: str
    author: str
    editor: str
    language: str
    identifier: str
    publisher: str
    original_title: str
    original_periodical: str  # "" for a text no periodical printed (a speech, a letter)
    original_date: str
    original_span: DateSpan  # original_date, parsed
    original_statement: str
    reprint_description: str
    rights: str
    apparatus_licence: str
    description: str
    subjects: list[str]
    accessibility_summary: str
    loc: Loc
    printing: Printing | None = None
    lines: dict[str, int] = field(default_factory=dict)  # the line of each field in metadata.yaml (cover errors)
    author_file_as: str = ""  # the author as a catalogue files them, where the default below is wrong
    kind: str = "essay"  # original.kind: essay, speech, letter or chapter
    label: str = "Essay"  # the text's section label: original.label, or the kind's own
    original_venue: str = ""
    original_occasion: str = ""
    original_delivered: str = ""  # a speech's delivery date, where it was printed on another (ISO 8601)
    reprint_file: str = ""  # the text as received, as metadata names it; emendations.yaml's source must be it

    @property
    def delivered_human(self) -> str:
        """The delivery date in words ("19 November 1863"), or ""."""
        return parse_span(self.original_delivered).human() if self.original_delivered else ""

    @property
    def date_human(self) -> str:
        """The date of the original in words."""
        return self.original_span.human()

    @property
    def author_sort(self) -> str:
        """The author as a catalogue files them ("Woolf, Virginia"): author_file_as, or the last word first."""
        if self.author_file_as:
            return self.author_file_as
        *given, family = self.author.split()
        return f"{family}, {' '.join(given)}" if given else family


@dataclass
class Manuscript:
    root: Path
    metadata: Metadata
    essay: Fragment
    introduction: Fragment
    textual_note: Fragment
    notes: dict[str, Note]
    chronology: list[ChronEntry]
    glossary: dict[str, GlossaryEntry]
    references: dict[str, Reference]
    emendations: list[Emendation]
    emendations_loc: Loc
    source_path: str
    source_text: str
    words: frozenset[str] = frozenset()  # words.txt: the names and terms the spell check's dictionary lacks

    def fragments(self) -> list[Fragment]:
        """Every Markdown fragment, in a fixed order."""
        out = [self.essay, self.introduction, self.textual_note]
        out += [part for n in self.notes.values() for part in n.parts]
        out += [c.text for c in self.chronology]
        out += [g.identification for g in self.glossary.values()]
        out += [c.cited for c in self.chronology if c.cited is not None]
        out += [g.cited for g in self.glossary.values() if g.cited is not None]
        return out

    def evidence(self) -> dict[str, list[dict[str, object]]]:
        """Every note's and chronology entry's support, as plain data: what an archivist audits a claim by."""

        def items(support: list[Support]) -> list[dict[str, str]]:
            return [{"source": s.source, "locator": s.locator, "quote": s.quote} for s in support]

        return {
            "notes": [{"id": n.id, "support": items(n.support)} for n in self.notes.values() if n.support],
            "chronology": [{"id": c.id, "support": items(c.support)} for c in self.chronology if c.support],
        }
