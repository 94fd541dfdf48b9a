"""A broken machine: dist/ in the way, a disk that fills, a damaged cache, a killed or interrupted build.

None of these may print a traceback; each ends with one line (and exit 1, or
130 for an interrupt), and leaves dist/ as it was.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from helpers import FIXED_EPOCH, PROJECT, run_build, snapshot

from edition import cli
from edition.publish import STAGING_PREFIX


def test_dist_that_is_a_file_is_one_line(scratch):
    (scratch / "dist").write_text("not a folder")
    proc = run_build(scratch, "epub")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"{scratch / 'dist'}: exists and is not a folder: the outputs go into a folder of that name"
    ]


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("edition.publish.os.replace", OSError(errno.ENOSPC, "No space left on device", "dist/x.epub")),
        ("edition.publish.os.replace", PermissionError(errno.EACCES, "Permission denied", "dist")),
        ("edition.publish.tempfile.mkdtemp", PermissionError(errno.EROFS, "Read-only file system", "project")),
    ],
    ids=["full disk", "dist cannot be written", "read-only project"],
)
def test_a_filesystem_error_is_one_line_naming_the_path(scratch, monkeypatch, capsys, where, error):
    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setattr(where, fail)
    code = cli.main(["epub", "--project", str(scratch)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"{error.filename}: {error.strerror}"]
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


def test_an_out_of_range_time_is_one_line(scratch):
    env = dict(os.environ, SOURCE_DATE_EPOCH="7258118400")  # 2200
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "SOURCE_DATE_EPOCH 7258118400 is out of range" in proc.stderr.strip()


def test_a_damaged_cache_is_discarded_and_rebuilt_to_the_same_bytes(scratch):
    shutil.copytree(PROJECT / "edition", scratch / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)

    def build(*args):
        return subprocess.run(
            [sys.executable, str(scratch / "build.py"), "print", *args],
            cwd=scratch,
            capture_output=True,
            text=True,
            env=env,
        )

    shutil.copy(PROJECT / "build.py", scratch / "build.py")
    assert build().returncode == 0
    good = snapshot(scratch / "dist")
    cache = scratch / ".build-cache"
    parts = sorted((cache / "parts").glob("*.json"))
    pdfs = sorted((cache / "parts").glob("*.pdf"))
    (cache / "state.json").write_text('{"sha256": "0", "data": {}}')  # garbled: the digest is wrong
    (cache / "pages.json").write_bytes((cache / "pages.json").read_bytes()[:40])  # truncated
    parts[0].write_text("[1, 2, 3]")  # foreign
    pdfs[1].write_bytes(pdfs[1].read_bytes()[:-500])  # a part's PDF truncated
    shutil.copy(parts[2], parts[3])  # a whole record of another part
    again = build("--force")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert "damaged cache entry" in again.stderr
    assert snapshot(scratch / "dist") == good


def test_debris_of_a_killed_build_is_swept_by_the_next_even_with_nothing_to_build(scratch):
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub"]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    stale = scratch / f"{STAGING_PREFIX}999999-abc-999999"  # a build killed outright left it; pid 999999 is gone
    stale.mkdir()
    (stale / "half.epub").write_bytes(b"PK")
    tmp = scratch / ".build-cache" / "state.999999.tmp"
    tmp.write_text("{")
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    assert proc.returncode == 0 and "everything is up to date" in proc.stdout
    assert not stale.exists() and not tmp.exists()


@pytest.mark.parametrize("moment", [0.3, 1.5, random.Random(7).uniform(2, 8)])
def test_ctrl_c_to_the_process_group_at_any_moment_is_one_line(scratch, moment):
    dist = scratch / "dist"
    dist.mkdir()
    (dist / "blaustein-mitrovica-print.pdf").write_bytes(b"%PDF last good")
    before = snapshot(dist)
    proc = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub", "print"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(moment)
    assert proc.poll() is None  # the build takes far longer than the latest moment
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: to the build and everything it started
    _out, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "interrupted: dist/ left as it was"
    assert snapshot(dist) == before
    assert not list(scratch.glob(STAGING_PREFIX + "*"))
    assert not list((scratch / ".build-cache").rglob("*.tmp"))
