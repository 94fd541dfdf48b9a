"""Ready for the printer: the interior, the offset interior and the cover, read from the PDFs themselves."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from helpers import FIXED_EPOCH, FONT_CSS, PROJECT, SLUG

from edition.outputs import BLEED_IN, OUTPUTS, TRIM_IN
from edition.pipeline import build
from edition.project import Project
from edition.verify.printer import check_printer

PT = 72.0


def test_the_interior_passes_the_printer_s_checklist(built):
    """MediaBox = TrimBox, no RGB colour operator, every glyph 0.5 in inside the trim, even pages, blank last page."""
    findings = check_printer(built["print"], OUTPUTS["print"])
    assert findings.problems == []


def test_the_interior_paints_black_only(built):
    with pikepdf.open(built["print"]) as pdf:
        colours = {
            (str(op), tuple(str(o) for o in operands))
            for page in pdf.pages
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) in ("rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN")
        }
        # text and rules in DeviceCMYK, 100 % K and nothing else
        assert colours <= {
            ("cs", ("/DeviceCMYK",)),
            ("CS", ("/DeviceCMYK",)),
            ("scn", ("0", "0", "0", "1")),
            ("SCN", ("0", "0", "0", "1")),
            ("k", ("0", "0", "0", "1")),
            ("K", ("0", "0", "0", "1")),
        }
        assert ("scn", ("0", "0", "0", "1")) in colours
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"


def test_the_interior_ends_on_a_blank_page_with_an_even_count(built):
    with pikepdf.open(built["print"]) as pdf:
        assert len(pdf.pages) % 2 == 0
        last = {str(op) for _operands, op in pikepdf.parse_content_stream(pdf.pages[-1])}
        assert not last & {"Tj", "TJ"}


def test_the_checklist_finds_what_a_printer_refuses(tmp_path):
    """An interior with RGB text, a bleed and glyphs near the trim fails, and each problem names its page."""
    html = (
        f"<html><style>{FONT_CSS} @page {{ size: 5.5in 8.5in; margin: 0.2in; }} body {{ color: rgb(0, 0, 0); }}</style>"
        "<body><p>Too near the trim.</p></body></html>"
    )
    from weasyprint import HTML

    HTML(string=html).write_pdf(tmp_path / "bad.pdf")
    problems = check_printer(tmp_path / "bad.pdf", OUTPUTS["print"]).problems
    assert any(p.startswith("page 1: paints in RGB") for p in problems)
    assert any("stands 0.2" in p and p.startswith("page 1:") for p in problems)
    assert "the last page, 1, is not blank" in problems and "the page count, 1, is odd" in problems
    assert "the page count, 1, is below the printers' minimum (kdp: at least 24; ingramspark: at least 18)" in problems


@pytest.fixture(scope="module")
def offset(tmp_path_factory):
    dist = tmp_path_factory.mktemp("offset")
    build(Project.at(PROJECT, FIXED_EPOCH), ("offset",), check=True, dist=dist, log=lambda _line: None)
    return dist / f"{SLUG}-offset.pdf"


def test_the_offset_interior_has_bleed_and_marks(offset):
    with pikepdf.open(offset) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            assert trim[2] - trim[0] == pytest.approx(TRIM_IN[0] * PT, abs=0.1)
            assert trim[0] - bleed[0] == pytest.approx(BLEED_IN * PT, abs=0.1)
            assert media[2] - media[0] > bleed[2] - bleed[0]  # room for the crop marks
        marks = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert marks.startswith(b"Q /Artifact BMC") and b" K " in marks  # crop marks in K, outside the bleed
    assert check_printer(offset, OUTPUTS["offset"]).problems == []


def test_the_cover_is_one_spread_sized_from_the_interior(built):
    from edition.load import load

    printing = load(PROJECT).metadata.printing
    with pikepdf.open(built["print"]) as pdf:
        pages = len(pdf.pages)
    with pikepdf.open(built["cover"]) as pdf:
        assert len(pdf.pages) == 1
        media = [float(v) for v in pdf.pages[0].MediaBox]
        trim = [float(v) for v in pdf.pages[0].TrimBox]
    width = 2 * TRIM_IN[0] + pages * printing.inches_per_page + 2 * BLEED_IN
    assert (media[2] - media[0]) / PT == pytest.approx(width, abs=0.002)
    assert (media[3] - media[1]) / PT == pytest.approx(TRIM_IN[1] + 2 * BLEED_IN, abs=0.002)
    assert trim[0] - media[0] == pytest.approx(BLEED_IN * PT, abs=0.1)
    assert check_printer(built["cover"], OUTPUTS["cover"]).problems == []


@pytest.mark.parametrize(("pages", "spine_text"), [(40, False), (300, True)])
def test_a_thicker_book_gets_a_wider_spine_and_its_text(tmp_path, pages, spine_text):
    from helpers import composed

    from edition.render.cover import compose_cover, cover_spec, render_cover
    from edition.render.weasyprint.xmp import XmpFields

    ed, env = composed(PROJECT)
    spec = cover_spec(ed.meta, pages)
    assert spec.spine_text is spine_text
    target = tmp_path / "cover.pdf"
    xmp = XmpFields("e", "i", "2000-02-29", "s", "r", "en-US")
    render_cover(
        compose_cover(ed.meta, env, spec, "2000-02-29T00:00:00Z"),
        Project.at(PROJECT, FIXED_EPOCH),
        target,
        ed.meta,
        xmp,
        OUTPUTS["cover"],
    )
    with pikepdf.open(target) as pdf:
        width = float(pdf.pages[0].MediaBox[2]) - float(pdf.pages[0].MediaBox[0])
    assert width / PT == pytest.approx(2 * 5.5 + pages * ed.meta.printing.inches_per_page + 0.25, abs=0.002)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    # the front and back carry the title; the spine a third time, only when the book is thick enough
    assert text.count(ed.meta.title.split()[0]) == (3 if spine_text else 2)
    assert check_printer(target, OUTPUTS["cover"]).problems == []


def test_crop_marks_stand_outside_the_bleed(offset):
    with pikepdf.open(offset) as pdf:
        for page in pdf.pages:
            marks = page.obj.Contents[-1].read_bytes().decode()
            assert marks.startswith("Q /Artifact BMC")
            lines = re.findall(r"([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l S", marks)
            assert len(lines) == 8
            bleed = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            for line in lines:
                x0, y0, x1, y1 = map(float, line)
                for x, y in ((x0, y0), (x1, y1)):
                    assert media[0] <= x <= media[2] and media[1] <= y <= media[3]
                    outside = x < bleed[0] or x > bleed[2] or y < bleed[1] or y > bleed[3]
                    assert outside, (x, y)
            assert media[2] - media[0] == pytest.approx(396 + 24 * 72 / 25.4, abs=0.1)


def test_the_gutter_follows_kdp_s_table_for_the_page_count(built):
    from edition.outputs import kdp_gutter
    from edition.verify.printer import gutter_problems

    assert [kdp_gutter(n) for n in (24, 150, 151, 300, 301, 700, 828)] == [0.375, 0.375, 0.5, 0.5, 0.625, 0.75, 0.875]
    assert gutter_problems(built["print"], 78) == []
    # the same pages, were the book 750 pages long, would need a wider inside margin than 0.75 in
    problems = gutter_problems(built["print"], 750)
    assert problems and "KDP's gutter for 750 pages is 0.875 in" in problems[0]
