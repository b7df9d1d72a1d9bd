"""Findings, errors and the readability hint as LSP diagnostics.

A finding's lines and columns are 1-based, ``end_column`` exclusive, counted in characters of
the text as the reader saw it (line breaks ``\\r\\n``, ``\\r`` and ``\\n`` alike, a leading
byte order mark left out). LSP positions are 0-based and count in the position encoding the
client and server agreed on (UTF-16 unless the client offered another): pygls's
``PositionCodec`` converts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.workspace import PositionCodec

from lint_brieven.findings import Finding, Severity

if TYPE_CHECKING:
    from lint_brieven.server.checking import Checked

SOURCE = "lint-brieven"
BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lines_of(text: str) -> list[str]:
    """The document's lines as LSP counts them, without their line breaks."""
    return _LINE_BREAK.split(text)


def codec_for(encoding: str | types.PositionEncodingKind | None) -> PositionCodec:
    return PositionCodec(encoding or types.PositionEncodingKind.Utf16)


def position(lines: list[str], line: int, column: int, codec: PositionCodec) -> types.Position:
    """The LSP position of 1-based ``line`` and ``column`` (characters), kept inside the text."""
    index = min(max(line - 1, 0), len(lines) - 1)
    text = lines[index]
    character = max(column - 1, 0)
    if index == 0 and text.startswith(BOM):  # the reader never saw the byte order mark
        character += 1
    character = min(character, len(text))
    return codec.position_to_client_units(lines, types.Position(index, character))


def finding_range(
    finding: Finding, text: str, encoding: str | types.PositionEncodingKind | None = None
) -> types.Range:
    """Where ``finding`` is in ``text``, in the client's position encoding."""
    lines = lines_of(text)
    codec = codec_for(encoding)
    start = position(lines, finding.line, finding.column, codec)
    end = position(lines, finding.end_line, finding.end_column, codec)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start=start, end=end)


def rule_url(docs_url: str | None, code: str) -> str | None:
    """The rule's page, as the SARIF reporter's ``helpUri`` (``reporters.base.ReportContext``)."""
    from lint_brieven.reporters.base import ReportContext

    return ReportContext(docs_url=docs_url).rule_url(code)


def message_of(finding: Finding) -> str:
    """The Dutch message, with the template variant (branch) it was found in."""
    if finding.variant:
        return f"{finding.message}\n(in variant: {finding.variant})"
    return finding.message


def to_diagnostic(
    finding: Finding,
    text: str,
    encoding: str | types.PositionEncodingKind | None,
    docs_url: str | None,
) -> types.Diagnostic:
    url = rule_url(docs_url, finding.code)
    return types.Diagnostic(
        range=finding_range(finding, text, encoding),
        message=message_of(finding),
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        data={
            "code": finding.code,
            "line": finding.line,
            "column": finding.column,
            "end_line": finding.end_line,
            "end_column": finding.end_column,
        },
    )


def line_diagnostic(
    text: str,
    line: int | None,
    message: str,
    severity: types.DiagnosticSeverity,
    encoding: str | types.PositionEncodingKind | None = None,
) -> types.Diagnostic:
    """A diagnostic over the whole of 1-based ``line`` (the first line when None)."""
    lines = lines_of(text)
    codec = codec_for(encoding)
    index = min(max((line or 1) - 1, 0), len(lines) - 1)
    end = codec.position_to_client_units(lines, types.Position(index, len(lines[index])))
    return types.Diagnostic(
        range=types.Range(start=types.Position(index, 0), end=end),
        message=message,
        severity=severity,
        source=SOURCE,
    )


def readability_text(readability: dict) -> str:
    """'Leesbaarheid: LiNT-II 42,3 (niveau 2), Flesch-Douma 61,0, 12 zinnen' (the line of
    ``check``'s text report)."""
    from lint_brieven.reporters.text import readability_line

    return f"Leesbaarheid: {readability_line(readability)}"


def diagnostics_for(
    checked: Checked,
    encoding: str | types.PositionEncodingKind | None,
    readability: str,
) -> list[types.Diagnostic]:
    """Everything to publish for a checked document: its error, or its findings (and the
    readability hint when ``readability`` is "diagnostic")."""
    text = checked.text
    if checked.error is not None:
        return [
            line_diagnostic(
                text, checked.error_line, checked.error, types.DiagnosticSeverity.Error, encoding
            )
        ]
    docs_url = checked.config.docs_url if checked.config else None
    out = [to_diagnostic(f, text, encoding, docs_url) for f in checked.findings]
    if readability == "diagnostic" and checked.readability:
        out.insert(
            0,
            line_diagnostic(
                text,
                1,
                readability_text(checked.readability),
                types.DiagnosticSeverity.Information,
                encoding,
            ),
        )
    return out
