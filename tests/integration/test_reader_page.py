"""The reader's page, measured on the built print PDF: the essay not starved by its notes, no line astray.

The essay's fill of a page is the height its own lines take (11 pt type on
14.85 pt leading) over the height of the text block (8.5 in less 0.9 in top
and bottom margins).
"""

from __future__ import annotations

import itertools
import re
from statistics import mean

import pdfplumber
import pytest
from helpers import PROJECT

from edition.support.storage import read_json

PT = 72.0
BLOCK = (8.5 - 0.9 - 0.9) * PT  # the text block's height
LEADING = 11 * 1.35
MARGINS = (0.6 * PT, 0.9 * PT)  # the outer margin (the narrower side) and the top and bottom margins


@pytest.fixture(scope="module")
def pages(built):
    anchors = read_json(PROJECT / ".build-cache" / "pages.json")["anchors"]
    with pdfplumber.open(built["print"]) as pdf:
        essay = range(anchors["essay"], anchors["commentary"])
        lines = {}
        for number in essay:
            chars = pdf.pages[number - 1].chars
            lines[number] = len({round(c["top"]) for c in chars if 10.5 < c["size"] < 11.5 and c["text"].strip()})
        yield lines


def fill(lines: int) -> float:
    return lines * LEADING / BLOCK


def test_the_essay_takes_seven_pages_or_fewer(pages):
    assert len(pages) <= 7


def test_the_essay_fills_half_of_its_pages(pages):
    fills = [fill(n) for n in pages.values()]
    assert mean(fills) >= 0.50, [round(f, 2) for f in fills]
    assert min(fills[:-1]) >= 0.35, [round(f, 2) for f in fills]


def test_no_line_leaves_the_text_block(built):
    """Every character but the running heads and folios lies inside the text block (and inside the page)."""
    outer, edge = MARGINS
    with pdfplumber.open(built["print"]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for c in page.chars:
                if not c["text"].strip() or c["top"] < edge or c["bottom"] > page.height - edge:
                    continue  # the running head and the folio stand in the margins
                assert c["x0"] >= outer - 1 and c["x1"] <= page.width - outer + 1, (number, c["text"], c["x0"])


def test_index_locators_ascend_and_join_into_ranges(built):
    with pdfplumber.open(built["print"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    index = text[text.rindex("Index of names") :]
    runs = re.findall(r"((?:\d+(?:–\d+)?)(?:, \d+(?:–\d+)?)+)", index)
    assert runs
    ranges = 0
    for run in runs:
        numbers = []
        for locator in run.split(", "):
            start, _, end = locator.partition("–")
            numbers += [int(start), int(end or start)]
            ranges += bool(end)
        assert numbers == sorted(numbers), run
    assert ranges >= 1
    assert "Milošević, Slobodan" in index and "Thaçi, Hashim" in index


def test_every_note_that_is_a_commentary_alone_is_reached_from_the_index(built):
    """In print such a note has no call: the index leads to its commentary, by the names it discusses."""
    from edition.load import load

    anchors = read_json(PROJECT / ".build-cache" / "pages.json")["anchors"]
    with pdfplumber.open(built["print"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    located = set()
    for start, end in re.findall(r"(\d+)(?:–(\d+))?", text[text.rindex("Index of names") :]):
        located.update(range(int(start), int(end or start) + 1))
    alone = [nid for nid, note in load(PROJECT).notes.items() if note.gloss is None]
    assert alone
    for nid in alone:
        assert anchors[f"comm-{nid}"] in located, nid


def test_no_line_of_a_paragraph_stops_short(built):
    """In the introduction and the essay, a line that stops short of the measure ends its paragraph.

    The next line is then indented or set apart; one that starts at the left
    edge one leading below continues the paragraph, so the short line was broken
    too early (WeasyPrint once set "The" alone on a line; see render/weasyprint/line_fit.py).
    """
    anchors = read_json(PROJECT / ".build-cache" / "pages.json")["anchors"]
    short = []
    with pdfplumber.open(built["print"]) as pdf:
        for number in range(anchors["introduction"], anchors["commentary"]):
            rows: dict[int, list] = {}
            for c in pdf.pages[number - 1].chars:
                if 10.5 < c["size"] < 11.5 and c["text"].strip():
                    rows.setdefault(round(c["top"]), []).append(c)
            lines = [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]
            if len(lines) < 2:
                continue
            left, right = min(line[0]["x0"] for line in lines), max(line[-1]["x1"] for line in lines)
            for line, after in itertools.pairwise(lines):
                heading = all("Italic" in c["fontname"] for c in line)
                follows = abs(after[0]["top"] - line[0]["top"] - LEADING) < 1 and after[0]["x0"] < left + 1
                if follows and not heading and line[-1]["x1"] < right - 6:
                    short.append((number, "".join(c["text"] for c in line)))
    assert not short


def test_no_page_reference_stands_alone_on_a_line(built):
    """A note's "Commentary, p. 16" and a glossary entry's ", p. 9" keep the word before them on their line.

    Alone on the last line of a note they read as a stray line (the notes'
    templates join them with no-break spaces).
    """
    alone = re.compile(r"^(Commentary, )?p\. ?\d+$|(^|\s)(Commentary,|p\.)$")
    stray = []
    with pdfplumber.open(built["print"]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            stray += [(number, line) for line in (page.extract_text() or "").splitlines() if alone.search(line)]
    assert not stray



def test_the_contents_page_gives_each_section_the_page_its_heading_opens(built):
    """Each line of the printed contents ends with the page whose first line is that section's heading."""
    with pdfplumber.open(built["print"]) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        contents = next(i for i, text in enumerate(texts) if text.strip().startswith("Contents"))
        lines = [re.fullmatch(r"(.+?) (\d+)", line) for line in texts[contents].strip().splitlines()[1:]]
        assert len(lines) >= 5 and all(lines), texts[contents]
        for line in lines:
            title, page = line[1], int(line[2])
            assert page > contents + 1
            assert texts[page - 1].strip().splitlines()[0] == title, (title, page)
