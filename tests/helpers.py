"""What the tests share besides fixtures: the project's place, a fixed build time, and small helpers."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
FIXED_EPOCH = "951782400"  # 2000-02-29T00:00:00Z: any fixed time will do

# For the tests that lay out bare HTML with WeasyPrint: fontconfig knows only the stylesheets' fonts (conftest.py),
# so a document must load one, as the project's stylesheets do, or Pango has nothing to draw with.
FONT_CSS = (
    '@font-face { font-family: "Test Serif"; '
    f"src: url({(PROJECT / 'templates' / 'fonts' / 'EBGaramond-Regular.ttf').as_uri()}) }} "
    'html { font-family: "Test Serif" }'
)


def default_sigint() -> None:
    """preexec_fn of a build a test interrupts: SIGINT at its default in the child, whatever the suite was
    started with. A suite started by a shell without job control inherits SIGINT ignored, which its
    builds would inherit in turn (conftest.py also restores it in the suite's own process)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def catches(pid: int, sig: int) -> bool:
    """Whether a process has a handler of its own installed for a signal (SigCgt in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(mask & (1 << (sig - 1)))


def wait_until_catches(pid: int, sig: int, timeout: float = 120) -> None:
    """Wait, polling every millisecond, until a process has installed its handler for sig."""
    deadline = time.monotonic() + timeout
    while not catches(pid, sig):
        assert time.monotonic() < deadline, f"process {pid} never handled signal {sig}"
        time.sleep(0.001)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """build.py run on a project (a scratch copy, usually) as a user would run it."""
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--project", str(project), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def composed(root: Path, epoch: str = FIXED_EPOCH):
    """The project at root loaded, checked and composed by the pipeline's door (pipeline.compose_edition), without
    rendering: (the Edition, the Jinja environment). An id given twice is its BuildError, as in a build.
    The manuscript's pandoc ASTs are spent, as in a build: a test that reads them loads the manuscript itself."""
    from edition.pipeline import compose_edition
    from edition.project import Project

    done = compose_edition(Project.at(root, epoch))
    return done.ed, done.env


def line_boxes(document) -> list[tuple[int, float, float, str]]:
    """Every line of a laid-out document: its page, position and text."""
    out = []

    def walk(box, page):
        if type(box).__name__ == "LineBox":
            text = "".join(t.text for t in box.descendants() if isinstance(getattr(t, "text", None), str))
            out.append((page, round(box.position_x, 3), round(box.position_y, 3), text))
            return
        for child in getattr(box, "children", []):
            walk(child, page)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, number)
    return out


SMALL = PROJECT / "tests" / "unit" / "compose" / "fixture" / "manuscript"


def small_project(root: Path, templates: bool = True) -> Path:
    """A copy of the compose stage's small fixture manuscript (and the project's templates) to break on purpose."""
    import shutil

    shutil.copytree(SMALL, root / "manuscript")
    if templates:
        shutil.copytree(PROJECT / "templates", root / "templates")
    return root


def _metadata() -> dict:
    """The manuscript under test's metadata: the tests read its names from it rather than spell them out."""
    import yaml

    return yaml.safe_load((PROJECT / "manuscript" / "metadata.yaml").read_text(encoding="utf-8"))


META = _metadata()
SLUG, TITLE, AUTHOR, IDENTIFIER = META["slug"], META["title"], META["author"], META["identifier"]


def output_name(target: str) -> str:
    """An output's file name in dist/ for the manuscript under test ("<slug>-print.pdf")."""
    from edition.outputs import OUTPUTS

    return OUTPUTS[target].file_name(SLUG)
