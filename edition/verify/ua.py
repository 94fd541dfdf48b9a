"""The archival PDF checked against the machine-checkable part of PDF/UA-1, by pdfua (PyPI, no JVM).

Every finding pdfua makes, of any severity or confidence, is a problem, named by its rule id; a rule pdfua
could not evaluate is a problem too, since a skipped rule is not a pass.

One rule is evaluated by a mended copy of pdfua's own. pdfua 0.1.3's UA-14-001 (headings are not empty)
asks `as_integer` of a heading's /K before asking whether /K is an array; on an array `as_integer` reaches
`getattr(array, "is_integer")`, which pikepdf answers by looking up a key /is_integer and refusing it on an
array (ValueError), so the rule is skipped on any file with a heading of more than one kid, which ISO 32000-1
(14.7.2, /K "or an array") allows and WeasyPrint writes. `_Headings` asks in the order the rule's own
docstring intends (array first); its id, severity and message stay pdfua's.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pdfua.document import StructElement, as_integer
from pdfua.errors import PdfuaError
from pdfua.model import Report
from pdfua.rules import ALL_RULES, RuleRegistry
from pdfua.rules.structure import EmptyHeadingRule
from pdfua.validator import Validator, ValidatorOptions

from ..outputs import Output
from .tools import Findings


class _Headings(EmptyHeadingRule):
    """UA-14-001 as pdfua means it: a heading marks content somewhere under its /K."""

    @staticmethod
    def _has_text(element: StructElement) -> bool:  # pdfua's calls EmptyHeadingRule's, by name, not ours
        return _Headings._marks_content(element.obj)

    @staticmethod
    def _marks_content(node: object) -> bool:
        if not isinstance(node, pikepdf.Dictionary):
            return False
        kid = node.get("/K")
        if isinstance(kid, pikepdf.Array):  # before as_integer, which raises on an array
            return any(_Headings._marks_content(item) or _is_mcid(item) for item in kid)
        if isinstance(kid, pikepdf.Dictionary):
            return kid.get("/Type") == pikepdf.Name("/MCR") or _Headings._marks_content(kid)
        return kid is not None and as_integer(kid) is not None


def _is_mcid(item: object) -> bool:
    return not isinstance(item, (pikepdf.Array, pikepdf.Dictionary)) and as_integer(item) is not None


def rules() -> RuleRegistry:
    """pdfua's rules, in its order, with UA-14-001 mended (see the module's docstring)."""
    return RuleRegistry(tuple(_Headings() if isinstance(r, EmptyHeadingRule) else r for r in ALL_RULES))


def problems(report: Report) -> list[str]:
    """Each finding as `rule id: where: message`, each skipped rule as not evaluated."""
    found = [f"{f.rule_id}: {f.location.describe()}: {f.message}" for f in report.findings]
    return found + [f"{o.rule_id}: not evaluated ({o.skipped_reason})" for o in report.skipped]


def check_pdfua(path: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """Run pdfua's rules on the PDF; any finding or skipped rule fails the check."""
    found = Findings("pdfua (PDF/UA-1)", path.name)
    try:
        report = Validator(ValidatorOptions(registry=rules())).validate(str(path))
    except PdfuaError as error:
        found.problems.append(str(error))
        return found
    found.problems = problems(report)
    run = len(report.outcomes) - len(report.skipped)
    found.summary = f"PDF/UA-1 (pdfua, {run} rules): no findings" if found.ok else f"{len(found.problems)} findings"
    return found
