"""The registry of outputs: each one's name, file, inputs, PDF variant and checks, declared once.

Every other module reads what it needs to know about an output from here,
in the manner of WeasyPrint's VARIANTS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    name: str  # the target's name on the command line
    file: str  # the file's name in dist/; {slug} is the edition's slug
    summary: str  # what it is, for --help
    renderer: str  # 'epub' or 'pdf': the renderer that makes it
    inputs: tuple[str, ...]  # what it is made from in templates/, besides the inputs every output shares
    checks: tuple[str, ...]  # the validators --check runs on it
    unit: str = "pages"  # what its count counts
    pdf_variant: str | None = None  # WeasyPrint's name for the PDF standard
    bleed_mm: float = 0.0  # the BleedBox around the trim
    sheet_mm: float = 0.0  # paper around the trim, room for the crop marks outside the bleed

    def file_name(self, slug: str) -> str:
        return self.file.format(slug=slug)


BOOK_INPUTS = ("templates/print", "templates/css/book.css", "templates/fonts")

OUTPUTS: dict[str, Output] = {
    output.name: output
    for output in (
        Output(
            "epub",
            "{slug}.epub",
            "EPUB 3 for e-readers",
            "epub",
            ("templates/epub", "templates/css/epub.css", "templates/fonts"),
            ("epubcheck", "ace"),
            unit="documents",
        ),
        # Both PDFs are written from one layout of the book, so they share their inputs.
        Output(
            "print",
            "{slug}-print.pdf",
            "PDF/X-4 for the printer (5.5 x 8.5 in, 3 mm bleed, crop marks)",
            "pdf",
            BOOK_INPUTS,
            ("pdf",),
            pdf_variant="pdf/x-4",
            bleed_mm=3.0,
            sheet_mm=12.0,
        ),
        Output(
            "archival",
            "{slug}-archival.pdf",
            "PDF/A-3a, tagged, with the manuscript attached",
            "pdf",
            BOOK_INPUTS,
            ("pdf",),
            pdf_variant="pdf/a-3a",
        ),
    )
}
TARGETS = tuple(OUTPUTS)

# What every output is made from, besides its own inputs, the build's code and the tools.
COMMON_INPUTS = (
    "manuscript",
    "edition",
    "templates/marks.j2",
    "templates/chronology-entry.j2",
    "templates/glossary-entry.j2",
    "templates/textual-note-body.j2",
    "templates/colophon-body.j2",
)


def pdf_outputs() -> list[Output]:
    """The outputs laid out as the printed book, in the order their PDFs are written."""
    return [o for o in OUTPUTS.values() if o.renderer == "pdf"]
