"""A streaming PDF joiner: parts written by WeasyPrint joined into one PDF, object by object, with attachments.

It knows nothing of the edition: it reads PDFs and writes one, its own object numbering and xref streams.
"""
