"""Text for people: one line per finding, like ``brief.html.j2:14:9: LB101 …``.

DOCX locations read ``brief.docx:¶12:5`` (paragraph 12, character 5). On a terminal the source
line follows with a caret under the words, and the suggestions; ``--statistics`` prints a count
per rule instead.

Everything that comes from a letter or a file name goes through ``safe_text.terminal_safe``
(:func:`_safe`): no escape sequences or control characters from data reach the terminal, no
data starts a line of its own or a GitHub workflow command; our own colours stay.
"""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.markup import escape

from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.reporters.base import ReportContext, Reports
from lint_brieven.safe_text import terminal_safe

_COLOR = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _safe(text: str) -> str:
    """Data (letter text, a file name) made safe for a terminal, then escaped for rich."""
    return escape(terminal_safe(text))


def location(path: str, line: int, column: int, paragraphs: bool) -> str:
    return f"{path}:¶{line}:{column}" if paragraphs else f"{path}:{line}:{column}"


def render(reports: Reports, ctx: ReportContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        highlight=False,
        emoji=False,  # ':name:' in a letter stays text
        width=10_000,
        soft_wrap=True,
    )
    if ctx.statistics:
        _statistics(console, reports, ctx)
    else:
        for report in reports:
            _report(console, report, ctx)
    if not ctx.quiet:
        console.print(escape(summary(reports)))
    return buffer.getvalue()


def _report(console: Console, report: FileReport, ctx: ReportContext) -> None:
    if report.error:
        console.print(
            f"[bold]{_safe(report.location)}[/]: [bold red]fout[/]: {_safe(report.error)}"
        )
        return
    if not ctx.quiet:
        for notice in report.notices:
            console.print(f"[bold]{_safe(report.path)}[/]: [cyan]let op[/]: {_safe(notice)}")
    for finding in report.findings:
        _finding(console, finding, ctx)
    if report.readability and not ctx.quiet:
        line = readability_line(report.readability)
        console.print(f"[bold]{_safe(report.path)}[/]: [cyan]leesbaarheid[/]: {_safe(line)}")


def _finding(console: Console, f: Finding, ctx: ReportContext) -> None:
    where = location(f.path, f.line, f.column, f.paragraphs)
    color = _COLOR[f.severity]
    console.print(f"[bold]{_safe(where)}[/]: [{color}]{_safe(f.code)}[/] {_safe(f.message)}")
    if not ctx.show_source or ctx.quiet:
        return
    if f.source_line:
        shown = terminal_safe(f.source_line.replace("\x0b", " ").replace("\t", " "))
        width = (f.end_column - f.column) if f.end_line == f.line else len(shown) - f.column + 1
        console.print(f"    {escape(shown)}", style="dim")
        console.print(" " * (3 + f.column) + f"[{color}]" + "^" * max(width, 1) + "[/]")
    for s in f.suggestions:
        label = "suggestie (veilig)" if s.safe else ("suggestie" if s.replaces else "advies")
        console.print(f"    [green]{label}[/]: {_safe(s.text)}")
    if f.variant:
        console.print(f"    [dim]in variant: {_safe(f.variant)}[/]")


def _statistics(console: Console, reports: Reports, ctx: ReportContext) -> None:
    counts = Counter(f.code for r in reports for f in r.findings)
    safe = Counter(
        f.code for r in reports for f in r.findings if f.suggestions and f.suggestions[0].safe
    )
    for code, n in counts.most_common():
        rule = ctx.rules.get(code)
        name = rule.name if rule else ""
        mark = " [*]" if safe[code] else ""
        console.print(f"{n:>5}  {_safe(code)}  {_safe(name)}{mark}")


def readability_line(r: dict) -> str:
    """'LiNT-II 42,3 (niveau 2), Flesch-Douma 61,0, 12 zinnen' — in Dutch number style."""
    score, level = r["lint_ii"]["score"], r["lint_ii"]["level"]
    lint = f"LiNT-II {_decimal(score)} (niveau {level})" if score is not None else "LiNT-II -"
    douma = f"Flesch-Douma {_decimal(r['flesch_douma'])}" if r["flesch_douma"] is not None else ""
    hard = sum(1 for s in r["sentences"] if s["level"] == 4)
    parts = [lint, douma, _n(len(r["sentences"]), "zin", "zinnen")]
    if hard:
        parts.append(f"{hard} op niveau 4")
    if r.get("variant"):
        parts.append(f"moeilijkste variant: {r['variant']}")
    return ", ".join(p for p in parts if p)


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def summary(reports: Reports) -> str:
    """The closing line, in Dutch."""
    files = [r for r in reports if not r.error and not r.skipped]
    errors = [r for r in reports if r.error]
    skipped = sum(1 for r in reports if r.skipped and not r.error)
    findings = [f for r in files for f in r.findings]
    with_findings = sum(1 for r in files if r.findings)
    fixable = sum(1 for f in findings if f.suggestions and f.suggestions[0].safe)
    parts = []
    if findings:
        parts.append(
            f"{_n(len(findings), 'bevinding', 'bevindingen')} in {with_findings} van "
            f"{_n(len(files), 'bestand', 'bestanden')}"
            + (f" ({fixable} met een veilige suggestie)" if fixable else "")
            + "."
        )
    else:
        parts.append(f"Geen bevindingen in {_n(len(files), 'bestand', 'bestanden')}.")
    if errors:
        parts.append(f"{_n(len(errors), 'bestand kon', 'bestanden konden')} niet worden gelezen.")
    if skipped:
        parts.append(f"{_n(skipped, 'bestand of map', 'bestanden of mappen')} overgeslagen.")
    return " ".join(parts)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
