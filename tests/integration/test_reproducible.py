"""Two builds of the same commit, in different folders at different times, give the same bytes."""

import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

from helpers import FIXED_EPOCH, PROJECT, SLUG

from edition.project import fixed_time


def test_second_build_elsewhere_is_byte_identical(built, tmp_path):
    other = tmp_path / "elsewhere"
    for name in ("manuscript", "templates", "edition"):
        shutil.copytree(PROJECT / name, other / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "build.py", other / "build.py")
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    proc = subprocess.run([sys.executable, "build.py"], cwd=other, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for key in ("epub", "web", "print", "archival", "tei", "kepub", "kindle", "cover", "sums"):
        again = other / "dist" / built[key].name
        assert again.read_bytes() == built[key].read_bytes(), key


def test_epub_entries_carry_the_fixed_time(epub_zip):
    stamp = datetime.fromtimestamp(int(FIXED_EPOCH), tz=UTC)
    expected = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    assert {info.date_time for info in epub_zip.infolist()} == {expected}


def test_colophon_date_is_the_fixed_time(epub_zip):
    colophon = epub_zip.read("EPUB/text/colophon.xhtml").decode()
    assert "Built on 2000-02-29" in colophon


def test_default_time_is_the_last_commit(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE="2001-06-28T12:00:00Z",
        GIT_COMMITTER_DATE="2001-06-28T12:00:00Z",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@t",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "f").write_text("x")
    subprocess.run(["git", "add", "f"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    assert fixed_time(tmp_path) == datetime(2001, 6, 28, 12, tzinfo=UTC)


def test_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert fixed_time(tmp_path) == datetime(1970, 1, 1, tzinfo=UTC)


def test_zip_order_is_fixed(epub_zip):
    names = [i.filename for i in epub_zip.infolist()]
    assert names[:4] == ["mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml"]
    assert zipfile.ZIP_STORED == epub_zip.getinfo("mimetype").compress_type


def test_numbers_set_into_a_blind_layout_give_the_pdfs_a_direct_layout_gives(tmp_path):
    """A clean build writes some parts from their first layout, their page numbers set in (render/pdf/numbers.py).

    Laid out again from their final documents, every part gives the same bytes.
    """
    other = tmp_path / "clean"
    for name in ("manuscript", "templates", "edition"):
        shutil.copytree(PROJECT / name, other / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "build.py", other / "build.py")
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, "build.py", "print", "archival", "--force"]
    clean = subprocess.run(command, cwd=other, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    filled = re.search(r"(\d+) with their numbers set in", clean.stdout)
    assert filled and int(filled.group(1)) >= 1, clean.stdout
    first = {name: (other / "dist" / f"{SLUG}-{name}.pdf").read_bytes() for name in ("print", "archival")}
    shutil.rmtree(other / ".build-cache" / "parts")  # the pages are known: every part is laid out from its final HTML
    direct = subprocess.run(command, cwd=other, env=env, capture_output=True, text=True)
    assert direct.returncode == 0, direct.stderr
    assert "0 with their numbers set in" in direct.stdout and "in 1 rounds" in direct.stdout, direct.stdout
    for name, data in first.items():
        assert (other / "dist" / f"{SLUG}-{name}.pdf").read_bytes() == data, name
