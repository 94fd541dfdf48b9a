"""Stage 1, load: read the manuscript files into the typed model.

Every error names the file and line and says what is wrong. Nothing here
resolves cross-references; that is the check stage's job.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import pandoc
from .ast import walk
from .dates import parse_span
from .errors import BuildError
from .model import (
    ChronEntry,
    Emendation,
    Fragment,
    GlossaryEntry,
    Loc,
    Manuscript,
    Metadata,
    Note,
    Reference,
)
from .yamlload import LocatedDict, LocatedList, parse_yaml, read_text

MAX_FILE_BYTES = 50 * 1024 * 1024
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GLOSSARY_KINDS = ("person", "place", "organisation")
EMENDATION_KINDS = ("chrome", "quotation", "spacing", "word-division", "typo")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


class Reader:
    """Reads files below the manuscript folder and reports errors relative to the project."""

    def __init__(self, root: Path):
        self.root = root
        self.project = root.parent

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)

    def text(self, name: str) -> tuple[str, str]:
        path = self.root / name
        shown = self.display(path)
        if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            raise BuildError(shown, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return read_text(path, shown), shown

    def yaml(self, name: str) -> tuple[Any, str]:
        text, shown = self.text(name)
        data = parse_yaml(text, shown)
        if data is None:
            raise BuildError(shown, "file is empty")
        return data, shown


def _need(mapping: Any, key: str, shown: str, kind: type = str, what: str = "") -> Any:
    if not isinstance(mapping, LocatedDict):
        raise BuildError(shown, f"expected a mapping{what}", getattr(mapping, "line", None))
    if key not in mapping or mapping[key] in (None, ""):
        raise BuildError(shown, f"missing required field {key!r}{what}", mapping.line)
    value = mapping[key]
    if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, kind):
        raise BuildError(shown, f"field {key!r} must be a {kind.__name__}{what}", mapping.line_of(key))
    return value


def _string_list(mapping: LocatedDict, key: str, shown: str, what: str) -> list[str]:
    value = mapping.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BuildError(shown, f"field {key!r} must be a list of strings{what}", mapping.line_of(key))
    return list(value)


def _check_id(ident: Any, shown: str, line: int, what: str) -> str:
    if not isinstance(ident, str) or not ID_RE.match(ident):
        raise BuildError(shown, f"{what} id {ident!r} must be lowercase letters, digits and hyphens", line)
    return ident


def _block_line(mapping: LocatedDict, key: str) -> int:
    # A `|` block scalar's text starts on the line after its key.
    return mapping.line_of(key) + 1


def load_metadata(reader: Reader) -> Metadata:
    data, shown = reader.yaml("metadata.yaml")
    original = _need(data, "original", shown, LocatedDict)
    reprint = _need(data, "reprint", shown, LocatedDict)
    subjects = _string_list(data, "subjects", shown, "")
    meta = Metadata(
        slug=_need(data, "slug", shown),
        title=_need(data, "title", shown),
        subtitle=_need(data, "subtitle", shown),
        author=_need(data, "author", shown),
        editor=_need(data, "editor", shown),
        language=_need(data, "language", shown),
        identifier=_need(data, "identifier", shown),
        publisher=_need(data, "publisher", shown),
        original_title=_need(original, "title", shown, what=" in 'original'"),
        original_periodical=_need(original, "periodical", shown, what=" in 'original'"),
        original_date=_need(original, "date", shown, what=" in 'original'"),
        original_statement=_need(original, "statement", shown, what=" in 'original'"),
        reprint_description=_need(reprint, "description", shown, what=" in 'reprint'"),
        rights=_need(data, "rights", shown),
        apparatus_licence=_need(data, "apparatus_licence", shown),
        description=_need(data, "description", shown),
        subjects=subjects,
        accessibility_summary=_need(data, "accessibility_summary", shown),
        loc=Loc(shown, 1),
    )
    if not re.match(r"^[a-z0-9-]+$", meta.slug):
        raise BuildError(shown, "slug must be lowercase letters, digits and hyphens", data.line_of("slug"))
    if not re.match(r"^(urn:uuid:[0-9a-f-]{36}|urn:isbn:[0-9X-]+|https?://\S+)$", meta.identifier):
        raise BuildError(shown, "identifier must be a urn:uuid:, urn:isbn: or URL", data.line_of("identifier"))
    try:
        parse_span(meta.original_date)
    except ValueError as exc:
        raise BuildError(shown, f"original date: {exc}", original.line_of("date")) from None
    return meta


def load_notes(reader: Reader) -> dict[str, Note]:
    data, shown = reader.yaml("notes.yaml")
    if not isinstance(data, LocatedDict):
        raise BuildError(shown, "expected a mapping of note ids to Markdown bodies", 1)
    notes = {}
    for ident, body in data.items():
        line = data.line_of(ident)
        _check_id(ident, shown, line, "note")
        if not isinstance(body, str) or not body.strip():
            raise BuildError(shown, f"note {ident!r} has no text", line)
        loc = Loc(shown, line)
        notes[ident] = Note(ident, Fragment(f"note:{ident}", body, Loc(shown, line)), loc)
    return notes


def load_chronology(reader: Reader) -> list[ChronEntry]:
    data, shown = reader.yaml("chronology.yaml")
    if not isinstance(data, LocatedList):
        raise BuildError(shown, "expected a list of chronology entries", 1)
    entries = []
    for item, line in zip(data, data.item_lines, strict=True):
        if not isinstance(item, LocatedDict):
            raise BuildError(shown, "a chronology entry must be a mapping", line)
        ident = _check_id(_need(item, "id", shown), shown, item.line_of("id"), "chronology")
        what = f" in chronology entry {ident!r}"
        raw_date = item.get("date")
        if raw_date is None:
            raise BuildError(shown, f"missing required field 'date'{what}", line)
        try:
            date = parse_span(str(raw_date) if isinstance(raw_date, int) else raw_date)
        except ValueError as exc:
            raise BuildError(shown, f"invalid date{what}: {exc}", item.line_of("date")) from None
        text = _need(item, "text", shown, what=what)
        entries.append(
            ChronEntry(
                id=ident,
                date=date,
                title=_need(item, "title", shown, what=what),
                text=Fragment(f"chron:{ident}", text, Loc(shown, _block_line(item, "text"))),
                sources=_string_list(item, "sources", shown, what),
                passages=_string_list(item, "passages", shown, what),
                loc=Loc(shown, line),
            )
        )
    return entries


def load_glossary(reader: Reader) -> dict[str, GlossaryEntry]:
    data, shown = reader.yaml("glossary.yaml")
    if not isinstance(data, LocatedDict):
        raise BuildError(shown, "expected a mapping of glossary ids to entries", 1)
    entries = {}
    for ident, item in data.items():
        line = data.line_of(ident)
        _check_id(ident, shown, line, "glossary")
        what = f" in glossary entry {ident!r}"
        kind = _need(item, "kind", shown, what=what)
        if kind not in GLOSSARY_KINDS:
            raise BuildError(shown, f"kind must be one of {', '.join(GLOSSARY_KINDS)}{what}", item.line_of("kind"))
        ident_text = _need(item, "identification", shown, what=what)
        entries[ident] = GlossaryEntry(
            id=ident,
            name=_need(item, "name", shown, what=what),
            essay_forms=_string_list(item, "essay", shown, what),
            kind=kind,
            identification=Fragment(f"gloss:{ident}", ident_text, Loc(shown, item.line_of("identification"))),
            sources=_string_list(item, "sources", shown, what),
            loc=Loc(shown, line),
            albanian=item.get("albanian"),
            serbian=item.get("serbian"),
        )
    return entries


def load_bibliography(reader: Reader) -> tuple[dict[str, Reference], Path]:
    data, shown = reader.yaml("bibliography.yaml")
    if isinstance(data, LocatedDict) and "references" in data:
        data = data["references"]
    if not isinstance(data, LocatedList):
        raise BuildError(shown, "expected a CSL YAML list of references", 1)
    refs: dict[str, Reference] = {}
    for item, line in zip(data, data.item_lines, strict=True):
        if not isinstance(item, LocatedDict):
            raise BuildError(shown, "a reference must be a mapping", line)
        ident = _need(item, "id", shown)
        if ident in refs:
            raise BuildError(
                shown, f"duplicate reference id {ident!r} (first on line {refs[ident].loc.line})", item.line_of("id")
            )
        what = f" in reference {ident!r}"
        _need(item, "type", shown, what=what)
        _need(item, "title", shown, what=what)
        if "issued" not in item and "URL" not in item:
            # An undated web page is checkable by its address; anything else needs a date.
            raise BuildError(shown, f"missing required field 'issued' (or 'URL'){what}", line)
        refs[ident] = Reference(ident, dict(item), Loc(shown, line))
    return refs, reader.root / "bibliography.yaml"


def load_emendations(reader: Reader) -> tuple[list[Emendation], str, Loc]:
    data, shown = reader.yaml("emendations.yaml")
    source = _need(data, "source", shown)
    items = _need(data, "emendations", shown, list)
    out = []
    for item, line in zip(items, items.item_lines, strict=True):
        what = " in emendation"
        if not isinstance(item, LocatedDict):
            raise BuildError(shown, "an emendation must be a mapping", line)
        number = item.get("line")
        if not isinstance(number, int) or number < 1:
            raise BuildError(shown, "emendation 'line' must be a positive line number", item.line_of("line"))
        before = item.get("from")
        after = item.get("to", "")
        if not isinstance(before, str) or not before:
            raise BuildError(shown, "emendation 'from' must be the text as received", item.line_of("from"))
        if not isinstance(after, str):
            raise BuildError(shown, "emendation 'to' must be a string", item.line_of("to"))
        kind = _need(item, "kind", shown, what=what)
        if kind not in EMENDATION_KINDS:
            raise BuildError(
                shown, f"emendation kind must be one of {', '.join(EMENDATION_KINDS)}", item.line_of("kind")
            )
        out.append(Emendation(number, before, after, kind, _need(item, "why", shown, what=what), Loc(shown, line)))
    return out, source, Loc(shown, data.line_of("source"))


def _located_line(frag: Fragment, needle: str) -> int | None:
    """The file line of the first occurrence of needle in the fragment, if found."""
    index = frag.text.find(needle)
    if index < 0 or frag.loc.line is None:
        return frag.loc.line
    return frag.loc.line + frag.text.count("\n", 0, index)


def _analyse(frag: Fragment, project: Path) -> None:
    """Fill the fragment's lists from its AST, refusing raw markup and outside resources."""
    for node in walk(frag.blocks):
        t, c = node["t"], node.get("c")
        if t in ("RawInline", "RawBlock"):
            match = _TAG.search(frag.text)
            snippet = c[1].strip().splitlines()[0][:40] if c[1].strip() else c[0]
            raise BuildError(
                frag.loc.path,
                f"raw {c[0]} is not allowed in the manuscript: {snippet!r}",
                _located_line(frag, match.group(0)) if match else frag.loc.line,
            )
        if t == "Span":
            ident, _classes, attrs = c[0]
            kv = dict(attrs)
            if "n" in kv:
                frag.note_calls.append(kv["n"])
            if ident:
                frag.anchors.append(ident)
        elif t == "Cite":
            frag.citations.extend(cit["citationId"] for cit in c[0])
        elif t in ("Link", "Image"):
            target = c[2][0]
            _check_target(frag, t, target, project)
            if t == "Link" and target.startswith("#"):
                frag.xrefs.append(target[1:])


def _check_target(frag: Fragment, kind: str, target: str, project: Path) -> None:
    if kind == "Link" and (target.startswith("#") or target.startswith(("http://", "https://"))):
        return
    line = _located_line(frag, target)
    if _SCHEME.match(target):
        raise BuildError(
            frag.loc.path, f"{kind.lower()} refers to a URL ({target}); only files in the project may be used", line
        )
    resolved = (project / "manuscript" / target).resolve()
    if not resolved.is_relative_to(project.resolve()):
        raise BuildError(frag.loc.path, f"{kind.lower()} path {target!r} is outside the project", line)
    if not resolved.is_file():
        raise BuildError(frag.loc.path, f"{kind.lower()} file {target!r} does not exist", line)


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
    references, bib_path = load_bibliography(reader)
    emendations, source_name, source_loc = load_emendations(reader)
    source_path = (reader.root / source_name).resolve()
    if not source_path.is_relative_to(reader.root.resolve()):
        raise BuildError(source_loc.path, "the source text must lie inside manuscript/", source_loc.line)
    source_text, source_shown = reader.text(source_name)

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
        bibliography_path=bib_path,
        emendations=emendations,
        emendations_loc=source_loc,
        source_path=source_shown,
        source_text=source_text,
    )
    fragments = ms.fragments()
    parsed = pandoc.parse_markdown({f.key: f.text for f in fragments}, reader.root)
    for frag in fragments:
        frag.ast = parsed[frag.key]
        _analyse(frag, project)
    if ms.essay.ast == "[]":
        raise BuildError(essay_shown, "the essay is empty")
    return ms
