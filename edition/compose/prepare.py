"""The target-independent content: every Markdown fragment rendered once (pandoc with citeproc) and marked."""

from __future__ import annotations

from jinja2 import Environment
from lxml import etree

from ..markup import pandoc
from ..markup.html import parse_fragment, text_of
from ..model import Manuscript
from ..project import Project
from .acronyms import mark_acronyms
from .fidelity import check_fragment
from .index import blocks, index_entries, index_names, mark_index, sort_key
from .languages import foreign_forms, mark_languages
from .marks import Marks
from .notes import lemma_of
from .urls import break_urls
from .views import ChronView, Edition, GlossView, IndexEntry, NoteView


def prepare(ms: Manuscript, env: Environment, project: Project, tool_versions: dict[str, str]) -> Edition:
    """Render all Markdown once and gather the target-independent content."""
    fragments = ms.fragments()
    html, refs = pandoc.render_html(
        {f.key: f.ast for f in fragments},
        [r.csl for r in ms.references.values()],
        ms.root,
        ms.metadata.language,
        list(ms.references),
    )
    trees = {key: parse_fragment(value) for key, value in html.items()}
    for frag in fragments:
        check_fragment(frag, trees[frag.key])
    marks = Marks(env, "partials/marks.j2")

    # Before the index: a name it finds may stand inside a form in another language.
    foreign = foreign_forms(ms)
    for key, tree in trees.items():
        if key != "essay":  # the essay keeps its own spellings
            mark_languages(tree, foreign, marks)
    index = index_entries(ms)
    essay, introduction = trees["essay"], trees["introduction"]
    names = index_names(ms)
    mark_index(introduction, names, "i", index, "introduction", marks)
    mark_index(essay, names, "e", index, "essay", marks)
    for tree in (essay, introduction, trees["textual-note"]):
        mark_acronyms(tree, marks)
    notes, passage_text = _notes(essay, trees)
    for note in notes:
        tiers = ((note.gloss, "n", "notes", note.number), (note.commentary, "c", "commentary", note.paragraph))
        for tree, prefix, label, number in tiers:
            if tree is not None:
                mark_index(tree, names, f"{prefix}{note.position}", index, label, marks, paragraph=number)
                mark_acronyms(tree, marks)
    bibliography = parse_fragment(refs)
    commentary = [n.commentary for n in notes if n.commentary is not None]
    for tree in (bibliography, introduction, trees["textual-note"], *commentary):
        break_urls(tree, marks)
    return Edition(
        ms=ms,
        build_date=project.date,
        build_timestamp=project.timestamp,
        essay=essay,
        introduction=introduction,
        textual_note=trees["textual-note"],
        notes=notes,
        chronology=_chronology(ms, trees, passage_text, marks),
        glossary=_glossary(ms, trees, index, marks),
        index=[e for e in index.values() if e.anchors],
        bibliography=bibliography,
        colophon=tool_versions,
    )


def _notes(essay: etree._Element, trees: dict[str, etree._Element]) -> tuple[list[NoteView], dict[str, str]]:
    """The notes in the order of their calls, the glosses numbered; and the text of every passage, by id."""
    notes: list[NoteView] = []
    passage_text: dict[str, str] = {}
    glosses = 0
    for paragraph, block in enumerate(blocks(essay), start=1):
        for span in block.iter("span"):
            ident = span.get("data-n") or span.get("id")
            if span.get("class") == "ix" or not ident:
                continue
            passage_text[ident] = text_of(span)
            if span.get("data-n"):
                gloss, commentary = trees.get(f"note:{ident}"), trees.get(f"comm:{ident}")
                glosses += gloss is not None
                number = glosses if gloss is not None else None
                lemma = lemma_of(text_of(span))
                notes.append(NoteView(ident, lemma, number, gloss, commentary, len(notes) + 1, paragraph))
    return notes, passage_text


def _chronology(ms: Manuscript, trees, passage_text: dict[str, str], marks: Marks) -> list[ChronView]:
    chronology = []
    for entry in ms.chronology:
        body = trees[f"chron:{entry.id}"]
        _add_sources(body, entry.cited, trees)
        mark_acronyms(body, marks)
        passages = [(p, passage_text[p]) for p in entry.passages]
        chronology.append(ChronView(entry.id, entry.date, entry.title, body, passages))
    return chronology


def _add_sources(body: etree._Element, cited, trees) -> None:
    """End an entry's text with its sources, cited as the notes cite theirs."""
    if cited is None:
        return
    for paragraph in list(trees[cited.key]):
        paragraph.set("class", "entry-sources")
        body.append(paragraph)


def _glossary(ms: Manuscript, trees, index: dict[str, IndexEntry], marks: Marks) -> list[GlossView]:
    glossary = []
    for gid, g in sorted(ms.glossary.items(), key=lambda kv: sort_key(kv[1].name)):
        body = trees[f"gloss:{gid}"]
        _add_sources(body, g.cited, trees)
        mark_acronyms(body, marks)
        firsts = [a for a, label, _para in index[gid].anchors if label == "essay"]
        glossary.append(
            GlossView(
                gid,
                g.name,
                g.essay_forms,
                g.kind,
                g.forms,
                body,
                firsts[0] if firsts else None,
            )
        )
    return glossary
