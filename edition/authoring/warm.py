"""Under --watch, after a first build that had nothing to do: make now what the first save would make cold.

A rebuild recalls what the build before it made from the same inputs
(support/memo.py) and lays its part out in a renderer kept warm; a session
that starts with everything up to date has neither. This composes the
edition once, keeping what it makes, draws the EPUB's cover image, and has
the renderers lay the book's largest part out in the background.
"""

from __future__ import annotations

from ..errors import BuildError
from ..outputs import OUTPUTS
from ..project import Project


def warm(project: Project, targets: tuple[str, ...]) -> None:
    """Never fails: a manuscript with an error was reported by the first build, and the next save will say it again."""
    from ..pipeline import Stopwatch, book_pdfs, compose_edition
    from ..support import memo

    memo.new_build()
    try:
        _ms, ed, env, versions, _warnings = compose_edition(project, Stopwatch(lambda _line: None), strict=False)
        if "epub" in targets:
            from ..render.cover import compose_front, front_png

            front_png(compose_front(ed.meta, env), project, ed.meta)
        pdfs = {t: project.dist / OUTPUTS[t].file_name(ed.meta.slug) for t in targets if OUTPUTS[t].renderer == "pdf"}
        if pdfs:
            from ..compose import PrintBook
            from ..render.pdf.book import warm_renderers

            warm_renderers(PrintBook(ed, env), project, book_pdfs(project, ed, env, versions, pdfs))
    except (BuildError, OSError):
        pass
