"""What each print-on-demand printer asks of an interior's page count, declared once: the join pads the
printed interior to it with blank pages at the end (render/pdfjoin/join.py), and the printer's checklist
(verify/printer.py) fails an interior below it.

KDP: a paperback in black ink on white or cream paper needs at least 24 pages. KDP states its page
limits on its Print Options help page (https://kdp.amazon.com/en_US/help/topic/G201834180), whose
copy we could read stops before its table of page counts; the figure was read in the copies of that
table (bookbolt.kb.help's "The minimum for Black Ink on white or cream Paper is 24 pages") and in
KDP's rejection message as guides quote it ("Your manuscript must contain at least 24 pages for a
paperback"). IngramSpark: 18 pages, "for all print titles regardless of the binding", in
IngramSpark's own answer as its FAQ copy at selfpublish.org/html/ingramSparkFAQ gives it; IngramSpark's
own site (ingramspark.com/faqs) could not be read to that answer. Confirm both on the printers' pages
before relying on them, and correct them here.

An interior is padded to the largest of these, so that one file goes to either printer.
"""

from __future__ import annotations

MIN_PAGES = {"kdp": 24, "ingramspark": 18}

# The page count every printed interior reaches: the strictest printer's minimum.
INTERIOR_MIN_PAGES = max(MIN_PAGES.values())


def below_minimum(pages: int) -> list[str]:
    """Each printer whose minimum page count the interior does not reach, with that minimum."""
    return [f"{printer}: at least {least}" for printer, least in MIN_PAGES.items() if pages < least]
