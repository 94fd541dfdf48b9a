"""A page every format shares extends "frame.j2", and the format it is rendered in decides which frame that is
(markup/templates.py, framed): the EPUB's XHTML, the site's HTML page. No frame is passed from Python."""

from __future__ import annotations

import pytest
from jinja2 import TemplateNotFound

from edition.markup.templates import environment, framed


@pytest.fixture
def folder(tmp_path):
    files = {
        "pages/page.j2": '{% extends "frame.j2" %}{% block body %}the text{% endblock %}',
        "epub/frame.j2": "<xhtml>{% block body %}{% endblock %}</xhtml>",
        "web/frame.j2": "<html>{% block body %}{% endblock %}</html>",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_shared_page_extends_the_frame_of_the_format_it_is_rendered_in(folder):
    env = environment(folder)
    assert framed(env, "epub").get_template("pages/page.j2").render() == "<xhtml>the text</xhtml>"
    assert framed(env, "web").get_template("pages/page.j2").render() == "<html>the text</html>"
    assert framed(env, "epub") is framed(env, "epub")  # compiled once per environment and format


def test_a_page_loaded_outside_any_format_first_does_not_lend_its_frame(folder):
    """The environment's own copy of a page, compiled first, is not the one a format renders: outside a format
    "frame.j2" is nowhere, inside one it is the format's."""
    env = environment(folder)
    page = env.get_template("pages/page.j2")
    with pytest.raises(TemplateNotFound, match="frame.j2"):
        page.render()  # outside a format there is no frame
    assert framed(env, "web").get_template("pages/page.j2").render() == "<html>the text</html>"
