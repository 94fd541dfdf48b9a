"""Notes in the text: the essay's note calls and chronology marks, and each note's body, for one target."""

from __future__ import annotations

import copy

from lxml import etree

from ..markup.html import move_punctuation_before, prepend
from .marks import Marks
from .targets import Target, rewrite_links
from .views import ChronView, Edition, NoteView


def lemma_of(text: str, limit: int = 8) -> str:
    """A note's lemma: the glossed phrase, shortened with an ellipsis when long."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:4]) + " \u2026 " + " ".join(words[-2:])


def essay_for(ed: Edition, target: Target, marks: Marks) -> etree._Element:
    """The essay with note marks, passage ids and chronology links for one target."""
    root = copy.deepcopy(ed.essay)
    chron_of: dict[str, list[ChronView]] = {}
    for entry in ed.chronology:
        for pid, _text in entry.passages:
            chron_of.setdefault(pid, []).append(entry)
    notes = {n.id: n for n in ed.notes}
    for span in list(root.iter("span")):
        if span.get("class") == "ix":
            continue
        note_id = span.attrib.pop("data-n", None)
        ident = note_id or span.get("id")
        if not ident:
            continue
        span.set("id", f"p-{ident}")
        span.set("class", "passage")
        last = span
        if note_id:
            last = place_after(span, note_mark(notes[note_id], target))
        entries = chron_of.get(ident, [])
        if entries:
            # One dagger per chronology entry: a compact mark that keeps the
            # essay readable and links to the entry that dates the passage.
            refs = [{"href": target.href("chron", e.id), "human": e.human, "title": e.title} for e in entries]
            place_after(last, marks.element("chron_refs", entries=refs))
    return rewrite_links(root, target)


def place_after(anchor: etree._Element, mark: etree._Element) -> etree._Element:
    """Insert a mark (note call, chronology daggers) after anchor, behind any punctuation that follows it."""
    mark.tail, anchor.tail = anchor.tail, ""
    anchor.addnext(mark)
    move_punctuation_before(mark)
    return mark


def note_mark(note: NoteView, target: Target) -> etree._Element:
    """What stands at a note's place in the text: a call in the EPUB, the note itself in print."""
    body = rewrite_links(copy.deepcopy(note.body), target)
    return target.marks.element("note_mark", note=note, href=target.href("note", note.id), body=body)


def note_body(note: NoteView, target: Target) -> etree._Element:
    """A note as the list of notes holds it, headed as the target's note_head macro writes it."""
    body = rewrite_links(copy.deepcopy(note.body), target)
    first = body[0] if len(body) and body[0].tag == "p" else None
    if first is None:
        first = etree.Element("p")
        body.insert(0, first)
    prepend(first, target.marks.fragment("note_head", note=note))
    return body
