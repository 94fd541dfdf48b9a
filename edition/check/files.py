"""The build reads only the project's own files: no link in manuscript/ or templates/ may lead out of it."""

from __future__ import annotations

from ..errors import BuildError
from ..project import Project
from ..support.storage import inside


def check_confined(project: Project) -> None:
    """Every file and folder below manuscript/ and templates/ lies inside the project, every link followed."""
    for folder in (project.manuscript, project.templates):
        for path in sorted(folder.rglob("*")):
            if path.is_symlink() and not inside(path, project.root):
                raise BuildError(
                    project.relative(path),
                    "is a link to a file outside the project; the build reads only the project's files",
                )
