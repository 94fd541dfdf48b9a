"""The build's one fixed time, so that rebuilding a commit gives the same bytes."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from .errors import BuildError


def fixed_time(project: Path) -> datetime:
    """SOURCE_DATE_EPOCH if set, else the last commit's date, else the newest manuscript file."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is not None:
        try:
            return datetime.fromtimestamp(int(raw), tz=UTC)
        except ValueError:
            raise BuildError(None, f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}") from None
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, timeout=10
        )
        if out.returncode == 0 and out.stdout.strip():
            return datetime.fromtimestamp(int(out.stdout.strip()), tz=UTC)
    except (OSError, subprocess.TimeoutExpired):
        pass
    newest = max((p.stat().st_mtime for p in (project / "manuscript").rglob("*") if p.is_file()), default=0)
    return datetime.fromtimestamp(int(newest), tz=UTC)
