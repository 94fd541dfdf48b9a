"""Stage 5, verify: run the real validators on the outputs and collect their findings.

Which validators run on which output is declared in the registry (outputs.py); each takes the output's file
and its entry there, whose fields (its PDF standard, its bleed, its margins) say what to check.
"""

from pathlib import Path

from ..outputs import OUTPUTS
from .epub import run_ace, run_epubcheck
from .pdf import check_pdf
from .printer import check_printer
from .tools import Findings
from .web import check_web

CHECKS = {"epubcheck": run_epubcheck, "ace": run_ace, "pdf": check_pdf, "printer": check_printer, "axe": check_web}

__all__ = ["CHECKS", "Findings", "check_pdf", "check_printer", "check_web", "run", "run_ace", "run_epubcheck"]


def run(check: str, path: Path, output: str) -> Findings:
    """Run one validator, by its name in the registry, on the file of an output (by its name there)."""
    return CHECKS[check](path, OUTPUTS[output])
