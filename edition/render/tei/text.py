"""The essay as TEI reads it: the copy-text's own characters, every emendation a choice, the passages anchored.

The composed essay (its HTML) gives the blocks (heading, paragraphs) and where
each passage a note or chronology entry explains begins and ends; the copy-text
gives the characters. The check stage has proved that the emended copy-text and
the essay have the same words (check/emend.py), so the two are aligned by
counting the characters that are not white space, which quotation marks set
typographically do not change. What this module returns is data; the markup is
written by templates/tei/essay.xml.j2.
"""

from __future__ import annotations

from lxml import etree

from ...check.emend import words
from ...errors import BuildError
from ...model import Emendation, Manuscript
from .align import assign, place_anchors
from .items import Block, Choice, EssayText

# The essay's blocks and what each is in TEI; a list item, a definition or a cell is a paragraph there (its
# tag its rend), so that no text of the essay falls outside a block.
BLOCK_TAGS = {
    "h1": "head",
    "h2": "head",
    "h3": "head",
    "h4": "head",
    "p": "p",
    "li": "p",
    "dt": "p",
    "dd": "p",
    "td": "p",
}


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _line_atoms(number: int, text: str, ems: list[tuple[int, Emendation]]) -> list[tuple[str | Choice, int]]:
    """One line of the copy-text as characters and choices, each with its line; an emendation must fall
    on text that no earlier emendation of the line produced."""
    pieces: list[str | Choice] = [text]
    for index, em in ems:
        reading = "".join(p if isinstance(p, str) else p.corr_text for p in pieces)
        start = reading.find(em.before)
        offset = 0
        for i, piece in enumerate(pieces):
            size = len(piece) if isinstance(piece, str) else len(piece.corr_text)
            if isinstance(piece, str) and offset <= start and start + len(em.before) <= offset + size:
                at = start - offset
                choice = Choice(index, em.before, [em.after] if em.after else [], em.kind, number)
                rest = piece[at + len(em.before) :]
                pieces[i : i + 1] = [piece[:at], choice, rest]
                break
            offset += size
        else:
            raise BuildError(em.loc.path, f"emendation {em.before!r} overlaps an earlier one on its line", em.loc.line)
    atoms: list[tuple[str | Choice, int]] = []
    for piece in pieces:
        atoms += [(ch, number) for ch in piece] if isinstance(piece, str) else [(piece, number)]
    return atoms


def copy_text_atoms(ms: Manuscript) -> list[tuple[str | Choice, int]]:
    """The copy-text as (character or choice, source line), the emendations set in as choices."""
    by_line: dict[int, list[tuple[int, Emendation]]] = {}
    for index, em in enumerate(ms.emendations, 1):
        by_line.setdefault(em.line, []).append((index, em))
    atoms: list[tuple[str | Choice, int]] = []
    for number, text in enumerate(ms.source_text.split("\n"), 1):
        if number > 1:
            atoms.append(("\n", number - 1))
        atoms += _line_atoms(number, text, by_line.get(number, []))
    return atoms


def _block_elements(essay: etree._Element) -> list[etree._Element]:
    """The innermost blocks, in reading order (a list item's paragraphs, not the item)."""
    return [
        el for el in essay.iter() if el.tag in BLOCK_TAGS and not any(d.tag in BLOCK_TAGS for d in el.iterdescendants())
    ]


def _passage(el: etree._Element) -> str | None:
    """The passage id a span of the essay marks (a noted phrase, or a span with an id), if any."""
    if el.tag != "span" or "ix" in (el.get("class") or "").split():
        return None
    ident = el.get("data-n") or el.get("id")
    return f"p-{ident}" if ident else None


def _indexed(el: etree._Element) -> str | None:
    """The id of the index's anchor a span of the essay is (the name it wraps follows the index point)."""
    return el.get("id") if el.tag == "span" and "ix" in (el.get("class") or "").split() else None


def block_events(block: etree._Element) -> tuple[int, list[tuple[int, str, str]]]:
    """A block's count of characters other than white space, and its passages' (count, 'start'/'end', id)
    and its index points' (count, 'index', anchor id)."""
    events: list[tuple[int, str, str]] = []
    count = _nonspace(block.text or "")

    def visit(el: etree._Element) -> None:
        nonlocal count
        ident = _passage(el)
        if ident:
            events.append((count, "start", ident))
        if _indexed(el):
            events.append((count, "index", _indexed(el)))
        count += _nonspace(el.text or "")
        for child in el:
            visit(child)
            count += _nonspace(child.tail or "")
        if ident:
            events.append((count, "end", ident))

    for child in block:
        visit(child)
        count += _nonspace(child.tail or "")
    return count, events


def essay_text(ms: Manuscript, essay: etree._Element) -> EssayText:
    """The essay's blocks with the copy-text's characters, its emendations as choices and its passages
    anchored; a BuildError where the essay and the emended copy-text are not the same words."""
    atoms = copy_text_atoms(ms)
    elements = _block_elements(essay)
    measured = [block_events(el) for el in elements]
    total = sum(size for size, _events in measured)
    corr = "".join(a if isinstance(a, str) else a.corr_text for a, _line in atoms)
    if _nonspace(corr) != total or words(corr) != words("".join(el.xpath("string()") + " " for el in elements)):
        raise BuildError(ms.emendations_loc.path, "the essay's blocks do not hold the emended copy-text's words")
    spans, removed, trailing = assign(atoms, [size for size, _events in measured])
    blocks = []
    for el, (_size, events), lead, block_atoms in zip(elements, measured, removed, spans, strict=True):
        parent = el.getparent()
        rend = parent.get("class") if parent is not None and parent is not essay else None
        rend = rend or (el.tag if BLOCK_TAGS[el.tag] == "p" and el.tag != "p" else None)
        items = place_anchors(block_atoms, events)
        # The line breaks of the copy-text at a block's edges are the block's own edges in TEI.
        if items and isinstance(items[-1], str):
            items[-1] = items[-1].rstrip()
        kind = BLOCK_TAGS[el.tag]
        if kind == "head" and blocks:  # TEI has a div's head before its text only: a later heading is a p
            kind, rend = "p", el.tag
        blocks.append(Block(kind, rend, [item for item in items if item != ""], lead))
    return EssayText(blocks, trailing)
