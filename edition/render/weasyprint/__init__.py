"""WeasyPrint, pinned, and the edition's one way to it: a confined fetcher, layout, PDF writing (weasy.py), the
XMP packet (xmp.py), and two patches of private WeasyPrint 70 code (footnote_area.py, line_fit.py) with the
version guard they share (pinned.py). Every laid-out output (the book's PDFs, the cover) goes through here."""
