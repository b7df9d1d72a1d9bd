"""File names and messages as every audit output shows them (HTML, JSON, CSV, terminal).

A file name need not be valid UTF-8 (Python keeps the odd bytes as surrogates) and may hold
control characters or escape sequences. ``printable`` writes such bytes as ``\\xff`` and
control and bidirectional-override characters as ``\\x1b`` or ``\\u202e``, the same in every
output, so nothing fails to encode and nothing reaches a terminal as a command (the same
choices as ``safe_text`` for ``check``).
"""

from __future__ import annotations

from dataclasses import replace

from lint_brieven.findings import FileReport
from lint_brieven.safe_text import one_line as printable

__all__ = ["printable", "printable_report"]


def printable_report(report: FileReport) -> FileReport:
    """The report with its file names, error and notices made printable."""
    return replace(
        report,
        path=printable(report.path),
        error=None if report.error is None else printable(report.error),
        notices=[printable(n) for n in report.notices],
        findings=[
            f if printable(f.path) == f.path else replace(f, path=printable(f.path))
            for f in report.findings
        ],
    )
