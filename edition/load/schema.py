"""The schema of metadata.yaml: every section and key declared once, with its kind, range and meaning.

This module is data. `validate.py` checks a metadata file against it (an
unknown key is refused with the nearest known name) and `schema_doc.py`
writes the reference in docs/metadata.md from it, so the two cannot drift.
A key's `kind` is one of KINDS; each kind has one check in validate.py.

The trim is fixed at 5.5 x 8.5 in (`edition/outputs.py` TRIM_IN, and the
stylesheets' page sizes): there is no `trim` key, so `trim:` is refused as
any other unknown key rather than ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

# Each kind, and what the reference says a value of it is.
KINDS = {
    "text": "a string (a number is taken as its digits)",
    "slug": "lowercase letters, digits and hyphens",
    "language": "a BCP 47 language tag, such as `en-US`",
    "identifier": "a `urn:uuid:`, a `urn:isbn:` or an `http(s)://` URL",
    "date": "an ISO 8601 date: `2000`, `2000-02` or `2000-02-20`",
    "choice": "one of the words in its range",
    "texts": "a list of strings",
    "isbn": "an ISBN-13, with or without hyphens, whose check digit is right",
    "count": "a whole number",
    "inches": "a number of inches",
    "section": "a mapping of the keys below it",
    "table": "a mapping whose keys you name; each value as below it",
}


@dataclass(frozen=True)
class Key:
    """One key of metadata.yaml. A section's keys are `keys`; a table's values are `each` (under any name)."""

    name: str
    kind: str
    meaning: str
    required: bool = True
    low: float | None = None  # the range of a number, both ends excluded for inches, included for a count
    high: float | None = None
    keys: tuple[Key, ...] = ()
    each: Key | None = None
    choices: tuple[str, ...] = ()  # the words a choice may be


# The kinds of text an edition may hold, each with the label its section and its menu entry have by default.
TEXT_KINDS = {"essay": "Essay", "speech": "Speech", "letter": "Letter", "chapter": "Chapter"}

ORIGINAL = (
    Key(
        "kind",
        "choice",
        "what the text is; it names the text's section (`Essay`, `Speech`, ...) and the apparatus's words for it",
        False,
        choices=tuple(TEXT_KINDS),
    ),
    Key("label", "text", "the text's section label, where the kind's own is not right (`Address`)", False),
    Key("title", "text", "the title under which the text was first printed, delivered or sent"),
    Key("periodical", "text", "the newspaper or magazine that first printed it, if one did", False),
    Key("venue", "text", "where a speech was delivered, or a letter written", False),
    Key("occasion", "text", "the occasion of a speech, or the addressee of a letter", False),
    Key("date", "date", "the date of the first printing, or of the delivery of a speech or the sending of a letter"),
    Key("delivered", "date", "the date a speech was delivered, where it was printed on another date", False),
    Key("statement", "text", "the colophon's sentence on the first printing and the text this edition follows"),
)

REPRINT = (
    Key("description", "text", "the text as received: where it was found, and its date"),
    Key(
        "file",
        "text",
        "that text's file in manuscript/; it must be the file emendations.yaml's `source` names, which the build reads",
        False,
    ),
)

PRINT = (
    Key("printer", "text", "the printer: one of the printers in `papers`"),
    Key("paper", "text", "the paper: one of that printer's `stocks`"),
    Key("isbn", "isbn", "the book's ISBN, drawn on the back cover as an EAN-13 barcode", False),
)

STOCK = Key("<stock>", "inches", "the paper's thickness per page", low=0, high=0.01)

PRINTER = Key(
    "<printer>",
    "section",
    "a printer's figures for the spine",
    keys=(
        Key("spine_text_pages", "count", "the page count from which the printer allows text on the spine", low=1),
        Key("stocks", "table", "the printer's papers, by name", each=STOCK),
    ),
)

METADATA = Key(
    "metadata.yaml",
    "section",
    "the edition's metadata: the EPUB package, the PDFs' XMP, the title page, the colophon and the cover",
    keys=(
        Key("slug", "slug", "the outputs' file name: `dist/<slug>.epub`, `dist/<slug>-print.pdf`, ..."),
        Key("title", "text", "the edition's title: title page, cover, EPUB and PDF metadata"),
        Key("subtitle", "text", "the subtitle, on the title page and the front cover"),
        Key("author", "text", "the essay's author"),
        Key(
            "author_file_as",
            "text",
            "the author as a catalogue files them (EPUB `file-as`), where the last word first is wrong: "
            "`Du Bois, W. E. B.`",
            False,
        ),
        Key("editor", "text", "the edition's editor"),
        Key("language", "language", "the language of the text"),
        Key("identifier", "identifier", "the EPUB's fixed unique identifier"),
        Key("publisher", "text", "the publisher, on the title page and the back cover"),
        Key("original", "section", "the essay's first printing", keys=ORIGINAL),
        Key("reprint", "section", "the text the edition was made from", keys=REPRINT),
        Key("rights", "text", "the rights statement of the colophon and the EPUB"),
        Key("apparatus_licence", "text", "the licence of the editorial apparatus, such as `CC BY 4.0`"),
        Key("description", "text", "the back cover's text and the EPUB's description"),
        Key("subjects", "texts", "the EPUB's subjects", False),
        Key("accessibility_summary", "text", "the EPUB's accessibility summary"),
        Key("print", "section", "the printing; without it there is no cover", False, keys=PRINT),
        Key(
            "papers",
            "table",
            "paper thickness per page by printer and stock; needed with `print`",
            False,
            each=PRINTER,
        ),
    ),
)
