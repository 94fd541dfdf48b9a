"""Render the printed book's PDFs: PDF/X-4 for the printer and PDF/A-3a for the archive, from one layout."""
