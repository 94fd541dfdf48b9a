"""Stage 1, load: read the manuscript files into the typed model.

Every error names the file and line and says what is wrong. Nothing here
resolves cross-references; that is the check stage's job.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..markup import pandoc
from ..model import Fragment, Loc, Manuscript
from ..support.storage import inside
from .analyse import analyse, check_fences
from .manuscript import (
    load_bibliography,
    load_chronology,
    load_emendations,
    load_glossary,
    load_metadata,
    load_notes,
)
from .reader import Reader, check_paragraphs

WORD_LIST = "words.txt"  # in manuscript/: names and terms the dictionary lacks, one a line; optional


def load_words(reader: Reader) -> frozenset[str]:
    """The spell check's word list, read as every manuscript file is (its size, its lines, its UTF-8)."""
    path = reader.root / WORD_LIST
    if not path.exists() and not path.is_symlink():
        return frozenset()
    text, _shown = reader.text(WORD_LIST, markdown=False)
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def load(project: Path) -> Manuscript:
    """Read project/manuscript into a Manuscript; raise BuildError on the first problem."""
    reader = Reader(project / "manuscript")
    if not reader.root.is_dir():
        raise BuildError(reader.display(reader.root), "manuscript folder not found")
    metadata = load_metadata(reader)
    essay_text, essay_shown = reader.text("essay.md")
    if not essay_text.strip():
        raise BuildError(essay_shown, "the essay is empty")
    intro_text, intro_shown = reader.text("introduction.md")
    tn_text, tn_shown = reader.text("textual-note.md")
    notes = load_notes(reader)
    chronology = load_chronology(reader)
    glossary = load_glossary(reader)
    references = load_bibliography(reader)
    emendations, source_name, source_loc = load_emendations(reader)
    if not inside(reader.root / source_name, reader.root):
        raise BuildError(source_loc.path, "the source text must lie inside manuscript/", source_loc.line)
    source_text, source_shown = reader.text(source_name)
    words = load_words(reader)

    ms = Manuscript(
        root=reader.root,
        metadata=metadata,
        essay=Fragment("essay", essay_text, Loc(essay_shown, 1)),
        introduction=Fragment("introduction", intro_text, Loc(intro_shown, 1)),
        textual_note=Fragment("textual-note", tn_text, Loc(tn_shown, 1)),
        notes=notes,
        chronology=chronology,
        glossary=glossary,
        references=references,
        emendations=emendations,
        emendations_loc=source_loc,
        source_path=source_shown,
        source_text=source_text,
        words=words,
    )
    fragments = ms.fragments()
    for frag in fragments:
        if len(frag.text) > pandoc.MARKDOWN_BATCH:
            raise BuildError(
                frag.loc.path,
                f"{len(frag.text):,} characters of Markdown in one piece; at most {pandoc.MARKDOWN_BATCH:,}, "
                "what one pandoc call is given",
                frag.loc.line,
            )
        # A YAML file's paragraphs are its scalars' (a file of many entries may have no blank line at all).
        check_paragraphs(frag.source if frag.source is not None else frag.text, frag.loc.path, frag.loc.line)
        check_fences(frag, allowed=frag is ms.essay)
    parsed = pandoc.parse_markdown({f.key: f.text for f in fragments}, reader.root)
    for frag in fragments:
        frag.ast = parsed[frag.key]
        analyse(frag, project)
    if ms.essay.ast == "[]":
        raise BuildError(essay_shown, "the essay is empty")
    return ms
