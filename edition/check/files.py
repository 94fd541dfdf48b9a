"""The build reads only the project's own files: no link in manuscript/ or templates/ may lead out of it."""

from __future__ import annotations

from ..project import Project


def check_confined(project: Project) -> None:
    """Every file and folder below manuscript/ and templates/ lies inside the project, every link followed."""
    project.confine()  # the one rule, which every build also runs first (pipeline.build)
