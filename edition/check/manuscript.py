"""The manuscript's checks: every cross-reference resolves, dates are in order, the text is faithful."""

from __future__ import annotations

import re

from ..errors import BuildError
from ..load.hints import hint
from ..markup.pandoc_ast import plain_text
from ..model import Fragment, Manuscript
from .emend import apply_emendations, first_difference, words
from .support import check_support
from .typography import check_typography

XREF_KINDS = ("note", "chron", "gloss", "passage")


def passages(ms: Manuscript) -> dict[str, str]:
    """Linkable passages of the essay: explicit span ids and every noted phrase (id -> kind)."""
    out: dict[str, str] = {}
    for ident in ms.essay.anchors:
        if ident in out:
            raise BuildError(ms.essay.loc.path, f"duplicate passage id {ident!r}", ms.essay.line_of(f"#{ident}"))
        out[ident] = "span"
    for ident in ms.essay.note_calls:
        if ident in out and out[ident] == "span":
            raise BuildError(
                ms.essay.loc.path,
                f"passage id {ident!r} is also a note id; give the passage another id",
                ms.essay.line_of(f"#{ident}"),
            )
        out[ident] = "note"
    return out


def check_notes(ms: Manuscript, warnings: list[BuildError]) -> None:
    seen: set[str] = set()
    for ident in ms.essay.note_calls:
        line = ms.essay.line_of(f"n={ident}")
        if ident not in ms.notes:
            raise BuildError(
                ms.essay.loc.path,
                f"note {ident!r} is referenced but not defined in notes.yaml{hint('notes.yaml')}",
                line,
            )
        if ident in seen:
            raise BuildError(ms.essay.loc.path, f"note {ident!r} is referenced more than once", line)
        seen.add(ident)
    for ident, note in ms.notes.items():
        if ident not in seen:
            warnings.append(BuildError(note.loc.path, f"note {ident!r} is defined but never referenced", note.loc.line))
        if not any(part.citations for part in note.parts):
            raise BuildError(note.loc.path, f"note {ident!r} cites no source", note.loc.line)
        if note.gloss is not None:
            check_gloss(ident, note.gloss, warnings)


GLOSS_WORDS = 40  # a gloss is what a reader needs at that point; the commentary holds the rest


def check_gloss(ident: str, gloss: Fragment, warnings: list[BuildError]) -> None:
    """A gloss is at most GLOSS_WORDS words, citations aside, and cites at most one source."""
    count = len(plain_text(gloss.blocks, citations=False).split())
    if count > GLOSS_WORDS:
        warnings.append(
            BuildError(
                gloss.loc.path, f"the gloss of note {ident!r} has {count} words; at most {GLOSS_WORDS}", gloss.loc.line
            )
        )
    if len(set(gloss.citations)) > 1:
        warnings.append(
            BuildError(
                gloss.loc.path,
                f"the gloss of note {ident!r} cites {len(set(gloss.citations))} sources; at most one "
                "(the commentary holds the others)",
                gloss.line_of("@" + gloss.citations[1]),
            )
        )


def check_citations(ms: Manuscript, warnings: list[BuildError]) -> None:
    cited: set[str] = set()
    for frag in ms.fragments():
        for key in frag.citations:
            if key not in ms.references:
                raise BuildError(
                    frag.loc.path, f"citation key {key!r} is not in bibliography.yaml", frag.line_of(f"@{key}")
                )
            cited.add(key)
    for entry in ms.chronology:
        cited.update(entry.sources)
    for gloss in ms.glossary.values():
        cited.update(gloss.sources)
    for key, ref in ms.references.items():
        if key not in cited:
            warnings.append(BuildError(ref.loc.path, f"reference {key!r} is never cited", ref.loc.line))


def _check_sources(keys: list[str], ms: Manuscript, path: str, line: int | None, what: str) -> None:
    if not keys:
        raise BuildError(path, f"{what} has no sources", line)
    for key in keys:
        if key not in ms.references:
            raise BuildError(path, f"source {key!r} of {what} is not in bibliography.yaml", line)


def check_chronology(ms: Manuscript, known_passages: dict[str, str]) -> None:
    seen: dict[str, int | None] = {}
    previous = None
    for entry in ms.chronology:
        what = f"chronology entry {entry.id!r}"
        if entry.id in seen:
            raise BuildError(
                entry.loc.path, f"duplicate chronology id {entry.id!r} (first on line {seen[entry.id]})", entry.loc.line
            )
        seen[entry.id] = entry.loc.line
        if previous is not None and entry.date.sort_key() < previous.date.sort_key():
            raise BuildError(
                entry.loc.path,
                f"{what} ({entry.date.iso()}) is out of order: it comes after {previous.id!r} ({previous.date.iso()})",
                entry.loc.line,
            )
        previous = entry
        _check_sources(entry.sources, ms, entry.loc.path, entry.loc.line, what)
        for passage in entry.passages:
            if passage not in known_passages:
                raise BuildError(
                    entry.loc.path, f"{what} links to passage {passage!r}, which is not in the essay", entry.loc.line
                )


def check_glossary(ms: Manuscript, essay_text: str) -> None:
    for entry in ms.glossary.values():
        what = f"glossary entry {entry.id!r}"
        _check_sources(entry.sources, ms, entry.loc.path, entry.loc.line, what)
        if not entry.essay_forms:
            raise BuildError(entry.loc.path, f"{what} gives no form of the name as the essay spells it", entry.loc.line)
        for form in entry.essay_forms:
            if not re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", essay_text):
                raise BuildError(entry.loc.path, f"{what}: {form!r} does not occur in the essay", entry.loc.line)


def check_xrefs(ms: Manuscript, known_passages: dict[str, str]) -> None:
    targets = {
        "note": set(ms.notes),
        "chron": {c.id for c in ms.chronology},
        "gloss": set(ms.glossary),
        "passage": set(known_passages),
    }
    for frag in ms.fragments():
        for xref in frag.xrefs:
            kind, _, ident = xref.partition(":")
            if kind not in XREF_KINDS or not ident:
                raise BuildError(
                    frag.loc.path,
                    f"link #{xref} must name a note:, chron:, gloss: or passage: target",
                    frag.line_of(f"#{xref}"),
                )
            if ident not in targets[kind]:
                raise BuildError(frag.loc.path, f"link #{xref} points to nothing", frag.line_of(f"#{xref}"))


def check_title(ms: Manuscript) -> None:
    """The copy-text opens with its title as a level-1 heading: the text's section is headed by it, the
    recto running head is it, and the comparison with the source begins with it."""
    blocks = ms.essay.blocks
    first = blocks[0] if blocks else {}
    if first.get("t") != "Header" or first["c"][0] != 1:
        line = next((n for n, text in enumerate(ms.essay.text.split("\n"), start=1) if text.strip()), 1)
        raise BuildError(
            ms.essay.loc.path,
            "the copy-text must begin with its title as a level-1 heading, `# Title`, as the source has it"
            + hint("essay.md"),
            line,
        )


def check_copy_text(ms: Manuscript) -> None:
    """The essay must be the source text with exactly the recorded emendations, its title first."""
    check_title(ms)
    emended = apply_emendations(ms.source_text, ms.emendations, ms.source_path)
    diff = first_difference(words(emended), words(plain_text(ms.essay.blocks)))
    if diff is not None:
        raise BuildError(
            ms.essay.loc.path,
            f"the essay differs from the source with its recorded emendations at {diff.describe()}{hint('essay.md')}",
            ms.essay.line_of(diff.found) if diff.found != "(end of text)" else None,
        )


def check(ms: Manuscript) -> list[BuildError]:
    """Run every check; raise on errors, return warnings."""
    warnings: list[BuildError] = []
    known = passages(ms)
    check_notes(ms, warnings)
    # The entries' own checks first: their sources are also cited, and "source 'x' of chronology entry 'y'"
    # says more than "citation key 'x'".
    check_chronology(ms, known)
    check_glossary(ms, plain_text(ms.essay.blocks))
    check_citations(ms, warnings)
    check_xrefs(ms, known)
    check_copy_text(ms)
    check_typography(ms)
    # Last: the evidence for each claim is checked once the claims themselves, and their citations, stand.
    check_support(ms)
    return warnings
