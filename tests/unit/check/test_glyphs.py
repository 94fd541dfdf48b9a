"""Fonts only from the project: a character no font in templates/fonts/ has is refused at the check stage with
its code point and file:line, and the renderers' fontconfig sees the project's fonts alone."""

from __future__ import annotations

import re

import pikepdf
import pytest
from helpers import META, PROJECT, SLUG, TITLE, edit
from lxml import etree

from edition.check.glyphs import check_glyphs
from edition.errors import BuildError
from edition.load import load
from edition.render.weasyprint.weasy import layout

TEMPLATES = PROJECT / "templates"


def test_the_manuscript_is_set_in_the_projects_fonts_alone(edition_manuscript):
    check_glyphs(edition_manuscript, TEMPLATES / "fonts")


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "char"),
    [
        (
            "metadata.yaml",
            f"title: {TITLE}",
            f"title: {TITLE} (كتاب)",
            4,
            r"'ك' \(U\+0643 ARABIC LETTER KAF\)",
        ),
        # A note's and the essay's lines of this edition's own text.
        pytest.param(
            "notes.yaml",
            "    and Albanians the south [@bbc-2000-mitrovica-symbol].",
            "    and Albanians the south, 米特罗维察 [@bbc-2000-mitrovica-symbol].",
            4,
            r"'米' \(U\+7C73 CJK UNIFIED IDEOGRAPH-7C73\)",
            marks=pytest.mark.this_edition,
        ),
        pytest.param(
            "essay.md",
            "Mitrovica is not just",
            "Mitrovica \N{GRINNING FACE} is not just",
            5,
            r"\(U\+1F600 GRINNING FACE\)",
            marks=pytest.mark.this_edition,
        ),
    ],
)
def test_a_character_no_project_font_has_is_refused_with_its_code_point_and_line(scratch, file, old, new, line, char):
    edit(scratch / "manuscript" / file, old, new)
    with pytest.raises(BuildError) as caught:
        check_glyphs(load(scratch), scratch / "templates" / "fonts")
    message = str(caught.value)
    assert message.startswith(f"manuscript/{file}:{line}: the character "), message
    assert re.search(char + r" is in none of the project's fonts \(templates/fonts/\)$", message), message


def test_a_character_only_in_a_yaml_comment_or_one_that_draws_nothing_passes(scratch):
    path = scratch / "manuscript" / "metadata.yaml"
    edit(path, f"slug: {SLUG}", f"# 米特罗维察: not printed\nslug: {SLUG}")
    subtitle = META["subtitle"]
    drawn_nothing = f"{subtitle[:3]}\N{SOFT HYPHEN}{subtitle[3:]}\N{ZERO WIDTH JOINER}"
    edit(path, f"subtitle: {subtitle}", f"subtitle: {drawn_nothing}")
    check_glyphs(load(scratch), scratch / "templates" / "fonts")


def test_the_renderers_font_configuration_knows_no_font_of_the_system():
    config = etree.parse(str(TEMPLATES / "fonts" / "fonts.conf")).getroot()
    assert config.tag == "fontconfig" and [e for e in config if isinstance(e.tag, str)] == []


def test_no_system_font_is_drawn_whatever_the_stylesheet_asks(tmp_path):
    html = (
        '<html><head><link rel="stylesheet" href="css/cover.css"></head><body>'
        "<p style=\"font-family: 'DejaVu Sans', sans-serif\">Mitrovica كتاب 米特罗维察</p>"
        '<p style="font-family: monospace">Mitrovica</p></body></html>'
    )
    target = tmp_path / "out.pdf"
    layout(html, TEMPLATES, [TEMPLATES]).write_pdf(target)
    with pikepdf.open(target) as pdf:
        fonts = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.get("/Font", {}).values()}
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+EB-Garamond[-\w]*", name) for name in fonts), fonts


def test_a_document_that_loads_no_font_is_refused_rather_than_drawn_without_one():
    html = "<html><body><p>Mitrovica</p></body></html>"
    with pytest.raises(BuildError, match="the stylesheets load no font"):
        layout(html, TEMPLATES, [TEMPLATES])
