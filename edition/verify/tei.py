"""The TEI document checked against tei_all (RELAX NG, lxml), and its two readings of the essay.

The schema is vendored in schemas/ (see schemas/README.md for its release and
licence): Debian packages no compiled TEI schema, and the check must not need
the network. lxml's RELAX NG (libxml2) is used rather than jing, which is not a
dependency of the project.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from ..outputs import Output
from .tools import Findings

SCHEMA = Path(__file__).parent / "schemas" / "tei_all.rng"
TEI = "{http://www.tei-c.org/ns/1.0}"
# In a choice, the copy-text's reading and the edition's.
COPY_TEXT = frozenset({f"{TEI}sic", f"{TEI}orig"})
EDITION = frozenset({f"{TEI}corr", f"{TEI}reg"})
INDEX = f"{TEI}index"
MAX_PROBLEMS = 20


@functools.cache
def tei_all() -> etree.RelaxNG:
    """The compiled schema: about ten seconds, so once per process."""
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def check_tei(path: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """Validate the document against tei_all; every error with its line."""
    found = Findings("TEI (tei_all)", path.name)
    try:
        doc = etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        found.problems.append(f"not well-formed: {error}")
        return found
    schema = tei_all()
    if not schema.validate(doc):
        found.problems += [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:MAX_PROBLEMS]]
    found.summary = "valid against tei_all (TEI P5 4.9.0)" if found.ok else f"{len(schema.error_log)} errors"
    return found


def reading(el: etree._Element, side: frozenset[str]) -> str:
    """An element's text as one side of its choices reads it (COPY_TEXT or EDITION): the other side and the
    index's points left out, the blocks (head, p, fw) ending in a space, as the words of the two texts are compared."""
    other = EDITION if side is COPY_TEXT else COPY_TEXT
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.tag in other or node.tag == INDEX:  # an index point's term is the index's heading, not the text
            return
        parts.append(node.text or "")
        for child in node:
            visit(child)
            parts.append(child.tail or "")
        if node.tag in (f"{TEI}head", f"{TEI}p", f"{TEI}fw"):
            parts.append(" ")

    visit(el)
    return "".join(parts)
