"""Fixtures every test may use. The full build's fixtures are in integration/conftest.py."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from helpers import PROJECT

# A suite started in the background by a shell without job control inherits SIGINT ignored, and so
# would every build it starts. The tests interrupt builds as a terminal does: Ctrl-C must reach them.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's manuscript and templates to break on purpose."""
    for name in ("manuscript", "templates"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


@pytest.fixture(autouse=True)
def _font_configuration():
    """Each test begins with the font configuration the suite began with: a layout sets FONTCONFIG_FILE for its
    process (edition/support/fonts.py), and the few tests that lay out bare HTML with WeasyPrint itself mean the
    machine's fonts."""
    import os

    before = os.environ.get("FONTCONFIG_FILE")
    yield
    if before is None:
        os.environ.pop("FONTCONFIG_FILE", None)
    else:
        os.environ["FONTCONFIG_FILE"] = before
