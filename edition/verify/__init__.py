"""Stage 5, verify: run the real validators on the outputs and collect their findings.

Which validators run on which output is declared in the registry (outputs.py).
"""

from .epub import run_ace, run_epubcheck
from .pdf import check_pdf
from .tools import Findings

CHECKS = {"epubcheck": run_epubcheck, "ace": run_ace, "pdf": check_pdf}

__all__ = ["CHECKS", "Findings", "check_pdf", "run", "run_ace", "run_epubcheck"]


def run(check: str, path, output: str) -> Findings:
    """Run one validator, by its name in the registry, on an output's file."""
    if check == "pdf":
        return check_pdf(path, output)
    return CHECKS[check](path)
