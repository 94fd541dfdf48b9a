"""Join the PDFs of the book's parts into one PDF.

The parts are read with pikepdf one at a time and their objects written out
at once, renumbered, by a streaming writer (pdf_writer): a joined file held
whole in qpdf took about 1.6 KB for each of its objects, and a tagged book
has hundreds of objects a page. What spans the parts is kept as object
numbers and written last.

The first part's PDF is the base: its catalogue carries what WeasyPrint wrote
for the whole book (the XMP packet, the output intent, the language, the
viewer preferences). The parts' pages follow one another, with a blank page
wherever a part must begin on a right-hand page, and what spans the parts is
made whole again:

- the structure tree: each part's elements go under the one Document
  element, and the parent-tree keys of later parts are moved past the
  earlier ones;
- named destinations: each name points at the part that really holds it
  (a part also holds stand-ins for anchors in other parts, see
  weasy.bridge_links);
- the outline (bookmarks), chained across the parts;
- the attached files, added once, with their relationship (PDF/A-3).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ...errors import BuildError
from ...printers import INTERIOR_MIN_PAGES
from ...support.storage import naming
from .copier import Copier, dests, entries, name_list, outline_items, page_end
from .writer import PdfWriter


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    description: str
    relationship: str  # 'Source', 'Supplement', ...
    mime_type: str


def join(
    parts: list[Path],
    blank_before: list[bool],
    anchors: list[set[str]],
    target: Path,
    attachments: list[Attachment],
    moment: datetime,
    pad: bool = False,
) -> int:
    """Write the parts as one PDF at target; return its page count.

    pad, for a printer: blank pages at the end up to the printers' minimum page
    count (printers.INTERIOR_MIN_PAGES), a blank page at the end in any case, and
    another if the count is odd, so that the book ends on a blank page and has an
    even count.
    """
    import pikepdf

    with naming(target), open(target, "wb") as out:
        book: _Book | None = None
        for index, path in enumerate(parts):
            with pikepdf.open(path) as src:
                if book is None:
                    book = _Book.begin(PdfWriter(out, src.pdf_version), src)
                book.add_part(src, index, anchors[index], blank_before[index])
        if book is None:
            raise BuildError(None, "a book needs at least one part to join")
        if pad:
            while len(book.pages) < INTERIOR_MIN_PAGES - 1:  # a short text's book reaches the printers' minimum
                book.add_blank_page()
            book.add_blank_page()
            if len(book.pages) % 2:
                book.add_blank_page()
        book.finish(attachments, moment)
        return len(book.pages)


@dataclass
class _Book:
    """The joined file's own objects, and what spans the parts, gathered while the parts are copied."""

    writer: PdfWriter
    catalog: int
    pages_root: int
    info: int | None
    tagged: bool
    struct_root: int = 0
    document: int = 0
    catalog_entries: list[bytes] = field(default_factory=list)
    struct_root_entries: list[bytes] = field(default_factory=list)
    document_entries: list[bytes] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    struct_kids: list[bytes] = field(default_factory=list)
    parent_tree: list[tuple[int, int]] = field(default_factory=list)
    next_key: int = 0
    dests: dict[str, int] = field(default_factory=dict)
    links: set[str] = field(default_factory=set)
    outline: list[tuple[int, int, bytes]] = field(default_factory=list)  # number, /Count, syntax
    last_page: tuple[bytes, int | None] | None = None  # its boxes, and its crop marks' stream
    shared: dict[bytes, int] = field(default_factory=dict)  # large streams written once for every part

    @classmethod
    def begin(cls, writer: PdfWriter, base) -> _Book:
        tagged = "/StructTreeRoot" in base.Root
        book = cls(writer, writer.reserve(), writer.reserve(), None, tagged)
        if tagged:
            book.struct_root, book.document = writer.reserve(), writer.reserve()
        return book

    def add_part(self, src, index: int, anchors: set[str], blank_before: bool) -> None:
        root = src.Root
        fixed = {root.objgen: self.catalog, root.Pages.objgen: self.pages_root}
        if self.tagged:
            tree = root.StructTreeRoot
            fixed[tree.objgen] = self.struct_root
            fixed[tree.K[0].objgen] = self.document
        if set(root.Pages.keys()) - {"/Type", "/Kids", "/Count"}:
            raise BuildError(None, "a part's page tree has attributes for its pages to inherit; the join drops them")
        copier = Copier(self.writer, src, fixed, index, self.shared)
        top_items = outline_items(src)
        numbers = [copier.claim(item) for item in top_items]
        if index == 0:
            self._take_catalog(copier, src)
        if blank_before and self.pages:
            self.add_blank_page()
        key_offset = self.next_key
        for page in src.pages:
            obj = page.obj
            if self.tagged and "/StructParents" in obj:
                obj.StructParents = int(obj.StructParents) + key_offset
            for annot in obj.get("/Annots", []):
                if self.tagged and "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + key_offset
                if "/Dest" in annot:
                    self.links.add(str(annot.Dest))
            self.pages.append(copier.number(obj))
        self.last_page = page_end(src.pages[-1].obj, copier) if len(src.pages) else self.last_page
        if self.tagged:
            self.struct_kids += [copier.value(kid) for kid in src.Root.StructTreeRoot.K[0].K]
            nums = src.Root.StructTreeRoot.ParentTree.Nums
            for i in range(0, len(nums), 2):
                key = int(nums[i]) + key_offset
                self.parent_tree.append((key, copier.new_object(nums[i + 1])))
                self.next_key = max(self.next_key, key + 1)
        for name, dest in dests(src, anchors):
            self.dests[name] = copier.new_object(dest)
        for item, number in zip(top_items, numbers, strict=True):
            for key in ("/Prev", "/Next", "/Parent"):
                if key in item:
                    del item[key]
            self.outline.append((number, int(item.get("/Count", 0)), copier.syntax(item)))
            copier.drain()

    def _take_catalog(self, copier: Copier, src) -> None:
        """What the base part's catalogue, trailer and structure tree say for the whole book."""
        own = {"/Type", "/Pages", "/StructTreeRoot", "/Names", "/Outlines", "/AF"}
        self.catalog_entries = entries(copier, src.Root, own)
        if "/Info" in src.trailer:
            self.info = copier.new_object(src.trailer.Info)
        if self.tagged:
            tree = src.Root.StructTreeRoot
            self.struct_root_entries = entries(copier, tree, {"/K", "/ParentTree", "/ParentTreeNextKey"})
            self.document_entries = entries(copier, tree.K[0], {"/K"})

    def add_blank_page(self) -> None:
        """An empty page like the last one, as a whole-book layout puts before a right-hand chapter.

        On the printer's sheet it keeps the crop marks, which the last page's
        final content stream draws (see weasy.crop_marks).
        """
        boxes, marks = self.last_page or (b"", None)
        contents = b""
        if marks is not None:
            opening = self.writer.reserve()
            self.writer.write_stream(opening, b"<< >>", b"q")
            contents = b" /Contents [ %d 0 R %d 0 R ]" % (opening, marks)
        number = self.writer.reserve()
        self.writer.write(
            number, b"<< /Type /Page /Parent %d 0 R /Resources << >> %s%s >>" % (self.pages_root, boxes, contents)
        )
        self.pages.append(number)

    def finish(self, attachments: list[Attachment], moment: datetime) -> None:
        lost = sorted(self.links - set(self.dests))
        if lost:
            # A link whose anchor the layout lost: so was what it points at (a footnote, once).
            raise BuildError(None, f"the layout lost what {len(lost)} link(s) point at: {', '.join(lost[:5])}")
        write = self.writer.write
        write(
            self.pages_root,
            b"<< /Type /Pages /Count %d /Kids [ %s ] >>"
            % (len(self.pages), b" ".join(b"%d 0 R" % n for n in self.pages)),
        )
        entries = list(self.catalog_entries)
        if self.tagged:
            write(
                self.document, b"<< %s /K [ %s ] >>" % (b" ".join(self.document_entries), b" ".join(self.struct_kids))
            )
            parent_tree = self.writer.reserve()
            write(parent_tree, b"<< /Nums [ %s ] >>" % b" ".join(b"%d %d 0 R" % pair for pair in self.parent_tree))
            write(
                self.struct_root,
                b"<< %s /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
                % (b" ".join(self.struct_root_entries), self.document, parent_tree, self.next_key),
            )
            entries.append(b"/StructTreeRoot %d 0 R" % self.struct_root)
        names = []
        if self.dests:
            dests = self.writer.reserve()
            write(dests, b"<< /Names [ %s ] >>" % name_list(self.dests))
            names.append(b"/Dests %d 0 R" % dests)
        if attachments:
            specs = {att.name: self._attach(att, moment) for att in attachments}
            embedded = self.writer.reserve()
            write(embedded, b"<< /Names [ %s ] >>" % name_list(specs))
            names.append(b"/EmbeddedFiles %d 0 R" % embedded)
            entries.append(b"/AF [ %s ]" % b" ".join(b"%d 0 R" % specs[att.name] for att in attachments))
        if names:
            entries.append(b"/Names << %s >>" % b" ".join(names))
        if self.outline:
            entries.append(b"/Outlines %d 0 R" % self._write_outline())
        entries.append(b"/Pages %d 0 R" % self.pages_root)
        write(self.catalog, b"<< /Type /Catalog %s >>" % b" ".join(entries))
        self.writer.close(self.catalog, self.info)

    def _write_outline(self) -> int:
        """The top-level bookmarks of every part, chained in order under one root."""
        root = self.writer.reserve()
        numbers = [number for number, _count, _syntax in self.outline]
        for i, (number, _count, syntax) in enumerate(self.outline):
            links = b" /Parent %d 0 R" % root
            if i:
                links += b" /Prev %d 0 R" % numbers[i - 1]
            if i + 1 < len(numbers):
                links += b" /Next %d 0 R" % numbers[i + 1]
            self.writer.write(number, syntax[:-2].rstrip() + links + b" >>")
        count = sum(1 + max(count, 0) for _number, count, _syntax in self.outline)
        self.writer.write(
            root, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (numbers[0], numbers[-1], count)
        )
        return root

    def _attach(self, att: Attachment, moment: datetime) -> int:
        """Embed a file as a PDF/A-3 associated file; return its file specification's number."""
        import pikepdf

        stamp = pikepdf.String(moment.strftime("D:%Y%m%d%H%M%SZ")).unparse()
        stream = self.writer.reserve()
        self.writer.write_stream(
            stream,
            b"<< /Type /EmbeddedFile /Subtype %s /Params << /CheckSum %s /Size %d /CreationDate %s /ModDate %s >>"
            b" /Filter /FlateDecode >>"
            % (
                pikepdf.Name("/" + att.mime_type).unparse(),
                pikepdf.String(hashlib.md5(att.data).digest()).unparse(),
                len(att.data),
                stamp,
                stamp,
            ),
            zlib.compress(att.data),
        )
        spec = self.writer.reserve()
        name = pikepdf.String(att.name).unparse()
        self.writer.write(
            spec,
            b"<< /Type /Filespec /F %s /UF %s /Desc %s /AFRelationship %s /EF << /F %d 0 R /UF %d 0 R >> >>"
            % (
                name,
                name,
                pikepdf.String(att.description).unparse(),
                pikepdf.Name("/" + att.relationship).unparse(),
                stream,
                stream,
            ),
        )
        return spec
