"""JUnit XML output, for CI systems that show test reports.

Text from letters and file names goes through :func:`xml_text`: what XML cannot hold becomes
U+FFFD (ESC too, so no escape sequence survives), a file name's bytes that are not UTF-8 are
written ``\xff`` and ``::`` is broken up (``safe_text``), so the XML printed in a CI log cannot
start a GitHub workflow command on a line of its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from lint_brieven.findings import FileReport, Finding
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.safe_text import no_surrogates, no_workflow_commands

CLEAN_CASE = "geen bevindingen"
ERROR_CASE = "leesfout"
SKIPPED_CASE = "overgeslagen"

# Characters XML 1.0 cannot hold at all (DOCX text may still contain them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Counts:
    tests: int
    failures: int
    errors: int
    skipped: int = 0


def xml_text(value: str) -> str:
    return _INVALID_XML.sub("\ufffd", no_workflow_commands(no_surrogates(value)))


def position(finding: Finding) -> str:
    if finding.paragraphs:
        return f"{finding.path}, alinea {finding.line}, teken {finding.column}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def failure_text(finding: Finding) -> str:
    lines = [position(finding)]
    if finding.text:
        lines.append(f"Tekst: {finding.text}")
    for suggestion in finding.suggestions:
        note = " (veilig)" if suggestion.safe else ""
        lines.append(f"Suggestie: {suggestion.text}{note}")
    return "\n".join(lines)


def counts(report: FileReport) -> Counts:
    failures = len(report.findings)
    errors = 1 if report.error else 0
    tests = failures + errors or 1
    skipped = 1 if report.skipped and not failures and not errors else 0
    return Counts(tests=tests, failures=failures, errors=errors, skipped=skipped)


def set_counts(element: ET.Element, total: Counts) -> None:
    element.set("tests", str(total.tests))
    element.set("failures", str(total.failures))
    element.set("errors", str(total.errors))
    if total.skipped:
        element.set("skipped", str(total.skipped))


def add_finding_case(suite: ET.Element, finding: Finding) -> None:
    name = xml_text(f"{finding.code} {finding.line}:{finding.column}")
    case = ET.SubElement(suite, "testcase", classname=xml_text(finding.path), name=name)
    message = xml_text(finding.message)
    failure = ET.SubElement(case, "failure", message=message, type=xml_text(finding.code))
    failure.text = xml_text(failure_text(finding))


def add_error_case(suite: ET.Element, report: FileReport) -> None:
    case = ET.SubElement(suite, "testcase", classname=xml_text(report.path), name=ERROR_CASE)
    error = ET.SubElement(case, "error", message=xml_text(report.error or ""))
    error.text = xml_text(report.location)


def testsuite(parent: ET.Element, report: FileReport) -> Counts:
    suite = ET.SubElement(parent, "testsuite", name=xml_text(report.path))
    total = counts(report)
    set_counts(suite, total)
    if report.error:
        add_error_case(suite, report)
    for finding in sorted(report.findings, key=lambda f: f.sort_key):
        add_finding_case(suite, finding)
    if report.skipped and not report.error and not report.findings:
        case = ET.SubElement(suite, "testcase", classname=xml_text(report.path), name=SKIPPED_CASE)
        ET.SubElement(case, "skipped", message=xml_text(" ".join(report.notices)))
    elif not report.error and not report.findings:
        ET.SubElement(suite, "testcase", classname=xml_text(report.path), name=CLEAN_CASE)
    return total


def to_element(reports: Reports) -> ET.Element:
    root = ET.Element("testsuites", name="lint-brieven")
    totals = [testsuite(root, report) for report in reports]
    set_counts(
        root,
        Counts(
            tests=sum(t.tests for t in totals),
            failures=sum(t.failures for t in totals),
            errors=sum(t.errors for t in totals),
            skipped=sum(t.skipped for t in totals),
        ),
    )
    return root


def render(reports: Reports, ctx: ReportContext) -> str:
    root = to_element(reports)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
