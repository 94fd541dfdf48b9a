"""Random strings, with markup, control characters, bidi controls and long runs, in the title, a bibliography
title, a gloss and a chronology entry's title: the load, check and compose stages either refuse them with one
`file:line` error (the build's exit 1) or compose an EPUB and a web edition in which no element or attribute
is live beyond the allow-list (exit 0). Nothing else may happen: any other exception is a traceback.

Compose-level, in-process, on a copy of the compose stage's small fixture: no layout, so many examples are cheap.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FIXED_EPOCH, small_project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.check import check
from edition.compose import environment, prepare
from edition.errors import BuildError
from edition.load import load
from edition.markup import URL_SCHEME, web_address
from edition.project import Project
from edition.render.cover import compose_front
from edition.render.epub import epub_files
from edition.render.renderer import check_composed
from edition.render.web import web_pages
from edition.render.web.html5 import to_html5
from edition.support import memo

VERSIONS = {"edition build": "test", "pandoc": "test", "WeasyPrint": "test"}
# Every element and attribute the templates and pandoc's HTML for the manuscript's Markdown may give, and no other.
ELEMENTS = set(
    "a abbr blockquote body br button code dd del dfn div dl dt em footer h1 h2 h3 h4 h5 h6 head header hr html i img "
    "li link main meta nav ol p pre q s section small span strong sub sup table tbody td th thead time title tr u ul "
    "wbr".split()
)
ATTRIBUTES = set(
    "alt aria-current aria-hidden aria-label aria-labelledby charset class content data-cites datetime hidden href id "
    "lang name popover popovertarget prefix rel role scope src start tabindex title type xml:lang".split()
) | {"epub:type", "epub:prefix"}
# The web frame's empty icon, which asks the server for nothing: the templates' own, never the manuscript's.
TEMPLATE_HREFS = {"data:,"}
# name: (file, the line the string replaces, how the string is written there)
FIELDS = {
    "title": ("metadata.yaml", "\ntitle: A Small Test Essay\n", "\ntitle: {}\n"),
    "bibliography title": ("bibliography.yaml", "title: A Test Source", "title: {}"),
    "gloss": ("notes.yaml", "  gloss: |\n    A town divided by the Ibar [@test-source].\n", "  gloss: {}\n"),
    "chronology title": ("chronology.yaml", 'title: "KFOR enters Kosovo"', "title: {}"),
}
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "</p><p onclick=alert(1)>",
        "<!-- x -->",
        "[x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x](file:///etc/passwd)",
        "![x](data:image/png;base64,AA==)",
        "[x]{onclick=alert(1)}",
        '[x]{lang="not a language"}',
        "[x]{#comm-city}",
        "&lt;script&gt;",
        "&#60;script&#62;",
        "]]>",
        "{{ 7 * 7 }}",
        "`<b>`",
        "\u202e",
        "\u2066",
        "\u200f",
        "\x00",
        "\x1b",
        "\x85",
        "\ufeff",
        "\u2028",
        ":::",
        "# ",
        "@test-source",
        "[@test-report]",
        "\\",
        '"',
        "'",
    ]
)
RUN = st.builds(lambda c, n: c * n, st.sampled_from("*_[]<>&`\\#-x \u202e"), st.integers(100, 1500))
STRINGS = st.lists(st.one_of(HOSTILE, st.text(max_size=12), RUN), min_size=1, max_size=5).map("".join)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return small_project(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def recalling():
    """The watch memo on (support/memo.py), as under --watch: pandoc is asked only for the fragments an example
    changed (and those they may link to), the rest recalled as a watching build recalls it; each example is
    still loaded, checked and composed as a build does (test_properties.py does the same)."""
    memo.enable()
    yield
    memo.enable(False)


def composed_outputs(root: Path) -> list[tuple[str, bytes]]:
    """The EPUB's XHTML documents and the web edition's pages, made as the build makes them, or BuildError."""
    ms = load(root)
    check(ms)
    project = Project.at(root, FIXED_EPOCH)
    env = environment(project.templates)
    ed = prepare(ms, env, project, VERSIONS)
    check_composed(ed, env)
    # The EPUB's cover image is a layout by WeasyPrint, of the title among others: the slowest part by far, and
    # the cover's own concern, given to the EPUB (Output.needs). Its markup is still composed here.
    compose_front(ed.meta, env)
    files = [(name, data) for name, data in epub_files(ed, env, project, b"") if name.endswith((".xhtml", ".opf"))]
    for page in web_pages(ed, env):
        to_html5(page.xhtml)  # as the web edition writes it: must not fail either
        files.append((page.name, page.xhtml.encode()))
    return files


def assert_nothing_live(name: str, data: bytes) -> None:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter(etree.Element):
        assert etree.QName(el).localname in ELEMENTS, (name, etree.tostring(el)[:200])
        for attr, value in el.attrib.items():
            qname = etree.QName(attr)
            prefix = {"http://www.idpf.org/2007/ops": "epub:", "http://www.w3.org/XML/1998/namespace": "xml:"}
            shown = prefix.get(qname.namespace or "", "") + qname.localname
            assert shown in ATTRIBUTES, (name, shown, value[:80])
            if shown == "href":
                assert web_address(value) or not URL_SCHEME.match(value) or value in TEMPLATE_HREFS, (name, value[:80])
            if shown == "src":
                assert not URL_SCHEME.match(value) and not value.startswith("/"), (name, value[:80])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(list(FIELDS)), text=STRINGS)
def test_a_hostile_string_is_refused_at_its_line_or_composed_inert(project, recalling, field, text):
    memo.new_build()
    file, old, new = FIELDS[field]
    path = project / "manuscript" / file
    original = path.read_text(encoding="utf-8")
    assert old in original
    path.write_text(original.replace(old, new.format(json.dumps(text, ensure_ascii=False)), 1), encoding="utf-8")
    try:
        outputs = composed_outputs(project)
    except BuildError as error:
        assert re.match(r"manuscript/[\w.-]+:\d+: \S", str(error)), str(error)
        event("refused")
        return
    finally:
        path.write_text(original, encoding="utf-8")
    event("composed")
    for name, data in outputs:
        if name.endswith(".opf"):
            etree.fromstring(data)  # well-formed; its text is the metadata's, escaped
        else:
            assert_nothing_live(name, data)
