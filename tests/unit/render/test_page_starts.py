"""A page's start, by the one rule the layout's boxes and a PDF's characters share (render/weasyprint/starts.py)."""

from helpers import FONT_CSS

from edition.render.weasyprint.starts import TEXT_TOP, Run, keep_starts, kept_starts, page_start
from edition.support.storage import sha256


def run(text: str, x0: float, line: float, size: float = 10.0) -> Run:
    return Run(text, x0, x0 + 5.0 * len(text), line, line, size)


def test_the_start_leaves_out_the_running_head_and_a_note_s_call():
    runs = [
        run("RUNNING HEAD", 100, TEXT_TOP - 20),
        run("The town was cut", 60, 80),
        run("12", 140, 78, size=6.0),  # a note's call, smaller and a little above the line
        run("in two by the river", 60, 92),
    ]
    assert page_start(runs) == ("thetownwascut", "intwobytheriver")


def test_a_line_s_columns_are_parted_at_a_wide_gap_and_read_left_to_right():
    runs = [run("Trepča miners strike", 120, 80), run("1989", 60, 80)]
    assert page_start(runs) == ("1989", "trepcaminersstrike")


def test_a_page_with_too_few_letters_has_no_start():
    assert page_start([run("Notes", 60, 80)]) is None
    assert page_start([]) is None


def test_starts_are_kept_for_the_pdfs_of_their_layout_alone(tmp_path):
    print_pdf, other = tmp_path / "print.pdf", tmp_path / "other.pdf"
    print_pdf.write_bytes(b"%PDF print")
    other.write_bytes(b"%PDF another")
    keep_starts(tmp_path / "cache", [sha256(print_pdf)], {3: ["thetownwascut"]})
    assert kept_starts(tmp_path / "cache", print_pdf) == {3: ("thetownwascut",)}
    assert kept_starts(tmp_path / "cache", other) is None


def test_the_layout_s_starts_are_the_ones_its_pdf_gives(tmp_path):
    """The EPUB marks pages by the starts the layout leaves; read back from the painted PDF they are the same."""
    from weasyprint import HTML

    from edition.render.epub.pagebreaks import page_starts
    from edition.render.weasyprint.starts import layout_starts

    words = " ".join(f"word{i} and its neighbour, hyphenated-compound" for i in range(400))
    html = (
        f"<style>{FONT_CSS} body {{ font-family: 'Test Serif' }} "
        "@page { size: 5.5in 8.5in; margin: 0.9in 0.6in; @top-center { content: 'Running head' } }"
        "p { text-align: justify; font-size: 10pt } sup { font-size: 6pt }</style>"
        f"<h1>A heading</h1><p>{words}<sup>12</sup> {words}</p>"
    )
    document = HTML(string=html, base_url=str(tmp_path)).render()
    document.write_pdf(tmp_path / "book.pdf")
    from_layout = {int(page): tuple(parts) for page, parts in layout_starts(document).items()}
    assert len(from_layout) == len(document.pages) > 2
    assert from_layout == page_starts(tmp_path / "book.pdf")
