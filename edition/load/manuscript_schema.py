"""The manuscript's files and the fields of each, declared once for the reference (docs/manuscript.md).

This module is data, as schema.py is for metadata.yaml (whose keys the reference takes from there). The
loader reads these fields; tests/unit/load/test_manuscript_doc.py fails when a field declared here is one the
loader does not read, when a file of a manuscript holds a field not declared here, or when docs/manuscript.md
is not what manuscript_doc.py writes from this.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hints import anchor
from .manuscript import EMENDATION_KINDS, GLOSSARY_KINDS
from .support import SUPPORT_FIELDS


@dataclass(frozen=True)
class Field:
    name: str
    required: str  # "yes", "no", or when it is required
    meaning: str
    example: str = ""


@dataclass(frozen=True)
class File:
    name: str
    what: str
    rule: str  # the rule a newcomer must know
    fields: tuple[Field, ...] = ()
    where: str = ""  # where the fields are: "each note", "each entry", ...

    @property
    def anchor(self) -> str:
        """The section's anchor in docs/manuscript.md, as GitHub makes it from the heading (the file's name)."""
        return anchor(self.name)


SUPPORT = Field(
    "support",
    "with a gloss; in every chronology entry",
    "the evidence: a list of items, each with " + ", ".join(f"`{f}`" for f in SUPPORT_FIELDS) + " (the source's "
    "key, a page, paragraph or timestamp, and at most 40 words copied as the source has them); the archival "
    "PDF's manifest carries them",
    '`- source: smith-1900` / `locator: p. 1` / `quote: "..."`',
)

FILES = (
    File(
        "metadata.yaml",
        "the edition's metadata: title, author, what the text is (`original.kind`), the identifier, the printing",
        "every key is in [docs/metadata.md](metadata.md), generated from the schema the build checks the file "
        "against; `slug` names the outputs (`dist/<slug>.epub`); `identifier` is fixed once (a fresh "
        "`urn:uuid:` from `build.py new`) and never changed, as reading systems know a book by it",
    ),
    File(
        "the source text",
        "the text as received, byte for byte (a plain-text file; `emendations.yaml`'s `source` names it)",
        "never edited: every change is an emendation",
    ),
    File(
        "essay.md",
        "the copy-text in pandoc Markdown: the text as the edition prints it",
        "it begins with its title as a level-1 heading, `# Title`, as the source has it; its words are the "
        "source's with exactly the recorded emendations (the build names the first word that differs); a noted "
        "phrase is `[phrase]{n=note-id}`, a passage the chronology links to `[phrase]{#passage-id}`",
    ),
    File(
        "emendations.yaml",
        "every change from the source",
        "`source` names the source file; `emendations` is a list (may be empty, `[]`); each `from` must occur "
        "once on its `line`",
        (
            Field("line", "yes", "the line of the source file", "`3`"),
            Field("from", "yes", "the reading as received", "`Get the latest`"),
            Field("to", "no", "the adopted reading (empty: removed)", '`""`'),
            Field("kind", "yes", "one of " + ", ".join(f"`{k}`" for k in EMENDATION_KINDS), "`typo`"),
            Field("why", "yes", "the reason, printed in the textual note", "`Promotional banner.`"),
        ),
        "each emendation",
    ),
    File(
        "notes.yaml",
        "the notes, by id (the id an `{n=...}` span in essay.md names)",
        "two tiers: a `gloss` (at the foot of the page and in the EPUB's popup: at most 40 words and one "
        "citation) and a `commentary` (after the text); a note has either or both; a plain string is a gloss",
        (
            Field("gloss", "one of gloss, commentary", "what a reader needs at that point", "`The capital [@smith].`"),
            Field("commentary", "one of gloss, commentary", "the full discussion, Markdown", ""),
            SUPPORT,
        ),
        "each note",
    ),
    File(
        "chronology.yaml",
        "a list of dated entries, in date order",
        "dates are ISO 8601 (`1863`, `1863-11`, `1863-11-19`, a range `1863-11-18/1863-11-19`); links to an "
        "entry are `[text](#chron:id)`",
        (
            Field("id", "yes", "the entry's id", "`first-event`"),
            Field("date", "yes", "ISO 8601 date or range", '`"1900"`'),
            Field("title", "yes", "a short title (plain text: type ’ “ ”, not straight quotes)", ""),
            Field("text", "yes", "Markdown", ""),
            Field("sources", "no", "bibliography keys, cited after the entry", "`[smith-1900]`"),
            Field("passages", "no", "ids of passages in essay.md the entry explains", "`[date]`"),
            SUPPORT,
        ),
        "each entry",
    ),
    File(
        "glossary.yaml",
        "persons, places and organisations the text names, by id",
        "the glossary's introduction names the languages the entries' `forms` declare, from their tags",
        (
            Field("name", "yes", "the proper form of the name", "`London`"),
            Field("essay", "no", "the text's spellings (they also feed the index)", "`[London]`"),
            Field("index", "no", "for a person, the name as the index files it", "`Smith, Jane`"),
            Field(
                "forms",
                "no",
                "the name in other languages, each under its BCP 47 tag; a Cyrillic form may follow in brackets",
                "`fr: Londres`",
            ),
            Field("kind", "yes", "one of " + ", ".join(f"`{k}`" for k in GLOSSARY_KINDS), "`place`"),
            Field("identification", "yes", "Markdown", ""),
            Field("sources", "no", "bibliography keys, cited after the identification", ""),
        ),
        "each entry",
    ),
    File(
        "bibliography.yaml",
        "the sources in CSL YAML, cited as `[@id]` and rendered by pandoc's citeproc (Chicago author-date)",
        "every entry needs an `id`, a `type`, a `title` and an `issued` date (or a `URL`); links are http(s) only;"
        " `accessed`, the day the source was read, where it is known, is date-parts of one day,"
        " `[[year, month, day]]` (citeproc prints it, the TEI document carries it)",
    ),
    File(
        "introduction.md",
        "the editor's introduction, Markdown",
        "the build adds its heading",
    ),
    File(
        "textual-note.md",
        "the textual note, Markdown",
        "the build adds its heading and the table of emendations",
    ),
    File(
        "words.txt",
        "names and terms the spell check's en_US dictionary lacks, one a line (may be empty)",
        "the apparatus is spell-checked, not the text; an unknown word is a warning, an error with `--strict`",
    ),
)
