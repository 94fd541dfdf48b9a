"""Stage 3, compose: turn the checked manuscript into semantic XHTML for each target.

`prepare` renders every Markdown fragment once (pandoc with citeproc) into an
`Edition`: the target-independent content. `epub_documents` and
`print_document` then lay it into the EPUB's files or the single HTML book
the PDFs are rendered from, through the Jinja2 templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from lxml import etree
from markupsafe import Markup

from . import pandoc
from .dates import MONTHS, DateSpan, PartialDate
from .htmltree import (
    EPUB_TYPE,
    element,
    inner_xhtml,
    move_punctuation_before,
    parse_fragment,
    text_of,
    wrap_text,
)
from .model import Manuscript

ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
EPUB_FILES = {
    "note": "notes.xhtml",
    "chron": "chronology.xhtml",
    "gloss": "glossary.xhtml",
    "passage": "essay.xhtml",
    "ref": "sources.xhtml",
    "ix": "essay.xhtml",
    "intro": "introduction.xhtml",
}


@dataclass
class NoteView:
    number: int
    id: str
    lemma: str
    body: etree._Element  # parsed body, rewritten per target


@dataclass
class ChronView:
    id: str
    date: DateSpan
    title: str
    body: etree._Element
    passages: list[tuple[str, str]]  # (passage id, its text)

    @property
    def human(self) -> str:
        return self.date.human()

    @property
    def iso(self) -> str:
        return self.date.iso()

    @property
    def short(self) -> str:
        return short_date(self.date)


@dataclass
class GlossView:
    id: str
    name: str
    essay_forms: list[str]
    kind: str
    albanian: str | None
    serbian: str | None
    body: etree._Element
    first: str | None  # anchor id of the first mention in the essay


@dataclass
class IndexEntry:
    id: str
    name: str
    sort_key: str
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (anchor id, section, paragraph)

    def groups(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """Anchors grouped by section, one per paragraph, for the EPUB's index."""
        out: dict[str, list[tuple[str, int]]] = {}
        for anchor, section, para in self.anchors:
            seen = out.setdefault(section, [])
            if not seen or seen[-1][1] != para:
                seen.append((anchor, para))
        return list(out.items())


@dataclass
class Edition:
    ms: Manuscript
    build_date: str  # ISO 8601 date of the fixed build time
    build_timestamp: str  # full ISO 8601 timestamp, UTC
    essay: etree._Element
    introduction: etree._Element
    textual_note: etree._Element
    notes: list[NoteView]
    chronology: list[ChronView]
    glossary: list[GlossView]
    index: list[IndexEntry]
    bibliography: etree._Element
    colophon: dict[str, str]

    @property
    def meta(self):
        return self.ms.metadata


def short_date(span: DateSpan) -> str:
    def one(d: PartialDate) -> str:
        if d.month is None:
            return str(d.year)
        month = MONTHS[d.month - 1]
        month = month if len(month) <= 5 else month[:3] + "."
        return f"{d.day} {month} {d.year}" if d.day else f"{month} {d.year}"

    return one(span.start) if span.end is None else f"{one(span.start)} – {one(span.end)}"


def lemma_of(text: str, limit: int = 8) -> str:
    """A note's lemma: the glossed phrase, shortened with an ellipsis when long."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:4]) + " \u2026 " + " ".join(words[-2:])


def _index_pattern(ms: Manuscript) -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for entry in ms.glossary.values():
        for form in [*entry.essay_forms, entry.name]:
            forms.setdefault(form, entry.id)
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])")
    return pattern, forms


def _mark_index(root: etree._Element, ms: Manuscript, prefix: str, index: dict[str, IndexEntry], label: str) -> None:
    """Wrap each name of the glossary in an anchor the index can point to."""
    if not ms.glossary:
        return
    pattern, forms = _index_pattern(ms)
    for para, block in enumerate((b for b in root if b.tag in ("p", "div", "blockquote", "ul", "ol")), start=1):

        def make(match: re.Match[str], para: int = para) -> etree._Element:
            entry = index[forms[match.group(0)]]
            anchor = f"ix-{prefix}-{entry.id}-{len(entry.anchors) + 1}"
            entry.anchors.append((anchor, label, para))
            return element("span", match.group(0), id=anchor, class_="ix")

        wrap_text(block, pattern, make, skip=("a", "abbr", "code", "h1"))


def _mark_acronyms(root: etree._Element) -> None:
    def make(match: re.Match[str]) -> etree._Element:
        el = element("abbr", match.group(0), class_="initialism")
        el.set(EPUB_TYPE, "z3998:initialism")
        return el

    wrap_text(root, ACRONYM, make, skip=("a", "abbr", "code", "h1", "h2"))


def build_time(project: Path) -> tuple[str, str]:
    from .timestamps import fixed_time

    moment = fixed_time(project)
    return moment.strftime("%Y-%m-%d"), moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def prepare(ms: Manuscript, project: Path, tool_versions: dict[str, str]) -> Edition:
    """Render all Markdown once and gather the target-independent content."""
    fragments = ms.fragments()
    html, refs = pandoc.render_html(
        {f.key: f.ast for f in fragments}, ms.bibliography_path, ms.root, ms.metadata.language
    )
    trees = {key: parse_fragment(value) for key, value in html.items()}

    index = {
        gid: IndexEntry(gid, g.name, _sort_key(g.name))
        for gid, g in sorted(ms.glossary.items(), key=lambda kv: _sort_key(kv[1].name))
    }
    essay = trees["essay"]
    _mark_index(essay, ms, "e", index, "essay")
    introduction = trees["introduction"]
    _mark_index(introduction, ms, "i", index, "introduction")
    for tree in (essay, introduction, trees["textual-note"]):
        _mark_acronyms(tree)

    notes: list[NoteView] = []
    passage_text: dict[str, str] = {}
    for span in essay.iter("span"):
        ident = span.get("data-n") or span.get("id")
        if span.get("class") == "ix" or not ident:
            continue
        passage_text[ident] = text_of(span)
        if span.get("data-n"):
            notes.append(NoteView(len(notes) + 1, ident, lemma_of(text_of(span)), trees[f"note:{ident}"]))
    for note in notes:
        _mark_acronyms(note.body)

    chronology = []
    for entry in ms.chronology:
        body = trees[f"chron:{entry.id}"]
        _mark_acronyms(body)
        chronology.append(
            ChronView(
                entry.id,
                entry.date,
                entry.title,
                body,
                [(p, passage_text[p]) for p in entry.passages],
            )
        )

    glossary = []
    for gid, g in sorted(ms.glossary.items(), key=lambda kv: _sort_key(kv[1].name)):
        firsts = [a for a, label, _para in index[gid].anchors if label == "essay"]
        glossary.append(
            GlossView(
                gid,
                g.name,
                g.essay_forms,
                g.kind,
                g.albanian,
                g.serbian,
                trees[f"gloss:{gid}"],
                firsts[0] if firsts else None,
            )
        )

    date, stamp = build_time(project)
    return Edition(
        ms=ms,
        build_date=date,
        build_timestamp=stamp,
        essay=essay,
        introduction=introduction,
        textual_note=trees["textual-note"],
        notes=notes,
        chronology=chronology,
        glossary=glossary,
        index=[e for e in index.values() if e.anchors],
        bibliography=parse_fragment(refs),
        colophon=tool_versions,
    )


def _sort_key(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- per-target rewriting -------------------------------------------------


class Target:
    """What differs between the EPUB and the printed book: where links point, how notes appear."""

    name = "target"

    def __init__(self, note_numbers: dict[str, int], pages: dict[str, int] | None = None):
        self.note_numbers = note_numbers  # note id -> its number, assigned in reading order
        self.pages = pages or {}  # anchor id -> page, from a previous layout (print only)

    def decorate_xref(self, a: etree._Element) -> None:
        """Add what a cross-reference shows besides its text (the EPUB's link is enough)."""

    def page_suffix(self, href: str) -> str:
        """What follows a link to a passage: its page in print, nothing in the EPUB."""
        return ""

    def href(self, kind: str, ident: str) -> str:
        raise NotImplementedError

    def anchor_id(self, kind: str, ident: str) -> str:
        return {"note": "note-", "chron": "chron-", "gloss": "gloss-", "passage": "p-", "ref": "ref-"}.get(
            kind, ""
        ) + ident


class EpubTarget(Target):
    name = "epub"

    def href(self, kind: str, ident: str) -> str:
        if kind == "note":
            return f"{EPUB_FILES['note']}#note-{self.note_numbers[ident]}"
        if kind == "ix" and ident.startswith("ix-i-"):
            return f"{EPUB_FILES['intro']}#{ident}"
        return f"{EPUB_FILES[kind]}#{self.anchor_id(kind, ident)}"


class PrintTarget(Target):
    name = "print"

    def page_of(self, anchor: str) -> str:
        """The page of an anchor in the last layout, written in as text.

        Page numbers are written in rather than left to CSS target-counter():
        the book is laid out in parts, and a counter cannot reach into another
        part; WeasyPrint also lays pages out again for every such counter.
        The build lays the parts out again until these numbers are settled;
        until then an unknown page shows as 00.
        """
        page = self.pages.get(anchor)
        if page is None and anchor.startswith("note-"):
            # WeasyPrint sometimes records no anchor for a footnote; a footnote
            # sits on the page of its call, which ends the passage it glosses.
            number = int(anchor[5:])
            passage = next((i for i, n in self.note_numbers.items() if n == number), "")
            page = self.pages.get(f"p-{passage}")
        return "00" if page is None else str(page)

    def page_suffix(self, href: str) -> str:
        return f", p.\u00a0{self.page_of(href.lstrip('#'))}"

    def decorate_xref(self, a: etree._Element) -> None:
        a.append(element("span", f" (p.\u00a0{self.page_of(a.get('href', '#')[1:])})", class_="page-ref"))

    def index_refs(self, entry: IndexEntry) -> list[tuple[str, str]]:
        """(anchor, page) for each page the entry's name is on; one per paragraph until pages are known."""
        if not self.pages:
            return [(anchor, "00") for _label, group in entry.groups() for anchor, _para in group]
        refs, seen = [], set()
        for anchor, _section, _para in entry.anchors:
            page = self.page_of(anchor)
            if page not in seen:
                seen.add(page)
                refs.append((anchor, page))
        return refs

    def href(self, kind: str, ident: str) -> str:
        if kind == "note":
            return f"#note-{self.note_numbers[ident]}"
        return f"#{self.anchor_id(kind, ident)}"


def rewrite_links(root: etree._Element, target: Target) -> etree._Element:
    """Point internal links and citation links at the right file and id for the target."""
    for a in root.iter("a"):
        href = a.get("href", "")
        if href.startswith("#ref-"):
            a.set("href", target.href("ref", href[5:]))
        elif href.startswith("#") and ":" in href:
            kind, _, ident = href[1:].partition(":")
            a.set("href", target.href(kind, ident))
            a.set("class", "xref")
            target.decorate_xref(a)
    return root


def _copy(el: etree._Element) -> etree._Element:
    import copy

    return copy.deepcopy(el)


def essay_for(ed: Edition, target: Target) -> etree._Element:
    """The essay with note calls, passage ids and chronology links for one target."""
    root = _copy(ed.essay)
    chron_of: dict[str, list[ChronView]] = {}
    for entry in ed.chronology:
        for pid, _text in entry.passages:
            chron_of.setdefault(pid, []).append(entry)
    notes = {n.id: n for n in ed.notes}
    for span in list(root.iter("span")):
        if span.get("class") == "ix":
            continue
        note_id = span.attrib.pop("data-n", None)
        ident = note_id or span.get("id")
        if not ident:
            continue
        span.set("id", f"p-{ident}")
        span.set("class", "passage")
        last = span
        if note_id:
            last = _place_after(span, note_call(notes[note_id], target))
        entries = chron_of.get(ident, [])
        if entries:
            # One dagger per chronology entry: a compact mark that keeps the
            # essay readable and links to the entry that dates the passage.
            marks = element("span", class_="chronrefs")
            for entry in entries:
                a = element(
                    "a",
                    "\u2020",
                    href=target.href("chron", entry.id),
                    class_="chronref",
                    title=f"Chronology: {entry.human}",
                )
                a.set("aria-label", f"Chronology, {entry.human}: {entry.title}")
                marks.append(a)
            _place_after(last, marks)
    return rewrite_links(root, target)


def _place_after(anchor: etree._Element, mark: etree._Element) -> etree._Element:
    """Insert a mark (note call, chronology daggers) after anchor, behind any punctuation that follows it."""
    mark.tail, anchor.tail = anchor.tail, ""
    anchor.addnext(mark)
    move_punctuation_before(mark)
    return mark


def note_body(note: NoteView, target: Target) -> etree._Element:
    body = rewrite_links(_copy(note.body), target)
    if isinstance(target, EpubTarget):
        # The number comes first and links back, so that Kindle keeps notes apart.
        first = body[0] if len(body) and body[0].tag == "p" else None
        if first is None:
            first = element("p")
            body.insert(0, first)
        back = element(
            "a",
            f"{note.number}.",
            href=f"essay.xhtml#noteref-{note.number}",
            class_="backlink",
            role="doc-backlink",
        )
        back.set(EPUB_TYPE, "backlink")
        lemma = element("span", note.lemma, class_="lemma-label")
        lemma.tail = "] " + (first.text or "")
        back.tail = " "
        first.text = None
        first.insert(0, back)
        first.insert(1, lemma)
    return body


def note_call(note: NoteView, target: Target) -> etree._Element:
    if isinstance(target, EpubTarget):
        call = element(
            "a",
            str(note.number),
            href=target.href("note", note.id),
            id=f"noteref-{note.number}",
            class_="noteref",
            role="doc-noteref",
        )
        call.set(EPUB_TYPE, "noteref")
        return call
    # print: the note itself, floated to the foot of the page by the stylesheet
    body = note_body(note, target)
    foot = element("span", id=f"note-{note.number}", class_="footnote")
    lemma = element("span", note.lemma, class_="lemma")
    lemma.tail = " "
    foot.append(lemma)
    paragraphs = list(body)
    for i, p in enumerate(paragraphs):
        p.tag = "span"
        p.set("class", "fn-p")
        foot.append(p)
        if i:
            p.set("class", "fn-p fn-more")
    return foot


def xhtml(el: etree._Element) -> Markup:
    """An lxml tree's content as XHTML markup for a template (the one place trees leave)."""
    return Markup(inner_xhtml(el).replace("\n", " "))


def environment(template_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["xhtml"] = xhtml
    return env


@dataclass
class EpubDocument:
    name: str  # file name inside the EPUB's text folder
    title: str
    landmark: str | None  # epub:type for the landmarks nav
    xhtml: str
    in_toc: bool = True


def epub_documents(ed: Edition, env: Environment) -> list[EpubDocument]:
    """Every XHTML content document of the EPUB, in reading order."""
    target = EpubTarget({n.id: n.number for n in ed.notes})
    ctx = _context(ed, target)
    plan = [
        ("cover.xhtml", "Cover", "cover", "epub/cover.xhtml.j2", False),
        ("titlepage.xhtml", "Title page", "titlepage", "epub/titlepage.xhtml.j2", True),
        ("introduction.xhtml", "Editor’s introduction", "introduction", "epub/introduction.xhtml.j2", True),
        ("essay.xhtml", ed.meta.title, "bodymatter", "epub/essay.xhtml.j2", True),
        ("notes.xhtml", "Notes", "endnotes", "epub/notes.xhtml.j2", True),
        ("chronology.xhtml", "Chronology", "appendix", "epub/chronology.xhtml.j2", True),
        ("glossary.xhtml", "Glossary", "glossary", "epub/glossary.xhtml.j2", True),
        ("sources.xhtml", "Sources", "bibliography", "epub/sources.xhtml.j2", True),
        ("textual-note.xhtml", "Textual note", "appendix", "epub/textual-note.xhtml.j2", True),
        ("index.xhtml", "Index of names", "index", "epub/index.xhtml.j2", True),
        ("colophon.xhtml", "Colophon", "colophon", "epub/colophon.xhtml.j2", True),
    ]
    docs = []
    for name, title, landmark, template, in_toc in plan:
        text = env.get_template(template).render(**ctx, doc_title=title)
        docs.append(EpubDocument(name, title, landmark, text, in_toc))
    return docs


def print_document(ed: Edition, env: Environment, css_href: str, pages: dict[str, int] | None = None) -> str:
    """The whole book as one HTML document for WeasyPrint, for both PDFs.

    `pages` are the anchors' pages in a previous layout, for the cross-references.
    """
    return "".join(print_document_chunks(ed, env, css_href, pages))


def print_document_chunks(ed: Edition, env: Environment, css_href: str, pages: dict[str, int] | None = None):
    """print_document, as the template writes it: pieces of text, so the whole need not be held at once."""
    target = PrintTarget({n.id: n.number for n in ed.notes}, pages)
    ctx = _context(ed, target)
    return env.get_template("print/book.html.j2").generate(**ctx, css_href=css_href)


class _Each:
    """(item, made(item)) for each item, made as the template reaches it.

    A book's worth of copied trees at once was a tenth of the build's memory at
    200 times the edition; made one at a time, each is freed once written.
    """

    def __init__(self, items, made):
        self.items, self.made = items, made

    def __iter__(self):
        return ((item, self.made(item)) for item in self.items)

    def __len__(self) -> int:
        return len(self.items)


def _context(ed: Edition, target: Target) -> dict:
    return {
        "ed": ed,
        "meta": ed.meta,
        "target": target,
        "essay": essay_for(ed, target),
        "introduction": rewrite_links(_copy(ed.introduction), target),
        "textual_note": rewrite_links(_copy(ed.textual_note), target),
        "notes": _Each(ed.notes, lambda n: note_body(n, target)),
        "chronology": _Each(ed.chronology, lambda c: rewrite_links(_copy(c.body), target)),
        "glossary": _Each(ed.glossary, lambda g: rewrite_links(_copy(g.body), target)),
        "bibliography": ed.bibliography,
        "emendations": ed.ms.emendations,
        "source_lines": ed.ms.source_text.split("\n"),
        "index": ed.index,
    }
