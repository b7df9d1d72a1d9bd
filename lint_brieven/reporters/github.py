"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Mapping

from lint_brieven.checks.rule import Rule
from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.reporters.json_format import rule_name

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: list[tuple[str, str]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}"


def finding_line(finding: Finding, rules: Mapping[str, Rule]) -> str:
    """DOCX positions are paragraphs, not lines: they go into the message instead."""
    title = " ".join(part for part in (finding.code, rule_name(finding, rules)) if part)
    properties = [("file", finding.path.replace("\\", "/"))]
    message = finding.message
    if finding.paragraphs:
        message = f"Alinea {finding.line}, teken {finding.column}: {message}"
    else:
        properties += [
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("endLine", str(finding.end_line)),
            ("endColumn", str(finding.end_column)),
        ]
    properties.append(("title", title))
    return command(COMMANDS[finding.severity], properties, message)


def error_line(report: FileReport) -> str:
    properties = [("file", report.path.replace("\\", "/"))]
    if report.error_line:
        properties.append(("line", str(report.error_line)))
    return command("error", properties, report.error or "")


def render(reports: Reports, ctx: ReportContext) -> str:
    lines: list[str] = []
    for report in reports:
        if report.error:
            lines.append(error_line(report))
        findings = sorted(report.findings, key=lambda f: f.sort_key)
        lines.extend(finding_line(finding, ctx.rules) for finding in findings)
    return "".join(line + "\n" for line in lines)
