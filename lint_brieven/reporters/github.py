"""GitHub Actions workflow commands: one annotation per finding.

Letter text and file names cannot smuggle in a workflow command of their own. The runner
reads a command only at the start of a line; messages escape ``%``, ``\r`` and ``\n`` (as
GitHub's toolkit does) so data never starts a line, and properties also escape ``:`` and
``,``. On top of that, every ``::`` left in a message is written ``:\u200b:`` (a zero-width
space between the colons; ``safe_text.no_workflow_commands``): GitHub shows the same text, but
no ``::`` from data survives into the log, whatever a later tool does with the line. Escape
sequences and other control characters from data are removed (``safe_text.log_safe``).
"""

from __future__ import annotations

from collections.abc import Mapping

from lint_brieven.checks.rule import Rule
from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.reporters.json_format import rule_name
from lint_brieven.safe_text import log_safe, printable

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
    """One workflow command; property values and the message may hold any data."""
    props = ",".join(f"{key}={escape_property(printable(value))}" for key, value in properties)
    return f"::{name} {props}::{escape_data(log_safe(message))}"


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
        elif report.skipped:  # a letter not checked must not pass unseen in CI
            file = [("file", report.path.replace("\\", "/"))]
            lines.extend(command("notice", file, notice) for notice in report.notices)
        findings = sorted(report.findings, key=lambda f: f.sort_key)
        lines.extend(finding_line(finding, ctx.rules) for finding in findings)
    return "".join(line + "\n" for line in lines)
