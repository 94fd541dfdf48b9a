"""Files a hostile manuscript may hold: links out of the project, pipes and folders, YAML aliases."""

from __future__ import annotations

import json
import os

import pytest

from edition.errors import BuildError
from edition.load import load
from edition.project import Project


@pytest.fixture
def outside(tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    secret.write_text("SECRET TEXT FROM OUTSIDE\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("name", ["essay.md", "introduction.md", "notes.yaml", "chronology.yaml"])
def test_a_manuscript_file_that_links_out_of_the_project_is_refused(scratch, outside, name):
    path = scratch / "manuscript" / name
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(BuildError, match=f"manuscript/{name}: is a link to a file outside the project"):
        load(scratch)


def test_an_attached_source_that_links_out_of_the_project_is_refused(scratch, outside):
    (scratch / "manuscript" / "source" / "extra.txt").symlink_to(outside)
    with pytest.raises(BuildError, match="manuscript/source/extra.txt: is a link to a file outside the project"):
        Project.at(scratch, "0").manuscript_files()


def test_a_pipe_or_a_folder_in_place_of_a_file_is_refused(scratch):
    notes = scratch / "manuscript" / "notes.yaml"
    notes.unlink()
    os.mkfifo(notes)
    with pytest.raises(BuildError, match="manuscript/notes.yaml: is not a regular file"):
        load(scratch)
    notes.unlink()
    notes.mkdir()
    with pytest.raises(BuildError, match="manuscript/notes.yaml: is not a regular file"):
        load(scratch)


def test_yaml_anchors_and_aliases_are_refused_with_their_line(scratch):
    glossary = scratch / "manuscript" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    lines = text.count("\n")
    glossary.write_text(text + "bomb:\n  name: &a [x, x]\n  essay: *a\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"glossary.yaml:{lines + 2}: YAML anchors and aliases"):
        load(scratch)


@pytest.mark.parametrize(
    ("markup", "name"),
    [
        ("[text]{onclick=alert(1)}", "onclick="),
        ("[text]{#x onmouseover='alert(1)'}", "onmouseover="),
        ('[text](https://example.org){onfocus="x"}', "onfocus="),
        ("[text]{.evil}", "evil"),
        ("[text]{style=color:red}", "style="),
    ],
)
def test_only_allowed_attributes_pass(scratch, markup, name):
    intro = scratch / "manuscript" / "introduction.md"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text + f"\nAnd {markup} here.\n", encoding="utf-8")
    line = text.count("\n") + 2
    with pytest.raises(BuildError, match=rf"introduction.md:{line}: attribute '{name}' is not allowed"):
        load(scratch)


def test_the_manuscript_s_own_attributes_pass(project):
    load(project)  # ids, n= on the essay's spans, the tagline's class


def test_a_fence_in_a_note_is_refused_at_its_line(scratch):
    notes = scratch / "manuscript" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    head, _, rest = text.partition("ibar:\n  commentary: |\n")
    notes.write_text(
        head + "ibar:\n  commentary: |\n    First paragraph.\n\n    :::\n\n    Lost paragraph.\n" + rest,
        encoding="utf-8",
    )
    line = head.count("\n") + 5
    with pytest.raises(BuildError, match=rf"notes.yaml:{line}: a fenced div \(:::\) is not supported here"):
        load(scratch)


def test_an_unbalanced_fence_in_the_essay_is_refused(scratch):
    essay = scratch / "manuscript" / "essay.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\n:::\n", encoding="utf-8")
    with pytest.raises(BuildError, match="essay.md:\\d+: a fenced div \\(:::\\) that does not balance"):
        load(scratch)


def test_a_pandoc_footnote_is_refused_by_name(scratch):
    intro = scratch / "manuscript" / "introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nA claim.^[An inline note.]\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"introduction.md:\d+: a pandoc footnote .* is not supported"):
        load(scratch)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("word " * 30_000, "a line of 150,000 characters; at most 100,000"),
        ("a line of words\n" * 15_000, "a paragraph of 240,000 characters; at most 200,000"),
        ("> " * 1000 + "deep\n", "block quotes nested more than 16 deep"),
        ("- " * 300 + "deep\n", "lists nested more than 16 deep"),
        ("*a _b " * 200 + "x" + " b_ a*" * 200 + "\n", "emphasis opened more than 32 times in one line"),
    ],
)
def test_pathological_markdown_is_refused_at_once_with_its_line(scratch, text, message):
    intro = scratch / "manuscript" / "introduction.md"
    before = intro.read_text(encoding="utf-8")
    intro.write_text(before + "\n" + text, encoding="utf-8")
    with pytest.raises(BuildError, match=rf"introduction.md:{before.count(chr(10)) + 2}: {message}"):
        load(scratch)


@pytest.mark.parametrize(
    "relative", ["templates/css/epub.css", "templates/fonts/EBGaramond-Regular.ttf", "manuscript/map.png"]
)
def test_a_template_stylesheet_font_or_image_that_links_out_is_refused(scratch, outside, relative):
    from edition.check import check_project

    path = scratch / relative
    path.unlink(missing_ok=True)
    path.symlink_to(outside)
    with pytest.raises(BuildError, match=f"{relative}: is a link to a file outside the project"):
        check_project(Project.at(scratch, "0"), load(scratch))


def test_a_piece_of_markdown_larger_than_one_pandoc_call_is_refused(scratch):
    essay = scratch / "manuscript" / "essay.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\nAll work and no play.\n" * 200_000, encoding="utf-8")
    with pytest.raises(
        BuildError, match=r"essay.md:1: 4,\d{3},\d{3} characters of Markdown in one piece; at most 4,000,000"
    ):
        load(scratch)


def test_a_long_paragraph_inside_a_yaml_note_is_refused_at_its_line(scratch):
    notes = scratch / "manuscript" / "notes.yaml"
    before = notes.read_text(encoding="utf-8")
    long = "    a line of words\n" * 15_000
    notes.write_text(before + "long-note:\n  commentary: |\n    First.\n\n" + long, encoding="utf-8")
    line = before.count("\n") + 5  # the key, the tier, "First.", the blank line: the long paragraph's first line
    with pytest.raises(BuildError, match=rf"notes.yaml:{line}: a paragraph of [\d,]+ characters; at most 200,000"):
        load(scratch)


def test_a_yaml_file_with_no_blank_line_is_not_one_long_paragraph(scratch):
    """A YAML file's paragraphs are its scalars': a long file of short entries without blank lines loads."""
    notes = scratch / "manuscript" / "notes.yaml"
    extra = "".join(f"extra-{i}: A short gloss, number {i}, of a few words.\n" for i in range(6_000))
    assert len(extra) > 250_000 and "\n\n" not in extra
    notes.write_text(notes.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra, encoding="utf-8")
    assert "extra-5999" in load(scratch).notes


def test_a_manuscript_larger_in_all_than_the_benchmark_book_is_refused(scratch):
    """Each file under its limit, the three together over what the build is shown to handle."""
    padding = "All work and no play.\n\n" * 360_000  # 8.2 MB
    for name in ("essay.md", "introduction.md", "textual-note.md"):
        path = scratch / "manuscript" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n" + padding, encoding="utf-8")
    with pytest.raises(BuildError, match=r"^manuscript/textual-note.md: the manuscript passes 22 MiB in all"):
        load(scratch)


BOM = "\ufeff".encode()


@pytest.mark.parametrize("name", ["introduction.md", "textual-note.md", "notes.yaml", "words.txt"])
def test_a_byte_order_mark_is_removed_from_every_file(scratch, name, edition_manuscript):
    """One rule for every manuscript file: the mark goes before parsing, the lines keep their numbers."""
    intro = scratch / "manuscript" / "introduction.md"
    plain = edition_manuscript  # the same manuscript, loaded once for the session, without the mark
    if not intro.read_text(encoding="utf-8").startswith("#"):  # another book's introduction may open without one
        intro.write_text("# Introduction\n\n" + intro.read_text(encoding="utf-8"), encoding="utf-8")
        plain = load(scratch)
    path = scratch / "manuscript" / name
    path.write_bytes(BOM + path.read_bytes())
    marked = load(scratch)
    assert marked.introduction.ast == plain.introduction.ast  # its first heading is still a heading
    assert marked.textual_note.ast == plain.textual_note.ast
    assert marked.notes == plain.notes and marked.words == plain.words
    assert json.loads(marked.introduction.ast)[0]["t"] == "Header"


@pytest.mark.parametrize("name", ["words.txt", "notes.yaml", "textual-note.md"])
def test_invalid_utf8_in_any_file_is_an_error_at_its_line(scratch, name):
    path = scratch / "manuscript" / name
    data = path.read_bytes()
    path.write_bytes(data + b"caf\xe9\n")
    line = data.count(b"\n") + 1
    with pytest.raises(BuildError, match=rf"^manuscript/{name}:{line}: not UTF-8 \(byte 0xe9 cannot be decoded\)$"):
        load(scratch)


def test_the_word_list_has_the_limits_of_every_file(scratch):
    words = scratch / "manuscript" / "words.txt"
    before = words.read_bytes()
    words.write_bytes(before + b"x" * 1_000_000 + b"\n")
    line = before.count(b"\n") + 1
    with pytest.raises(BuildError, match=rf"^manuscript/words.txt:{line}: a line of 1,000,000 characters"):
        load(scratch)
    words.write_bytes(b"Mitrovica\n" * (11 * 2**20 // 10))
    with pytest.raises(BuildError, match=r"^manuscript/words.txt: file is larger than 10 MiB"):
        load(scratch)
    words.unlink()
    words.symlink_to("/etc/hostname")
    with pytest.raises(BuildError, match=r"^manuscript/words.txt: is a link to a file outside the project"):
        load(scratch)


@pytest.mark.parametrize("name", ["partials/marks.j2", "pages/essay.j2", "css/epub.css"])
def test_a_byte_order_mark_in_a_template_or_stylesheet_is_removed_too(scratch, name):
    """The same rule for the templates: the mark never reaches a document."""
    from edition.check import check_stylesheets
    from edition.markup.templates import environment

    path = scratch / "templates" / name
    path.write_bytes(BOM + path.read_bytes())
    check_stylesheets(scratch / "templates")
    if name.endswith(".j2"):
        source = environment(scratch / "templates").loader.get_source(None, name)[0]
        assert not source.startswith("\ufeff") and source == path.read_bytes()[3:].decode("utf-8")
