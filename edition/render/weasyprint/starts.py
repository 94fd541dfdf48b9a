"""Where each printed page's text begins: the first letters of its text block, as the EPUB marks them.

The EPUB marks the print interior's pages (render/epub/pagebreaks.py) by the
first letters of each page's text. They are taken here from the laid-out
boxes while the book is laid out (layout_starts), so that the EPUB need not
read them back from the painted and joined PDF; the same rule (page_start)
serves a PDF's characters, for a print PDF that no layout of this cache made.
A page's start is its text block's first line, column by column, when it has
PROBE // 2 letters; else its first lines' letters up to that many. Only text
below TEXT_TOP counts (no running head), and none set smaller than 0.8 of the
page's commonest size (a note's call).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ...support.storage import read_json, sha256, write_json

PROBE = 40  # letters and digits that identify a page's start
COLUMN_GAP = 12.0  # pt: wider than any space between words; a wider gap parts two columns of one line
TEXT_TOP = 60.0  # pt from the top of the page: below the running head, above the text block's first line
PT_PER_PX = 0.75  # WeasyPrint's boxes are in CSS pixels
STARTS = "page-starts.json"  # in the project's cache: the page starts of the last layout's PDFs, by their SHA-256


class Run(NamedTuple):
    """A run of text on a page, in points from the page's top left: a PDF's character, or a laid-out text box."""

    text: str
    x0: float
    x1: float
    top: float  # the top of its text
    line: float  # the line it stands on: a PDF character's top, a text box's baseline
    size: float


def letters(text: str) -> str:
    """The text as compared: letters and digits alone, lowercased, ligatures and accents unfolded."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isalnum()).lower()


def _columns(line: list[Run]) -> list[str]:
    """One line's text left to right, cut where a gap wider than COLUMN_GAP parts two columns."""
    columns: list[str] = []
    right = None
    for run in sorted(line, key=lambda r: r.x0):
        if right is None or run.x0 - right > COLUMN_GAP:
            columns.append("")
        columns[-1] += run.text
        right = run.x1
    return columns


def page_start(runs: Iterable[Run]) -> tuple[str, ...] | None:
    """The letters the page's text block begins with, column by column; None for a page with too few."""
    runs = [r for r in runs if r.top >= TEXT_TOP and r.text.strip()]
    if not runs:
        return None
    weights: dict[float, int] = {}
    for run in runs:  # each character counts, as in a PDF's characters
        size = round(run.size, 1)
        weights[size] = weights.get(size, 0) + len(run.text.strip())
    size = max(weights, key=lambda s: (weights[s], -s))  # the page's text size (a heading's is larger)
    lines: dict[int, list[Run]] = {}
    for run in runs:
        if run.size >= 0.8 * size:  # a note's call is set smaller than the text it stands in
            lines.setdefault(round(run.line), []).append(run)
    parts: tuple[str, ...] = ()
    for _top, line in sorted(lines.items()):
        parts = (*parts, *(letters(column) for column in _columns(line)))
        if len("".join(parts)) >= PROBE // 2:
            return parts
    return None


def _box_runs(page_box) -> list[Run]:
    """A laid-out page's text boxes as runs, each on the line of its baseline."""
    runs = []
    for box in page_box.descendants(placeholders=True):
        text = getattr(box, "text", None)
        if not isinstance(text, str) or getattr(box, "position_y", None) is None:
            continue
        x0, top = box.position_x * PT_PER_PX, box.content_box_y() * PT_PER_PX
        line = (box.position_y + (getattr(box, "baseline", None) or 0)) * PT_PER_PX
        runs.append(Run(text, x0, x0 + box.width * PT_PER_PX, top, line, box.style["font_size"] * PT_PER_PX))
    return runs


def layout_starts(document) -> dict[str, list[str]]:
    """Each page's start (page_start) in a laid-out WeasyPrint document, by its page number from 1, as JSON
    keeps it (a string)."""
    starts = {}
    for number, page in enumerate(document.pages, start=1):
        found = page_start(_box_runs(page._page_box))
        if found is not None:
            starts[str(number)] = list(found)
    return starts


def keep_starts(cache: Path, digests: list[str], starts: dict[int, list[str]]) -> None:
    """Keep the page starts of a layout for the PDFs written from it, by their digests (storage.sha256)."""
    cache.mkdir(parents=True, exist_ok=True)
    kept = {"pdfs": sorted(digests), "starts": {str(page): parts for page, parts in starts.items()}}
    write_json(cache / STARTS, kept)


def kept_starts(cache: Path, pdf: Path) -> dict[int, tuple[str, ...]] | None:
    """The page starts kept for this PDF (by its digest), or None."""
    kept = read_json(cache / STARTS)
    pdfs, starts = kept.get("pdfs"), kept.get("starts")
    if not (isinstance(pdfs, list) and isinstance(starts, dict) and sha256(pdf) in pdfs):
        return None
    return {int(page): tuple(parts) for page, parts in starts.items()}
