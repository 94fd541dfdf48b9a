"""The edition's sections, each with its title, page body, landmark and menu label, written once.

Every format takes its documents from this one plan, naming its own file for each section it has (the EPUB in
render/epub/documents.py, the site in render/web/pages.py); the cover and the notes are documents of the EPUB
alone, whose body is its own template (in the site the notes are popovers, in print footnotes).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    id: str
    title: str | None  # None: titled with the edition's title (the essay)
    template: str | None  # its body, the same for every format that has it; None: each format's own
    landmark: str  # epub:type of the section, for an EPUB's landmarks
    menu: str | None = None  # its name in a site's menu; {label}: the text's own (original.kind's, or original.label)
    in_toc: bool = True  # listed in a table of contents


SECTIONS = (
    Section("cover", "Cover", None, "cover", in_toc=False),
    Section("titlepage", "Title page", "pages/titlepage.j2", "titlepage", "Contents"),
    Section("introduction", "Editor’s introduction", "pages/introduction.j2", "introduction", "Introduction"),
    Section("essay", None, "pages/essay.j2", "bodymatter", "{label}"),  # "Essay", "Speech", "Letter"…
    Section("notes", "Notes", None, "endnotes"),
    Section("commentary", "Commentary", "pages/commentary.j2", "appendix", "Commentary"),
    Section("chronology", "Chronology", "pages/chronology.j2", "appendix", "Chronology"),
    Section("glossary", "Glossary", "pages/glossary.j2", "glossary", "Glossary"),
    Section("sources", "Sources", "pages/sources.j2", "bibliography", "Sources"),
    Section("textual-note", "Textual note", "pages/textual-note.j2", "appendix", "Textual note"),
    Section("index", "Index of names", "pages/index.j2", "index", "Index"),
    Section("colophon", "Colophon", "pages/colophon.j2", "colophon", "Colophon"),
)
