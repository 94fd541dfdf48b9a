"""Shared fixtures: one real build of the edition (with every validator) per test session."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXED_EPOCH = "951782400"  # 2000-02-29T00:00:00Z: any fixed time will do


@pytest.fixture(scope="session")
def project() -> Path:
    return PROJECT


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build all three targets with --check into a temporary dist/ and return the paths."""
    from edition.pipeline import build

    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    dist = tmp_path_factory.mktemp("dist")
    result = build(PROJECT, check=True, dist=dist, log=lambda _line: None)
    paths = {out.target: out.path for out in result.outputs}
    paths["sums"] = dist / "SHA256SUMS"
    paths["dist"] = dist
    return paths


@pytest.fixture(scope="session")
def epub_zip(built) -> zipfile.ZipFile:
    return zipfile.ZipFile(built["epub"])


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's manuscript and templates to break on purpose."""
    for name in ("manuscript", "templates"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
