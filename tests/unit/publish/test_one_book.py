"""dist/ holds one book: publishing a book moves another slug's outputs aside with a one-line notice, and
SHA256SUMS lists this book's files alone (issue 24)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from edition.outputs import OUTPUTS
from edition.publish import publish

OLD, NEW = "old-book", "new-book"


def _web(dist: Path) -> None:
    """A web edition as a build leaves it: web/ and the zip of exactly its files."""
    (dist / "web").mkdir()
    (dist / "web" / "index.html").write_text("old", encoding="utf-8")
    with zipfile.ZipFile(dist / "web.zip", "w") as z:
        z.writestr("index.html", "old")


def _old_book(dist: Path) -> set[str]:
    dist.mkdir()
    names = {o.file_name(OLD) for o in OUTPUTS.values() if "{slug}" in o.file}
    for name in names:
        (dist / name).write_bytes(b"old book")
    _web(dist)
    return names


def _stage(tmp_path: Path, names: list[str]) -> tuple[Path, list[Path]]:
    stage = tmp_path / "stage"
    stage.mkdir()
    for name in names:
        (stage / name).write_bytes(b"new book")
    return stage, [stage / name for name in names]


def test_another_books_outputs_are_moved_aside_and_the_sums_list_this_books(tmp_path, capsys):
    dist = tmp_path / "dist"
    old = _old_book(dist)
    mine = [OUTPUTS["epub"].file_name(NEW), OUTPUTS["print"].file_name(NEW)]
    stage, staged = _stage(tmp_path, mine)
    publish(staged, dist, stage, NEW)
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert sorted(line.split("  ")[1] for line in sums.splitlines()) == sorted(mine)
    aside = {p.name for p in (dist / "set-aside").iterdir()}
    assert aside == old | {"web", "web.zip"}  # the web edition not rebuilt was the old book's too
    assert all((dist / "set-aside" / name).read_bytes() == b"old book" for name in old)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"notice: {dist}: another book's outputs moved to")


def test_the_same_books_other_outputs_stay_and_keep_their_sums(tmp_path, capsys):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / OUTPUTS["print"].file_name(NEW)).write_bytes(b"print")
    _web(dist)
    stage, staged = _stage(tmp_path, [OUTPUTS["epub"].file_name(NEW)])
    publish(staged, dist, stage, NEW)
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert len(sums.splitlines()) == 3  # the EPUB, the print PDF and web.zip
    assert not (dist / "set-aside").exists()
    assert capsys.readouterr().err == ""


def test_a_folder_of_anothers_in_dist_is_never_moved(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / OUTPUTS["epub"].file_name(OLD)).write_bytes(b"old")
    (dist / "web").mkdir()
    (dist / "web" / "mine.txt").write_text("a user's own", encoding="utf-8")
    stage, staged = _stage(tmp_path, [OUTPUTS["epub"].file_name(NEW)])
    publish(staged, dist, stage, NEW)
    assert (dist / "web" / "mine.txt").exists()
    assert (dist / "set-aside" / OUTPUTS["epub"].file_name(OLD)).exists()


def test_a_web_edition_published_earlier_in_the_build_is_this_books(tmp_path, capsys):
    """Under --watch each output is published as it is made: the last publish of the build is told of the earlier
    ones, and sets aside only the other book's outputs."""
    dist = tmp_path / "dist"
    old = _old_book(dist)
    stage = tmp_path / "stage"
    (stage / "web").mkdir(parents=True)
    (stage / "web" / "index.html").write_text("new", encoding="utf-8")
    (stage / "web.zip").write_bytes(b"new zip")
    publish([stage / "web.zip", stage / "web"], dist, stage)  # as soon as it is made: nothing set aside yet
    assert not (dist / "set-aside").exists()
    pdf = OUTPUTS["print"].file_name(NEW)
    (stage / pdf).write_bytes(b"new book")
    publish([stage / pdf], dist, stage, NEW, {dist / "web.zip", dist / "web"})
    assert {p.name for p in (dist / "set-aside").iterdir()} == old
    assert (dist / "web" / "index.html").read_text(encoding="utf-8") == "new"
    assert (dist / "web.zip").read_bytes() == b"new zip"
    assert "another book's outputs moved" in capsys.readouterr().err
