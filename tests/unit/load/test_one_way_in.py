"""One way into markup for every manuscript string: raw HTML, a link outside the one allow-list of schemes, a
control character and a language that is not BCP 47 are refused in every field of every file that can carry
them, each at its field's file:line (the bibliography's every field included: pandoc reads them as Markdown)."""

from __future__ import annotations

import re

import pytest
from helpers import edit, small_project

from edition.errors import BuildError
from edition.load import load
from edition.markup import web_address

M = "manuscript/"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RAW = r"raw html is not allowed in the manuscript: '<"
LINK = r"link to '{}': a link leads to a web address \(http: and https:\)"
URL = r"URL '{}' is not a web address"
TITLE = "title: A Test Source"
REPORT = "title: A Test Report"
GLOSS = "A town divided by the Ibar"
COMMENTARY = "Mitrovica (Albanian *Mitrovicë*)"
CHRON = "NATO troops entered"

# name: (file, what is replaced, by what, the error: file:line and message)
CASES = {
    # The bibliography: every field pandoc reads as Markdown, and its URL.
    "bibliography title, a script": ("bibliography.yaml", TITLE, f"title: '{SCRIPT}'", ":3: " + RAW),
    "bibliography title, an image in a block": (
        "bibliography.yaml",
        TITLE,
        f"title: |\n    A test\n    {IMG}",
        ":5: " + RAW,
    ),
    "bibliography container-title": (
        "bibliography.yaml",
        TITLE,
        f"{TITLE}\n  container-title: '{IMG}'",
        ":4: " + RAW,
    ),
    "bibliography author's name": ("bibliography.yaml", "- family: Source", f"- family: '{SCRIPT}'", ":5: " + RAW),
    "bibliography publisher, a javascript: link": (
        "bibliography.yaml",
        REPORT,
        f"{REPORT}\n  publisher: '[x](javascript:alert(1))'",
        ":18: " + LINK.format(r"javascript:alert\(1\)"),
    ),
    "bibliography note, a file: link": (
        "bibliography.yaml",
        REPORT,
        f"{REPORT}\n  note: '[x](file:///etc/passwd)'",
        ":18: " + LINK.format("file:///etc/passwd"),
    ),
    "bibliography URL, file:": (
        "bibliography.yaml",
        "URL: https://example.org/source",
        "URL: file:///etc/passwd",
        ":12: " + URL.format("file:///etc/passwd"),
    ),
    "bibliography URL, javascript:": (
        "bibliography.yaml",
        "URL: https://example.org/source",
        "URL: 'javascript:alert(1)'",
        ":12: " + URL.format(r"javascript:alert\(1\)"),
    ),
    "bibliography URL, data:": (
        "bibliography.yaml",
        "URL: https://example.org/source",
        "URL: 'data:text/html,<b>x</b>'",
        ":12: " + RAW,  # the tag is found first; either refusal will do
    ),
    "bibliography title, an id": (
        "bibliography.yaml",
        TITLE,
        "title: '[x]{#comm-city}'",
        ":3: an id or a note call is not allowed in a bibliography field",
    ),
    "bibliography title, a citation": (
        "bibliography.yaml",
        TITLE,
        "title: 'As in [@test-report]'",
        ":3: a citation is not allowed in a bibliography field",
    ),
    "bibliography title, a link into the edition": (
        "bibliography.yaml",
        TITLE,
        "title: '[x](#note:city)'",
        ":3: a link into the edition is not allowed in a bibliography field",
    ),
    "bibliography id": ("bibliography.yaml", "- id: test-report", "- id: 'a b'", r":13: reference id 'a b' must be"),
    # Every YAML field that is Markdown.
    "a gloss, raw HTML": ("notes.yaml", GLOSS, f"A town {IMG} divided by the Ibar", ":3: " + RAW),
    "a commentary, a javascript: link": (
        "notes.yaml",
        COMMENTARY,
        f"[x](javascript:alert(1)) {COMMENTARY}",
        ":5: " + LINK.format(r"javascript:alert\(1\)"),
    ),
    "a gloss, a data: link": (
        "notes.yaml",
        "The UN mission",
        "The [UN](data:text/html;base64,PHNjcmlwdD4=) mission",
        ":18: " + LINK.format("data:text/html;base64,PHNjcmlwdD4="),
    ),
    "a chronology entry's text, raw HTML": ("chronology.yaml", CHRON, f"{SCRIPT} {CHRON}", ":5: " + RAW),
    "a chronology entry's text, a file: link": (
        "chronology.yaml",
        CHRON,
        f"[NATO](file:///etc/passwd) {CHRON}",
        ":5: " + LINK.format("file:///etc/passwd"),
    ),
    "a glossary identification, raw HTML": (
        "glossary.yaml",
        "A divided town",
        f"A {IMG} divided town",
        ":9: " + RAW,
    ),
    "a glossary identification, a relative link": (
        "glossary.yaml",
        "A divided town",
        "A [divided](source/test.txt) town",
        ":9: " + LINK.format("source/test.txt"),
    ),
    # Fields that are text: escaped in every output, raw HTML refused all the same.
    "the metadata's title": ("metadata.yaml", "title: A Small Test Essay", f"title: '{SCRIPT}'", ":2: " + RAW),
    "the metadata's description": (
        "metadata.yaml",
        "description: A fixture",
        f"description: {IMG} A fixture",
        ":19: " + RAW,
    ),
    "a chronology entry's title": ("chronology.yaml", 'title: "KFOR enters Kosovo"', f'title: "{IMG}"', ":3: " + RAW),
    "a glossary name": ("glossary.yaml", "name: Mitrovica", "name: <b>Mitrovica</b>", ":2: " + RAW),
    # Control characters, wherever a YAML escape or the file itself puts them.
    "a control character in the metadata": (
        "metadata.yaml",
        "subtitle: A fixture for golden files",
        'subtitle: "A \\x07 fixture"',
        ":3: control character U\\+0007 is not allowed",
    ),
    "a lone surrogate in a gloss": (
        "notes.yaml",
        "  gloss: |\n    The UN mission [@test-report].",
        '  gloss: "\\ud800 x [@test-report]"',
        ":17: control character U\\+D800",
    ),
    "a control character in the introduction": (
        "introduction.md",
        "The essay",
        "The\x0c essay",
        ":1: control character U\\+000C",
    ),
    # Languages, on any element that can carry one.
    "a note's span, a language that is no tag": (
        "notes.yaml",
        "The UN mission",
        'The [UN]{lang="not a language"} mission',
        ":18: lang='not a language' is not a valid BCP 47",
    ),
    "a chronology entry's span, an underscore": (
        "chronology.yaml",
        CHRON,
        f"[NATO]{{lang=en_US}} {CHRON[5:]}",
        ":5: lang='en_US' is not a valid BCP 47",
    ),
    "the introduction's span": (
        "introduction.md",
        "The essay",
        "[The]{lang=12} essay",
        ":1: lang='12' is not a valid BCP 47",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_way_in_is_refused_at_its_file_and_line(tmp_path, name):
    file, old, new, expected = CASES[name]
    root = small_project(tmp_path, templates=False)
    edit(root / "manuscript" / file, old, new)
    with pytest.raises(BuildError) as caught:
        load(root)
    assert re.match(re.escape(M + file) + expected, str(caught.value)), str(caught.value)


def test_the_fixture_itself_loads(tmp_path):
    load(small_project(tmp_path, templates=False))


@pytest.mark.parametrize(
    ("target", "web"),
    [
        ("https://example.org/x", True),
        ("HTTP://example.org", True),
        ("https:example.org", False),
        ("https://", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("mailto:a@example.org", False),
        ("//example.org/x", False),
        (" https://example.org", False),
    ],
)
def test_the_one_allow_list_of_schemes(target, web):
    assert web_address(target) is web


# Markdown on which pandoc's reader hangs or its AST overflows, refused before pandoc is given it: in a Markdown
# file, in a block scalar, and in a quoted YAML scalar (whose quotes the file's own lines do not show).
PATHOLOGICAL = {
    "brackets in the introduction": (
        "introduction.md",
        "The essay",
        "[a " * 20 + "\n\nThe essay",
        ":1: square brackets open more than 8 deep",
    ),
    "brackets in a commentary": ("notes.yaml", COMMENTARY, "[[[[[[[[[x]]]]]]]]] " + COMMENTARY, ":5: square brackets"),
    "brackets in a bibliography title": (
        "bibliography.yaml",
        TITLE,
        "title: '" + "[" * 30 + "'",
        ":3: square brackets",
    ),
    "block quotes in a quoted gloss": (
        "notes.yaml",
        "  gloss: |\n    The UN mission [@test-report].",
        '  gloss: "' + ">" * 400 + ' The UN mission [@test-report]."',
        ":17: block quotes nested more than 16 deep",
    ),
    "block quotes in a bibliography title": (
        "bibliography.yaml",
        TITLE,
        "title: '" + ">" * 400 + "'",
        ":3: block quotes nested more than 16 deep",
    ),
    "lists in a chronology entry's block": (
        "chronology.yaml",
        CHRON,
        "- " * 40 + CHRON,
        ":5: lists nested more than 16 deep",
    ),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_markdown_pandoc_cannot_read_in_bounded_time_is_refused_at_its_line(tmp_path, name):
    file, old, new, expected = PATHOLOGICAL[name]
    root = small_project(tmp_path, templates=False)
    edit(root / "manuscript" / file, old, new)
    with pytest.raises(BuildError) as caught:
        load(root)
    assert re.match(re.escape(M + file) + expected, str(caught.value)), str(caught.value)
