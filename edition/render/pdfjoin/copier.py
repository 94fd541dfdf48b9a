"""Copying one part's PDF objects into the joined file, renumbered, and reading what spans the parts."""

from __future__ import annotations

import hashlib
import re

from .writer import PdfWriter

# In an object's syntax as qpdf writes it: a literal string (qpdf escapes its
# parentheses) or a hex string, passed over; an indirect reference, which is
# renumbered; a font's subset tag, which is made the part's own.
_TOKENS = re.compile(
    rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f]*>"
    rb"|(?<![\w.#+-])(\d+) (\d+) R(?!\w)"
    rb"|(/BaseFont /|/FontName /)([^\s/\[\]<>(){}%+]+)\+",
    re.S,
)


SHARED_SIZE = 32_768  # bytes of a stream from which identical copies in several parts are written once


class Copier:
    """Copies the objects of one part's PDF that are reached from what is asked for, renumbered."""

    def __init__(self, writer: PdfWriter, pdf, fixed: dict[tuple[int, int], int], index: int, shared: dict[bytes, int]):
        self.writer, self.pdf, self.index = writer, pdf, index
        self.numbers = dict(fixed)  # the part's object → its number in the joined file
        self.shared = shared  # a large stream's digest → its number, across the parts
        self._queue: list[tuple[int, int]] = []

    def number(self, obj) -> int:
        """The joined file's number for an indirect object of the part, copied with all it refers to."""
        number = self._number(obj.objgen)
        self.drain()
        return number

    def value(self, obj) -> bytes:
        """PDF syntax for a value: a reference to a copy if it is indirect, else the value itself."""
        if obj.is_indirect:
            return b"%d 0 R" % self.number(obj)
        syntax = self.syntax(obj)
        self.drain()
        return syntax

    def new_object(self, obj) -> int:
        """A number for the value as an indirect object of its own, whether or not it is one in the part."""
        if obj.is_indirect:
            return self.number(obj)
        number = self.writer.reserve()
        self.writer.write(number, self.syntax(obj))
        self.drain()
        return number

    def claim(self, obj) -> int:
        """Number an object that the join writes itself (later), so that references to it resolve."""
        number = self.numbers[obj.objgen] = self.writer.reserve()
        return number

    def syntax(self, obj) -> bytes:
        """The syntax of an object's value, references renumbered (and queued for copying)."""
        return _TOKENS.sub(self._token, obj.unparse(resolved=True))

    def drain(self) -> None:
        import pikepdf

        while self._queue:
            objgen = self._queue.pop()
            obj = self.pdf.get_object(objgen)
            number = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                dictionary = obj.stream_dict
                if "/Length" in dictionary:
                    del dictionary["/Length"]  # the writer gives the length of the data as stored
                self.writer.write_stream(number, self.syntax(dictionary), data)
            else:
                self.writer.write(number, self.syntax(obj))

    def _token(self, match: re.Match) -> bytes:
        if match.group(1) is not None:
            return b"%d 0 R" % self._number((int(match.group(1)), int(match.group(2))))
        if match.group(3) is not None and self.index:
            return match.group(3) + _subset_tag(match.group(4), self.index) + b"+"
        return match.group(0)

    def _number(self, objgen: tuple[int, int]) -> int:
        number = self.numbers.get(objgen)
        if number is None:
            digest = self._digest(objgen)
            if digest is not None and digest in self.shared:
                number = self.numbers[objgen] = self.shared[digest]
                return number
            number = self.numbers[objgen] = self.writer.reserve()
            if digest is not None:
                self.shared[digest] = number
            self._queue.append(objgen)
        return number

    def _digest(self, objgen: tuple[int, int]) -> bytes | None:
        """For a large stream that refers to nothing (a colour profile, which every part embeds): its digest.

        The same stream in several parts is then written once.
        """
        import pikepdf

        obj = self.pdf.get_object(objgen)
        if not isinstance(obj, pikepdf.Stream):
            return None
        data = obj.read_raw_bytes()
        syntax = obj.stream_dict.unparse(resolved=True)
        if len(data) < SHARED_SIZE or b" R" in syntax:
            return None
        return hashlib.sha256(syntax + b"\0" + data).digest()


def page_end(page, copier: Copier) -> tuple[bytes, int | None]:
    """A page's boxes, and the stream that draws its crop marks if it has one (already copied)."""
    import pikepdf

    boxes = b" ".join(
        pikepdf.Name(box).unparse() + b" " + copier.syntax(page[box])
        for box in ("/MediaBox", "/TrimBox", "/BleedBox")
        if box in page
    )
    contents = page.get("/Contents")
    marks = None
    if isinstance(contents, pikepdf.Array) and contents[-1].read_bytes().startswith(b"Q /Artifact BMC"):
        marks = copier.number(contents[-1])
    return boxes, marks


def entries(copier: Copier, dictionary, skip: set[str]) -> list[bytes]:
    """A dictionary's entries as PDF syntax, but for the keys the join writes itself."""
    import pikepdf

    return [
        pikepdf.Name(key).unparse() + b" " + copier.value(value) for key, value in dictionary.items() if key not in skip
    ]


def name_list(values: dict[str, int]) -> bytes:
    """A name tree's flat /Names array: keys in order, each with its object."""
    import pikepdf

    return b" ".join(pikepdf.String(name).unparse() + b" %d 0 R" % values[name] for name in sorted(values))


def _subset_tag(tag: bytes, index: int) -> bytes:
    """A font subset's tag for the given part.

    Each part embeds its own subset of a face under the same tag, and PDF
    requires different subsets in one file to have different tags
    (ISO 32000-1, 9.6.4).
    """
    digest = hashlib.sha256(b"%s:%d" % (tag, index)).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def dests(pdf, names: set[str]) -> list:
    """The named destinations of a part's PDF that the part really holds."""
    import pikepdf

    tree = pdf.Root.get("/Names", pikepdf.Dictionary()).get("/Dests")
    if tree is None:
        return []
    return [(name, dest) for name, dest in pikepdf.NameTree(tree).items() if name in names]


def outline_items(pdf) -> list:
    outlines = pdf.Root.get("/Outlines")
    items = []
    item = outlines.get("/First") if outlines is not None else None
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items
