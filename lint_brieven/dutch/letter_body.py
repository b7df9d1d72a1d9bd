"""The body of a complete letter (between the salutation and the closing) as parts: one per
block, and one per sentence. The content checks look for what a letter tells the tenant there;
the letterhead, the reference lines and the footer do not tell the tenant anything to act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, per_block
from lint_brieven.checks.doc_cache import doc_sentences
from lint_brieven.dutch.clauses import sentence_span
from lint_brieven.dutch.letter_parts import CLOSING_LINE, closing_line, salutation_span
from lint_brieven.letter import Block, BlockKind, PlaceholderKind


@dataclass(frozen=True)
class Part:
    """Characters ``start:end`` of block ``index``."""

    index: int
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def placeholder_kinds(self) -> set[PlaceholderKind]:
        """The kinds of the template placeholders in this part ({{ datum }}, [bedrag] …)."""
        found = self.block.content.placeholders_in(self.start, self.end)
        return {seg.placeholder.kind for seg in found if seg.placeholder is not None}

    def placeholder_sources(self) -> list[str]:
        found = self.block.content.placeholders_in(self.start, self.end)
        return [seg.placeholder.source for seg in found if seg.placeholder is not None]


class LetterBody:
    """The parts of one analysed letter: ``body`` (one per block between the salutation and
    the closing), ``sentences`` (the sentences of the body) and ``everything`` (every block,
    the letterhead and the signature too)."""

    def __init__(self, letter: AnalysedLetter) -> None:
        self.letter = letter

    @cached_property
    def everything(self) -> list[Part]:
        blocks = self.letter.letter.blocks
        return [Part(i, b, 0, len(b.text)) for i, b in enumerate(blocks) if b.text.strip()]

    @cached_property
    def body(self) -> list[Part]:
        """From the salutation to the closing; from the top or to the end where the letter
        has none (a text the configuration declares a letter)."""
        letter = self.letter.letter
        if not letter.blocks:
            return []
        salutation = salutation_span(letter)
        closing = closing_line(letter)
        first, _start, first_offset = salutation if salutation else (0, 0, 0)
        if closing is None:
            last, last_offset = len(letter.blocks) - 1, len(letter.blocks[-1].text)
        else:
            last, closing_end = closing
            last_offset = _closing_start(letter.blocks[last], closing_end)
        parts = []
        for index in range(first, last + 1):
            block = letter.blocks[index]
            start = first_offset if index == first else 0
            end = last_offset if index == last else len(block.text)
            if end > start and block.text[start:end].strip():
                parts.append(Part(index, block, start, end))
        return parts

    @cached_property
    def sentences(self) -> list[Part]:
        out = []
        every = per_block(self.letter, "letter_body.sentences", _sentences)
        for part in self.body:
            for start, end in every[part.index]:
                start, end = max(start, part.start), min(end, part.end)
                if end > start:
                    out.append(Part(part.index, part.block, start, end))
        return out

    @cached_property
    def _sentences_by_block(self) -> dict[int, list[Part]]:
        by_block: dict[int, list[Part]] = {}
        for sentence in self.sentences:
            by_block.setdefault(sentence.index, []).append(sentence)
        return by_block

    def sentences_in(self, part: Part) -> list[Part]:
        """The body's sentences inside ``part`` (itself if it is a sentence)."""
        return [
            s
            for s in self._sentences_by_block.get(part.index, [])
            if s.start >= part.start and s.end <= part.end
        ] or [part]

    def sentence_windows(self, part: Part, pairs: bool = False) -> list[Part]:
        """The sentences inside ``part``; with ``pairs`` each together with the sentence
        before it in the same paragraph ("Binnen 30 dagen krijgt u de eindafrekening. Daarop
        staat ook uw borg.")."""
        sentences = self.sentences_in(part)
        if not pairs:
            return sentences
        return [
            Part(s.index, s.block, sentences[i - 1].start if i else s.start, s.end)
            for i, s in enumerate(sentences)
        ]

    def list_runs(self) -> list[tuple[Part | None, list[Part]]]:
        """Runs of list items in the body, each with the block just before it (its heading or
        introduction, None at the start of the body)."""
        runs: list[tuple[Part | None, list[Part]]] = []
        before: Part | None = None
        current: list[Part] = []
        for part in self.body:
            if part.block.kind is BlockKind.LIST_ITEM:
                current.append(part)
                continue
            if current:
                runs.append((before, current))
                current = []
            before = part
        if current:
            runs.append((before, current))
        return runs


def body_of(letter: AnalysedLetter) -> LetterBody:
    """The letter's body, made once per letter (the letters of one file share the cache)."""
    key = ("letter_body", id(letter.letter))
    if key not in letter.shared:
        letter.shared[key] = LetterBody(letter)
    return letter.shared[key]


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Where the sentences of a doc with words are, surrounding whitespace left out."""
    found = []
    for sentence in doc_sentences(doc):
        start, end, text = sentence_span(sentence)
        if text:
            found.append((start, end))
    return found


def _closing_start(block: Block, closing_end: int) -> int:
    """Where the closing line that ends at ``closing_end`` starts ("Met vriendelijke groet,"
    after the last sentence, or on a line of its own)."""
    for match in CLOSING_LINE.finditer(block.text, 0, closing_end):
        if match.end() == closing_end:
            return match.start() + len(match.group()) - len(match.group().lstrip())
    return block.text.rfind("\n", 0, max(0, closing_end - 1)) + 1
