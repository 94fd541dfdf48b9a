"""The versions of the build and its tools: shown in the colophon and the manifest, and part of every cache key."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from .. import __version__

# The Python packages whose version can change an output.
TOOLS = (
    "pypandoc-binary",
    "weasyprint",
    "pydyf",
    "fonttools",
    "pikepdf",
    "jinja2",
    "lxml",
    "pillow",
    "pyyaml",
    "pyphen",
)


def tool_versions(pandoc: str) -> dict[str, str]:
    """What the colophon and the archival PDF's manifest name; pandoc's version is asked of it by the caller
    (markup/pandoc.py), so that this shared room imports nothing above it."""
    return {
        "edition build": __version__,
        "Python": platform.python_version(),
        "pandoc": pandoc,
        "WeasyPrint": version("weasyprint"),
        "Jinja2": version("jinja2"),
        "lxml": version("lxml"),
        "Pillow": version("pillow"),
    }


def tool_fingerprint() -> str:
    """Every tool's version in one string, for the cache keys; cheap, so that a no-op build stays fast."""
    parts = []
    for name in TOOLS:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=absent")
    return ";".join(parts)
