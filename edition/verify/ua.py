"""The archival PDF checked against the machine-checkable part of PDF/UA-1, by pdfua (PyPI, no JVM).

Every finding pdfua makes, of any severity or confidence, is a problem, named by its rule id; a rule pdfua
could not evaluate is a problem too, since a skipped rule is not a pass.

One rule is evaluated by a mended copy of pdfua's own. pdfua 0.1.3's UA-14-001 (headings are not empty)
asks `as_integer` of a heading's /K before asking whether /K is an array; on an array `as_integer` reaches
`getattr(array, "is_integer")`, which pikepdf answers by looking up a key /is_integer and refusing it on an
array (ValueError), so the rule is skipped on any file with a heading whose /K is an array, which ISO 32000-1
(14.7.2, /K "or an array") allows and WeasyPrint writes for every element, even of one kid.
`_Headings` asks in the order the rule's own docstring intends (array first); its id, severity and message
stay pdfua's.

Beside pdfua's rules, three of PDF/UA-1's that pdfua 0.1.3 does not check and WeasyPrint has broken before
(`structure`, its problems named by PDF/UA-1's clause): every link annotation in a Link element (7.18.5),
/Tabs /S on every page with annotations (7.18.3), and every marked-content id of a page mapped to an element
of the structure tree (7.1: content is tagged or an artifact; a running head tagged and left out of the tree
is neither).
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


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element reached from the root (iteratively: the tree is deep)."""
    found, todo = [], list(pdf.Root.StructTreeRoot.get("/K", []))
    while todo:
        kid = todo.pop()
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/OBJR", "/MCR"):
            found.append(kid)
            kids = kid.get("/K")
            todo.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


def _objr(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]


def structure(pdf: pikepdf.Pdf) -> list[str]:
    """The three rules of the module's docstring, on an open tagged PDF."""
    if "/StructTreeRoot" not in pdf.Root:
        return []  # pdfua's UA-01-005 says so
    elements = _elements(pdf)
    reached = {e.objgen for e in elements}
    found = [
        f"PDF/UA-1 7.18.5: a link annotation in a {e.S} element, not a Link"
        for e in elements
        for o in _objr(e)
        if o.Obj.get("/Subtype") == "/Link" and e.S != "/Link"
    ][:5]
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", [])
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    for number, page in enumerate(pdf.pages, 1):
        if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S":
            found.append(f"PDF/UA-1 7.18.3: page {number} has annotations and no /Tabs /S")
        mapped = tree.get(int(page.obj.get("/StructParents", -1)), pikepdf.Array())
        for op in pikepdf.parse_content_stream(page):
            props = op.operands[1] if str(op.operator) == "BDC" and len(op.operands) == 2 else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
                if mcid >= len(mapped) or mapped[mcid].objgen not in reached:
                    found.append(f"PDF/UA-1 7.1: page {number}: content MCID {mcid} is in no element of the tree")
                    break
    return found


def check_pdfua(path: Path, output: Output | None = None) -> Findings:  # output: every check's signature
    """Run pdfua's rules on the PDF; any finding or skipped rule fails the check."""
    found = Findings("pdfua (PDF/UA-1)", path.name)
    try:
        report = Validator(ValidatorOptions(registry=rules())).validate(str(path))
    except PdfuaError as error:
        found.problems.append(str(error))
        return found
    with pikepdf.open(path) as pdf:
        found.problems = problems(report) + structure(pdf)
    run = len(report.outcomes) - len(report.skipped)
    found.summary = f"PDF/UA-1 (pdfua, {run} rules): no findings" if found.ok else f"{len(found.problems)} findings"
    return found
