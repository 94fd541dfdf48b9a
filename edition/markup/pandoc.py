"""The build's only door to pandoc: Markdown to AST, and AST to HTML with citeproc.

Markdown fragments go to pandoc many at a time, because starting pandoc costs
more than converting a note; but in batches of bounded size, because pandoc's
memory grows with its input (at 200 times the edition one call took 3.2 GB
to render the HTML). The batches run side by side.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from ..errors import BuildError, ToolMissing
from ..support import memo

READER = "markdown+smart"
_FENCE = ":" * 24
# Characters of input to one pandoc process: each takes a few hundred MB at most.
MARKDOWN_BATCH = 4_000_000
JSON_BATCH = 4_000_000
HEAP_LIMIT = "1g"  # pandoc's heap (the 200x book's largest batch takes a few hundred MB)


@cache
def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:
        raise ToolMissing(None, "pandoc: pypandoc is not installed; run `pip install pypandoc-binary`") from None
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        raise ToolMissing(None, "pandoc: no pandoc binary; run `pip install pypandoc-binary`") from None


@cache
def pandoc_version() -> str:
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("\n", 1)[0].split()[-1]


def _run(args: list[str], stdin: str, cwd: Path) -> str:
    # --sandbox: pandoc may read no file and fetch no URL beyond those named
    # on its command line, whatever the Markdown asks for.
    # +RTS -M: pandoc's heap has a ceiling, so that no input can take the machine's memory.
    proc = subprocess.run(
        [pandoc_path(), "+RTS", f"-M{HEAP_LIMIT}", "-RTS", "--sandbox", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    if proc.returncode != 0:
        if "heap" in proc.stderr.lower():
            raise BuildError(None, f"pandoc ran out of its memory ({HEAP_LIMIT} of heap): a fragment is too large")
        raise BuildError(None, f"pandoc failed: {proc.stderr.strip()}")
    return proc.stdout


# What pandoc's Markdown reader resolves across a whole document: a heading (its identifier is made
# unique among all headings, and [Its text] links to it), a reference link's or a footnote's definition,
# a numbered example. Matched generously: a heading may stand in a block quote or a list item.
_DOCUMENT_WIDE = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?#|\]:|^[ \t>]*[=-]+[ \t]*$|\[\^|\^\[|\(@", re.M)


def parse_markdown(fragments: dict[str, str], cwd: Path) -> dict[str, str]:
    """Parse Markdown fragments, in as few pandoc calls as the batch size allows; return each one's AST as JSON.

    Under --watch, a fragment parsed by the last build is recalled (support/memo.py), under a key of its
    text and of every fragment that may define something document-wide. The others are parsed together
    with all of those, in the manuscript's order, so each parses as it would among all the fragments.
    """
    if not memo.enabled():
        return _parse_all(fragments, cwd)
    wide = [key for key, text in fragments.items() if _DOCUMENT_WIDE.search(text)]
    context = memo.digest(READER, str(cwd), *(fragments[key] for key in wide))
    keys = {key: memo.digest(context, text) for key, text in fragments.items()}
    parsed = {key: memo.recall("markdown", keys[key]) for key in fragments}
    todo = {key for key in fragments if parsed[key] is None}
    if todo:
        sent = {key: text for key, text in fragments.items() if key in todo or key in wide}
        fresh = _parse_all(sent, cwd)
        for key in todo:
            parsed[key] = fresh[key]
            memo.keep("markdown", keys[key], fresh[key])
    return parsed  # type: ignore[return-value]


def _parse_all(fragments: dict[str, str], cwd: Path) -> dict[str, str]:
    texts = [f"{_FENCE} {{#frag-{i}}}\n{text}\n\n{_FENCE}\n" for i, text in enumerate(fragments.values())]
    found: dict[int, str] = {}
    for batch in _map(lambda batch: _parse_batch(batch, cwd), _batches(texts, MARKDOWN_BATCH)):
        found.update(batch)
    return {key: found.get(i, "[]") for i, key in enumerate(fragments)}


def _parse_batch(texts: list[str], cwd: Path) -> dict[int, str]:
    found: dict[int, str] = {}
    for block in _top_blocks(_run(["-f", READER, "-t", "json"], "\n".join(texts), cwd)):
        if block["t"] == "Div" and block["c"][0][0].startswith("frag-"):
            ast = json.dumps(block["c"][1], ensure_ascii=False, separators=(",", ":"))
            found[int(block["c"][0][0][5:])] = _NOTE_NUMBER.sub('"citationNoteNum":0', ast)
    return found


# pandoc numbers each citation by the notes before it in its input, which only a notes style reads (the
# edition's is author-date): made 0, a fragment's AST is the same whatever it was parsed with.
_NOTE_NUMBER = re.compile(r'"citationNoteNum":\d+')


def _batches(texts: list[str], budget: int) -> list[list[str]]:
    """The texts in order, in runs of at most budget characters (a longer text is a run of its own)."""
    batches: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if batches[-1] and size + len(text) > budget:
            batches.append([])
            size = 0
        batches[-1].append(text)
        size += len(text)
    return batches


def _map(function, batches: list) -> list:
    """function over the batches, a pandoc process per processor, at most four at once.

    Each takes a few hundred megabytes at most; four bound what they take together.
    """
    if len(batches) == 1:
        return [function(batches[0])]
    with ThreadPoolExecutor(max_workers=min(len(batches), os.cpu_count() or 2, 4)) as pool:
        return list(pool.map(function, batches))


def _top_blocks(doc: str):
    """The top-level blocks of a pandoc JSON document, decoded one at a time (ijson) to bound memory."""
    import ijson

    try:
        yield from ijson.items(io.BytesIO(doc.encode()), "blocks.item", use_float=True)
    except ijson.JSONError as error:
        raise BuildError(None, f"pandoc wrote JSON the build cannot read: {error}") from None


def _cite(keys: list[str], text: str = "@") -> dict:
    """A pandoc Cite node citing the keys, in order."""
    citations = [
        {
            "citationId": key,
            "citationPrefix": [],
            "citationSuffix": [],
            "citationMode": {"t": "NormalCitation"},
            "citationNoteNum": 0,
            "citationHash": 0,
        }
        for key in keys
    ]
    return {"t": "Cite", "c": [citations, [{"t": "Str", "c": text}]]}


# The CSL fields that are addresses and numbers, not prose. pandoc reads every string of a bibliography in CSL
# YAML as Markdown: its smart punctuation made an em dash of the "---" in an address. Escaped, they stay as written.
VERBATIM_FIELDS = ("URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def bibliography_yaml(references: Iterable[dict]) -> str:
    """The references as the CSL YAML pandoc is given (in JSON syntax, which is YAML), addresses escaped."""
    entries = [
        {
            k: _PUNCTUATION.sub(r"\\\1", v) if k.upper() in VERBATIM_FIELDS and isinstance(v, str) else v
            for k, v in ref.items()
        }
        for ref in references
    ]
    # pandoc reads the file with libyaml, which refuses DEL and C1 controls and takes U+2028/9 as line breaks.
    return _UNSAFE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(entries, ensure_ascii=False, indent=0))


_UNSAFE_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029]")


def render_html(
    fragments: dict[str, str],
    references: Iterable[dict],
    cwd: Path,
    lang: str,
    cite_order: list[str] | tuple[str, ...] = (),
) -> tuple[dict[str, str], str]:
    """Render AST fragments to HTML, in batches, citations resolved by citeproc.

    Returns each fragment's HTML and the HTML of the bibliography (every entry,
    cited or not: the bibliography is the edition's list of sources). The references are CSL items.
    """
    # citeproc tells two sources by one author of one year apart ("2000a", "2000b", "n.d.-a") in the
    # order they are first cited: every batch first cites them all in the bibliography's order, in a
    # block that is not kept, so that each batch (and one call) gives every source the same letter.
    order = [json.dumps({"t": "Div", "c": [["cite-order", [], []], [{"t": "Para", "c": [_cite(list(cite_order))]}]]})]
    # Every batch cites the whole bibliography (nocite @*), so citeproc tells
    # "2000a" from "2000b" the same way in each; the list of sources is the first's.
    meta = {
        "nocite": {"t": "MetaInlines", "c": [_cite(["*"], "@*")]},
        "link-citations": {"t": "MetaBool", "c": True},
        "lang": {"t": "MetaString", "c": lang},
    }
    head = json.dumps({"pandoc-api-version": _api_version(cwd), "meta": meta})
    # So each fragment renders as it would among all the others (and, under --watch, one rendered by the
    # last build is recalled): footnotes are numbered across the document, so those with one are in every key.
    bibliography = bibliography_yaml(references)
    keys: dict[str, str] = {}
    context = ""
    if memo.enabled():  # digests only where they are used: at 200 times the edition they are of 20 MB
        context = memo.digest(head, *order, bibliography, *(a for a in fragments.values() if '"Note"' in a))
        keys = {key: memo.digest(context, ast) for key, ast in fragments.items()}
    html = {key: memo.recall("html", keys[key]) if keys else None for key in fragments}
    refs = memo.recall("refs", context) if keys else None
    todo = [key for key in fragments if html[key] is None]
    if not todo and refs is not None:
        return html, refs  # type: ignore[return-value]
    # The fragments' ASTs are JSON text already: each batch's document is put together as text.
    blocks = [f'{{"t":"Div","c":[["frag-{i}",[],[]],{fragments[key]}]}}' for i, key in enumerate(todo)]
    with tempfile.TemporaryDirectory(prefix="bibliography-") as folder:
        path = Path(folder) / "bibliography.yaml"
        path.write_text(bibliography, encoding="utf-8")
        for batch_html, batch_refs in _map(
            lambda batch: _render_batch(head, (order if cite_order else []) + batch, todo, path, cwd),
            _batches(blocks, JSON_BATCH),
        ):
            html.update(batch_html)
            refs = refs or batch_refs
    if keys:
        for key in todo:
            memo.keep("html", keys[key], html[key])
        memo.keep("refs", context, refs)
    return html, refs  # type: ignore[return-value]


def _render_batch(
    head: str, blocks: list[str], keys: list[str], bibliography: Path, cwd: Path
) -> tuple[dict[str, str], str]:
    """One pandoc document: the head (API version and metadata), these blocks and the list of sources."""
    refs = '{"t":"Div","c":[["refs",[],[]],[]]}'
    doc = head[:-1] + ',"blocks":[' + ",".join([*blocks, refs]) + "]}"
    html = _run(
        ["-f", "json", "-t", "html5", "--wrap=none", "--citeproc", f"--bibliography={bibliography}"],
        doc,
        cwd,
    )
    return _split_html(html, keys)


@cache
def _api_version(cwd: Path) -> list[int]:
    return json.loads(_run(["-f", "markdown", "-t", "json"], "", cwd))["pandoc-api-version"]


def _split_html(html: str, keys: list[str]) -> tuple[dict[str, str], str]:
    from lxml import html as lhtml

    root = lhtml.fragment_fromstring(html, create_parent="div")
    out: dict[str, str] = {}
    refs = ""
    for div in root.iterchildren("div"):
        ident = div.get("id", "")
        inner = (div.text or "") + "".join(lhtml.tostring(child, encoding="unicode") for child in div)
        if ident.startswith("frag-"):
            out[keys[int(ident[5:])]] = inner
        elif ident == "refs":
            # keep the wrapper: it carries role="list" for the entries' role="listitem"
            refs = lhtml.tostring(div, encoding="unicode")
    return out, refs
