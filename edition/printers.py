"""What each print-on-demand printer asks of an interior's page count, declared once: the join pads the
printed interior to it with blank pages at the end (render/pdfjoin/join.py), and the printer's checklist
(verify/printer.py) fails an interior below it.

KDP: a paperback in black ink on white or cream paper needs at least 24 pages. KDP states it on its
Paperback Submission Guidelines page (https://kdp.amazon.com/en_US/help/topic/G201857950): "The minimum
page count is 24 pages, and the maximum page count depends on ink, paper, and trim size options." Our
stored copy of that page (searched 2026-12-06) stops before its page-count section, and so does the copy of
its Print Options page (https://kdp.amazon.com/en_US/help/topic/G201834180), whose table gives the figure
by ink and paper; the sentence above was read in a search engine's extract of the first page, and the
table in copies (bookbolt.kb.help: "The minimum for Black Ink on white or cream Paper is 24 pages").
Amazon's own CreateSpace specification (createspace.com/Special/Enterprise/Publisher/
manufacturing_specifications.jsp), the service KDP print replaced, says "All books must have at least 24
pages." IngramSpark: 18 pages, "for all print titles regardless of the binding", in IngramSpark's own answer
as its FAQ copy at selfpublish.org/html/ingramSparkFAQ gives it. No page of IngramSpark's or Lightning
Source's own that we could read states a minimum (help.lightningsource.com's "How Do I Calculate My Final
Page Count?" asks only for an even count with a blank last page); this figure is read from a copy alone.
Confirm both on the printers' pages before relying on them, and correct them here.

An interior is padded to the largest of these, so that one file goes to either printer.
"""

from __future__ import annotations

MIN_PAGES = {"kdp": 24, "ingramspark": 18}

# The page count every printed interior reaches: the strictest printer's minimum.
INTERIOR_MIN_PAGES = max(MIN_PAGES.values())


def below_minimum(pages: int) -> list[str]:
    """Each printer whose minimum page count the interior does not reach, with that minimum."""
    return [f"{printer}: at least {least}" for printer, least in MIN_PAGES.items() if pages < least]
