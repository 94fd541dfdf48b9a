"""The project: where everything lives, and the one moment a build is stamped with, resolved once."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import BuildError

# What every output can record: a zip entry's date ends in 2107 (the EPUB's
# entries are stamped 1980 for anything earlier), and the Unix epoch begins in 1970.
EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=UTC), datetime(2107, 12, 31, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True)
class Project:
    """A checkout of the edition: its folders, and the build moment (SOURCE_DATE_EPOCH or the last commit)."""

    root: Path
    moment: datetime

    @classmethod
    def at(cls, root: Path, source_date_epoch: str | None = None) -> Project:
        return cls(root, fixed_time(root, source_date_epoch))

    @property
    def manuscript(self) -> Path:
        return self.root / "manuscript"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def fonts(self) -> Path:
        return self.templates / "fonts"

    @property
    def cache(self) -> Path:
        return self.root / ".build-cache"

    @property
    def code(self) -> Path:
        return self.root / "edition"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def epoch(self) -> int:
        return int(self.moment.timestamp())

    @property
    def date(self) -> str:
        """The build's date, ISO 8601."""
        return self.moment.strftime("%Y-%m-%d")

    @property
    def timestamp(self) -> str:
        """The build's moment, ISO 8601 in UTC."""
        return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def manuscript_files(self) -> list[Path]:
        """Every file of the manuscript; a link that leads out of the project is refused, its content unread."""
        return [path for path in self._confined(self.manuscript) if path.is_file()]

    def confine(self) -> None:
        """Refuse any file or folder below manuscript/ or templates/ that is a link leading out of the project.

        The one rule for links: every build runs it first, up to date or not, before anything is read
        (the cache's keys read every input's bytes).
        """
        for folder in (self.manuscript, self.templates):
            self._confined(folder)

    def _confined(self, folder: Path) -> list[Path]:
        """Every path below folder, each checked; a link out of the project is an error, its content unread."""
        paths = [folder, *sorted(folder.rglob("*"))]
        root = self.root.resolve()
        for path in paths:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise BuildError(
                    self.relative(path),
                    "is a link to a file outside the project; the build reads only the project's files",
                )
        return paths

    def relative(self, path: Path) -> str:
        """A path as the build reports it: relative to the project where it lies inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def fixed_time(project: Path, source_date_epoch: str | None = None) -> datetime:
    """SOURCE_DATE_EPOCH if given, else the last commit's date, else the newest manuscript file."""
    if source_date_epoch is not None:
        try:
            seconds = int(source_date_epoch)
        except ValueError:
            raise BuildError(
                None, f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {source_date_epoch!r}"
            ) from None
        if not EARLIEST.timestamp() <= seconds <= LATEST.timestamp():
            raise BuildError(
                None,
                f"SOURCE_DATE_EPOCH {seconds} is out of range: it must lie between {EARLIEST.timestamp():.0f} "
                f"({EARLIEST:%Y-%m-%d}) and {LATEST.timestamp():.0f} ({LATEST:%Y-%m-%d}), what the outputs can record",
            )
        return datetime.fromtimestamp(seconds, tz=UTC)
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
