"""Fixtures every test may use. The full build's fixtures are in integration/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import PROJECT


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's manuscript and templates to break on purpose."""
    for name in ("manuscript", "templates"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path
