"""Render the cover: the full-wrap PDF/X-4 spread for the printer, and its front as the EPUB's cover image."""

from __future__ import annotations

from dataclasses import replace

from ...outputs import OUTPUTS, Built
from ..renderer import Given, Quick
from ..weasyprint.xmp import edition_xmp
from .spread import CoverSpec, compose_cover, compose_front, cover_spec, front_png, render_cover

__all__ = ["RENDERER", "CoverSpec", "compose_cover", "compose_front", "cover_spec", "front_png", "render_cover"]


class CoverRenderer(Quick):
    def render(self, composed, built: list[Built], given: Given) -> list[Built]:
        return [replace(b, pages=self._spread(composed, b, given)) for b in built]

    @staticmethod
    def _spread(composed, built: Built, given: Given) -> int:
        output = OUTPUTS[built.target]
        pages = given.output(output.needs[0]).pages  # the interior's, this build's or the last one's
        ed, project = composed.ed, composed.project
        html = compose_cover(ed.meta, composed.env, cover_spec(ed.meta, pages), project.timestamp)
        return render_cover(html, project, built.path, ed.meta, edition_xmp(ed), output)

    @staticmethod
    def product(name: str, composed) -> bytes:
        """'front': the front panel, drawn as a PNG (an EPUB's cover image)."""
        if name != "front":
            raise KeyError(f"the cover makes no {name!r}")
        meta = composed.ed.meta
        return front_png(compose_front(meta, composed.env), composed.project, meta)


RENDERER = CoverRenderer()
