"""Stable JSON output: one object with every file, its findings and a summary."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from lint_brieven.checks.rule import Rule
from lint_brieven.findings import FileReport, Finding, Severity, Suggestion
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.safe_text import json_no_surrogates


def rule_name(finding: Finding, rules: Mapping[str, Rule]) -> str:
    """The finding's rule name, falling back to the rule table."""
    if finding.rule_name:
        return finding.rule_name
    rule = rules.get(finding.code)
    return rule.name if rule is not None else ""


def suggestion_dict(suggestion: Suggestion) -> dict[str, Any]:
    return {"text": suggestion.text, "safe": suggestion.safe, "replaces": suggestion.replaces}


def finding_dict(finding: Finding, rules: Mapping[str, Rule]) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "text": finding.text,
        "suggestions": [suggestion_dict(s) for s in finding.suggestions],
        "rule": rule_name(finding, rules),
        "variant": finding.variant,
        "paragraphs": finding.paragraphs,
    }


def file_dict(report: FileReport, rules: Mapping[str, Rule]) -> dict[str, Any]:
    findings = sorted(report.findings, key=lambda f: f.sort_key)
    return {
        "path": report.path,
        "error": report.error,
        "error_line": report.error_line,
        "notices": list(report.notices),
        "findings": [finding_dict(f, rules) for f in findings],
        "readability": report.readability,
    }


def summary_dict(reports: Reports) -> dict[str, Any]:
    by_severity = {severity.value: 0 for severity in Severity}
    for report in reports:
        for finding in report.findings:
            by_severity[finding.severity.value] += 1
    return {
        "files": len(reports),
        "findings": sum(by_severity.values()),
        "errors": sum(1 for report in reports if report.error),
        "by_severity": by_severity,
    }


def to_dict(reports: Reports, ctx: ReportContext) -> dict[str, Any]:
    """The whole report as plain JSON-serialisable data."""
    return {
        "version": ctx.version,
        "files": [file_dict(report, ctx.rules) for report in reports],
        "summary": summary_dict(reports),
    }


def render(reports: Reports, ctx: ReportContext) -> str:
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return (
        json_no_surrogates(json.dumps(to_dict(reports, ctx), indent=2, ensure_ascii=False)) + "\n"
    )
