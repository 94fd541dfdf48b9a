"""Join the PDFs of the book's parts into one PDF, with pikepdf.

The first part's PDF is the base: its catalogue carries what WeasyPrint wrote
for the whole book (the XMP packet, the output intent, the language, the
viewer preferences). The other parts' pages are appended, with a blank page
wherever a part must begin on a right-hand page. Then what spans the parts
is made whole again:

- the structure tree: each part's elements go under the one Document
  element, and the parent-tree keys of later parts are moved past the
  earlier ones;
- named destinations: each name points at the part that really holds it
  (a part also holds stand-ins for anchors in other parts, see
  render_pdf.bridge_links);
- the outline (bookmarks), chained across the parts;
- the attached files, added once, with their relationship (PDF/A-3).
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import BuildError


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
) -> int:
    """Write the parts as one PDF at target; return its page count."""
    import pikepdf

    base = pikepdf.open(parts[0])
    tagged = "/StructTreeRoot" in base.Root
    document = base.Root.StructTreeRoot.K[0] if tagged else None
    parent_tree = base.Root.StructTreeRoot.ParentTree.Nums if tagged else None
    next_key = _next_key(parent_tree) if tagged else 0
    dests: dict[str, pikepdf.Object] = _dests(base, anchors[0], copy=None)
    outline_items = _outline_items(base)
    for index, path in enumerate(parts[1:], start=1):
        src = pikepdf.open(path)
        _retag_fonts(src, index)
        if blank_before[index]:
            _add_blank_page(base)
        if tagged:
            src_tree = src.Root.StructTreeRoot
            keys = _keys(src_tree.ParentTree.Nums)
            for page in src.pages:
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + next_key
                for annot in page.obj.get("/Annots", []):
                    if "/StructParent" in annot:
                        annot.StructParent = int(annot.StructParent) + next_key
        with warnings.catch_warnings():
            # The warning is about named destinations, which are joined below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            base.pages.extend(src.pages)
        if tagged:
            kids = list(src_tree.K[0].K)
            for kid in kids:
                del kid["/P"]  # copy the element, not the other part's tree above it
            for kid in kids:
                copied = base.copy_foreign(kid)
                copied.P = document
                document.K.append(copied)
            nums = src_tree.ParentTree.Nums
            for i in range(0, len(nums), 2):
                parent_tree.append(int(nums[i]) + next_key)
                parent_tree.append(_copy(base, src, nums[i + 1]))
            next_key += max(keys, default=-1) + 1
        dests.update(_dests(src, anchors[index], copy=base))
        for item in _outline_items(src):
            for key in ("/Prev", "/Next", "/Parent"):
                if key in item:
                    del item[key]
            outline_items.append(base.copy_foreign(item))
    if tagged:
        base.Root.StructTreeRoot.ParentTreeNextKey = next_key
    lost = sorted(
        {str(a.Dest) for page in base.pages for a in page.obj.get("/Annots", []) if "/Dest" in a} - set(dests)
    )
    if lost:
        # A link whose anchor the layout lost: so was what it points at (a footnote, once).
        raise BuildError(None, f"the layout lost what {len(lost)} link(s) point at: {', '.join(lost[:5])}")
    _set_dests(base, dests)
    _set_outline(base, outline_items)
    if attachments:
        _attach(base, attachments, moment)
    base.save(target, deterministic_id=True)
    return len(base.pages)


def _retag_fonts(pdf, index: int) -> None:
    """Give a part's font subsets tags of their own.

    Each part embeds its own subset of a face under the same tag, and PDF
    requires different subsets in one file to have different tags
    (ISO 32000-1, 9.6.4).
    """
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in ("/BaseFont", "/FontName"):
            name = str(obj.get(key, ""))
            if "+" in name:
                tag, rest = name[1:].split("+", 1)
                digest = hashlib.sha256(f"{tag}:{index}".encode()).digest()
                obj[key] = pikepdf.Name("/" + "".join(chr(65 + b % 26) for b in digest[:6]) + "+" + rest)


def _copy(into, source, obj):
    """A copy in `into` of an object of `source`, direct or not."""
    return into.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))


def _keys(nums) -> list[int]:
    return [int(nums[i]) for i in range(0, len(nums), 2)]


def _next_key(nums) -> int:
    return max(_keys(nums), default=-1) + 1


def _dests(pdf, names: set[str], copy) -> dict:
    """The named destinations of a part's PDF that the part really holds."""
    import pikepdf

    out = {}
    tree = pdf.Root.get("/Names", pikepdf.Dictionary()).get("/Dests")
    if tree is None:
        return out
    for name, dest in pikepdf.NameTree(tree).items():
        if name in names:
            out[name] = _copy(copy, pdf, dest) if copy is not None else dest
    return out


def _set_dests(pdf, dests: dict) -> None:
    import pikepdf

    names = pdf.Root.get("/Names")
    if names is None:
        names = pdf.Root.Names = pikepdf.Dictionary()
    flat = pikepdf.Array()
    for name in sorted(dests):
        flat.append(pikepdf.String(name))
        flat.append(dests[name])
    names.Dests = pdf.make_indirect(pikepdf.Dictionary(Names=flat))


def _outline_items(pdf) -> list:
    outlines = pdf.Root.get("/Outlines")
    items = []
    item = outlines.get("/First") if outlines is not None else None
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _set_outline(pdf, items: list) -> None:
    import pikepdf

    if not items:
        return
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    for before, after in zip(items, items[1:], strict=False):
        before.Next = after
        after.Prev = before
    for item in items:
        item.Parent = root
    root.First, root.Last = items[0], items[-1]
    root.Count = sum(1 + max(int(item.get("/Count", 0)), 0) for item in items)
    pdf.Root.Outlines = root


def _add_blank_page(pdf) -> None:
    """An empty page like the last one, as a whole-book layout puts before a right-hand chapter.

    On the printer's sheet it keeps the crop marks, which the last page's
    final content stream draws (see render_pdf.crop_marks).
    """
    import pikepdf

    last = pdf.pages[-1].obj
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=pikepdf.Dictionary())
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if box in last:
            page[box] = pikepdf.Array([float(v) for v in last[box]])
    contents = last.get("/Contents")
    if isinstance(contents, pikepdf.Array) and contents[-1].read_bytes().startswith(b"Q /Artifact BMC"):
        page.Contents = pikepdf.Array([pdf.make_stream(b"q"), contents[-1]])
    pdf.pages.append(pikepdf.Page(page))


def _attach(pdf, attachments: list[Attachment], moment: datetime) -> None:
    """Embed files as PDF/A-3 associated files: listed in the catalogue's AF and in EmbeddedFiles."""
    import pikepdf

    stamp = pikepdf.String(moment.strftime("D:%Y%m%d%H%M%SZ"))
    specs = []
    for att in attachments:
        stream = pdf.make_stream(att.data)
        stream.Type = pikepdf.Name.EmbeddedFile
        stream.Subtype = pikepdf.Name("/" + att.mime_type)
        stream.Params = pikepdf.Dictionary(
            CheckSum=pikepdf.String(hashlib.md5(att.data).digest()),
            Size=len(att.data),
            CreationDate=stamp,
            ModDate=stamp,
        )
        spec = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec,
                F=pikepdf.String(att.name),
                UF=pikepdf.String(att.name),
                Desc=pikepdf.String(att.description),
                AFRelationship=pikepdf.Name("/" + att.relationship),
                EF=pikepdf.Dictionary(F=stream, UF=stream),
            )
        )
        specs.append((att.name, spec))
    names = pdf.Root.get("/Names")
    if names is None:
        names = pdf.Root.Names = pikepdf.Dictionary()
    flat = pikepdf.Array()
    for name, spec in sorted(specs, key=lambda pair: pair[0]):
        flat.append(pikepdf.String(name))
        flat.append(spec)
    names.EmbeddedFiles = pdf.make_indirect(pikepdf.Dictionary(Names=flat))
    pdf.Root.AF = pikepdf.Array([spec for _name, spec in specs])
