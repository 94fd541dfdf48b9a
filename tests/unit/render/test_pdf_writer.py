"""The streaming PDF writer, and the join that copies the parts' objects through it."""

import hashlib
import io
import subprocess
from datetime import UTC, datetime

import pikepdf
import pytest

from edition.errors import BuildError
from edition.render.pdfjoin.join import Attachment, join
from edition.render.pdfjoin.writer import BATCH, PdfWriter


def write_sample(count: int) -> bytes:
    out = io.BytesIO()
    writer = PdfWriter(out, "1.7")
    catalog, pages = writer.reserve(), writer.reserve()
    numbers = [writer.reserve() for _ in range(count)]
    for i, number in enumerate(numbers):
        writer.write(number, b"<< /Index %d /Text (object %d 0 R) >>" % (i, i))
    stream = writer.reserve()
    writer.write_stream(stream, b"<< /Kind /Raw >>", b"raw bytes\x00\xff")
    writer.write(pages, b"<< /Type /Pages /Kids [ ] /Count 0 >>")
    others = b" ".join(b"%d 0 R" % n for n in numbers)
    writer.write(catalog, b"<< /Type /Catalog /Pages %d 0 R /Others [ %s ] /Data %d 0 R >>" % (pages, others, stream))
    writer.close(catalog, None)
    return out.getvalue()


def test_objects_in_object_streams_and_streams_read_back(tmp_path):
    data = write_sample(BATCH * 2 + 7)  # three object streams
    path = tmp_path / "sample.pdf"
    path.write_bytes(data)
    with pikepdf.open(path) as pdf:
        others = pdf.Root.Others
        assert len(others) == BATCH * 2 + 7
        assert [int(o.Index) for o in others] == list(range(BATCH * 2 + 7))
        assert str(others[5].Text) == "object 5 0 R"
        assert pdf.Root.Data.read_raw_bytes() == b"raw bytes\x00\xff"
        assert str(pdf.Root.Data.Kind) == "/Raw"
        assert bytes(pdf.trailer.ID[0]) == bytes(pdf.trailer.ID[1])
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    xref = subprocess.run(["qpdf", "--show-xref", str(path)], capture_output=True, text=True).stdout
    assert xref.count("compressed; stream") == BATCH * 2 + 7 + 2  # the objects, the pages and the catalogue


def test_same_objects_same_bytes_and_the_id_follows_the_content():
    assert write_sample(10) == write_sample(10)
    first, other = write_sample(10), write_sample(11)
    assert first != other
    ident = first.split(b"/ID [ <")[1][:32]
    body = first[: first.rindex(b"endobj\n", 0, first.index(b"/Type /XRef")) + len(b"endobj\n")]
    assert ident == hashlib.md5(body).hexdigest().encode()  # everything before the cross-reference stream
    assert ident != other.split(b"/ID [ <")[1][:32]


def test_a_number_reserved_and_never_written_is_an_error():
    writer = PdfWriter(io.BytesIO(), "1.7")
    catalog, forgotten = writer.reserve(), writer.reserve()
    writer.write(catalog, b"<< /Type /Catalog >>")
    with pytest.raises(BuildError, match=f"never written: \\[{forgotten}\\]"):
        writer.close(catalog, None)


def test_an_object_written_twice_or_never_reserved_is_an_error():
    writer = PdfWriter(io.BytesIO(), "1.7")
    number = writer.reserve()
    writer.write(number, b"null")
    with pytest.raises(BuildError, match="written twice"):
        writer.write(number, b"null")
    with pytest.raises(BuildError, match="not reserved"):
        writer.write(number + 1, b"null")


MOMENT = datetime(2000, 2, 29, tzinfo=UTC)


def make_part(path, title: str, anchors: list[str], link: str, marks: bool = False, pages: int = 1):
    """A small PDF like one of the book's parts: pages, a bookmark, named destinations, a link."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(200, 300))
    for page in pdf.pages:
        drawn = [pdf.make_stream(b"q 1 0 0 1 0 0 cm")]
        if marks:
            drawn.append(pdf.make_stream(b"Q /Artifact BMC 0 0 m 1 1 l S EMC"))
        page.obj.Contents = pikepdf.Array(drawn)
        page.obj.TrimBox = pikepdf.Array([10, 10, 190, 290])
    # A string that looks like a reference must come through as it is.
    annot = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 10, 10],
            Dest=pikepdf.String(link),
            Contents=pikepdf.String("see 3 0 R) and (4 0 R"),
        )
    )
    pdf.pages[0].obj.Annots = pikepdf.Array([annot])
    flat = pikepdf.Array()
    for name in sorted(anchors):
        flat.append(pikepdf.String(name))
        flat.append(pikepdf.Array([pdf.pages[-1].obj, pikepdf.Name.XYZ, 0, 300, 0]))
    pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=flat)))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(title, 0))
    pdf.docinfo.Title = pikepdf.String("The book")
    pdf.save(path)


def test_join_chains_pages_bookmarks_and_destinations(tmp_path):
    make_part(tmp_path / "a.pdf", "One", ["one", "stand-in-for-two"], link="two", marks=True, pages=3)
    make_part(tmp_path / "b.pdf", "Two", ["two"], link="one")
    files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    attachment = Attachment("notes.md", b"# Notes\n", "Manuscript source: notes.md", "Source", "text/markdown")
    target = tmp_path / "book.pdf"
    count = join(files, [False, True], [{"one"}, {"two"}], target, [attachment], MOMENT)
    assert count == 5  # three pages, a blank page to put "Two" on a right-hand page, one page
    assert subprocess.run(["qpdf", "--check", str(target)], capture_output=True).returncode == 0
    with pikepdf.open(target) as pdf:
        pages = [page.objgen for page in pdf.pages]
        blank = pdf.pages[3].obj
        assert [s.read_bytes() for s in blank.Contents] == [b"q", b"Q /Artifact BMC 0 0 m 1 1 l S EMC"]
        assert [float(v) for v in blank.TrimBox] == [10, 10, 190, 290]
        dests = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        assert sorted(dests) == ["one", "two"]  # the stand-in is not the anchor
        assert pages.index(dests["one"][0].objgen) == 2 and pages.index(dests["two"][0].objgen) == 4
        titles, item = [], pdf.Root.Outlines.First
        while item is not None:
            assert item.Parent.objgen == pdf.Root.Outlines.objgen
            titles.append(str(item.Title))
            item = item.get("/Next")
        assert titles == ["One", "Two"] and str(pdf.Root.Outlines.Last.Prev.Title) == "One"
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert [str(a.Contents) for a in annots] == ["see 3 0 R) and (4 0 R"] * 2
        assert str(pdf.docinfo.Title) == "The book"
        spec = pdf.Root.AF[0]
        assert spec.EF.F.read_bytes() == b"# Notes\n" and str(spec.AFRelationship) == "/Source"
        assert str(spec.EF.F.Subtype) == "/text/markdown"
    assert join(files, [False, True], [{"one"}, {"two"}], tmp_path / "again.pdf", [attachment], MOMENT) == 5
    assert (tmp_path / "again.pdf").read_bytes() == target.read_bytes()


def test_join_refuses_a_link_whose_anchor_no_part_holds(tmp_path):
    make_part(tmp_path / "a.pdf", "One", ["one"], link="nowhere")
    make_part(tmp_path / "b.pdf", "Two", ["two"], link="one")
    with pytest.raises(BuildError, match="lost what 1 link"):
        files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
        join(files, [False, False], [{"one"}, {"two"}], tmp_path / "x.pdf", [], MOMENT)
