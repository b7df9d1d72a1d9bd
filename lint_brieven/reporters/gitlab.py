"""GitLab Code Quality report: a JSON list of issues."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.fingerprint import fingerprinted
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.safe_text import json_no_surrogates

READ_ERROR_CHECK = "lint-brieven-leesfout"

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "major",
    Severity.WARNING: "minor",
    Severity.INFO: "info",
}


def gitlab_path(path: str) -> str:
    return path.replace("\\", "/")


def digest(*parts: str) -> str:
    data = "\x00".join(parts).encode("utf-8", "surrogatepass")  # names that are not UTF-8
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def finding_issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """``fingerprint``: from ``fingerprint.fingerprinted`` (code, words, neighbourhood; never
    the line), unique per issue."""
    return {
        "description": f"{finding.code}: {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": gitlab_path(finding.path),
            "lines": {"begin": finding.line, "end": finding.end_line},
        },
    }


def error_issue(report: FileReport) -> dict[str, Any]:
    line = report.error_line or 1
    return {
        "description": report.error or "",
        "check_name": READ_ERROR_CHECK,
        "fingerprint": digest(report.path, READ_ERROR_CHECK, str(line)),
        "severity": "blocker",
        "location": {"path": gitlab_path(report.path), "lines": {"begin": line, "end": line}},
    }


def to_list(reports: Reports) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for report in reports:
        if report.error:
            issues.append(error_issue(report))
        issues.extend(
            finding_issue(finding, fingerprint)
            for finding, fingerprint in fingerprinted(report.findings)
        )
    return issues


def render(reports: Reports, ctx: ReportContext) -> str:
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return json_no_surrogates(json.dumps(to_list(reports), indent=2, ensure_ascii=False)) + "\n"
