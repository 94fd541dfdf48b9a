"""What the loader learns from a fragment's AST: its note calls, anchors, citations and links.

Raw markup and resources outside the project are refused here, with the line they are on.
"""

from __future__ import annotations

import re
from pathlib import Path

import langcodes

from ..errors import BuildError
from ..markup import URL_SCHEME, schemes_allowed, web_address
from ..markup.pandoc_ast import walk
from ..model import Fragment
from ..support.storage import inside

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# Where each kind of node keeps its attributes ({#id .class key=value}), and what they may hold: an
# id, the classes the templates style, a note's n= and a language; anything else (onclick=...) is refused.
_ATTRIBUTED = {"Span": 0, "Div": 0, "Link": 0, "Image": 0, "Code": 0, "CodeBlock": 0, "Header": 1, "Table": 0}
ALLOWED_CLASSES = {"tagline"}
ALLOWED_KEYS = {"n", "lang"}


_FENCE = re.compile(r"^[ ]{0,3}(:{3,})(.*)$", re.M)
# Constructs of pandoc Markdown the edition has no place for, by the name an editor knows them by.
UNSUPPORTED = {
    "Note": ("a pandoc footnote (^[...] or [^1]); a note belongs in notes.yaml,", "^"),
    "Math": ("TeX math ($...$)", "$"),
    "LineBlock": ("a line block (| ...)", "|"),
    "DefinitionList": ("a definition list", ":"),
    "Table": ("a table", "|"),
}


def check_fences(frag: Fragment, allowed: bool) -> None:
    """Fenced divs (:::) are refused, but where allowed (the essay's tagline), and there they must balance.

    The build joins the fragments for pandoc inside fences of its own, which
    an unbalanced fence would close: the text after it would be lost.
    """
    depth, line = 0, frag.loc.line
    for match in _FENCE.finditer(frag.text):
        line = (frag.loc.line or 1) + frag.text.count("\n", 0, match.start())
        if not allowed:
            raise BuildError(frag.loc.path, "a fenced div (:::) is not supported here", line)
        depth += 1 if match.group(2).strip() else -1
        if not 0 <= depth <= 1:
            raise BuildError(frag.loc.path, "a fenced div (:::) that does not balance, or one inside another", line)
    if depth:
        raise BuildError(frag.loc.path, "a fenced div (:::) is opened and never closed", line)


_SUBTAGS = re.compile(r"^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


def bcp47(tag: str) -> bool:
    """Whether a language tag is BCP 47, in its syntax (hyphens, not langcodes' tolerated underscores) and its
    registry of subtags, as EPUBCheck reads xml:lang."""
    return bool(_SUBTAGS.match(tag)) and langcodes.tag_is_valid(tag)


def check_attributes(frag: Fragment, kind: str, attr: list) -> None:
    """Attributes from the manuscript pass an allow-list, so that no live attribute reaches an output;
    a language must be a BCP 47 tag, as a validator would require of the output."""
    _ident, classes, pairs = attr
    for key, value in pairs:
        if key == "lang" and not bcp47(value):
            raise BuildError(
                frag.loc.path,
                f"lang={value!r} is not a valid BCP 47 language tag (such as sq or sr-Latn)",
                frag.line_of(value),
            )
    for name in [c for c in classes if c not in ALLOWED_CLASSES] + [k for k, _v in pairs if k not in ALLOWED_KEYS]:
        shown = name if name in classes else f"{name}="
        raise BuildError(
            frag.loc.path,
            f"attribute {shown!r} is not allowed on a {kind.lower()}: only an id, n=, lang= and the classes "
            f"{', '.join(sorted(ALLOWED_CLASSES))}",
            frag.line_of(name),
        )


def analyse(frag: Fragment, project: Path) -> None:
    """Fill the fragment's lists from its AST, refusing raw markup and outside resources."""
    for node in walk(frag.blocks):
        t, c = node["t"], node.get("c")
        if t in ("RawInline", "RawBlock"):
            match = _TAG.search(frag.text)
            snippet = c[1].strip().splitlines()[0][:40] if c[1].strip() else c[0]
            raise BuildError(
                frag.loc.path,
                f"raw {c[0]} is not allowed in the manuscript: {snippet!r}",
                frag.line_of(match.group(0)) if match else frag.loc.line,
            )
        if t in UNSUPPORTED:
            name, needle = UNSUPPORTED[t]
            raise BuildError(frag.loc.path, f"{name} is not supported in the manuscript", frag.line_of(needle))
        if t in _ATTRIBUTED:
            check_attributes(frag, t, c[_ATTRIBUTED[t]])
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
            check_target(frag, t, target, project)
            if t == "Link" and target.startswith("#"):
                frag.xrefs.append(target[1:])


def check_target(frag: Fragment, kind: str, target: str, project: Path) -> None:
    """A link leads to a place in the edition (#...) or to the web (the one allow-list of schemes, markup/);
    an image is a file of the project."""
    line = frag.line_of(target)
    if kind == "Link":
        if target.startswith("#") or web_address(target):
            return
        raise BuildError(
            frag.loc.path,
            f"link to {target[:80]!r}: a link leads to a web address ({schemes_allowed()}) "
            "or to a part of the edition (#note:, #chron:, #gloss:, #passage:)",
            line,
        )
    if URL_SCHEME.match(target):
        raise BuildError(
            frag.loc.path, f"{kind.lower()} refers to a URL ({target}); only files in the project may be used", line
        )
    resolved = project / "manuscript" / target
    if not inside(resolved, project):
        raise BuildError(frag.loc.path, f"{kind.lower()} path {target!r} is outside the project", line)
    if not resolved.is_file():
        raise BuildError(frag.loc.path, f"{kind.lower()} file {target!r} does not exist", line)


# What a bibliography's field may not hold, though the notes may: it is text and web links in a list of sources.
_NOT_IN_A_REFERENCE = {"Image": "an image", "Cite": "a citation", "Header": "a heading"}


def check_reference_field(frag: Fragment) -> None:
    """A reference's field makes no id, note call, citation, image or link into the edition (analysed first)."""
    for node in walk(frag.blocks):
        t, c = node["t"], node.get("c")
        what = _NOT_IN_A_REFERENCE.get(t)
        if what is None and t in _ATTRIBUTED and (c[_ATTRIBUTED[t]][0] or "n" in dict(c[_ATTRIBUTED[t]][2])):
            what = "an id or a note call"
        if what is None and t == "Link" and c[2][0].startswith("#"):
            what = "a link into the edition"
        if what is not None:
            raise BuildError(
                frag.loc.path,
                f"{what} is not allowed in a bibliography field: it holds text and web links",
                frag.loc.line,
            )
