"""Stage 5, verify: run the real validators on the outputs and collect their findings.

Which validators run on which output is declared in the registry (outputs.py).
"""

from .epub import run_ace, run_epubcheck
from .pdf import check_pdf
from .printer import check_printer
from .tei import check_tei
from .tools import Findings
from .web import check_web

CHECKS = {
    "epubcheck": run_epubcheck,
    "ace": run_ace,
    "pdf": check_pdf,
    "printer": check_printer,
    "axe": check_web,
    "tei": check_tei,
}

__all__ = [
    "CHECKS",
    "Findings",
    "check_pdf",
    "check_printer",
    "check_tei",
    "check_web",
    "run",
    "run_ace",
    "run_epubcheck",
]


def run(check: str, path, output: str) -> Findings:
    """Run one validator, by its name in the registry, on an output's file."""
    if check in ("pdf", "printer"):
        return CHECKS[check](path, output)
    return CHECKS[check](path)
