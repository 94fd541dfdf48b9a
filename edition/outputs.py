"""The registry of outputs: each one's name, file, inputs, renderer, needs, PDF standard and checks, declared once.

Every other module reads what it needs to know about an output from here,
in the manner of WeasyPrint's VARIANTS and Sphinx's add_builder: an entry names
its renderer, the folder under edition/render/ whose RENDERER makes it
(render/renderer.py), so that a new output is a folder and an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

INCH_MM = 25.4


@dataclass(frozen=True)
class Output:
    name: str  # the target's name on the command line
    file: str  # the file's name in dist/; {slug} is the edition's slug
    summary: str  # what it is, for --help
    renderer: str  # the folder under edition/render/ whose RENDERER makes it; outputs of one renderer share a run
    inputs: tuple[str, ...]  # what it is made from in templates/, besides the inputs every output shares
    checks: tuple[str, ...]  # the validators --check runs on it
    unit: str = "pages"  # what its count counts
    pdf_variant: str | None = None  # the PDF standard, in WeasyPrint's name: 'pdf/x-4', 'pdf/a-3a'
    needs: tuple[str, ...] = ()  # outputs made before it, whose Built it is given, or 'renderer.product' (Given)
    bleed_mm: float = 0.0  # the BleedBox around the trim
    sheet_mm: float = 0.0  # paper around the trim, room for the crop marks outside the bleed
    printed: bool = False  # goes to a printer: an even page count ending on a blank page
    default: bool = True  # built when no target is named
    folder: str | None = None  # a folder in dist/ that comes with the file (the web edition's site)
    attach_sources: bool = False  # a PDF that carries the manuscript and the build manifest (PDF/A-3)
    text_margin_in: float = 0.5  # every glyph this far inside the trim (IngramSpark: 0.5 in, folios included)
    preview: str | None = None  # --preview: 'pages' shows the pages asked for (the interior), 'first' its first page
    serve: bool = False  # --serve serves its folder
    programs: tuple[str, ...] = ()  # programs outside Python that make it, whose installed copy is in its key

    def file_name(self, slug: str) -> str:
        return self.file.format(slug=slug)


@dataclass
class Built:
    """An output as a build made it (or the last build did): where its file is, its size, count and checks."""

    target: str
    path: Path
    size: int = 0
    pages: int = 0
    checks: list[str] = field(default_factory=list)


# The printed book's page and its colour. The interior is black only, as the
# print-on-demand printers ask: text and rules in DeviceCMYK 0/0/0/100 (CSS
# device-cmyk(0 0 0 1)), with an output intent for the press condition
# FOGRA39, characterised by the ISO Coated v2 (basICColor) profile in
# templates/icc/ (zlib licence).
TRIM_IN = (5.5, 8.5)
BLEED_IN = 0.125
COVER_SAFE_IN = 0.25  # IngramSpark and KDP: cover text at least 0.25 in inside the trim
OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "OutputCondition": "Offset commercial printing, coated paper (ISO 12647-2:2004), ISO Coated v2 (basICColor)",
    "RegistryName": "http://www.color.org",
}

# KDP's inside (gutter) margin by page count, in inches (KDP Help, "Set Trim Size, Bleed, and Margins",
# as reproduced by several guides; the help page itself could not be read): (most pages, gutter).
KDP_GUTTER_IN = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))


def kdp_gutter(pages: int) -> float:
    """The inside margin KDP asks of a book of so many pages."""
    return next((gutter for most, gutter in KDP_GUTTER_IN if pages <= most), KDP_GUTTER_IN[-1][1])


EPUB_INPUTS = (
    "templates/epub",
    "templates/pages",
    "templates/css/epub.css",
    "templates/fonts",
    "templates/cover",
    "templates/css/cover.css",
)
BOOK_INPUTS = ("templates/print", "templates/css/book.css", "templates/fonts", "templates/icc")

OUTPUTS: dict[str, Output] = {
    output.name: output
    for output in (
        Output(
            "web",
            "web.zip",
            "the web edition: a static site in dist/web/, and this zip of it",
            "web",
            ("templates/pages", "templates/web", "templates/css/web.css", "templates/fonts"),
            ("axe",),
            unit="pages",
            folder="web",
            serve=True,
        ),
        # The PDFs below are written from one layout of the book, so they share their inputs.
        Output(
            "print",
            "{slug}-print.pdf",
            "PDF/X-4 interior for print on demand (5.5 x 8.5 in trim, no bleed, no marks, black only)",
            "pdf",
            BOOK_INPUTS,
            ("pdf", "printer"),
            pdf_variant="pdf/x-4",
            printed=True,
            preview="pages",
        ),
        Output(
            "offset",
            "{slug}-offset.pdf",
            "PDF/X-4 interior for an offset press (0.125 in bleed, crop marks)",
            "pdf",
            BOOK_INPUTS,
            ("pdf", "printer"),
            pdf_variant="pdf/x-4",
            bleed_mm=BLEED_IN * INCH_MM,
            sheet_mm=12.0,
            printed=True,
            default=False,
        ),
        Output(
            "archival",
            "{slug}-archival.pdf",
            "PDF/A-3a, tagged, with the manuscript and the TEI document attached",
            "pdf",
            (*BOOK_INPUTS, "templates/tei"),  # it attaches the TEI document (#28)
            ("pdf", "pdfua"),  # it claims PDF/UA-1 beside PDF/A-3a (#28)
            pdf_variant="pdf/a-3a",
            needs=("tei.attachment",),  # the TEI document, carried beside the manuscript
            attach_sources=True,
        ),
        # The edition as data for archives (#28): TEI P5, valid against tei_all, also attached to the archival PDF.
        Output(
            "tei",
            "{slug}.tei.xml",
            "TEI P5 XML of the whole edition, with its emendations and apparatus, valid against tei_all",
            "tei",
            ("templates/tei",),
            ("tei_all",),
            unit="notes",
        ),
        Output(
            "epub",
            "{slug}.epub",
            "EPUB 3 for e-readers",
            "epub",
            (*EPUB_INPUTS, *BOOK_INPUTS),  # it marks the print interior's pages
            ("epubcheck", "ace"),
            unit="documents",
            # the cover's front panel, drawn, is its cover image; the print interior's pages are marked in it
            needs=("cover.front", "print"),
        ),
        # Made from the EPUB this build made (or the last one): Kobo's and Amazon's readers, copied onto a device.
        Output(
            "kepub",
            "{slug}.kepub.epub",
            "the EPUB as a Kobo kepub: sentences spanned, Kobo's wrappers, notes as Kobo's pop-ups",
            "kepub",
            (*EPUB_INPUTS, *BOOK_INPUTS, "templates/kepub"),
            ("epubcheck", "kepub_structure"),
            unit="documents",
            needs=("epub",),
        ),
        Output(
            "kindle",
            "{slug}.azw3",
            "the EPUB as a Kindle AZW3 (KF8), by calibre, with its ASIN from the identifier",
            "kindle",
            (*EPUB_INPUTS, *BOOK_INPUTS),
            ("calibre_read_back",),
            unit="documents",
            needs=("epub",),
            programs=("ebook-convert",),
        ),
        Output(
            "cover",
            "{slug}-cover.pdf",
            "PDF/X-4 full-wrap cover: back, spine and front, 0.125 in bleed",
            "cover",
            ("templates/cover", "templates/css/cover.css", "templates/fonts", "templates/icc", *BOOK_INPUTS),
            ("pdf", "printer"),
            pdf_variant="pdf/x-4",
            bleed_mm=BLEED_IN * INCH_MM,
            sheet_mm=BLEED_IN * INCH_MM,  # the sheet is the bleed: no marks
            needs=("print",),  # its spine is as wide as the interior's page count makes it
            text_margin_in=COVER_SAFE_IN,
            preview="first",
        ),
    )
}
TARGETS = tuple(OUTPUTS)
DEFAULT_TARGETS = tuple(name for name, output in OUTPUTS.items() if output.default)

# What every output is made from, besides its own inputs and the tools: the manuscript, the build's code,
# and every file under templates/ that no output declares as its own (cache.py): the partials
# every format includes (templates/partials/, the folder, whatever it holds), and any file in a new folder,
# which any template may load, so they are in every key.
COMMON_INPUTS = ("manuscript", "edition", "templates")


def pdf_outputs() -> list[Output]:
    """The outputs laid out as the printed book, in the order their PDFs are written."""
    return [o for o in OUTPUTS.values() if o.renderer == "pdf"]


def interior() -> Output:
    """The laid-out book whose pages --preview shows and --emit-html writes."""
    return next(o for o in OUTPUTS.values() if o.preview == "pages")


def served() -> Output:
    """The output whose folder --serve serves."""
    return next(o for o in OUTPUTS.values() if o.serve)
