"""JSON Lines: one finding per line, the finding object of ``--output-format json`` with its
``path``; a file that could not be read is a line ``{"path", "error", "error_line"}``."""

from __future__ import annotations

import json
from typing import Any

from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.reporters.json_format import finding_dict
from lint_brieven.safe_text import json_no_surrogates


def records(reports: Reports, ctx: ReportContext) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for report in reports:
        if report.error:
            out.append(
                {"path": report.path, "error": report.error, "error_line": report.error_line}
            )
        for finding in sorted(report.findings, key=lambda f: f.sort_key):
            out.append({"path": report.path, **finding_dict(finding, ctx.rules)})
    return out


def render(reports: Reports, ctx: ReportContext) -> str:
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return "".join(
        json_no_surrogates(json.dumps(record, ensure_ascii=False)) + "\n"
        for record in records(reports, ctx)
    )
