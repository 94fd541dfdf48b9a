"""Bad input: one clear line `path:line: what is wrong`, exit status 1, and dist/ untouched."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PROJECT, SLUG, edit

ONE_LINE = re.compile(r"^[\w./-]+(:\d+)?: .+$")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(project), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def previous_dist(scratch) -> Path:
    """A dist/ holding the last good outputs (their bytes are what must survive)."""
    dist = scratch / "dist"
    dist.mkdir()
    (dist / f"{SLUG}.epub").write_bytes(b"PK previous good epub")
    (dist / f"{SLUG}-print.pdf").write_bytes(b"%PDF previous good print")
    (dist / "SHA256SUMS").write_text("0" * 64 + f"  {SLUG}.epub\n")
    return dist


M = "manuscript/"
CASES = {
    "malformed YAML": (M + "notes.yaml", None, "\nbroken: [unclosed\n", r"notes.yaml:\d+: malformed YAML"),
    "malformed CSL": (
        M + "bibliography.yaml",
        "- id: ",
        "- idd: ",
        r"bibliography.yaml:\d+: missing required field 'id'",
    ),
    "undefined note": (
        M + "essay.md",
        "{n=ibar}",
        "{n=no-such-note}",
        r"essay.md:5: note 'no-such-note' is referenced but not defined",
    ),
    "duplicate id": (
        M + "notes.yaml",
        None,
        "\nibar: |\n  Again [@britannica-ibar].\n",
        r"notes.yaml:\d+: duplicate key 'ibar'",
    ),
    "bad ISBN": (
        M + "metadata.yaml",
        "  paper: white\n",
        "  paper: white\n  isbn: 978-0-306-40615-6\n",
        r"metadata.yaml:\d+: ISBN '978-0-306-40615-6' has the check digit 6; it should be 7",
    ),
    "impossible date": (
        M + "chronology.yaml",
        None,
        None,
        r"chronology.yaml:\d+: invalid date .*February 2000 has 29 days",
    ),
    "link to a missing passage": (
        M + "chronology.yaml",
        None,
        None,
        r"chronology.yaml:\d+: .* links to passage 'nowhere', which is not in the essay",
    ),
    "missing citation key": (M + "notes.yaml", "[@", "[@no-such-key; @", r"notes.yaml:\d+: citation key 'no-such-key'"),
    "emendation not matching": (
        M + "emendations.yaml",
        'from: "dareto"',
        'from: "dare-to"',
        r"emendations.yaml:\d+: emendation does not match the source text",
    ),
    "missing metadata": (
        M + "metadata.yaml",
        "language: en-US\n",
        "",
        r"metadata.yaml:\d+: missing required field 'language'",
    ),
    "raw HTML": (
        M + "essay.md",
        "Mitrovica is not just",
        "<b>Mitrovica</b> is not just",
        r"essay.md:5: raw html is not allowed",
    ),
    "script": (M + "notes.yaml", None, None, r"notes.yaml:\d+: raw html is not allowed .*script"),
    "image by URL": (
        M + "introduction.md",
        None,
        "\n\n![map](https://example.invalid/map.png)\n",
        r"introduction.md:\d+: image refers to a URL",
    ),
    "image outside the project": (
        M + "introduction.md",
        None,
        "\n\n![pw](../../etc/passwd)\n",
        r"introduction.md:\d+: image path '../../etc/passwd' is outside the project",
    ),
    "stylesheet by URL": (
        "templates/css/book.css",
        None,
        '\n@import "http://127.0.0.1:9/x.css";\n',
        r"book.css:\d+: stylesheet refers to a URL",
    ),
    "stylesheet file URL": (
        "templates/css/book.css",
        None,
        "\np { background: url(file:///etc/passwd); }\n",
        r"book.css:\d+: stylesheet refers to a URL",
    ),
    "empty essay": (M + "essay.md", "", "", r"essay.md: the essay is empty"),
    "bibliography title with a script": (
        M + "bibliography.yaml",
        "  title: French in Kosovo\n",
        "  title: 'French in Kosovo <img src=x onerror=alert(1)>'\n",
        r"bibliography.yaml:9: raw html is not allowed in the manuscript: '<img",
    ),
    "bibliography URL of a file": (
        M + "bibliography.yaml",
        "  URL: http://stats.nohib.com./archives/la-xpm-2000-mar-02-me-4525-story.html\n",
        "  URL: file:///etc/passwd\n",
        r"bibliography.yaml:17: URL 'file:///etc/passwd' is not a web address",
    ),
    "language that is no tag": (
        M + "notes.yaml",
        "is the largest\n",
        'is the [largest]{lang="not a language"}\n',
        r"notes.yaml:6: lang='not a language' is not a valid BCP 47 language tag",
    ),
    "an id the templates also make": (
        M + "notes.yaml",
        "is the largest\n",
        "is the [largest]{#comm-mitrovica}\n",
        r"notes.yaml:6: the id 'comm-mitrovica' is given twice in the edition",
    ),
}


def _apply(scratch: Path, name: str, rel: str, old, new) -> None:
    path = scratch / rel
    text = path.read_text(encoding="utf-8")
    if name == "impossible date":
        text = re.sub(r'date: "?2000-02-02"?', 'date: "2000-02-30"', text, count=1)
    elif name == "link to a missing passage":
        text = re.sub(r"passages: \[", "passages: [nowhere, ", text, count=1)
    elif name == "script":
        text = re.sub(r"(\n  (?:gloss|commentary): \|\n)", r"\1    <script>alert(1)</script>\n", text, count=1)
    elif name == "empty essay":
        text = "\n  \n"
    elif old is None:
        text += new
    else:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


# The cases that break a line of this edition's own manuscript (its notes, dates, passages, sources, emendations):
# run for this manuscript alone; the others break what any manuscript has.
OF_THIS_EDITION = {
    "undefined note",
    "duplicate id",
    "impossible date",
    "link to a missing passage",
    "emendation not matching",
    "raw HTML",
    "bibliography title with a script",
    "bibliography URL of a file",
    "language that is no tag",
    "an id the templates also make",
}


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=pytest.mark.this_edition) if name in OF_THIS_EDITION else name for name in CASES]
)
def test_bad_input_fails_cleanly(scratch, previous_dist, name):
    rel, old, new, expected = CASES[name]
    _apply(scratch, name, rel, old, new)
    before = snapshot(previous_dist)
    proc = run_build(scratch)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert ONE_LINE.match(lines[0]), lines[0]
    assert re.search(expected, lines[0]), lines[0]
    assert "Traceback" not in proc.stderr
    assert snapshot(previous_dist) == before
    assert not list(scratch.glob(".dist-staging-*"))


@pytest.mark.parametrize(
    "name",
    ["manuscript/introduction.md", "manuscript/words.txt", "templates/css/epub.css", "templates/partials/marks.j2"],
)
def test_not_utf8(scratch, previous_dist, name):
    """In any file the build reads as text, manuscript or template: one line with its place, no traceback."""
    path = scratch / name
    data = path.read_bytes()
    path.write_bytes(data + b"\n\xe9t\xe9\n")
    before = snapshot(previous_dist)
    proc = run_build(scratch)
    assert proc.returncode == 1
    line = data.count(b"\n") + 2
    assert proc.stderr == f"{name}:{line}: not UTF-8 (byte 0xe9 cannot be decoded)\n"
    assert snapshot(previous_dist) == before


def test_very_large_input(scratch, previous_dist):
    with (scratch / "manuscript" / "essay.md").open("a") as f:
        f.write(("All work and no play. " * 50 + "\n\n") * 52000)
    before = snapshot(previous_dist)
    proc = run_build(scratch)
    assert proc.returncode == 1
    assert proc.stderr == "manuscript/essay.md: file is larger than 10 MiB\n"
    assert snapshot(previous_dist) == before


def _first_source(scratch: Path) -> str:
    """The id of the manuscript's first source, whichever book it is."""
    text = (scratch / "manuscript" / "bibliography.yaml").read_text(encoding="utf-8")
    return re.search(r"^- id: (\S+)$", text, re.M).group(1)


def test_debug_shows_the_traceback(scratch):
    essay = scratch / "manuscript" / "essay.md"
    call = re.search(r"\{n=[\w-]+\}", essay.read_text(encoding="utf-8")).group()  # the first note's call
    edit(essay, call, "{n=no-such-note}")
    proc = run_build(scratch, "--debug")
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "BuildError" in proc.stderr


def test_unused_note_warns_and_strict_fails(scratch, previous_dist):
    with (scratch / "manuscript" / "notes.yaml").open("a") as f:
        # a commentary alone: a gloss would be refused first, for want of its support
        f.write(f"\nunused-note:\n  commentary: |\n    Nothing calls this note [@{_first_source(scratch)}].\n")
    before = snapshot(previous_dist)
    proc = run_build(scratch, "--strict")
    assert proc.returncode == 1
    assert re.fullmatch(r"manuscript/notes.yaml:\d+: note 'unused-note' is defined but never referenced\n", proc.stderr)
    assert snapshot(previous_dist) == before


@pytest.mark.parametrize("args", [["pdf"], ["--no-such-option"], ["epub", "--check=yes"]])
def test_wrong_usage_exits_2(args):
    proc = run_build(PROJECT, *args)
    assert proc.returncode == 2
    assert "usage: build.py" in proc.stderr


def test_help_explains_targets_and_options():
    proc = run_build(PROJECT, "--help")
    assert proc.returncode == 0
    for word in ("epub", "print", "archival", "--check", "--strict", "--debug", "SHA256SUMS", "SOURCE_DATE_EPOCH"):
        assert word in proc.stdout
