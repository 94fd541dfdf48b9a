"""Render the web edition: a static site of the edition's pages, its notes as popovers."""

from .site import render_web, site_files

__all__ = ["render_web", "site_files"]
