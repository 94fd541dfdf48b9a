"""Stage 2, check: the stylesheets, that the project's fonts have every character, then the manuscript.

Raises BuildError on the first error; returns warnings, which `--strict` turns
into errors.
"""

from __future__ import annotations

from ..errors import BuildError
from ..model import Manuscript
from ..project import Project
from .files import check_confined
from .glyphs import check_glyphs
from .manuscript import check
from .spelling import Spelling, check_spelling, spell_check
from .stylesheets import check_stylesheets

__all__ = ["begin_check", "check", "check_project", "check_spelling", "check_stylesheets"]


def check_project(project: Project, ms: Manuscript) -> list[BuildError]:
    warnings, spelling = begin_check(project, ms, aside=False)
    return warnings + spelling.wait()


def begin_check(project: Project, ms: Manuscript, aside: bool = True) -> tuple[list[BuildError], Spelling]:
    """Every check; with aside, the spell check's dictionary may still be at work (its warnings are its wait())."""
    check_confined(project)
    check_stylesheets(project.templates)
    check_glyphs(ms, project.fonts)
    warnings = check(ms)
    return warnings, spell_check(ms, project.cache, aside=aside)
