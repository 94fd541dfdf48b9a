"""A second book (tests/fixtures/berlin-speech: a speech, not an essay) builds every output with every
validator and --strict, and none of its outputs holds this edition's title, author or place names: the engine
serves any annotated text (issue 24). Its running heads and labels are its own, and its short interior reaches
the printers' minimum page count with blank pages at the end."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
import yaml
from helpers import FIXED_EPOCH, PROJECT, run_build

from edition.outputs import DEFAULT_TARGETS, OUTPUTS
from edition.pipeline import build
from edition.printers import INTERIOR_MIN_PAGES
from edition.project import Project

FIXTURE = PROJECT / "tests" / "fixtures" / "berlin-speech"


def _yaml(folder: Path, name: str):
    return yaml.safe_load((folder / "manuscript" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    """The fixture book as a project of its own (its manuscript, the build's templates), built with --check."""
    root = tmp_path_factory.mktemp("second-book")
    shutil.copytree(FIXTURE / "manuscript", root / "manuscript")
    shutil.copytree(PROJECT / "templates", root / "templates")
    dist = root / "dist"
    result = build(Project.at(root, FIXED_EPOCH), check=True, strict=True, dist=dist, log=lambda _line: None)
    return root, dist, {out.target: out for out in result.outputs}


def _texts(dist: Path) -> dict[str, str]:
    """Every output's text: each file of the EPUB and of the web edition, each PDF as pdftotext reads it."""
    texts = {}
    for path in sorted(dist.rglob("*")):
        if path.suffix in (".epub", ".zip"):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith((".xhtml", ".html", ".opf", ".ncx", ".css", ".xml")):
                        texts[f"{path.name}/{name}"] = z.read(name).decode("utf-8")
        elif path.suffix == ".pdf":
            out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
            with pikepdf.open(path) as pdf:
                meta = " ".join(str(v) for v in pdf.open_metadata().values())
            texts[path.name] = out.stdout + meta
    return texts


def test_every_output_is_built_and_every_validator_passes(second):
    _root, dist, outputs = second
    assert set(outputs) == set(DEFAULT_TARGETS)
    slug = _yaml(FIXTURE, "metadata.yaml")["slug"]
    assert outputs["epub"].path.name == f"{slug}.epub"
    checks = " ".join(c for out in outputs.values() for c in out.checks)
    for validator in (
        "EPUBCheck",
        "DAISY Ace",
        "axe-core",
        "PDF checks (print)",
        "printer's checklist (print)",
        "tei_all",
        "kepub structure",
        "calibre",
    ):
        assert validator in checks
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(line.split("  ")[1].startswith((slug, "web.zip")) for line in sums.splitlines())


def test_no_output_holds_this_editions_title_author_or_places(second):
    _root, dist, _outputs = second
    meta = _yaml(PROJECT, "metadata.yaml")
    glossary = _yaml(PROJECT, "glossary.yaml")
    names = {meta["title"], meta["author"], meta["author"].split()[-1], meta["original"]["title"]}
    names |= {g["name"] for g in glossary.values() if g["kind"] == "place"}
    names |= {form for g in glossary.values() if g["kind"] == "place" for form in g.get("forms", {}).values()}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)
    found = {name: m.group(0) for name, text in _texts(dist).items() if (m := pattern.search(text))}
    assert not found


def test_its_running_heads_and_labels_are_its_own(second):
    _root, dist, outputs = second
    meta = _yaml(FIXTURE, "metadata.yaml")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(outputs["print"].path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    # The verso's running head is the book's title (metadata), the recto's the section's: past the title page,
    # some page is headed by the book's title, and the copy-text's own title heads its recto pages.
    heads = [page.strip().split("\n")[0].strip() for page in pages[2:] if page.strip()]
    assert meta["title"] != meta["original"]["title"]
    assert meta["title"] in heads and meta["original"]["title"] in heads
    menu = (dist / "web" / "index.html").read_text(encoding="utf-8")
    assert '<a href="essay.html">Speech</a>' in menu
    glossary = (dist / "web" / "glossary.html").read_text(encoding="utf-8")
    assert "named in the speech" in glossary and "the German forms" in glossary
    assert 'Speech: <i>West Berlin</i>; German: <i lang="de"' in glossary


def test_the_short_interior_reaches_the_printers_minimum_with_blank_pages_at_the_end(second):
    _root, _dist, outputs = second
    with pikepdf.open(outputs["print"].path) as pdf:
        count = len(pdf.pages)
        assert count >= INTERIOR_MIN_PAGES and count % 2 == 0
        last = {str(op) for _operands, op in pikepdf.parse_content_stream(pdf.pages[-1])}
        assert not last & {"Tj", "TJ"}


def test_a_new_edition_from_the_scaffold_builds_everything_with_make_check(tmp_path):
    """`build.py new FOLDER`, then `make check` in it: every output, every validator, --strict, nothing found."""
    folder = tmp_path / "my-edition"
    new = subprocess.run(
        [str(PROJECT / ".venv" / "bin" / "python"), str(PROJECT / "build.py"), "new", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert new.returncode == 0, new.stderr
    made = subprocess.run(["make", "-C", str(folder), "check"], capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stderr
    assert "warning" not in made.stderr
    built = sorted(p.name for p in (folder / "dist").iterdir())
    expected = [OUTPUTS[t].file_name("my-edition") for t in DEFAULT_TARGETS]
    assert built == sorted(
        ["SHA256SUMS", *expected, *(OUTPUTS[t].folder for t in DEFAULT_TARGETS if OUTPUTS[t].folder)]
    )
    assert "EPUBCheck" in made.stdout and "axe-core" in made.stdout and "printer's checklist (print): 0" in made.stdout


def test_the_scaffold_builds_with_check_and_strict_at_once(tmp_path):
    """The scaffold's web edition from the command line with --check --strict: the quickest output whose validator
    runs without Java (moved here from tests/unit/test_scaffold.py: a full build is not a unit test)."""
    folder = tmp_path / "My Edition"
    new = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "new", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert new.returncode == 0, new.stderr
    result = run_build(folder, "web", "--check", "--strict", "--dist", str(folder / "dist"))
    assert result.returncode == 0, result.stderr
    assert "axe-core" in result.stdout and "0 violations" in result.stdout
    assert (folder / "dist" / "web.zip").is_file()
