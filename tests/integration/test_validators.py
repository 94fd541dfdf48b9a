"""The real validators, each asserted to report nothing. A missing tool fails, never skips."""

from edition.outputs import OUTPUTS
from edition.verify import check_pdf, run_ace, run_epubcheck


def test_epubcheck_reports_no_errors_or_warnings(built):
    findings = run_epubcheck(built["epub"])
    assert findings.problems == []
    assert findings.summary.startswith("EPUBCheck 5.3")


def test_ace_reports_no_violations(built):
    findings = run_ace(built["epub"])
    assert findings.problems == []


def test_pdf_checks_pass(built):
    assert check_pdf(built["print"], OUTPUTS["print"]).problems == []
    assert check_pdf(built["archival"], OUTPUTS["archival"]).problems == []


def test_axe_reports_no_violations_on_the_web_edition(built):
    from edition.verify import check_web

    findings = check_web(built["web"])
    assert findings.problems == []
    assert findings.summary.startswith("axe-core 4.14")
