"""The copy-text's characters and choices shared out among the essay's blocks, and anchors set among them.

Positions are counts of characters other than white space in the edition's
reading (the corr side of every choice): the measure the copy-text and the
composed essay share (text.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate

from ...errors import BuildError
from .items import Anchor, Choice, IndexPoint, Item

Atom = tuple[str | Choice, int]  # a character or a choice, with its line in the copy-text


def _size(atom: str | Choice) -> int:
    text = atom if isinstance(atom, str) else atom.corr_text
    return sum(1 for ch in text if not ch.isspace())


def assign(atoms: list[Atom], sizes: list[int]) -> tuple[list[list[Atom]], list[list[Choice]], list[Choice]]:
    """Each block's atoms; the whole removed lines before each block; those after the last.

    What adds no character to the edition's reading (white space, a choice
    whose correction is empty) and stands between two blocks joins the block
    whose line it is on, or, on a line of its own, stands before the next block.
    """
    ends = list(accumulate(sizes))
    starts = [end - size for end, size in zip(ends, sizes, strict=True)]
    counted, count = [], 0
    for atom, line in atoms:
        counted.append((atom, line, count, _size(atom)))
        count += _size(atom)
    first_line: dict[int, int] = {}
    last_line: dict[int, int] = {}
    for _atom, line, at, size in counted:
        if size:
            k = bisect_right(ends, at)  # the block holding the character at this count
            first_line.setdefault(k, line)
            last_line[k] = line
    spans: list[list[Atom]] = [[] for _ in sizes]
    removed: list[list[Choice]] = [[] for _ in sizes]
    trailing: list[Choice] = []
    for atom, line, at, size in counted:
        k = bisect_right(ends, at)  # the first block ending after this count (blocks are contiguous)
        if size or (k < len(sizes) and starts[k] < at):
            if at + size > ends[k]:
                for part, block in enumerate(_split(atom, line, at, ends, k)):
                    spans[k + part].append((block, line))
                continue
            spans[k].append((atom, line))
            continue
        following = k if k < len(sizes) else None
        j = bisect_left(ends, at)
        preceding = j if j < len(sizes) and ends[j] == at and sizes[j] else None
        if following is not None and first_line.get(following) == line:
            spans[following].append((atom, line))
        elif preceding is not None and last_line.get(preceding) == line:
            spans[preceding].append((atom, line))
        elif isinstance(atom, Choice):
            (removed[following] if following is not None else trailing).append(atom)
    return spans, removed, trailing


def _split(atom: str | Choice, line: int, at: int, ends: list[int], k: int) -> list[Choice]:
    """A choice whose reading runs on into the next blocks, cut at their edges: its copy-text reading in the
    last part, where it stands (the supplied title before the first words is the only such emendation)."""
    if not isinstance(atom, Choice) or not all(isinstance(piece, str) for piece in atom.corr):
        raise BuildError("manuscript/emendations.yaml", f"an emendation on line {line} spans two blocks")
    text, pieces, start = atom.corr_text, [], at
    while start + _size(text) > ends[k + len(pieces)] and k + len(pieces) + 1 < len(ends):
        cut = _corr_offset(text, ends[k + len(pieces)] - start, True)
        pieces.append(text[:cut])
        start, text = ends[k + len(pieces) - 1], text[cut:].lstrip()
    pieces.append(text)
    last = len(pieces) - 1
    return [
        replace(atom, sic=atom.sic if i == last else "", corr=[piece], part=i, parts=len(pieces))
        for i, piece in enumerate(pieces)
    ]


def _corr_offset(text: str, count: int, end: bool) -> int:
    """The index in text after its count-th character other than white space (end), or before the next."""
    seen = 0
    for index, ch in enumerate(text):
        if not ch.isspace():
            if seen == count and not end:
                return index
            seen += 1
            if seen == count and end:
                return index + 1
    return len(text)


def _key(atoms: list[Atom], count: int, mode: str) -> tuple[int, int]:
    """Where an anchor goes: (before atom i, -1) or (inside choice i, at this index of its correction)."""
    at = 0
    for i, (atom, _line) in enumerate(atoms):
        size = _size(atom)
        hit = at <= count < at + size if mode == "start" else at < count <= at + size
        if size and hit:
            inner = count - at
            if isinstance(atom, str) or inner == (0 if mode == "start" else size):
                return (i if mode == "start" else i + 1, -1)
            return (i, _corr_offset(atom.corr_text, inner, mode == "end"))
        at += size
    return (0 if mode == "start" and count == 0 else len(atoms), -1)


def _point(mode: str, ident: str) -> Anchor | IndexPoint:
    """What an event sets in the text: a passage's start or end anchor (its id ending in '-end'), or an index
    point, which stands before the name as a start anchor does."""
    return IndexPoint(ident) if mode == "index" else Anchor(ident if mode == "start" else f"{ident}-end")


def place_anchors(atoms: list[Atom], events: list[tuple[int, str, str]]) -> list[Item]:
    """The block's items: text, choices, the passages' anchors and the index's points."""
    placed = sorted(
        (
            (_key(atoms, count, "end" if mode == "end" else "start"), order, _point(mode, ident))
            for order, (count, mode, ident) in enumerate(events)
        ),
    )
    items: list[Item] = []

    def add(item: Item) -> None:
        if isinstance(item, str) and items and isinstance(items[-1], str):
            items[-1] += item
        else:
            items.append(item)

    at: dict[int, list[tuple[int, Anchor | IndexPoint]]] = {}
    for (index, inner), _order, point in placed:
        at.setdefault(index, []).append((inner, point))
    for i, (atom, _line) in enumerate([*atoms, ("", 0)]):
        for _inner, point in [cut for cut in at.get(i, []) if cut[0] < 0]:
            add(point)
        if isinstance(atom, str):
            if atom:
                add(atom)
            continue
        cuts = [cut for cut in at.get(i, []) if cut[0] >= 0]
        corr: list[str | Anchor | IndexPoint] = []
        last = 0
        for inner, point in cuts:
            corr += [atom.corr_text[last:inner], point]
            last = inner
        corr.append(atom.corr_text[last:])
        add(replace(atom, corr=[part for part in corr if part != ""]))
    return items
