"""The one real build of the edition (with every validator) that the integration tests read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers import FIXED_EPOCH, PROJECT


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build the default targets with --check into a temporary dist/ and return the paths, by target."""
    from edition.pipeline import build
    from edition.project import Project

    dist = tmp_path_factory.mktemp("dist")
    result = build(Project.at(PROJECT, FIXED_EPOCH), check=True, dist=dist, log=lambda _line: None)
    paths = {out.target: out.path for out in result.outputs}
    paths["sums"] = dist / "SHA256SUMS"
    paths["dist"] = dist
    return paths


@pytest.fixture(scope="session")
def epub_zip(built) -> zipfile.ZipFile:
    return zipfile.ZipFile(built["epub"])
