"""The book is laid out in parts and joined: the joined PDFs must read as one book laid out whole."""

import re
import subprocess

import pikepdf
import pytest
from helpers import FIXED_EPOCH, PROJECT, SLUG, TITLE, edit, line_boxes

from edition.pipeline import build
from edition.project import Project


def page_texts(path):
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


def settled_state() -> dict:
    """The last layout: every anchor's page ('anchors') and every part's page count ('counts')."""
    from edition.support.storage import read_json

    return read_json(PROJECT / ".build-cache" / "pages.json")


def settled_pages():
    return settled_state()["anchors"]


def test_joined_book_equals_the_book_laid_out_whole(built, project, tmp_path):
    """Every page of the joined archival PDF has the text WeasyPrint gives the whole book laid out at once."""
    from helpers import composed

    from edition.render.pdf.source import PrintBook
    from edition.render.weasyprint.weasy import layout

    ed, env = composed(project)
    html = PrintBook(ed, env).html(settled_pages())
    whole = layout(html, project / "templates", [project / "templates"])
    whole.write_pdf(tmp_path / "whole.pdf")
    joined, alone = page_texts(built["archival"]), page_texts(tmp_path / "whole.pdf")
    assert len(joined) == len(alone)
    for number, (a, b) in enumerate(zip(joined, alone, strict=True), start=1):
        assert a == b, f"page {number} differs"


@pytest.mark.parametrize("key", ["print", "archival"])
def test_every_link_lands_on_the_page_of_its_anchor(built, key):
    anchors = settled_pages()
    with pikepdf.open(built[key]) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        dests = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        links = 0
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                    continue
                name = str(annot.Dest)
                assert name in dests, name
                assert index[dests[name][0].objgen] == anchors[name], name
                links += 1
        assert links > 300  # notes, citations, chronology, glossary and index links


def test_structure_tree_spans_every_part(built):
    with pikepdf.open(built["archival"]) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(set(keys))
        assert int(root.ParentTreeNextKey) == keys[-1] + 1
        document = root.K[0]
        assert str(document.S) == "/Document"
        for kid in document.K:
            assert kid.P.objgen == document.objgen
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                assert int(page.obj.StructParents) in keys
            for annot in page.obj.get("/Annots", []):
                assert int(annot.StructParent) in keys
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(built["archival"])], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Editor’s introduction", TITLE, "Index of names", "Colophon"):
        assert words in out, words


def test_outline_lists_every_chapter_in_order(built):
    with pikepdf.open(built["archival"]) as pdf:
        titles = []
        item = pdf.Root.Outlines.First
        while item is not None:
            titles.append(str(item.Title))
            item = item.get("/Next")
    assert titles == [
        "Contents",
        "Editor’s introduction",
        TITLE,
        "Commentary",
        "Chronology",
        "Glossary",
        "Sources",
        "Textual note",
        "Index of names",
        "Colophon",
    ]


@pytest.mark.this_edition  # a book of several parts, one of its notes
def test_a_note_edit_lays_out_only_the_part_that_holds_the_note(scratch, tmp_path):
    import shutil

    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    first = []
    build(Project.at(scratch, FIXED_EPOCH), ("print",), dist=dist, log=first.append)
    parts = int(re.search(r"layout: (\d+) parts", "\n".join(first)).group(1))
    assert parts > 3
    edit(scratch / "manuscript" / "notes.yaml", "Ibar", "Ibar (edited)")
    lines = []
    build(Project.at(scratch, FIXED_EPOCH), ("print",), dist=dist, log=lines.append)
    layout_line = next(line for line in lines if line.startswith("layout:"))
    assert f"layout: {parts} parts; 1 laid out, 0 with their numbers set in, {parts - 1} from the cache" in layout_line
    assert "Ibar (edited)" in "".join(page_texts(dist / f"{SLUG}-print.pdf"))


@pytest.mark.parametrize("key", ["print", "archival"])
def test_each_font_subset_has_a_tag_of_its_own(built, key):
    """Every part embeds its own subsets; PDF wants different subsets under different tags."""
    out = subprocess.run(["pdffonts", str(built[key])], capture_output=True, text=True, check=True).stdout
    names = [row.split()[0] for row in out.strip().splitlines()[2:]]
    assert len(names) > 4
    assert len(names) == len(set(names))


def test_footnote_area_measure_lays_out_as_weasyprint_does(built, project):
    """The essay's part, glosses at the foot of its pages, laid out with WeasyPrint's footnote area and with ours."""
    from helpers import composed

    from edition.render.pdf.book import PART_SIZE, SLICE_SIZE
    from edition.render.pdf.parts import cut
    from edition.render.pdf.placement import part_document, place
    from edition.render.pdf.source import PrintBook
    from edition.render.weasyprint import footnote_area
    from edition.render.weasyprint.weasy import layout

    ed, env = composed(project)
    state = settled_state()
    book = cut(PrintBook(ed, env).chunks(state["anchors"]), PART_SIZE, SLICE_SIZE)
    index = next(i for i, part in enumerate(book.parts) if part.units[0].html.count('class="footnote"') > 20)
    placement = place(book.parts, state["counts"])[index]
    html = part_document(book, book.parts[index], placement, env.get_template("print/part.html.j2"))
    templates = project / "templates"
    ours = line_boxes(layout(html, templates, [templates]))
    footnote_area.uninstall()
    try:
        from weasyprint import HTML

        own = line_boxes(HTML(string=html, base_url=str(templates) + "/").render(output_intent="srgb"))
    finally:
        footnote_area.install()
    assert len({line[0] for line in ours}) > 4
    assert ours == own
