"""The metadata's printing section: printer, paper and ISBN, checked against the table of papers."""

from __future__ import annotations

import re

from ..errors import BuildError
from ..model import Loc, Printing
from .fields import need
from .located_yaml import LocatedDict


def isbn13(raw: str, shown: str, line: int) -> str:
    """The 13 digits of an ISBN-13, whose check digit must be right."""
    digits = re.sub(r"[\s-]", "", str(raw))
    if not re.fullmatch(r"97[89]\d{10}", digits):
        raise BuildError(shown, f"ISBN {raw!r} is not an ISBN-13 (13 digits beginning 978 or 979)", line)
    expected = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12])) % 10) % 10
    if int(digits[12]) != expected:
        raise BuildError(shown, f"ISBN {raw!r} has the check digit {digits[12]}; it should be {expected}", line)
    return digits


def load_printing(data: LocatedDict, shown: str) -> Printing | None:
    """The `print` section, if any, with its printer's paper from `papers`."""
    if "print" not in data:
        return None
    section = need(data, "print", shown, LocatedDict)
    printer = need(section, "printer", shown, what=" in 'print'")
    paper = need(section, "paper", shown, what=" in 'print'")
    papers = need(data, "papers", shown, LocatedDict, what=" (the paper table the cover's spine needs)")
    if printer not in papers:
        raise BuildError(
            shown, f"printer {printer!r} is not in 'papers' ({', '.join(papers)})", section.line_of("printer")
        )
    table = need(papers, printer, shown, LocatedDict)
    stocks = need(table, "stocks", shown, LocatedDict, what=f" for printer {printer!r}")
    if paper not in stocks:
        raise BuildError(
            shown, f"paper {paper!r} is not a stock of {printer!r} ({', '.join(stocks)})", section.line_of("paper")
        )
    thickness = stocks[paper]
    if not isinstance(thickness, (int, float)) or not 0 < thickness < 0.01:
        raise BuildError(
            shown, f"the thickness of {paper!r} must be inches per page, such as 0.0025", stocks.line_of(paper)
        )
    pages = need(table, "spine_text_pages", shown, int, what=f" for printer {printer!r}")
    isbn = isbn13(section["isbn"], shown, section.line_of("isbn")) if section.get("isbn") else None
    return Printing(printer, paper, float(thickness), pages, isbn, Loc(shown, section.line))
