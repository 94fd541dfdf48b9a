"""Render the web edition: a static site of the edition's pages, its notes as popovers."""

from .site import render_web, write_site

__all__ = ["render_web", "write_site"]
