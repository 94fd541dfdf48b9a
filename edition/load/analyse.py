"""What the loader learns from a fragment's AST: its note calls, anchors, citations and links.

Raw markup and resources outside the project are refused here, with the line they are on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BuildError
from ..markup import URL_SCHEME
from ..markup.pandoc_ast import walk
from ..model import Fragment
from ..support.storage import inside

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


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
    if kind == "Link" and (target.startswith("#") or target.startswith(("http://", "https://"))):
        return
    line = frag.line_of(target)
    if URL_SCHEME.match(target):
        raise BuildError(
            frag.loc.path, f"{kind.lower()} refers to a URL ({target}); only files in the project may be used", line
        )
    resolved = project / "manuscript" / target
    if not inside(resolved, project):
        raise BuildError(frag.loc.path, f"{kind.lower()} path {target!r} is outside the project", line)
    if not resolved.is_file():
        raise BuildError(frag.loc.path, f"{kind.lower()} file {target!r} does not exist", line)
