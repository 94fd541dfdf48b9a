"""A broken machine: dist/ in the way, a disk that fills, a damaged cache, a killed or interrupted build.

None of these may print a traceback; each ends with one line (and exit 1, or
130 for an interrupt), and leaves dist/ as it was.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
from helpers import FIXED_EPOCH, PROJECT, SLUG, default_sigint, run_build, snapshot, wait_until_catches

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
    assert err == [f"{error.filename}: {error.strerror[0].lower()}{error.strerror[1:]}"]
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


@pytest.mark.parametrize("where", ["zipfile.ZipFile.writestr", "pathlib.Path.write_bytes"])
def test_a_full_disk_names_the_output_being_written(scratch, monkeypatch, capsys, where):
    """A write that fails carries no path of its own: the build names the output it was writing, in dist/."""
    target, name = ("epub", f"{SLUG}.epub") if "zip" in where else ("web", "web/index.html")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setattr(where, full)
    code = cli.main([target, "--project", str(scratch)])
    assert code == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"dist/{name}: no space left on device"]
    assert not (scratch / "dist").exists() or not list((scratch / "dist").iterdir())


def _limited(size: int):
    """For a child: files may grow to size bytes and no further (the write fails with EFBIG, as on a full disk)."""
    import resource

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(("target", "name"), [("epub", f"{SLUG}.epub"), ("web", "web")])
def test_a_write_that_fails_for_real_names_its_output(scratch, target, name):
    """Files limited to 200 kB: the first file to pass it is named: the output (the EPUB; a page or the zip of the
    site), or the temporary folder WeasyPrint writes the cover's fonts to, as the EPUB's cover image is drawn."""
    import tempfile

    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), target],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        preexec_fn=_limited(200_000),
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    where = rf"dist/{re.escape(name)}[\w./-]*|{re.escape(tempfile.gettempdir())}"
    assert re.fullmatch(rf"(?:{where}): file too large", line), line
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


def test_emit_html_onto_a_full_device_names_it(scratch):
    """/dev/full: every write fails with ENOSPC, a real full disk."""
    proc = run_build(scratch, "print", "--emit-html", "/dev/full")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["/dev/full: no space left on device"]


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
    (cache / "spelling.json").write_bytes(b"\x00\xff garbage")  # garbled beyond reading
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


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """A project with a good build of the EPUB and the interior in dist/, to interrupt a rebuild of."""
    root = tmp_path_factory.mktemp("built-once")
    for name in ("manuscript", "templates"):
        shutil.copytree(PROJECT / name, root / name)
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, str(PROJECT / "build.py"), "--project", str(root), "epub", "print"]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    return root


def sums_match(dist) -> bool:
    import hashlib

    lines = (dist / "SHA256SUMS").read_text().splitlines()
    return all(
        hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
        for digest, name in (line.split("  ") for line in lines)
    )


MOMENTS = [0.3, 1.5, *random.Random(7).sample([round(x * 0.5, 1) for x in range(4, 14)], 3)]


@pytest.mark.parametrize("how", ["interrupt", "kill"])
@pytest.mark.parametrize("moment", MOMENTS)
def test_a_rebuild_stopped_at_any_moment_leaves_dist_whole_and_the_next_build_clean(built_once, tmp_path, how, moment):
    """Ctrl-C to the process group (one line, exit 130) or SIGKILL; then a build that has nothing to do."""
    root = tmp_path / "project"
    shutil.copytree(built_once, root, symlinks=True)
    shutil.rmtree(root / ".build-cache" / "parts")  # so that the rebuild lays the book out anew, for seconds
    before = snapshot(root / "dist")
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, str(PROJECT / "build.py"), "--project", str(root), "epub", "print"]
    proc = subprocess.Popen(
        [*command, "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=default_sigint,
    )
    time.sleep(moment)
    assert proc.poll() is None  # a forced rebuild takes far longer than the latest moment
    os.killpg(proc.pid, signal.SIGINT if how == "interrupt" else signal.SIGKILL)
    _out, err = proc.communicate(timeout=180)
    assert "Traceback" not in err
    if how == "interrupt":
        assert proc.returncode == 130
        assert err.strip().splitlines()[-1] == "interrupted: dist/ left as it was"
    assert snapshot(root / "dist") == before
    time.sleep(0.5)  # what the kill ended is gone
    after = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert after.returncode == 0 and "Traceback" not in after.stderr
    assert "everything is up to date" in after.stdout
    assert not list(root.glob(STAGING_PREFIX + "*"))
    assert not list((root / ".build-cache").rglob("*.tmp"))
    assert sums_match(root / "dist")


@pytest.mark.parametrize("suite", ["SIGINT at its default", "SIGINT ignored"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_at_the_first_moment_the_build_can_answer_it_ends_it_with_130(scratch, suite, sig):
    """The earliest moment the suite can reach: build.py's first instruction, which installs its SIGTERM
    handler (seen in /proc); the interrupt comes while Python is still importing the build's code.

    Before that moment the interpreter starts and imports site: a window no code of the build's reaches
    (build.py says why). The suite may itself have been started with SIGINT ignored (a shell without job
    control): its builds are started with SIGINT at its default all the same.
    """
    ignored = suite == "SIGINT ignored"
    before = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignored else None
    try:
        proc = subprocess.Popen(
            [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub", "--force"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH),
            start_new_session=True,
            preexec_fn=default_sigint,
        )
    finally:
        if ignored:
            signal.signal(signal.SIGINT, before)
    wait_until_catches(proc.pid, signal.SIGTERM)
    os.killpg(proc.pid, sig)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["interrupted: dist/ left as it was"]
    assert not (scratch / "dist").exists()
    assert not list(scratch.glob(STAGING_PREFIX + "*"))


def test_a_ctrl_c_in_the_build_s_first_tenth_of_a_second_never_shows_the_build_s_traceback(scratch):
    """Ctrl-Cs from the moment the process exists: each ends it with 130 and one line, or, before build.py's
    first instruction, the way Python ends (killed by the signal; or Python's own error while it imports
    site, the window build.py's docstring explains). Never a traceback through the build's own code."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    command = [sys.executable, str(PROJECT / "build.py"), "--project", str(scratch), "epub", "--force"]
    for moment in [i * 0.01 for i in range(12)]:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
            preexec_fn=default_sigint,
        )
        time.sleep(moment)
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
        if proc.returncode == -signal.SIGINT:
            assert err == "", (moment, err)  # before Python had a handler: ended as any program is
        elif proc.returncode == 1:
            assert "init_import_site" in err and "build.py" not in err, (moment, err)
        else:
            assert proc.returncode == 130, (moment, proc.returncode, err)
            assert err.strip().splitlines() == ["interrupted: dist/ left as it was"], (moment, err)
