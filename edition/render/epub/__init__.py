"""Render the EPUB: its files from the composed documents, packed as a reproducible EPUB 3 zip."""

from .package import epub_files, render_epub, write_epub

__all__ = ["epub_files", "render_epub", "write_epub"]
