"""Build an annotated edition (EPUB 3, print PDF, archival PDF) from a manuscript.

The pipeline runs in one direction: load -> check -> compose -> render ->
verify -> publish. Each stage is a module of its own.
"""

__version__ = "0.1.0"
