"""Stage 4, render: one folder per format, each exporting a RENDERER (renderer.py) that the registry names.

The formats: the EPUB (epub/), the web edition (web/), the printed book's PDFs from one layout (pdf/: each
interior and the archival PDF) and the cover (cover/). Beside them, rooms every format may use: WeasyPrint's
(weasyprint/) and the PDF joiner (pdfjoin/). A format imports no other format; what one needs of another is
declared in the registry (Output.needs) and handed to it by the pipeline.
"""
