"""A GitHub job summary in Markdown, in Dutch: for ``$GITHUB_STEP_SUMMARY``.

Totals, the findings per file and per rule, and the most serious findings first. GitHub
takes at most 1 MiB of summary per step, so the tables stop at ``MAX_ROWS`` rows and the
list of findings at ``MAX_FINDINGS``; what is left out is counted.
"""

from __future__ import annotations

from collections import Counter

from lint_brieven.findings import Finding, Severity
from lint_brieven.reporters.base import ReportContext, Reports, paragraph_place
from lint_brieven.reporters.json_format import rule_name
from lint_brieven.reporters.markdown import table_cell
from lint_brieven.safe_text import no_surrogates

MAX_ROWS = 100
MAX_FINDINGS = 50
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
HEADERS = {Severity.ERROR: "Fouten", Severity.WARNING: "Waarschuwingen", Severity.INFO: "Info"}


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def place(finding: Finding) -> str:
    if finding.paragraphs:
        return f"{paragraph_place(finding).lower()}, teken {finding.column}"
    return f"regel {finding.line}, kolom {finding.column}"


def rule_cell(code: str, ctx: ReportContext) -> str:
    url = ctx.rule_url(code)
    return f"[{code}]({url})" if url else code


def headline(reports: Reports, findings: list[Finding], errors: int) -> str:
    files = plural(len(reports), "bestand", "bestanden")
    if not findings:
        text = f"Geen bevindingen in {files}."
    else:
        with_findings = sum(1 for report in reports if report.findings)
        counts = Counter(f.severity for f in findings)
        parts = ", ".join(f"{counts[s]} {HEADERS[s].lower()}" for s in ORDER if counts[s])
        text = (
            f"**{plural(len(findings), 'bevinding', 'bevindingen')}** in {with_findings} "
            f"van {files} ({parts})."
        )
    if errors:
        text += f" **{plural(errors, 'bestand kon', 'bestanden konden')} niet worden gelezen.**"
    return text


def more(left: int, what: str) -> list[str]:
    return ["", f"… en nog {left} {what}."] if left > 0 else []


def error_table(reports: Reports) -> list[str]:
    rows = [r for r in reports if r.error]
    if not rows:
        return []
    lines = ["", "### Leesfouten", "", "| Bestand | Fout |", "| --- | --- |"]
    lines += [f"| {table_cell(r.location)} | {table_cell(r.error or '')} |" for r in rows]
    return lines


def file_table(reports: Reports) -> list[str]:
    rows = [r for r in reports if r.findings]
    rows.sort(key=lambda r: (-len(r.findings), r.path))
    if not rows:
        return []
    lines = [
        "",
        "### Per bestand",
        "",
        "| Bestand | Fouten | Waarschuwingen | Info | Totaal |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for report in rows[:MAX_ROWS]:
        counts = Counter(f.severity for f in report.findings)
        cells = " | ".join(str(counts[s]) for s in ORDER)
        lines.append(f"| {table_cell(report.path)} | {cells} | {len(report.findings)} |")
    return lines + more(len(rows) - MAX_ROWS, "bestanden")


def rule_table(findings: list[Finding], ctx: ReportContext) -> list[str]:
    if not findings:
        return []
    counts = Counter(f.code for f in findings)
    example: dict[str, Finding] = {}
    for finding in findings:
        example.setdefault(finding.code, finding)
    codes = sorted(counts, key=lambda c: (-counts[c], c))
    lines = ["", "### Per regel", "", "| Regel | Naam | Aantal |", "| --- | --- | ---: |"]
    for c in codes[:MAX_ROWS]:
        name = table_cell(rule_name(example[c], ctx.rules))
        lines.append(f"| {rule_cell(c, ctx)} | {name} | {counts[c]} |")
    return lines + more(len(codes) - MAX_ROWS, "regels")


def top_findings(findings: list[Finding], ctx: ReportContext) -> list[str]:
    if not findings:
        return []
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key))
    lines = [
        "",
        "### Belangrijkste bevindingen",
        "",
        "| Niveau | Bestand | Plaats | Regel | Melding |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in ranked[:MAX_FINDINGS]:
        lines.append(
            f"| {f.severity.dutch} | {table_cell(f.path)} | {place(f)} | "
            f"{rule_cell(f.code, ctx)} | {table_cell(f.message)} |"
        )
    return lines + more(len(ranked) - MAX_FINDINGS, "bevindingen")


def render(reports: Reports, ctx: ReportContext) -> str:
    findings = [f for report in reports for f in report.findings]
    errors = sum(1 for report in reports if report.error)
    lines = ["## lint-brieven", "", headline(reports, findings, errors)]
    lines += error_table(reports)
    lines += file_table(reports)
    lines += rule_table(findings, ctx)
    lines += top_findings(findings, ctx)
    # a file name that is not UTF-8: its bad bytes as \xNN, as in every format
    return no_surrogates("\n".join(lines) + "\n")
