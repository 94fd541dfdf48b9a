"""The house: stage folders whose imports run one way, small modules and functions, and ruff clean."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PROJECT

CODE = PROJECT / "edition"
# The pipeline's stages in the order data flows through them. A stage may use
# the stages before it and the shared rooms, never a stage after it.
STAGES = ["load", "check", "compose", "render", "verify", "publish"]
SHARED = {"errors", "model", "markup", "support", "project", "outputs", "cache"}
TOP = {"cli", "pipeline", "authoring", "__init__"}


def modules() -> list[Path]:
    return sorted(p for p in CODE.rglob("*.py") if "__pycache__" not in p.parts)


def room(path: Path) -> str:
    return path.relative_to(CODE).parts[0].removesuffix(".py")


def imported_rooms(path: Path) -> set[str]:
    """The rooms of edition/ a module imports from, by relative or absolute import."""
    rooms = set()
    package = path.relative_to(CODE).parent.parts
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts] if node.module or base else [[alias.name] for alias in node.names]
            elif node.module and node.module.startswith("edition."):
                names = [node.module.split(".")[1:]]
            else:
                continue
            rooms.update(p[0] for p in names if p)
    return rooms


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(CODE)))
def test_a_stage_uses_only_the_stages_before_it(path):
    own = room(path)
    if own in TOP or own in SHARED - {"cache"}:
        return
    later = set(STAGES[STAGES.index(own) + 1 :]) | TOP if own in STAGES else set(STAGES) | TOP
    assert not (imported_rooms(path) - {own}) & later, f"{path.relative_to(CODE)} imports a later stage"


def test_the_stages_are_folders():
    assert all((CODE / stage / "__init__.py").is_file() for stage in STAGES)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(CODE)))
def test_modules_and_functions_are_small(path):
    text = path.read_text()
    assert text.count("\n") <= 400, f"{path.name} has more than 400 lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 60, f"{path.name}: {node.name} is over 60 lines"


def test_ruff_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "edition", "tests", "build.py", "bench", "tools"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
