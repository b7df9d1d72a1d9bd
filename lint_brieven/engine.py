"""Run checks over the letters a reader produced and turn their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.findings import Finding
from lint_brieven.letter import Block, Letter, ReadResult, Span
from lint_brieven.nlp.typography import for_parser, has_line_break


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
    blocks = [b for letter in result.letters for b in letter.blocks]
    widths: dict[str, int | None] = {}
    for block in blocks:
        if block.text not in widths and has_line_break(block.text):
            widths[block.text] = _source_width(block)
    docs = nlp.parse((b.text for b in blocks), widths)
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
    hit = _as_written(hit, letter)
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
        reason=hit.reason,
    )


def _source_width(block: Block) -> int | None:
    """The longest line a block spans in its file: readers join the lines of hard-wrapped
    text that read on, so the block text no longer shows how wide the text was wrapped."""
    span = block.content.span(0, len(block.text))
    if span is None or span.source.paragraphs:
        return None
    lines = range(span.line, span.end_line + 1)
    return max(len(span.source.line_text(n).rstrip()) for n in lines)


def _as_written(hit: Hit, letter: Letter) -> Hit:
    """The hit with the flagged words as the letter writes them: checks read the parsed text,
    in which typographic quotes and line breaks read as ASCII (same offsets, see
    ``nlp.typography``). A rewrite made of those words gets the letter's quotes back too."""
    if hit.block < 0 or not hit.text:
        return hit
    written = letter.blocks[hit.block].text[hit.start : hit.end]
    if written == hit.text or for_parser(written) != hit.text:
        return hit
    suggestions = tuple(
        replace(s, text=_quotes_as_written(s.text, written, hit.text)) if s.replaces else s
        for s in hit.suggestions
    )
    message = hit.message.replace(hit.text, written)
    return replace(hit, text=written, message=message, suggestions=suggestions)


OPENING_QUOTES = frozenset("‘‚‛“„‟«‹")


def _quotes_as_written(text: str, written: str, parsed: str) -> str:
    """``text`` with each ASCII quote as the typographic quote ``written`` has for it where
    ``parsed`` has that ASCII quote: the opening one at the start of a word, else the closing
    one (which is also the apostrophe: "auto’s")."""
    styles = {
        ascii_quote: {w for w, p in zip(written, parsed, strict=True) if p == ascii_quote != w}
        for ascii_quote in "'\""
    }
    out = []
    for i, ch in enumerate(text):
        if styles.get(ch):
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "(["
            fitting = sorted(c for c in styles[ch] if (c in OPENING_QUOTES) == opening)
            ch = (fitting or sorted(styles[ch]))[0]
        out.append(ch)
    return "".join(out)


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
