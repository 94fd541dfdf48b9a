"""The web edition's font subsets are kept by their characters: a rebuild with no new character cuts nothing."""

import pytest
from helpers import PROJECT

from edition.render.web import fonts

FONTS = PROJECT / "templates" / "fonts"


def test_a_kept_subset_is_the_one_cut_anew_and_is_not_cut_again(tmp_path, monkeypatch):
    cache = tmp_path / "web-fonts"
    first = fonts.web_fonts(FONTS, "Mitrovica", cache)
    assert first == fonts.web_fonts(FONTS, "Mitrovica")  # the same bytes as with no cache
    assert len(list(cache.glob("*.woff2"))) == len(fonts.FACES)

    def cut(*_args):
        raise AssertionError("cut again")

    monkeypatch.setattr(fonts, "subset_woff2", cut)
    assert fonts.web_fonts(FONTS, "Mitrovica", cache) == first
    with pytest.raises(AssertionError, match="cut again"):  # a new character: cut anew
        fonts.web_fonts(FONTS, "Mitrovicë", cache)


def test_only_the_last_build_s_subsets_are_kept(tmp_path):
    cache = tmp_path / "web-fonts"
    fonts.web_fonts(FONTS, "Ibar", cache)
    old = set(cache.glob("*.woff2"))
    fonts.web_fonts(FONTS, "Ibër", cache)
    assert len(list(cache.glob("*.woff2"))) == len(fonts.FACES)
    assert not old & set(cache.glob("*.woff2"))
