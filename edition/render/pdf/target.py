"""The printed book as a target of composition: one document, its marks, the pages of a layout written in."""

from __future__ import annotations

from ...compose import IndexEntry
from ...compose.targets import Target


class PrintTarget(Target):
    name = "print"
    marks_template = "print/marks.html.j2"
    call_glue = "\u2060"  # a word joiner: WeasyPrint may otherwise break the line before a footnote call

    def page_of(self, anchor: str) -> str:
        """The page of an anchor in the last layout, written in as text.

        Page numbers are written in rather than left to CSS target-counter():
        the book is laid out in parts, and a counter cannot reach into another
        part; WeasyPrint also lays pages out again for every such counter.
        The build lays the parts out again until these numbers are settled;
        until then an unknown page shows as 00.
        """
        page = self.pages.get(anchor)
        if page is None and anchor.startswith("note-"):
            # WeasyPrint sometimes records no anchor for a footnote; a footnote
            # sits on the page of its call, which ends the passage it glosses.
            number = int(anchor[5:])
            passage = next((i for i, n in self.note_numbers.items() if n == number), "")
            page = self.pages.get(f"p-{passage}")
        return "00" if page is None else str(page)

    def page_suffix(self, href: str) -> str:
        return self.marks.module.page_suffix(self.page_of(href.lstrip("#")))

    def page_number(self, anchor: str) -> str:
        return self.marks.module.page_number(self.page_of(anchor))

    def index_refs(self, entry: IndexEntry) -> list[tuple[str, str]]:
        """(anchor, locator) for the pages the entry's name is on: ascending, consecutive pages as a range.

        Until the pages are known, one "00" per paragraph stands in, so that
        the first layout has about the index's length.
        """
        if not self.pages:
            return [(anchor, "00") for _label, group in entry.groups() for anchor, _locator in group]
        first: dict[int, str] = {}  # page -> the first anchor on it
        for anchor, _section, _para in entry.anchors:
            page = self.pages.get(anchor)
            if page is not None:
                first.setdefault(page, anchor)
        return [(first[start], page_range(start, end)) for start, end in runs(sorted(first))]


def runs(pages: list[int]) -> list[tuple[int, int]]:
    """Ascending pages as runs of consecutive pages: [3, 4, 5, 8] -> [(3, 5), (8, 8)]."""
    out: list[tuple[int, int]] = []
    for page in pages:
        if out and page == out[-1][1] + 1:
            out[-1] = (out[-1][0], page)
        else:
            out.append((page, page))
    return out


def page_range(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}\u2013{end}"
