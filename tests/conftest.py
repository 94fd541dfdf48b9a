"""Fixtures every test may use. The full build's fixtures are in integration/conftest.py."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from helpers import PROJECT

from edition.support.fonts import confine

# A suite started in the background by a shell without job control inherits SIGINT ignored, and so
# would every build it starts. The tests interrupt builds as a terminal does: Ctrl-C must reach them.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The whole suite lays out with the project's fonts alone, as every build does (edition/support/fonts.py). Set
# once, before WeasyPrint is first imported: fontconfig reconfigured under a process that has laid out already
# leaves Pango fonts from the old configuration behind, and drawing one of them crashed the suite.
confine(PROJECT / "templates" / "fonts")


@pytest.fixture(autouse=True)
def _project_fonts():
    """Each test begins with that configuration again, whatever folder a test before it laid out from."""
    confine(PROJECT / "templates" / "fonts")


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's manuscript and templates to break on purpose."""
    for name in ("manuscript", "templates"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


# The suite for any book (issue 24): with another manuscript in manuscript/, the checks of this edition's own
# manuscript are deselected, and the run says how many (tests/this_edition.py).
_SET_APART = pytest.StashKey[int]()


def pytest_collection_modifyitems(config, items):
    from helpers import IDENTIFIER
    from this_edition import set_apart

    kept, dropped = set_apart(items, IDENTIFIER)
    config.stash[_SET_APART] = len(dropped)
    if hasattr(config, "workeroutput"):  # an xdist worker, whose output nobody sees: its controller says it
        config.workeroutput["set_apart"] = len(dropped)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _notice(count: int) -> str:
    return f"this_edition: {count} tests of this edition's own manuscript deselected (manuscript/ is another book)"


def pytest_report_collectionfinish(config):
    count = config.stash.get(_SET_APART, 0)
    return _notice(count) if count else []


# Under xdist (make unit: pytest -n 2) the workers collect and deselect, and the controller collects nothing: it
# hears each worker's count when the worker ends (every worker collects the same tests) and says it once.
_SET_APART_BY_WORKERS = pytest.StashKey[int]()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    node.config.stash[_SET_APART_BY_WORKERS] = getattr(node, "workeroutput", {}).get("set_apart", 0)


def pytest_terminal_summary(terminalreporter, config):
    count = config.stash.get(_SET_APART_BY_WORKERS, 0)
    if count:
        terminalreporter.write_line(_notice(count))


# The books the unit tests read, each loaded or composed once for the session rather than by every test that
# reads it (a load sends the whole manuscript through pandoc). Shared: a test reads them and changes nothing;
# a test that edits a manuscript loads its own scratch copy.


@pytest.fixture(scope="session")
def edition_manuscript():
    """The project's manuscript as load() gives it, pandoc's ASTs included."""
    from edition.load import load

    return load(PROJECT)


@pytest.fixture(scope="session")
def edition_composed():
    """The project composed by the pipeline's door (helpers.composed): (the Edition, the Jinja environment)."""
    from helpers import composed

    return composed(PROJECT)


@pytest.fixture(scope="session")
def fixture_composed(tmp_path_factory):
    """The compose stage's small fixture manuscript (helpers.small_project) composed the same way."""
    from helpers import composed, small_project

    return composed(small_project(tmp_path_factory.mktemp("fixture-composed")))
