"""Run checks over the letters a reader produced and turn their hits into findings.

A template yields one letter per variant, and its variants share most blocks: each distinct
text is parsed once, a block-level check (``Check.scope``) runs once per distinct block and
its hits are reused in every variant that has the block; a letter-level check runs on every
letter. Findings come out in the order running every check on every letter would give.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain

from spacy.tokens import Doc

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


@dataclass(frozen=True)
class Parsed:
    """A read file's distinct blocks, numbered in the order its letters first have them
    (variants share their Block objects; equal blocks read the same), and the parsed doc of
    each, by number."""

    result: ReadResult
    numbers: dict[Block, int]
    docs: list[Doc]


def parse(result: ReadResult) -> Parsed:
    """The docs of a read file's distinct blocks: each distinct text parsed once, with the
    width of its lines in its file where the reader joined them (``_source_width``)."""
    distinct = dict.fromkeys(chain.from_iterable(letter.blocks for letter in result.letters))
    numbers = dict(zip(distinct, range(len(distinct)), strict=True))
    widths: dict[str, int | None] = {}
    texts = [block.text for block in numbers]
    for block, text in zip(numbers, texts, strict=True):
        if text not in widths and has_line_break(text):
            widths[text] = _source_width(block)
    by_text = nlp.parse(texts, widths)
    return Parsed(result, numbers, [by_text[text] for text in texts])


def analyse(
    result: ReadResult,
    checks: Sequence[Check],
    ctx: CheckContext,
    accept: Iterable[str] = (),
    parsed: Parsed | None = None,
) -> Analysis:
    """Findings for every letter (every template variant) of one read file, deduplicated.
    ``parsed``: ``parse(result)`` when the caller parsed the file already."""
    accepted = {w.lower() for w in accept}
    if parsed is None or parsed.result is not result:
        parsed = parse(result)
    reuse = BlockHits(ctx, result, accepted, parsed.numbers)
    docs = parsed.docs  # by block number
    shared: dict = {}
    plans = []  # (their views stay alive as long as caches keyed on id() may hold them)
    findings: dict[tuple, Finding] = {}
    seen_in: dict[tuple, int] = {}  # place -> number of variants it was found in
    letters = []
    # a letter-level hit on a distinct block, by what the hit says -> the place of its
    # finding (None: none), made in the first variant with the hit: the finding is the same
    # in every variant but for its variant's name, and only the first variant's finding is kept
    placed_letter_level: dict[tuple, tuple | None] = {}
    block_level = [check.scope == "block" for check in checks]  # (set when a check is made)
    for letter in result.letters:
        numbers = tuple(map(reuse.numbers.__getitem__, letter.blocks))
        analysed = AnalysedLetter(letter, tuple(map(docs.__getitem__, numbers)), shared)
        letters.append(analysed)
        plan = reuse.plan(analysed, numbers)
        plans.append(plan)
        for check, by_block in zip(checks, block_level, strict=True):
            if by_block:
                reuse.count(check, plan, findings, seen_in)
                continue
            for hit in check.run(analysed, ctx):
                if hit.block < 0:  # where it points depends on the letter's first text
                    _add(_found(hit, letter, check, result, accepted), findings, seen_in)
                    continue
                said = (id(check), numbers[hit.block], *_said(hit))
                if said in placed_letter_level:
                    place = placed_letter_level[said]
                    if place is not None:
                        seen_in[place] += 1
                    continue
                finding = _found(hit, letter, check, result, accepted)
                placed_letter_level[said] = None if finding is None else finding.place
                _add(finding, findings, seen_in)
    # Name the variant only when the finding is not in every letter the template can produce.
    every = len(result.letters)
    named = [
        f if seen_in[p] < every or f.variant is None else replace(f, variant=None)
        for p, f in findings.items()
    ]
    return Analysis(named, letters)


class BlockHits:
    """The hits of block-level checks per distinct block, for the letters of one file.

    A block is the same block when it is equal (text, kind, level, numbering and source map:
    the same words from the same place in the same files), so it has the same parsed doc and
    the same placeholders. Each distinct block gets a number. A check's hits on a block are
    kept per answer of its ``letter_facts`` (one answer for most checks); for one file only.
    """

    def __init__(
        self, ctx: CheckContext, result: ReadResult, accepted: set[str], numbers: dict[Block, int]
    ) -> None:
        self.ctx = ctx
        self.result = result
        self.accepted = accepted  # (see ``_found``)
        # every distinct block of the letters -> its number, in the order they first have it
        self.numbers = numbers
        self.known: dict[tuple[int, Hashable], _Known] = {}
        self._plans = 0  # letters planned so far (``plan``: they come in the file's order)
        self._new_since = 0  # the numbers the letters planned so far have: 0 .. this - 1

    def plan(self, letter: AnalysedLetter, numbers: tuple[int, ...]) -> _Plan:
        """The next letter of the file, with the numbers of its blocks."""
        plan = _Plan(letter, numbers, self._plans, self._new_since)
        self._plans += 1
        self._new_since = max(self._new_since, plan.top + 1)
        return plan

    def known_for(self, check: Check, plan: _Plan) -> _Known:
        """``check``'s hits per block number, for the letter's facts, with every block of the
        letter of ``plan`` among them (a hit's block index is that of the letter in which the
        block was first read). The check reads the letter itself when it knows none of its
        blocks, else a view of the blocks it has not read, each once. The same for every
        letter with the same facts."""
        facts = check.letter_facts(plan.letter) if check.letter_facts is not None else None
        key = (id(check), facts)
        known = self.known.get(key)
        if known is None:
            known = self.known[key] = _Known()
        if known.letters == plan.order:
            # every letter before this one had these facts (the check's blocks are those of
            # all letters before it): what it has not read are the blocks new in this letter
            missing = plan.new_positions()
        elif known.hits.keys() >= plan.distinct:
            missing = {}
        else:
            missing = {}  # number -> its first position in the letter
            for index, number in enumerate(plan.numbers):
                if number not in known.hits:
                    missing.setdefault(number, index)
        if known.letters == plan.order:
            known.letters += 1
        if missing:
            if len(missing) == len(plan.distinct):
                new, numbers = plan.letter, plan.numbers
            else:
                new, numbers = plan.view(tuple(missing.values())), tuple(missing)
            per_block: list[list[Hit]] = [[] for _ in numbers]
            for hit in check.run(new, self.ctx):
                if hit.block < 0:
                    raise ValueError(f"{check.rule.code}: a block-level check reported a letter")
                per_block[hit.block].append(hit)
            for number, found in zip(numbers, per_block, strict=True):
                known.hits[number] = found
                if found:
                    known.with_hits.add(number)
        return known

    def count(
        self, check: Check, plan: _Plan, findings: dict[tuple, Finding], seen_in: dict[tuple, int]
    ) -> None:
        """The findings of ``check``'s hits on the letter of ``plan``: made and kept (``_add``)
        for a hit on a block no letter before had with these facts, counted for a hit that
        an earlier letter made a finding of."""
        known = self.known_for(check, plan)
        if not known.with_hits or known.with_hits.isdisjoint(plan.distinct):
            return
        placed = known.placed
        fresh = []
        for number in plan.distinct & known.with_hits:
            places = placed.get(number)
            if places is None:
                fresh.append(number)
                continue
            times = plan.times(number)
            for place in places:
                seen_in[place] += times
        if not fresh:
            return
        # the first letter with a block makes the findings of its hits there, in the order
        # of the letter's blocks; the block's other places in this letter count them
        letter = plan.letter.letter
        for index in sorted(i for n in fresh for i in plan.positions[n]):
            number = plan.numbers[index]
            places = placed.get(number)
            if places is not None:
                for place in places:
                    seen_in[place] += 1
                continue
            made = []
            for hit in known.hits[number]:
                if hit.block != index:
                    hit = replace(hit, block=index)
                finding = _found(hit, letter, check, self.result, self.accepted)
                if finding is not None:
                    made.append(finding.place)
                _add(finding, findings, seen_in)
            placed[number] = tuple(made)


class _Known:
    """A check's hits per block number (for letters with the same facts), the numbers with
    hits, and the places of the findings made of each block's hits."""

    __slots__ = ("hits", "letters", "placed", "with_hits")

    def __init__(self) -> None:
        self.hits: dict[int, list[Hit]] = {}
        self.with_hits: set[int] = set()
        # a block -> the places of the findings of its hits (a hit of no finding has none),
        # made in the first letter with the block: the finding is the same in every letter
        # but for its variant's name, and only the first letter's finding is kept
        self.placed: dict[int, tuple[tuple, ...]] = {}
        # how many of the file's first letters all had these facts (read in order)
        self.letters = 0


class _Plan:
    """One letter for the block-level checks: the number of each of its blocks, its place
    among the file's letters (``order``), and the views of some of its blocks made for them
    (by the blocks' positions)."""

    def __init__(
        self, letter: AnalysedLetter, numbers: tuple[int, ...], order: int, new_from: int
    ) -> None:
        self.letter = letter
        self.numbers = numbers
        self.order = order
        self.distinct = frozenset(numbers)
        self.top = max(numbers, default=-1)
        self._new_from = new_from  # the letters before this one have the numbers below it
        self._positions: dict[int, list[int]] | None = None
        self._new: dict[int, int] | None = None  # (``new_positions``)
        self.views: dict[tuple[int, ...], AnalysedLetter] = {}

    @property
    def positions(self) -> dict[int, list[int]]:
        """Block number -> its positions in the letter."""
        if self._positions is None:
            self._positions = {}
            for index, number in enumerate(self.numbers):
                self._positions.setdefault(number, []).append(index)
        return self._positions

    def times(self, number: int) -> int:
        """How often the letter has the block ``number``."""
        return 1 if len(self.distinct) == len(self.numbers) else len(self.positions[number])

    def new_positions(self) -> dict[int, int]:
        """The blocks no letter before this one has: number -> its first position (worked
        out once per letter: every block-level check asks; the caller must not change it)."""
        new = self._new
        if new is None:
            new = self._new = {}
            if self.top >= self._new_from:
                for index, number in enumerate(self.numbers):
                    if number >= self._new_from:
                        new.setdefault(number, index)
        return new

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
