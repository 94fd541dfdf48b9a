"""What the archival PDF carries: the manuscript it was made from, and a manifest of the build."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from ...project import Project
from ...support.storage import sha256
from ..pdfjoin.join import Attachment

MIME_TYPES = {".md": "text/markdown", ".yaml": "application/yaml", ".txt": "text/plain", ".json": "application/json"}


def build_manifest(
    project: Project, versions: dict[str, str], evidence: dict[str, list[dict]], made: Sequence[Attachment] = ()
) -> bytes:
    """The build's time, its tools' versions, the SHA-256 of every manuscript file and template, and the
    evidence for each gloss and chronology entry (Manuscript.evidence): the quotations, so that an archivist
    can audit a claim from the PDF alone, without the web pages the sources were read on; and the SHA-256
    of each file the build made and attached beside it (the TEI document)."""
    inputs = {project.relative(p): sha256(p) for p in project.manuscript_files()}
    for p in sorted(project.templates.rglob("*")):
        if p.is_file():
            inputs[project.relative(p)] = sha256(p)
    manifest = {"build_time": project.timestamp, "tools": versions, "inputs": inputs, "evidence": evidence}
    if made:
        manifest["attached"] = {a.name: hashlib.sha256(a.data).hexdigest() for a in made}
    # UTF-8 as written, not \u escapes: the quotations are read by people, in a text viewer.
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def attachments(
    project: Project, versions: dict[str, str], evidence: dict[str, list[dict]], made: Sequence[Attachment] = ()
) -> list[Attachment]:
    """The manuscript's files, the manifest, and what the build made to go with them (made: the TEI)."""
    files = []
    for path in project.manuscript_files():
        rel = project.relative(path)
        mime = MIME_TYPES.get(path.suffix, "application/octet-stream")
        files.append(Attachment(rel, path.read_bytes(), f"Manuscript source: {rel}", "Source", mime))
    files.append(
        Attachment(
            "build-manifest.json",
            build_manifest(project, versions, evidence, made),
            "Build manifest: tool versions, SHA-256 of every input, and the quotations supporting each claim",
            "Supplement",
            "application/json",
        )
    )
    return files + list(made)
