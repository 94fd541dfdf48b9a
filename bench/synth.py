"""Make a synthetic manuscript N times the size of the edition's, for benchmarks.

The essay, its notes, chronology entries and glossary entries are repeated N
times with suffixed ids, and the source text and its emendations with it, so
that the synthetic book passes every check the real one does.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent


class _Dumper(yaml.SafeDumper):
    """Writes repeated values out in full: the manuscript refuses YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _suffix(k: int) -> str:
    return "" if k == 0 else f"-x{k}"


def _rename_refs(text: str, k: int) -> str:
    if k == 0:
        return text
    text = re.sub(r"\{n=([a-z0-9-]+)\}", lambda m: "{n=" + m.group(1) + _suffix(k) + "}", text)
    return re.sub(
        r"\(#(note|chron|gloss|passage):([a-z0-9-]+)\)", lambda m: f"(#{m.group(1)}:{m.group(2)}{_suffix(k)})", text
    )


def _rename_note(body: str | dict[str, object], k: int) -> str | dict[str, object]:
    """A note is a text (a gloss alone) or a mapping of its tiers (gloss, commentary) and other fields.

    Only the text tiers hold references; the rest (`support`: the sources' quotations) is kept as it is.
    """
    if isinstance(body, str):
        return _rename_refs(body, k)
    return {field: _rename_refs(value, k) if isinstance(value, str) else value for field, value in body.items()}


def make(scale: int, target: Path) -> Path:
    """Write a project at target whose manuscript is `scale` times the real one."""
    if target.exists():
        shutil.rmtree(target)
    for name in ("templates", "edition"):
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "build.py", target / "build.py")
    src, out = PROJECT / "manuscript", target / "manuscript"
    (out / "source").mkdir(parents=True)
    for name in ("metadata.yaml", "bibliography.yaml", "introduction.md", "textual-note.md", "words.txt"):
        shutil.copy(src / name, out / name)

    seed_name = next((src / "source").iterdir()).name
    seed = (src / "source" / seed_name).read_text(encoding="utf-8")
    lines_per_copy = seed.count("\n") + 1
    (out / "source" / seed_name).write_text("\n".join([seed] * scale), encoding="utf-8")
    emend = yaml.safe_load((src / "emendations.yaml").read_text(encoding="utf-8"))
    emend["emendations"] = [
        {**e, "line": e["line"] + k * lines_per_copy} for k in range(scale) for e in emend["emendations"]
    ]
    (out / "emendations.yaml").write_text(_dump(emend))

    essay = (src / "essay.md").read_text(encoding="utf-8")
    (out / "essay.md").write_text("\n\n".join(_rename_refs(essay, k) for k in range(scale)), encoding="utf-8")

    notes = yaml.safe_load((src / "notes.yaml").read_text(encoding="utf-8"))
    (out / "notes.yaml").write_text(
        _dump({f"{key}{_suffix(k)}": _rename_note(body, k) for k in range(scale) for key, body in notes.items()})
    )

    chronology = yaml.safe_load((src / "chronology.yaml").read_text(encoding="utf-8"))
    copies = []
    for entry in chronology:  # copies of one entry stay together, so the dates stay in order
        for k in range(scale):
            copies.append(
                {
                    **entry,
                    "id": entry["id"] + _suffix(k),
                    "text": _rename_refs(entry["text"], k),
                    "passages": [p + _suffix(k) for p in entry.get("passages") or []],
                }
            )
    (out / "chronology.yaml").write_text(_dump(copies))

    glossary = yaml.safe_load((src / "glossary.yaml").read_text(encoding="utf-8"))
    (out / "glossary.yaml").write_text(
        _dump(
            {
                f"{key}{_suffix(k)}": {**g, "identification": _rename_refs(g["identification"], k)}
                for k in range(scale)
                for key, g in glossary.items()
            }
        )
    )
    return target


if __name__ == "__main__":
    print(make(int(sys.argv[1]), Path(sys.argv[2])))
