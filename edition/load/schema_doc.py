"""Write the reference of metadata.yaml (docs/metadata.md) from its schema, so that the two cannot drift.

    .venv/bin/python -m edition.load.schema_doc > docs/metadata.md

A test (tests/unit/load/test_schema.py) fails when docs/metadata.md is not what this writes.
"""

from __future__ import annotations

import sys

from .schema import KINDS, METADATA, Key
from .validate import describe_range

COMMAND = ".venv/bin/python -m edition.load.schema_doc > docs/metadata.md"

PREAMBLE = f"""# `metadata.yaml`: the reference

Generated from `edition/load/schema.py` by `{COMMAND}`;
do not edit it by hand. The build checks `manuscript/metadata.yaml` against the
same schema before it reads it: a key that is not below is refused with the
nearest known name (`manuscript/metadata.yaml:48: ibsn: unknown key in 'print';
did you mean isbn?`), as is a missing key, a value of the wrong kind or out of
its range, each with its line.

The trim is fixed at 5.5 × 8.5 in, the trim of the book's stylesheets and
cover: there is no `trim` key, so a `trim:` is refused like any unknown key.
Keys written `<printer>` or `<stock>` are names you choose; a key below an
optional section is required only when that section is given.
"""


def _rows(key: Key, path: str) -> list[str]:
    """One row per key below `key`, depth first, in the schema's order."""
    rows = []
    children = key.keys if key.kind == "section" else (key.each,) if key.each else ()
    for child in children:
        name = f"{path}.{child.name}" if path else child.name
        values = describe_range(child)
        required = "yes" if child.required else "no"
        rows.append(f"| `{name}` | {child.kind} | {required} | {values} | {child.meaning} |")
        rows += _rows(child, name)
    return rows


def reference() -> str:
    """docs/metadata.md, as the schema has it."""
    kinds = [f"| {name} | {meaning} |" for name, meaning in KINDS.items()]
    return "\n".join(
        [
            PREAMBLE,
            "## Keys",
            "",
            "| key | kind | required | range | meaning |",
            "| --- | --- | --- | --- | --- |",
            *_rows(METADATA, ""),
            "",
            "## Kinds",
            "",
            "| kind | a value is |",
            "| --- | --- |",
            *kinds,
            "",
        ]
    )


if __name__ == "__main__":
    sys.stdout.write(reference())
