"""A run of text that fits its line once its trailing space hangs is set whole, not broken after its first word."""

import pytest
from helpers import FONT_CSS

from edition.errors import BuildError
from edition.render.weasyprint import line_fit

RUN = "The essay tagline says that the author submitted this comment to the"
CSS = FONT_CSS + " @page { size: 800pt 200pt; margin: 0 } body { margin: 0; font: 12pt 'Test Serif' }"


def _lines(body: str) -> list[tuple[str, float]]:
    from weasyprint import HTML

    found = []

    def text(box) -> str:
        return getattr(box, "text", None) or "".join(text(child) for child in getattr(box, "children", []))

    def walk(box) -> None:
        for child in getattr(box, "children", []):
            if type(child).__name__ == "LineBox":
                found.append((text(child), child.width))
            else:
                walk(child)

    walk(HTML(string=f"<style>{CSS}</style>{body}").render().pages[0]._page_box)
    return found


def _narrow_paragraph() -> str:
    """A paragraph whose measure is the run's width plus half a space: the run fits only if its space hangs."""
    ((_, run),) = _lines(f'<p style="float: left">{RUN}</p>')
    ((_, with_x),) = _lines(f'<p style="float: left">{RUN} x</p>')
    ((_, x),) = _lines('<p style="float: left">x</p>')
    space = with_x - run - x
    assert space > 0
    return f'<p style="width: {run + space / 2}px">{RUN} <span>Next</span> words follow here.</p>'


@pytest.fixture
def fit():
    line_fit.install()
    yield
    line_fit.install()


def test_the_run_is_set_whole_on_its_line(fit):
    lines = [text for text, _ in _lines(_narrow_paragraph())]
    assert lines == [RUN, "Next words follow here."]


def test_without_it_weasyprint_sets_the_first_word_alone(fit):
    """The fault it mends, shown on the pinned WeasyPrint: if this fails, the fault may be fixed upstream."""
    line_fit.uninstall()
    try:
        lines = [text for text, _ in _lines(_narrow_paragraph())]
    finally:
        line_fit.install()
    assert lines[0] == "The"


def test_a_run_too_wide_without_its_space_still_breaks(fit):
    ((_, run),) = _lines(f'<p style="float: left">{RUN}</p>')
    lines = [text for text, _ in _lines(f'<p style="width: {run - 1}px">{RUN} <span>Next</span> words.</p>')]
    assert lines[0] == RUN.rsplit(" ", 1)[0]


def test_another_weasyprint_stops_the_build(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(BuildError, match=r"WeasyPrint 71.0 is installed.*line_fit.py.*pip install weasyprint==70.0"):
        line_fit.install()
