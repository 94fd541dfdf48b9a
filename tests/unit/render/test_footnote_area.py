"""The footnote-area measure replaces a private method of one WeasyPrint version, and says so loudly."""

import pytest

from edition.errors import BuildError
from edition.render.weasyprint import footnote_area


def test_weasyprint_is_pinned_to_the_patched_version(project):
    assert f'"weasyprint=={footnote_area.VERSION}"' in (project / "pyproject.toml").read_text()


def test_another_weasyprint_stops_the_build(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(BuildError, match=r"WeasyPrint 71.0 is installed.*pip install weasyprint==70.0"):
        footnote_area.install()


def test_the_measure_is_installed_on_the_pinned_version():
    from weasyprint.layout import LayoutContext

    footnote_area.install()
    assert LayoutContext._update_footnote_area is footnote_area._update_footnote_area
