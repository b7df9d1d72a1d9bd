"""Run checks over the letters a reader produced and turn their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.findings import Finding
from lint_brieven.letter import Letter, ReadResult, Span


@dataclass
class Analysis:
    """Findings of one file, and its letters as analysed (for readability reporting)."""

    findings: list[Finding]
    letters: list[AnalysedLetter]


def analyse(
    result: ReadResult,
    checks: Sequence[Check],
    ctx: CheckContext,
    accept: Iterable[str] = (),
) -> Analysis:
    """Findings for every letter (every template variant) of one read file, deduplicated."""
    accepted = {w.lower() for w in accept}
    docs = nlp.parse(b.text for letter in result.letters for b in letter.blocks)
    shared: dict = {}
    findings: dict[tuple, Finding] = {}
    seen_in: dict[tuple, int] = {}  # place -> number of variants it was found in
    letters = []
    for letter in result.letters:
        analysed = AnalysedLetter(letter, tuple(docs[b.text] for b in letter.blocks), shared)
        letters.append(analysed)
        for check in checks:
            for hit in check.run(analysed, ctx):
                if hit.text and hit.text.lower() in accepted:
                    continue
                finding = _finding(hit, letter, check, result)
                if finding is None:
                    continue
                if finding.place not in findings:
                    findings[finding.place] = finding
                    seen_in[finding.place] = 0
                seen_in[finding.place] += 1
    # Name the variant only when the finding is not in every letter the template can produce.
    every = len(result.letters)
    named = [f if seen_in[p] < every else replace(f, variant=None) for p, f in findings.items()]
    return Analysis(named, letters)


def _finding(hit: Hit, letter: Letter, check: Check, result: ReadResult) -> Finding | None:
    span = _span(hit, letter, check)
    if span is None:
        return None
    rule = check.rule
    runs: tuple[tuple[int, int, int], ...] = ()
    if span.source.paragraphs and span.line == span.end_line:
        runs = _runs(result.runs.get(span.line, ()), span.column - 1, span.end_column - 1)
    return Finding(
        path=span.source.path,
        code=rule.code,
        severity=rule.severity,
        message=hit.message,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        text=hit.text,
        suggestions=hit.suggestions,
        rule_name=rule.name,
        variant=letter.variant,
        paragraphs=span.source.paragraphs,
        runs=runs,
        source_line=span.source.line_text(span.line),
    )


def _span(hit: Hit, letter: Letter, check: Check) -> Span | None:
    if hit.block < 0:
        return _letter_start(letter)
    content = letter.blocks[hit.block].content
    if check.skips_placeholders and content.placeholders_in(hit.start, hit.end):
        return None
    return content.span(hit.start, hit.end)


def _letter_start(letter: Letter) -> Span | None:
    """Where a whole-letter finding points: the letter's first text in its own file."""
    fallback = None
    for block in letter.blocks:
        span = block.content.span(0, 0)
        if span is None:
            continue
        if span.source.path == letter.path:
            return Span(
                span.source,
                span.line,
                span.column,
                span.line,
                span.column,
                span.src_start,
                span.src_start,
            )
        fallback = fallback or span
    return fallback


def _runs(
    runs: Iterable[tuple[int, int, int]], start: int, end: int
) -> tuple[tuple[int, int, int], ...]:
    """The runs under paragraph characters ``start:end``, with offsets inside each run."""
    out = []
    for index, run_start, run_end in runs:
        lo, hi = max(start, run_start), min(end, run_end)
        if lo < hi:
            out.append((index, lo - run_start, hi - run_start))
    return tuple(out)
