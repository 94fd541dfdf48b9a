"""Stage 4, render: the EPUB (render/epub) and the two PDFs of the printed book (render/pdf)."""
