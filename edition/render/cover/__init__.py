"""Render the cover: the full-wrap PDF/X-4 spread for the printer, and its front as the EPUB's cover image."""

from .spread import CoverSpec, compose_cover, compose_front, cover_spec, front_png, render_cover

__all__ = ["CoverSpec", "compose_cover", "compose_front", "cover_spec", "front_png", "render_cover"]
