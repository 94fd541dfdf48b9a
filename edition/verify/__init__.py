"""Stage 5, verify: run the real validators on the outputs and collect their findings.

Which validators run on which output is declared in the registry (outputs.py); each takes the output's file
and its entry there, whose fields (its PDF standard, its bleed, its margins) say what to check.
"""

from pathlib import Path

from ..outputs import OUTPUTS
from .epub import run_ace, run_epubcheck
from .kepub import check_kepub
from .kindle import check_azw3
from .pdf import check_pdf
from .printer import check_printer
from .tei import check_tei
from .tools import Findings
from .ua import check_pdfua
from .web import check_web

CHECKS = {
    "epubcheck": run_epubcheck,
    "ace": run_ace,
    "pdf": check_pdf,
    "printer": check_printer,
    "axe": check_web,
    "tei_all": check_tei,
    "pdfua": check_pdfua,
    "kepub_structure": check_kepub,
    "calibre_read_back": check_azw3,
}

__all__ = [
    "CHECKS",
    "Findings",
    "check_pdf",
    "check_pdfua",
    "check_printer",
    "check_tei",
    "check_web",
    "run",
    "run_ace",
    "run_epubcheck",
]


def run(check: str, path: Path, output: str) -> Findings:
    """Run one validator, by its name in the registry, on the file of an output (by its name there)."""
    return CHECKS[check](path, OUTPUTS[output])
