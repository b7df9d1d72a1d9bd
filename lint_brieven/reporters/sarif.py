"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Every rule carries its ``explain`` page as ``help.text`` and, as Markdown, ``help.markdown``
(GitHub shows it beside an alert), and a ``helpUri`` when the configuration names a
``docs-url``. A Word document has no text lines: its findings point at the paragraph, as
``startLine`` (code scanning needs a ``region.startLine`` to place an alert), with the
paragraph's text as the region's ``snippet`` and "Alinea N, teken M" in the message (the
columns count characters in the paragraph).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from lint_brieven.checks.rule import Rule
from lint_brieven.commands.explain import explanation
from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.fingerprint import fingerprinted
from lint_brieven.reporters.base import ReportContext, Reports, paragraph_place
from lint_brieven.reporters.json_format import rule_name, suggestion_dict
from lint_brieven.reporters.markdown import markdown_text
from lint_brieven.safe_text import json_no_surrogates, no_surrogates

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "lintBrieven/v1"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}

_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_uri(path: str) -> str:
    """A valid URI reference for ``path``: relative paths stay relative, percent-encoded. A
    name that is not UTF-8 keeps its own bytes (``brief-%FF.txt``): the URI still finds it."""
    posix = path.replace("\\", "/")
    if _DRIVE.match(posix):
        return "file:///" + _quote(posix, "/:")
    if posix.startswith("/"):
        return "file://" + _quote(posix, "/")
    # ':' is encoded too, so a relative path can never be read as a URI scheme.
    return _quote(posix, "/")


def _quote(text: str, safe: str) -> str:
    try:
        return quote(text, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return quote(no_surrogates(text), safe=safe)


def region(finding: Finding) -> dict[str, Any]:
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }


def help_markdown(page: str) -> str:
    """The ``explain`` page (``commands.explain.explanation``) as Markdown: its title a
    heading, each line of its head a paragraph, its ``##`` headings and ``-`` lists kept,
    the rest (rule texts, letter examples) escaped."""
    lines = page.rstrip("\n").split("\n")
    out = [f"# {markdown_text(lines[0])}"]
    in_head = True
    for line in lines[1:]:
        if line.startswith("## "):
            in_head = False
            out += ["", f"## {markdown_text(line[3:])}"]
        elif line.startswith("- "):
            out.append(f"- {markdown_text(line[2:])}")
        elif line.startswith("  → "):
            out.append(f"  → {markdown_text(line[4:])}")
        elif line:
            out += ["", markdown_text(line)] if in_head else [markdown_text(line)]
        else:
            out.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)) + "\n"


def descriptor(rule: Rule, ctx: ReportContext) -> dict[str, Any]:
    page = explanation(rule)
    entry = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": page, "markdown": help_markdown(page)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category},
    }
    url = ctx.rule_url(rule.code)
    if url:
        entry["helpUri"] = url
    return entry


def fallback_descriptor(finding: Finding, ctx: ReportContext) -> dict[str, Any]:
    """For a code missing from the rule table, so every result still has a rule."""
    entry = {
        "id": finding.code,
        "name": finding.rule_name or finding.code,
        "shortDescription": {"text": finding.message},
        "help": {"text": finding.message, "markdown": markdown_text(finding.message)},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }
    url = ctx.rule_url(finding.code)
    if url:
        entry["helpUri"] = url
    return entry


def descriptors(reports: Reports, ctx: ReportContext) -> list[dict[str, Any]]:
    rules = ctx.rules
    table = [descriptor(rules[code], ctx) for code in sorted(rules)]
    known = set(rules)
    for report in reports:
        for finding in sorted(report.findings, key=lambda f: f.sort_key):
            if finding.code not in known:
                known.add(finding.code)
                table.append(fallback_descriptor(finding, ctx))
    return table


def fixes(finding: Finding, uri: str) -> list[dict[str, Any]]:
    """Safe suggestions as SARIF fixes; none for DOCX, whose regions are paragraphs."""
    if finding.paragraphs:
        return []
    return [
        {
            "description": {"text": f"Vervang door '{suggestion.text}'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri},
                    "replacements": [
                        {
                            "deletedRegion": region(finding),
                            "insertedContent": {"text": suggestion.text},
                        }
                    ],
                }
            ],
        }
        for suggestion in finding.suggestions
        if suggestion.safe and suggestion.replaces
    ]


def result_properties(finding: Finding, rules: Mapping[str, Rule]) -> dict[str, Any]:
    properties: dict[str, Any] = {"ruleName": rule_name(finding, rules)}
    if finding.suggestions:
        properties["suggestions"] = [suggestion_dict(s) for s in finding.suggestions]
    if finding.paragraphs:
        properties["paragraph"] = True
    if finding.variant is not None:
        properties["variant"] = finding.variant
    return properties


def result(
    finding: Finding, rule_index: int, rules: Mapping[str, Rule], fingerprint: str
) -> dict[str, Any]:
    """``fingerprint``: from ``fingerprint.fingerprinted`` (code, words, neighbourhood)."""
    uri = artifact_uri(finding.path)
    physical_region = region(finding)
    message = finding.message
    if finding.paragraphs:  # DOCX: the paragraph's text, since the file shows none
        message = f"{paragraph_place(finding)}, teken {finding.column}: {message}"
        if finding.source_line:
            physical_region["snippet"] = {"text": finding.source_line}
    elif finding.text:
        physical_region["snippet"] = {"text": finding.text}
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": physical_region}}
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": result_properties(finding, rules),
    }
    finding_fixes = fixes(finding, uri)
    if finding_fixes:
        entry["fixes"] = finding_fixes
    return entry


def notification(report: FileReport, level: str, text: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(report.path)}}
    if line:
        physical["region"] = {"startLine": line}
    return {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }


def notifications(reports: Reports) -> list[dict[str, Any]]:
    """Unreadable files as errors, reader notices as notes."""
    entries: list[dict[str, Any]] = []
    for report in reports:
        if report.error:
            entries.append(notification(report, "error", report.error, report.error_line))
        entries.extend(notification(report, "note", notice, None) for notice in report.notices)
    return entries


def invocation(reports: Reports) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "executionSuccessful": not any(report.error for report in reports),
    }
    entry_notifications = notifications(reports)
    if entry_notifications:
        entry["toolExecutionNotifications"] = entry_notifications
    return entry


def to_dict(reports: Reports, ctx: ReportContext) -> dict[str, Any]:
    rules_table = descriptors(reports, ctx)
    index = {rule["id"]: position for position, rule in enumerate(rules_table)}
    results = [
        result(finding, index[finding.code], ctx.rules, print_)
        for report in reports
        for finding, print_ in fingerprinted(report.findings)
    ]
    run = {
        "tool": {
            "driver": {
                "name": "lint-brieven",
                "version": ctx.version,
                "language": "nl-NL",
                "rules": rules_table,
            }
        },
        "invocations": [invocation(reports)],
        "language": "nl-NL",
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    readability = {r.path: r.readability for r in reports if r.readability}
    if readability:
        run["properties"] = {"readability": readability}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(reports: Reports, ctx: ReportContext) -> str:
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return (
        json_no_surrogates(json.dumps(to_dict(reports, ctx), indent=2, ensure_ascii=False)) + "\n"
    )
