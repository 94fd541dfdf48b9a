"""Small pure helpers over pandoc's JSON AST."""

from __future__ import annotations

from collections.abc import Iterator


def walk(node) -> Iterator[dict]:
    """Yield every element node ({'t': ...}) below node, depth first, in document order."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def plain_text(node, citations: bool = True, code: bool = False, quotations: bool = True) -> str:
    """The text of inlines or blocks, with quotation marks as straight ASCII quotes.

    Citations and quotations are left out if asked; code is put in if asked.
    """
    out: list[str] = []

    def visit(n) -> None:
        if isinstance(n, list):
            for item in n:
                visit(item)
            return
        if not isinstance(n, dict) or "t" not in n:
            return
        t, c = n["t"], n.get("c")
        if t == "Str":
            out.append(c.replace("\u2019", "'").replace("\u2018", "'"))
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Quoted" and not quotations:
            out.append(" ")
        elif t == "Quoted":
            mark = '"' if c[0]["t"] == "DoubleQuote" else "'"
            out.append(mark)
            visit(c[1])
            out.append(mark)
        elif t in ("Para", "Plain", "Header", "Div", "BlockQuote"):
            visit(c)
            out.append("\n")
        elif t == "Note" or (t == "Cite" and not citations):
            return
        elif t == "Code" and code:
            out.append(c[1])
        else:
            visit(c)

    visit(node)
    return "".join(out)
