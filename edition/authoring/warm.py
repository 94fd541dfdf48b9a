"""Under --watch, after a first build that had nothing to do: make now what the first save would make cold.

A rebuild recalls what the build before it made from the same inputs
(support/memo.py) and lays its part out in a renderer kept warm; a session
that starts with everything up to date has neither. This composes the
edition once, keeping what it makes, and has each target's renderer warm
itself (pipeline.warm): the EPUB's cover image drawn, the book's largest part
laid out in the background.
"""

from __future__ import annotations

from ..errors import BuildError
from ..project import Project


def warm(project: Project, targets: tuple[str, ...]) -> None:
    """Never fails: a manuscript with an error was reported by the first build, and the next save will say it again."""
    from .. import pipeline

    # No new generation of the memo (memo.new_build): this is the first build's, so what that build made and
    # this does not ask for is still there for the first save.
    try:
        pipeline.warm(pipeline.compose_edition(project), targets)
    except (BuildError, OSError):
        pass
