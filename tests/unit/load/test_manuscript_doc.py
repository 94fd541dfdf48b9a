"""docs/manuscript.md cannot drift from the loader: it is what manuscript_doc.py writes from the declared files
and fields, each declared field is one the loader reads, and every field a manuscript holds is declared."""

from __future__ import annotations

import re

import pytest
import yaml
from helpers import PROJECT

from edition.load import hints
from edition.load.manuscript_doc import COMMAND, reference
from edition.load.manuscript_schema import FILES

LOADER = "\n".join(path.read_text(encoding="utf-8") for path in (PROJECT / "edition" / "load").glob("*.py"))
MANUSCRIPTS = [
    PROJECT / "manuscript",
    PROJECT / "edition" / "scaffold" / "files" / "manuscript",
    PROJECT / "tests" / "unit" / "compose" / "fixture" / "manuscript",
    *sorted((PROJECT / "tests" / "fixtures").glob("*/manuscript")),
]


def test_docs_manuscript_md_is_what_the_schema_writes():
    written = (PROJECT / "docs" / "manuscript.md").read_text(encoding="utf-8")
    assert written == reference(), f"docs/manuscript.md is stale: run {COMMAND}"


@pytest.mark.parametrize("field", [(f.name, x.name) for f in FILES for x in f.fields], ids=str)
def test_each_declared_field_is_one_the_loader_reads(field):
    _file, name = field
    assert f'"{name}"' in LOADER


def _entries(folder, name):
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    if name == "emendations.yaml":
        return data["emendations"]
    return data if isinstance(data, list) else [v for v in data.values() if isinstance(v, dict)]


@pytest.mark.parametrize("folder", MANUSCRIPTS, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_field_a_manuscript_holds_is_declared(folder):
    for file in FILES:
        if not file.fields:
            continue
        declared = {x.name for x in file.fields}
        for entry in _entries(folder, file.name):
            assert set(entry) <= declared, f"{folder.name}/{file.name}: {sorted(set(entry) - declared)} undeclared"


def test_every_hint_leads_to_a_section_of_the_reference():
    doc = reference()
    headings = {hints.anchor(h) for h in re.findall(r"^## (.+)$", doc, re.MULTILINE)}
    for name in hints.FILES:
        assert hints.hint(name).endswith(f"#{hints.anchor(name)})") and hints.anchor(name) in headings
    assert hints.hint("manuscript/notes.yaml") == " (see docs/manuscript.md#notesyaml)"
