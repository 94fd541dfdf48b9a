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


def imported_modules(path: Path) -> set[tuple[str, ...]]:
    """The modules of edition/ a module imports from, as paths of names under edition/ (relative or absolute)."""
    found: set[tuple[str, ...]] = set()
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
            found.update(tuple(p) for p in names if p)
    return found


def imported_rooms(path: Path) -> set[str]:
    """The rooms of edition/ a module imports from, by relative or absolute import."""
    return {parts[0] for parts in imported_modules(path)}


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


# The rooms under render/ that are no format: the renderer's interface, WeasyPrint's room and the PDF joiner,
# which every format may use. Every other folder there is a format, which uses no other format.
RENDER_SHARED = {"renderer", "weasyprint", "pdfjoin", "__init__"}


def formats() -> list[str]:
    return sorted(
        p.name for p in (CODE / "render").iterdir() if p.is_dir() and p.name not in RENDER_SHARED | {"__pycache__"}
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(CODE)))
def test_a_format_imports_no_other_format(path):
    parts = path.relative_to(CODE).parts
    own = parts[1] if parts[0] == "render" and len(parts) > 2 else None
    used = {m[1] for m in imported_modules(path) if len(m) > 1 and m[0] == "render"}
    # A module outside the formats (the pipeline, render's shared rooms) reaches a format by the registry only.
    assert not used & (set(formats()) - {own}), f"{path.relative_to(CODE)} imports a format other than its own"


@pytest.mark.parametrize("path", [p for p in modules() if room(p) == "authoring"], ids=lambda p: p.name)
def test_authoring_goes_through_the_pipeline(path):
    assert not imported_rooms(path) & (set(STAGES) | {"cli"}), f"{path.name} reaches past the pipeline's doors"


def test_the_test_helpers_go_through_the_pipeline():
    """tests/helpers.py composes a project as authoring/ does, by the pipeline's doors, not by calling the stages."""
    helpers = PROJECT / "tests" / "helpers.py"
    used = {
        node.module.split(".")[1]
        for node in ast.walk(ast.parse(helpers.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("edition.")
    }
    assert "pipeline" in used, "tests/helpers.py no longer composes through the pipeline"
    assert not used & (set(STAGES) | {"cli"}), f"tests/helpers.py reaches past the pipeline's doors: {used}"


def test_no_stage_names_an_output():
    """What an output is, is in the registry and its format's folder: the pipeline, the command line, authoring/,
    the checks and the other formats know outputs only through the registry."""
    import re

    from edition.outputs import OUTPUTS

    pattern = re.compile("[\"'](" + "|".join(map(re.escape, OUTPUTS)) + ")[\"']")
    allowed = {
        CODE / "outputs.py",
        CODE / "load" / "printing.py",
        CODE / "load" / "schema.py",
        CODE / "load" / "manuscript.py",
        CODE / "load" / "schema_doc.py",
        CODE / "compose" / "sections.py",  # the section 'cover' is the EPUB's cover page, not the cover output
        CODE / "verify" / "kindle.py",  # the OPF's meta named 'cover' (its cover image), not the cover output
    }
    for path in modules():
        parts = path.relative_to(CODE).parts
        if path in allowed or (parts[0] == "render" and parts[1] in formats()):
            continue  # and the metadata's 'print' section (load/) is a key of metadata.yaml, not an output
        found = [line for line in path.read_text().splitlines() if pattern.search(line)]
        assert not found, f"{path.relative_to(CODE)} names an output: {found[0].strip()}"


def test_shared_rooms_import_no_stage():
    """support/, markup/, model/ and errors are below every stage: no arrow back up."""
    for path in modules():
        if room(path) in {"support", "markup", "model", "errors"}:
            assert not imported_rooms(path) & (set(STAGES) | TOP), f"{path.relative_to(CODE)} imports upward"
        if room(path) == "support":
            assert "markup" not in imported_rooms(path), f"{path.relative_to(CODE)} imports markup/"


def test_compose_imports_no_check():
    for path in modules():
        if room(path) == "compose":
            assert "check" not in imported_rooms(path), f"{path.relative_to(CODE)} imports the check stage"
