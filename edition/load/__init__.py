"""Stage 1, load: read the manuscript files into the typed model.

Every error names the file and line and says what is wrong. Nothing here
resolves cross-references; that is the check stage's job.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import BuildError
from ..markup import pandoc
from ..model import Fragment, Loc, Manuscript
from ..support.storage import inside
from .analyse import analyse, check_fences, check_reference_field
from .manuscript import (
    load_bibliography,
    load_chronology,
    load_emendations,
    load_glossary,
    load_metadata,
    load_notes,
)
from .reader import Reader, check_brackets, check_nesting, check_paragraphs

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
    if metadata.reprint_file and metadata.reprint_file != source_name:
        raise BuildError(
            metadata.loc.path,
            f"reprint.file is {metadata.reprint_file!r} but emendations.yaml's source is {source_name!r}: "
            "name the same file (the build reads the source; reprint.file may also be left out)",
            metadata.lines.get("reprint_file", 1),
        )
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
    # Every field of the bibliography that pandoc reads as Markdown, refused as the notes' text would be. Parsed
    # apart from the manuscript's fragments, so that a field's link definitions cannot reach their text, and by a
    # second pandoc beside the first (a fifth of the load's time, otherwise).
    fields = [field for ref in references.values() for field in ref.fields]
    with ThreadPoolExecutor(max_workers=1) as pool:
        beside = pool.submit(_analysed, fields, reader.root, project)
        _analysed(ms.fragments(), reader.root, project, essay=ms.essay)
        if ms.essay.ast == "[]":
            raise BuildError(essay_shown, "the essay is empty")
        beside.result()
    for field in fields:
        check_reference_field(field)
        field.ast = "[]"
    return ms


def _analysed(fragments: list[Fragment], root: Path, project: Path, essay: Fragment | None = None) -> None:
    """Bound, parse and analyse the fragments (with their ASTs kept); fenced divs only in the essay."""
    for frag in fragments:
        if len(frag.text) > pandoc.MARKDOWN_BATCH:
            raise BuildError(
                frag.loc.path,
                f"{len(frag.text):,} characters of Markdown in one piece; at most {pandoc.MARKDOWN_BATCH:,}, "
                "what one pandoc call is given",
                frag.loc.line,
            )
        # A YAML file's paragraphs are its scalars' (a file of many entries may have no blank line at all).
        written = frag.source if frag.source is not None else frag.text
        check_paragraphs(written, frag.loc.path, frag.loc.line)
        check_brackets(written, frag.loc.path, frag.loc.line)
        check_nesting(frag.text, frag.loc.path, frag.loc.line)
        check_fences(frag, allowed=frag is essay)
    if not fragments:
        return
    parsed = pandoc.parse_markdown({f.key: f.text for f in fragments}, root)
    for frag in fragments:
        frag.ast = parsed[frag.key]
        analyse(frag, project)
