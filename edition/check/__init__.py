"""Stage 2, check: the stylesheets, then the manuscript.

Raises BuildError on the first error; returns warnings, which `--strict` turns
into errors.
"""

from __future__ import annotations

from ..errors import BuildError
from ..model import Manuscript
from ..project import Project
from .files import check_confined
from .manuscript import check
from .spelling import check_spelling
from .stylesheets import check_stylesheets

__all__ = ["check", "check_project", "check_spelling", "check_stylesheets"]


def check_project(project: Project, ms: Manuscript) -> list[BuildError]:
    check_confined(project)
    check_stylesheets(project.templates)
    warnings = check(ms)
    check_spelling(ms, project.cache, warnings)
    return warnings
