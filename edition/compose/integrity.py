"""What a validator would reject in the composed documents, found before anything is rendered.

Only composition knows every id: the templates make their own (`comm-ID`, `note-N`, `chron-ID`, a page's
`main`) beside the manuscript's (`[phrase]{#id}`, a heading's). An id given twice, or a link into the
edition that leads to no id, is an error here, named by the manuscript's file and line where the
manuscript wrote it, rather than an EPUBCheck finding after the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..errors import BuildError
from ..markup import web_address
from ..markup.pandoc_ast import plain_text, walk
from ..model import Manuscript

_ID = re.compile(r'\sid="([^"]*)"')
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def whole_tags(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """The text in pieces of about size characters, each ending after a tag, so that no attribute is cut."""
    held = ""
    for chunk in chunks:
        held += str(chunk)  # some are Markup, whose + would escape the text held
        cut = held.rfind(">") + 1 if len(held) >= size else 0
        if cut:
            yield held[:cut]
            held = held[cut:]
    if held:
        yield held


def check_documents(documents: Iterable[tuple[str, str]], ms: Manuscript | None, across: bool) -> None:
    """Ids unique across the documents (across) or in each, and every link to a document's id resolved."""
    ids: dict[str, set[str]] = {}  # document -> its ids
    links: list[tuple[str, str]] = []
    seen: dict[str, str] = {}  # id -> the document it was first given in
    for name, text in documents:  # a document may come in pieces, one after another under its name
        ids.setdefault(name, set())
        for match in _ID.finditer(text):
            ident = _unescaped(match.group(1))
            first = seen.get(ident) if across else (name if ident in ids[name] else None)
            if first is not None:
                raise duplicate(ms, ident, first, name)
            seen[ident] = name
            ids[name].add(ident)
        links += [(name, _unescaped(match.group(1))) for match in _HREF.finditer(text)]
    for name, href in links:
        if web_address(href):
            continue
        page, _, anchor = href.partition("#")
        target = ids.get(page or name)
        if target is None or (anchor and anchor not in target):
            raise BuildError(None, f"{name}: the link {href!r} leads to nothing in the composed edition")


def duplicate(ms: Manuscript | None, ident: str, first: str, second: str) -> BuildError:
    """The error for an id given twice, at the place in the manuscript that gives it, where one does."""
    where = f"in {first}" + (f" and {second}" if second != first else "")
    origin = None if ms is None else next(_origins(ms, ident), None)
    if origin is None:
        return BuildError(None, f"the templates give the id {ident!r} twice ({where})")
    return BuildError(
        origin[0], f"the id {ident!r} is given twice in the edition ({where}); give it another", origin[1]
    )


def _origins(ms: Manuscript, ident: str) -> Iterator[tuple[str, int | None]]:
    """Where the manuscript writes an id: {#id} in any fragment (an essay's passage is p-ID), or a heading."""
    names = [ident] + ([ident[2:]] if ident.startswith("p-") else [])
    for frag in ms.fragments():
        written = frag.source if frag.source is not None else frag.text
        for name in names:
            if re.search(r"\{[^}]*#" + re.escape(name) + r"(?![\w:.-])", written):
                yield frag.loc.path, frag.line_of("#" + name)
    for frag in ms.fragments():
        for node in walk(frag.blocks):
            if node["t"] == "Header" and node["c"][1][0] == ident:
                yield frag.loc.path, frag.line_of(plain_text(node["c"][2]).strip().split(" ")[0])


def _unescaped(value: str) -> str:
    return re.sub(r"&(?:amp|lt|gt|quot|#39);", lambda m: _ESCAPES[m.group()], value)
