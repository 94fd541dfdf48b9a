"""Notes in the text: the essay's note marks, each gloss and each commentary entry, for one target."""

from __future__ import annotations

import copy

from lxml import etree

from ..markup.html import move_punctuation_before, prepend
from .targets import Target, rewrite_links
from .views import Edition, NoteView


def lemma_of(text: str, limit: int = 8) -> str:
    """A note's lemma: the glossed phrase, shortened with an ellipsis when long."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:4]) + " \u2026 " + " ".join(words[-2:])


def essay_for(ed: Edition, target: Target) -> etree._Element:
    """The essay with its passage ids and note marks for one target.

    A glossed passage gets the target's note mark: a call in the EPUB, the
    gloss itself in print. A passage whose note is a commentary alone gets the
    target's passage link (in the EPUB, a call after the passage; on the web,
    the passage itself links to its commentary; in print, nothing: the
    commentary is found by its page and the index).
    """
    root = copy.deepcopy(ed.essay)
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
        note = notes.get(note_id) if note_id else None
        if note is not None and note.gloss is not None:
            place_after(span, note_mark(note, target), glue=target.call_glue)
        elif note is not None:
            made = target.marks.fragment("passage_link", note=note, href=target.href("comm", note.id))
            link_passage(span, made, glue=target.call_glue)
    return rewrite_links(root, target)


def place_after(anchor: etree._Element, mark: etree._Element, glue: str = "") -> etree._Element:
    """Insert a mark (a note call) after anchor, behind any punctuation that follows it.

    glue, a word joiner in print, keeps the call on the line of the word before it.
    """
    mark.tail, anchor.tail = anchor.tail, ""
    anchor.addnext(mark)
    move_punctuation_before(mark)
    if glue:
        previous = mark.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + glue
        else:
            mark.getparent().text = (mark.getparent().text or "") + glue
    return mark


def link_passage(span: etree._Element, made: etree._Element, glue: str = "") -> None:
    """Link a passage to its commentary as the target made the link, if it made one.

    An empty link takes the passage's content inside it; a link with text of
    its own is a call, placed after the passage as a note call is (the EPUB's:
    a reading system that colours links, as Kobo's does, would colour a
    wrapped passage's words).
    """
    if not len(made):
        return
    link = made[0]
    if link.text:
        place_after(span, link, glue=glue)
        return
    link.text, span.text = span.text, None
    for child in list(span):
        link.append(child)
    span.append(link)


def _commentary(note: NoteView, target: Target) -> dict | None:
    if note.commentary is None:
        return None
    href = target.href("comm", note.id)
    return {"href": href, "page": target.page_of(href.lstrip("#"))}


def note_mark(note: NoteView, target: Target) -> etree._Element:
    """What stands at a gloss's place in the text: a call in the EPUB, the gloss itself in print."""
    body = rewrite_links(copy.deepcopy(note.gloss), target)
    return target.marks.element(
        "note_mark", note=note, href=target.href("note", note.id), body=body, commentary=_commentary(note, target)
    )


def gloss_body(note: NoteView, target: Target) -> etree._Element:
    """A gloss as the list of notes holds it: headed by its number and lemma, ending with its commentary's link."""
    body = rewrite_links(copy.deepcopy(note.gloss), target)
    paragraphs = [p for p in body if p.tag == "p"]
    first = paragraphs[0] if paragraphs else etree.SubElement(body, "p")
    prepend(first, target.marks.fragment("note_head", note=note))
    last = paragraphs[-1] if paragraphs else first
    for el in target.marks.fragment("gloss_end", note=note, commentary=_commentary(note, target)):
        last.append(el)
    return body


def commentary_body(note: NoteView, target: Target) -> etree._Element:
    return rewrite_links(copy.deepcopy(note.commentary), target)
