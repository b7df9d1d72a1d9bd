"""reviewdog's Diagnostic Format as one JSON object (``reviewdog -f=rdjson``).

reviewdog counts columns in UTF-8 bytes, ends ranges exclusively and applies a suggestion's
text to the suggestion's range. Columns are converted from characters with the finding's own
line (``Finding.source_line``); a range that ends on a later line keeps its end column in
characters and gets no suggestions, as that line is not at hand. A Word document has no text
lines: its findings name the file and, in the message, the paragraph ("Alinea 3, teken 5"),
without a range (reviewdog then reports them on the file, not on a line of a diff).
Suggestions are the replacements of the finding's own words (``Suggestion.replaces``); advice
and blocks to add are not replacements and stay in the message's rule page.
"""

from __future__ import annotations

import json
from typing import Any

from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.reporters.base import ReportContext, Reports, paragraph_place
from lint_brieven.reporters.gitlab import READ_ERROR_CHECK
from lint_brieven.safe_text import json_no_surrogates

SOURCE = "lint-brieven"

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "ERROR",
    Severity.WARNING: "WARNING",
    Severity.INFO: "INFO",
}


def utf8_column(line: str, column: int) -> int:
    """The 1-based byte column of character column ``column`` in ``line``."""
    return len(line[: column - 1].encode("utf-8", "surrogatepass")) + 1


def finding_range(finding: Finding) -> dict[str, Any]:
    line = finding.source_line
    start = utf8_column(line, finding.column) if line else finding.column
    if finding.end_line == finding.line and line:
        end = utf8_column(line, finding.end_column)
    else:
        end = finding.end_column
    return {
        "start": {"line": finding.line, "column": start},
        "end": {"line": finding.end_line, "column": end},
    }


def code(value: str, ctx: ReportContext) -> dict[str, str]:
    entry = {"value": value}
    url = ctx.rule_url(value)
    if url:
        entry["url"] = url
    return entry


def diagnostic(finding: Finding, ctx: ReportContext) -> dict[str, Any]:
    path = finding.path.replace("\\", "/")
    entry: dict[str, Any] = {"message": finding.message, "location": {"path": path}}
    if finding.paragraphs:
        entry["message"] = f"{paragraph_place(finding)}, teken {finding.column}: {finding.message}"
    else:
        span = finding_range(finding)
        entry["location"]["range"] = span
        suggestions = [
            {"range": span, "text": s.text}
            for s in finding.suggestions
            if s.replaces and finding.end_line == finding.line
        ]
        if suggestions:
            entry["suggestions"] = suggestions
    entry["severity"] = SEVERITIES[finding.severity]
    entry["code"] = code(finding.code, ctx)
    return entry


def error_diagnostic(report: FileReport) -> dict[str, Any]:
    location: dict[str, Any] = {"path": report.path.replace("\\", "/")}
    if report.error_line:
        location["range"] = {"start": {"line": report.error_line}}
    return {
        "message": report.error or "",
        "location": location,
        "severity": "ERROR",
        "code": {"value": READ_ERROR_CHECK},
    }


def to_dict(reports: Reports, ctx: ReportContext) -> dict[str, Any]:
    diagnostics: list[dict[str, Any]] = []
    worst: Severity | None = None
    for report in reports:
        if report.error:
            diagnostics.append(error_diagnostic(report))
            worst = Severity.ERROR
        for finding in sorted(report.findings, key=lambda f: f.sort_key):
            diagnostics.append(diagnostic(finding, ctx))
            if worst is None or finding.severity.rank > worst.rank:
                worst = finding.severity
    source: dict[str, str] = {"name": SOURCE}
    if ctx.docs_url:  # the rules' documentation, without a rule's code
        source["url"] = ctx.docs_url.replace("{code}", "")
    result: dict[str, Any] = {"source": source}
    if worst is not None:
        result["severity"] = SEVERITIES[worst]
    result["diagnostics"] = diagnostics
    return result


def render(reports: Reports, ctx: ReportContext) -> str:
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return (
        json_no_surrogates(json.dumps(to_dict(reports, ctx), indent=2, ensure_ascii=False)) + "\n"
    )
