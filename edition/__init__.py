"""Build an annotated edition from a manuscript, as the outputs the registry declares (outputs.py): an EPUB 3,
a web edition, the printed book's PDFs (print on demand, offset, archival PDF/A-3a) and its cover.

The pipeline runs in one direction: load -> check -> compose -> render ->
verify -> publish. Each stage is a folder of its own; each format a folder under render/.
"""

__version__ = "0.1.0"
