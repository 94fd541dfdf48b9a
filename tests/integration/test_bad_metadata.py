"""The metadata's schema, the cover's measure and the project's fonts, through the command line: one line
`file:line: what is wrong`, exit status 1, dist/ untouched. Each case fails before the book is laid out."""

from __future__ import annotations

import re

import pytest
from helpers import SLUG, TITLE, edit, run_build, snapshot

ONE_LINE = re.compile(r"^[\w./-]+:\d+: .+$")
M = "manuscript/"
LONG_TITLE = (f"{TITLE} " * 50)[:300]

CASES = {
    "misspelt isbn": (
        M + "metadata.yaml",
        "  paper: white\n",
        "  paper: white\n  ibsn: 978-0-306-40615-7\n",
        r"^manuscript/metadata.yaml:{added}: ibsn: unknown key in 'print'; did you mean isbn\?$",
    ),
    "a trim": (
        M + "metadata.yaml",
        "  paper: white\n",
        "  paper: white\n  trim: 100 x 100 in\n",
        r"^manuscript/metadata.yaml:{added}: trim: unknown key in 'print'",
    ),
    "an Arabic title": (
        M + "metadata.yaml",
        f"title: {TITLE}",
        "title: كتاب",
        r"^manuscript/metadata.yaml:4: the character 'ك' \(U\+0643 ARABIC LETTER KAF\) is in none of",
    ),
    "a Chinese gloss": (
        M + "notes.yaml",
        "    and Albanians the south",
        "    and Albanians 米特罗维察 the south",
        r"^manuscript/notes.yaml:4: the character '米' \(U\+7C73 CJK UNIFIED IDEOGRAPH-7C73\)",
    ),
    "a 300-character title": (
        M + "metadata.yaml",
        f"title: {TITLE}",
        f"title: {LONG_TITLE}",
        r"^manuscript/metadata.yaml:4: title: \d+ words do not fit the front panel; it holds about \d+$",
    ),
}


# A line of this edition's own notes: run for this manuscript alone.
OF_THIS_EDITION = {"a Chinese gloss"}


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=pytest.mark.this_edition) if name in OF_THIS_EDITION else name for name in CASES]
)
def test_bad_metadata_fails_cleanly(scratch, name):
    rel, old, new, expected = CASES[name]
    # The line of a key added after `old`: the line after it, wherever the manuscript has it today.
    before_edit = (scratch / rel).read_text(encoding="utf-8")
    added = before_edit[: before_edit.index(old)].count("\n") + 2
    expected = expected.replace("{added}", str(added))
    edit(scratch / rel, old, new)
    dist = scratch / "dist"
    dist.mkdir()
    (dist / f"{SLUG}.epub").write_bytes(b"PK previous good epub")
    before = snapshot(dist)
    proc = run_build(scratch, "epub")  # the EPUB's cover image is the front panel, measured as the spread's
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and ONE_LINE.match(lines[0]), proc.stderr
    assert re.search(expected, lines[0]), lines[0]
    assert snapshot(dist) == before
