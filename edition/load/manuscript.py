"""The loaders of the manuscript's YAML files: each file's entries into the model's types."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from ..errors import BuildError
from ..model import ChronEntry, Emendation, Fragment, GlossaryEntry, Loc, Metadata, Note, Reference, parse_span
from .analyse import bcp47
from .fields import block_line, check_id, need, string_list, top_level
from .hints import hint
from .located_yaml import LocatedDict, LocatedList
from .printing import load_printing
from .reader import Reader
from .schema import METADATA, TEXT_KINDS
from .strings import reference_fields
from .support import load_support
from .validate import validate

GLOSSARY_KINDS = ("person", "place", "organisation")
# A citation key pandoc can cite (@key) that is also an id and a link's target in the outputs (#ref-key).
CITATION_KEY = re.compile(r"^\w[\w:.+/-]*$")
# "title": the copy-text's title, supplied where the text as received has none (a transcript of a speech).
EMENDATION_KINDS = ("chrome", "quotation", "spacing", "word-division", "typo", "title")


def load_metadata(reader: Reader) -> Metadata:
    """The metadata, checked against its schema (schema.py) first: no key is ignored, none is missing."""
    data, shown = reader.yaml("metadata.yaml")
    validate(data, METADATA, shown)
    original, reprint = data["original"], data["reprint"]
    # Each top-level key of text is a field of Metadata under its own name; an optional one may be absent.
    text = {
        key.name: str(data[key.name])
        for key in METADATA.keys
        if key.kind not in ("section", "table", "texts") and data.get(key.name) not in (None, "")
    }
    lines = {name: data.line_of(name) for name in text}
    # The line of each field the checks may name: a straight quote in the original's title is on its own line.
    lines |= {f"original_{name}": original.line_of(name) for name in original}
    lines |= {f"reprint_{name}": reprint.line_of(name) for name in reprint}
    if isinstance(data.get("print"), LocatedDict) and data["print"].get("isbn"):
        lines["isbn"] = data["print"].line_of("isbn")
    return Metadata(
        **text,
        original_title=str(original["title"]),
        original_periodical=str(original.get("periodical") or ""),
        original_venue=str(original.get("venue") or ""),
        original_occasion=str(original.get("occasion") or ""),
        original_delivered=str(original.get("delivered") or ""),
        kind=str(original.get("kind") or "essay"),
        label=str(original.get("label") or TEXT_KINDS[str(original.get("kind") or "essay")]),
        reprint_file=str(reprint.get("file") or ""),
        original_date=str(original["date"]),
        original_span=parse_span(str(original["date"])),
        original_statement=str(original["statement"]),
        reprint_description=str(reprint["description"]),
        subjects=list(data.get("subjects") or []),
        loc=Loc(shown, 1),
        printing=load_printing(data, shown),
        lines=lines,
    )


def _keyed(reader: Reader, name: str, what: str, kind: str) -> Iterator[tuple[str, Any, int, str, tuple]]:
    """A file that maps ids to entries: (id, entry, its line, the file as shown, (its text's line, as written))."""
    data, shown = reader.yaml(name)
    top_level(data, shown, LocatedDict, what)
    for ident, item in data.items():
        line = data.line_of(ident)
        check_id(ident, shown, line, kind)
        yield ident, item, line, shown, (data.text_line(ident), data.sources.get(ident))


NOTE_TIERS = ("gloss", "commentary")
NOTE_FIELDS = (*NOTE_TIERS, "support")


def load_notes(reader: Reader) -> dict[str, Note]:
    """Each note: a mapping with a gloss, a commentary or both; a plain text is a gloss alone."""
    notes = {}
    for ident, body, line, shown, (text_line, written) in _keyed(
        reader, "notes.yaml", "a mapping of ids to notes", "note"
    ):
        loc = Loc(shown, line)
        sources = body.sources if isinstance(body, LocatedDict) else {"gloss": written}
        if isinstance(body, str):
            body, lines = {"gloss": body}, {"gloss": text_line}
        elif isinstance(body, LocatedDict):
            unknown = sorted(set(body) - set(NOTE_FIELDS))
            if unknown:
                raise BuildError(
                    shown, f"note {ident!r} has an unknown field {unknown[0]!r}{hint(shown)}", body.line_of(unknown[0])
                )
            lines = {tier: block_line(body, tier) for tier in body}
        else:
            body, lines = {}, {}
        tiers = {}
        for tier in NOTE_TIERS:
            text = body.get(tier)
            if text is None:
                continue
            if not isinstance(text, str) or not text.strip():
                raise BuildError(shown, f"the {tier} of note {ident!r} has no text", line)
            key = "note" if tier == "gloss" else "comm"
            tiers[tier] = Fragment(f"{key}:{ident}", text, Loc(shown, lines[tier]), source=sources.get(tier))
        if not tiers:
            raise BuildError(shown, f"note {ident!r} has no text: give it a gloss, a commentary or both", line)
        support = load_support(body, shown, f"note {ident!r}") if isinstance(body, LocatedDict) else []
        notes[ident] = Note(ident, tiers.get("gloss"), tiers.get("commentary"), loc, support)
    return notes


def load_chronology(reader: Reader) -> list[ChronEntry]:
    data, shown = reader.yaml("chronology.yaml")
    top_level(data, shown, LocatedList, "a list of chronology entries")
    entries = []
    for item, line in zip(data, data.item_lines, strict=True):
        if not isinstance(item, LocatedDict):
            raise BuildError(shown, "a chronology entry must be a mapping", line)
        ident = check_id(need(item, "id", shown), shown, item.line_of("id"), "chronology")
        what = f" in chronology entry {ident!r}"
        raw_date = item.get("date")
        if raw_date is None:
            raise BuildError(shown, f"missing required field 'date'{what}", line)
        try:
            date = parse_span(str(raw_date) if isinstance(raw_date, int) else raw_date)
        except ValueError as exc:
            raise BuildError(shown, f"invalid date{what}: {exc}", item.line_of("date")) from None
        text = need(item, "text", shown, what=what)
        sources = string_list(item, "sources", shown, what)
        entries.append(
            ChronEntry(
                id=ident,
                date=date,
                title=need(item, "title", shown, what=what),
                text=Fragment(
                    f"chron:{ident}", text, Loc(shown, block_line(item, "text")), source=item.sources.get("text")
                ),
                sources=sources,
                passages=string_list(item, "passages", shown, what),
                loc=Loc(shown, line),
                cited=cited_fragment(f"chron-cited:{ident}", sources, Loc(shown, item.line_of("sources"))),
                support=load_support(item, shown, f"chronology entry {ident!r}"),
            )
        )
    return entries


def cited_fragment(key: str, sources: list[str], loc: Loc) -> Fragment | None:
    """An entry's sources as one pandoc citation, so that they are styled and linked as every other citation."""
    if not sources:
        return None
    return Fragment(key, "[" + "; ".join(f"@{source}" for source in sources) + "]", loc)


def load_glossary(reader: Reader) -> dict[str, GlossaryEntry]:
    entries = {}
    for ident, item, line, shown, _text in _keyed(reader, "glossary.yaml", "a mapping of ids to entries", "glossary"):
        what = f" in glossary entry {ident!r}"
        kind = need(item, "kind", shown, what=what)
        if kind not in GLOSSARY_KINDS:
            raise BuildError(shown, f"kind must be one of {', '.join(GLOSSARY_KINDS)}{what}", item.line_of("kind"))
        ident_text = need(item, "identification", shown, what=what)
        sources = string_list(item, "sources", shown, what)
        entries[ident] = GlossaryEntry(
            id=ident,
            name=need(item, "name", shown, what=what),
            essay_forms=string_list(item, "essay", shown, what),
            kind=kind,
            identification=Fragment(
                f"gloss:{ident}",
                ident_text,
                Loc(shown, block_line(item, "identification")),
                source=item.sources.get("identification"),
            ),
            sources=sources,
            loc=Loc(shown, line),
            cited=cited_fragment(f"gloss-cited:{ident}", sources, Loc(shown, item.line_of("sources"))),
            forms=name_forms(item, shown, what),
            index_name=item.get("index"),
        )
    return entries


def name_forms(item: Any, shown: str, what: str) -> dict[str, str]:
    """An entry's `forms`: each BCP 47 tag to the name in that language ("sq: Mitrovicë")."""
    forms = item.get("forms")
    if forms is None:
        return {}
    if not isinstance(forms, LocatedDict):
        raise BuildError(shown, f"forms must be a mapping of BCP 47 tags to names{what}", item.line_of("forms"))
    for tag, form in forms.items():
        if not isinstance(tag, str) or not bcp47(tag):
            raise BuildError(
                shown, f"forms: {tag!r} is not a BCP 47 language tag (such as de or sr-Latn){what}", forms.line_of(tag)
            )
        if not isinstance(form, str) or not form.strip():
            raise BuildError(shown, f"forms: the {tag} form must be a name{what}", forms.line_of(tag))
    return {tag: form for tag, form in forms.items()}


def load_bibliography(reader: Reader) -> dict[str, Reference]:
    data, shown = reader.yaml("bibliography.yaml")
    if isinstance(data, LocatedDict) and "references" in data:
        data = data["references"]
    top_level(data, shown, LocatedList, "a CSL YAML list of references")
    refs: dict[str, Reference] = {}
    for item, line in zip(data, data.item_lines, strict=True):
        if not isinstance(item, LocatedDict):
            raise BuildError(shown, "a reference must be a mapping", line)
        ident = need(item, "id", shown)
        if not CITATION_KEY.match(ident):
            raise BuildError(
                shown,
                f"reference id {ident!r} must be letters, digits and - _ : . + / (it becomes an id and a link)",
                item.line_of("id"),
            )
        if ident in refs:
            raise BuildError(
                shown, f"duplicate reference id {ident!r} (first on line {refs[ident].loc.line})", item.line_of("id")
            )
        what = f" in reference {ident!r}"
        need(item, "type", shown, what=what)
        need(item, "title", shown, what=what)
        if "issued" not in item and "URL" not in item:
            # An undated web page is checkable by its address; anything else needs a date.
            raise BuildError(shown, f"missing required field 'issued' (or 'URL'){what}", line)
        if "accessed" in item:
            _accessed(item, shown, what)
        refs[ident] = Reference(ident, dict(item), Loc(shown, line), reference_fields(item, shown, ident))
    return refs


def _accessed(item: LocatedDict, shown: str, what: str) -> None:
    """CSL `accessed`, the day a source was read: date-parts of one real day, which citeproc and the TEI print."""
    value = item["accessed"]
    parts = value.get("date-parts") if isinstance(value, dict) else None
    day = parts[0] if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list) else []
    try:
        valid = len(day) == 3 and all(type(p) is int for p in day) and bool(datetime.date(*day))
    except ValueError:  # no such day (a 13th month, a 30 February)
        valid = False
    if not valid:
        raise BuildError(
            shown, f"'accessed'{what} must be date-parts of one day, [[year, month, day]]", item.line_of("accessed")
        )


def load_emendations(reader: Reader) -> tuple[list[Emendation], str, Loc]:
    data, shown = reader.yaml("emendations.yaml")
    source = need(data, "source", shown)
    items = need(data, "emendations", shown, list)
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
        kind = need(item, "kind", shown, what=what)
        if kind not in EMENDATION_KINDS:
            raise BuildError(
                shown, f"emendation kind must be one of {', '.join(EMENDATION_KINDS)}", item.line_of("kind")
            )
        out.append(Emendation(number, before, after, kind, need(item, "why", shown, what=what), Loc(shown, line)))
    return out, source, Loc(shown, data.line_of("source"))
