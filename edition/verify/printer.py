"""The printer's checklist, read from the PDF itself: boxes and marks, colour operators, glyph margins, pages.

What IngramSpark and KDP ask of an interior and a cover (see the README's
"Sending the book to a printer"): the page is the trim size unless the file
is for a press that wants bleed and marks; nothing is painted in RGB; every
glyph stands at least 0.5 in from the trim (a cover's, 0.25 in); an interior
has an even page count, ends on a blank page and has at least the printers' minimum
of pages (printers.py: KDP 24, IngramSpark 18). Every problem names its page.
"""

from __future__ import annotations

from pathlib import Path

from ..outputs import Output, kdp_gutter
from ..printers import below_minimum
from .tools import Findings

PT_PER_IN = 72.0
_RGB_OPERATORS = {"rg", "RG"}
_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def check_printer(pdf: Path, output: Output) -> Findings:
    import pikepdf

    found = Findings("printer's checklist", pdf.name)
    with pikepdf.open(pdf) as doc:
        pages = list(doc.pages)
        for number, page in enumerate(pages, start=1):
            found.problems += [f"page {number}: {p}" for p in _boxes(page, output)]
            found.problems += [f"page {number}: {p}" for p in _colours(page)]
        if output.printed:
            if len(pages) % 2:
                found.problems.append(f"the page count, {len(pages)}, is odd")
            if pages and _paints_text(pages[-1]):
                found.problems.append(f"the last page, {len(pages)}, is not blank")
            short = below_minimum(len(pages))
            if short:
                minimum = "; ".join(short)
                found.problems.append(f"the page count, {len(pages)}, is below the printers' minimum ({minimum})")
    found.problems += glyph_problems(pdf, output.text_margin_in, len(pages) if output.printed else None)
    found.summary = f"printer's checklist ({output.name}): {len(found.problems)} problems"
    return found


def _box(page, name: str) -> list[float]:
    value = page.obj.get(name) or page.obj.get("/MediaBox")
    return [round(float(v), 2) for v in value]


def _boxes(page, output) -> list[str]:
    media, trim, bleed = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
    problems = []
    if not output.sheet_mm and not output.bleed_mm and media != trim:
        problems.append(f"the MediaBox {media} is not the TrimBox {trim}: an interior without bleed has no marks")
    expected = output.bleed_mm / 25.4 * PT_PER_IN
    if output.bleed_mm and any(abs(abs(b - t) - expected) > 0.1 for b, t in zip(bleed, trim, strict=True)):
        problems.append(f"the bleed is not {output.bleed_mm / 25.4:.3f} in on every side")
    return problems


def _streams(page):
    """The page's content and that of every form it draws, recursively."""
    import pikepdf

    yield page
    seen = set()
    todo = [page.obj.get("/Resources", pikepdf.Dictionary())]
    while todo:
        resources = todo.pop()
        for xobject in dict(resources.get("/XObject", {})).values():
            if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(xobject.objgen)
            yield xobject
            todo.append(xobject.get("/Resources", pikepdf.Dictionary()))


def _colours(page) -> list[str]:
    """Colour operators that paint in RGB, in the page or the forms it draws."""
    import pikepdf

    problems = set()
    for stream in _streams(page):
        holder = stream.obj if isinstance(stream, pikepdf.Page) else stream
        spaces = dict(holder.get("/Resources", {}).get("/ColorSpace", {}))
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op in _RGB_OPERATORS:
                problems.add(f"paints in RGB ({' '.join(str(o) for o in operands)} {op})")
            elif op in ("cs", "CS") and _rgb_space(operands[0], spaces):
                problems.add(f"selects an RGB colour space ({operands[0]} {op})")
    return sorted(problems)


def _rgb_space(name, spaces) -> bool:
    if str(name) == "/DeviceRGB":
        return True
    space = spaces.get(str(name))
    try:
        return space is not None and str(space[0]) == "/ICCBased" and int(space[1].get("/N", 0)) == 3
    except (TypeError, IndexError, AttributeError):
        return False


def _paints_text(page) -> bool:
    import pikepdf

    return any(str(op) in _TEXT_OPERATORS for _operands, op in pikepdf.parse_content_stream(page))


def glyph_problems(pdf: Path, inches: float | None, gutter_pages: int | None = None) -> list[str]:
    """Glyphs nearer the trim than inches, and nearer the binding edge than KDP's gutter for a book of
    gutter_pages (the left of a right-hand, odd, page; the right of a left-hand one).

    One pass over the characters' boxes (pdfplumber); the first fault of each kind on a page is named.
    """
    import pdfplumber

    problems = []
    limit = inches * PT_PER_IN - 0.5 if inches is not None else None  # half a point for rounding
    gutter = kdp_gutter(gutter_pages) * PT_PER_IN - 0.5 if gutter_pages else None
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            x0, top, x1, bottom = _trim_in_page_space(page)
            near = inner = None
            for char in page.chars:
                if not char["text"].strip():
                    continue
                distance = min(char["x0"] - x0, x1 - char["x1"], char["top"] - top, bottom - char["bottom"])
                if near is None and limit is not None and distance < limit:
                    near = (
                        f"page {number}: {char['text']!r} stands {distance / PT_PER_IN:.2f} in from the trim; "
                        f"at least {inches} in"
                    )
                binding = char["x0"] - x0 if number % 2 else x1 - char["x1"]
                if inner is None and gutter is not None and binding < gutter:
                    inner = (
                        f"page {number}: {char['text']!r} stands {binding / PT_PER_IN:.2f} in from the binding edge; "
                        f"KDP's gutter for {gutter_pages} pages is {kdp_gutter(gutter_pages)} in"
                    )
            problems += [p for p in (near, inner) if p]
    return problems


def gutter_problems(pdf: Path, pages: int) -> list[str]:
    """Glyphs nearer the binding edge than KDP's gutter for a book of so many pages."""
    return glyph_problems(pdf, None, pages)


def _trim_in_page_space(page) -> tuple[float, float, float, float]:
    """The TrimBox as (x0, top, x1, bottom) in the space pdfplumber places characters in."""
    return tuple(page.trimbox or page.mediabox)
