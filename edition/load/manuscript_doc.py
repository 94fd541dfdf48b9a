"""Write the reference of the manuscript (docs/manuscript.md) from manuscript_schema.py and schema.py.

    .venv/bin/python -m edition.load.manuscript_doc > docs/manuscript.md

A test (tests/unit/load/test_manuscript_doc.py) fails when docs/manuscript.md is not what this writes.
"""

from __future__ import annotations

import sys

from .manuscript_schema import FILES, File
from .schema import METADATA

COMMAND = ".venv/bin/python -m edition.load.manuscript_doc > docs/manuscript.md"

PREAMBLE = f"""# The manuscript: every file and field

Generated from `edition/load/manuscript_schema.py` and `edition/load/schema.py`
by `{COMMAND}`; do not edit it by hand. Everything an editor writes is in
`manuscript/`; `python build.py new FOLDER` writes a minimal valid one to
start from. An error names the file and the line, and an error a newcomer
is likely to meet ends with a link to its section here.
"""


def _section(f: File) -> list[str]:
    lines = [f"## {f.name}", "", f"{f.what[0].upper()}{f.what[1:]}.", "", f"**The rule:** {f.rule}.", ""]
    if f.name == "metadata.yaml":
        keys = ", ".join(f"`{key.name}`" for key in METADATA.keys)
        lines += [f"Its keys: {keys}.", ""]
    if f.fields:
        lines += [
            f"The fields of {f.where}:",
            "",
            "| field | required | meaning | example |",
            "| --- | --- | --- | --- |",
            *(f"| `{x.name}` | {x.required} | {x.meaning} | {x.example} |" for x in f.fields),
            "",
        ]
    return lines


def reference() -> str:
    """docs/manuscript.md, as the schemas have it."""
    files = [f"- [{f.name}](#{f.anchor})" for f in FILES]
    body = [line for f in FILES for line in _section(f)]
    return "\n".join([PREAMBLE, "## The files", "", *files, "", *body])


if __name__ == "__main__":
    sys.stdout.write(reference())
