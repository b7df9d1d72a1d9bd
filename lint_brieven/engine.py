"""Run checks over the letters a reader produced and turn their hits into findings.

A template yields one letter per variant, and its variants share most blocks: each distinct
text is parsed once, a block-level check (``Check.scope``) runs once per distinct block and
its hits are reused in every variant that has the block; a letter-level check runs on every
letter. Findings come out in the order running every check on every letter would give.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace

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
    reuse = BlockHits(ctx)
    plans = []  # (their views stay alive as long as caches keyed on id() may hold them)
    findings: dict[tuple, Finding] = {}
    seen_in: dict[tuple, int] = {}  # place -> number of variants it was found in
    letters = []
    # a block-level hit on a distinct block -> the place of its finding (None: none), made
    # in the first variant with the block: the finding is the same in every variant but for
    # its variant's name, and only the first variant's finding is kept
    placed: dict[tuple[int, int, int], tuple | None] = {}
    # the same for a letter-level hit on a distinct block, by what the hit says
    placed_letter_level: dict[tuple, tuple | None] = {}
    for letter in result.letters:
        analysed = AnalysedLetter(letter, tuple(docs[b.text] for b in letter.blocks), shared)
        letters.append(analysed)
        plan = reuse.add(analysed)
        plans.append(plan)
        for check in checks:
            if check.scope != "block":
                for hit in check.run(analysed, ctx):
                    if hit.block < 0:  # where it points depends on the letter's first text
                        _add(_found(hit, letter, check, result, accepted), findings, seen_in)
                        continue
                    said = (id(check), plan.numbers[hit.block], *_said(hit))
                    if said in placed_letter_level:
                        place = placed_letter_level[said]
                        if place is not None:
                            seen_in[place] += 1
                        continue
                    finding = _found(hit, letter, check, result, accepted)
                    placed_letter_level[said] = None if finding is None else finding.place
                    _add(finding, findings, seen_in)
                continue
            known, with_hits = reuse.known_for(check, plan)
            if not with_hits or with_hits.isdisjoint(plan.distinct):
                continue
            hit_numbers = plan.distinct & with_hits
            # the positions of the blocks with hits, in the letter's order
            for index in sorted(i for n in hit_numbers for i in plan.positions[n]):
                number = plan.numbers[index]
                for j, hit in enumerate(known[number]):
                    key = (id(known), number, j)
                    if key in placed:
                        place = placed[key]
                        if place is not None:
                            seen_in[place] += 1
                        continue
                    if hit.block != index:
                        hit = replace(hit, block=index)
                    finding = _found(hit, letter, check, result, accepted)
                    placed[key] = None if finding is None else finding.place
                    _add(finding, findings, seen_in)
    # Name the variant only when the finding is not in every letter the template can produce.
    every = len(result.letters)
    named = [f if seen_in[p] < every else replace(f, variant=None) for p, f in findings.items()]
    return Analysis(named, letters)


class BlockHits:
    """The hits of block-level checks per distinct block, for the letters of one file.

    A block is the same block when it is equal (text, kind, level, numbering and source map:
    the same words from the same place in the same files), so it has the same parsed doc and
    the same placeholders. Each distinct block gets a number. A check's hits on a block are
    kept per answer of its ``letter_facts`` (one answer for most checks); for one file only.
    """

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.numbers: dict[Block, int] = {}
        self.known: dict[tuple[int, Hashable], dict[int, list[Hit]]] = {}
        self.with_hits: dict[tuple[int, Hashable], set[int]] = {}  # the numbers hit in known

    def add(self, letter: AnalysedLetter) -> _Plan:
        numbers = tuple(self.numbers.setdefault(b, len(self.numbers)) for b in letter.letter.blocks)
        return _Plan(letter, numbers)

    def known_for(self, check: Check, plan: _Plan) -> tuple[dict[int, list[Hit]], set[int]]:
        """``check``'s hits per block number, for the letter's facts; every block of the
        letter of ``plan`` among them (a hit's block index is that of the letter in which
        the block was first read); and the numbers of the blocks with hits. The check reads
        the letter itself when it knows none of its blocks, else a view of the blocks it
        has not read, each once. The same dict and set for every letter with the same facts."""
        facts = check.letter_facts(plan.letter) if check.letter_facts is not None else None
        key = (id(check), facts)
        known = self.known.get(key)
        if known is None:
            known = self.known[key] = {}
            self.with_hits[key] = set()
        with_hits = self.with_hits[key]
        if known.keys() >= plan.distinct:
            return known, with_hits
        missing: dict[int, int] = {}  # number -> its first position in the letter
        for index, number in enumerate(plan.numbers):
            if number not in known:
                missing.setdefault(number, index)
        if missing:
            if len(missing) == len(set(plan.numbers)):
                new, numbers = plan.letter, plan.numbers
            else:
                new, numbers = plan.view(tuple(missing.values())), tuple(missing)
            per_block: list[list[Hit]] = [[] for _ in numbers]
            for hit in check.run(new, self.ctx):
                if hit.block < 0:
                    raise ValueError(f"{check.rule.code}: a block-level check reported a letter")
                per_block[hit.block].append(hit)
            for number, found in zip(numbers, per_block, strict=True):
                known[number] = found
                if found:
                    with_hits.add(number)
        return known, with_hits


@dataclass
class _Plan:
    """One letter for the block-level checks: the number of each of its blocks, and the views
    of some of its blocks made for them (by the blocks' positions)."""

    letter: AnalysedLetter
    numbers: tuple[int, ...]
    views: dict[tuple[int, ...], AnalysedLetter] = field(default_factory=dict)
    distinct: frozenset[int] = field(init=False)
    positions: dict[int, list[int]] = field(init=False)  # number -> its positions

    def __post_init__(self) -> None:
        self.distinct = frozenset(self.numbers)
        self.positions = {}
        for index, number in enumerate(self.numbers):
            self.positions.setdefault(number, []).append(index)

    def view(self, positions: tuple[int, ...]) -> AnalysedLetter:
        """The blocks at ``positions`` as a letter; what is asked of the letter as a whole
        (its kind, all its text) the letter answers (``AnalysedLetter.whole``)."""
        if positions not in self.views:
            letter = self.letter
            blocks, docs = letter.letter.blocks, letter.docs
            self.views[positions] = AnalysedLetter(
                replace(letter.letter, blocks=tuple(blocks[i] for i in positions)),
                tuple(docs[i] for i in positions),
                letter.shared,
                whole=letter,
            )
        return self.views[positions]


def _said(hit: Hit) -> tuple:
    """Everything of a hit its finding is made of, but its block's position in the letter."""
    return (hit.start, hit.end, hit.message, hit.suggestions, hit.text, hit.reason)


def _found(
    hit: Hit, letter: Letter, check: Check, result: ReadResult, accepted: set[str]
) -> Finding | None:
    """The finding of ``hit``; None for accepted words and hits in no source text."""
    if hit.text and hit.text.lower() in accepted:
        return None
    return _finding(hit, letter, check, result)


def _add(finding: Finding | None, findings: dict[tuple, Finding], seen_in: dict) -> None:
    """Keep the first finding at each place; count the variants it is found in."""
    if finding is None:
        return
    if finding.place not in findings:
        findings[finding.place] = finding
        seen_in[finding.place] = 0
    seen_in[finding.place] += 1


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
    """Where a whole-letter finding points: the letter's first text in its own file (once per
    letter: several whole-letter checks may point there)."""
    if _START not in letter.facts:
        letter.facts[_START] = _first_own_text(letter)
    return letter.facts[_START]  # type: ignore[return-value]


_START = "engine:start"  # Letter.facts


def _first_own_text(letter: Letter) -> Span | None:
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
