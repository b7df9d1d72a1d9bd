"""Readability of a letter: LiNT-II (the validated Dutch formula) and Flesch-Douma.

Both are computed per sentence and per letter on our own segmentation and parse: LiNT-II by the
reference ``lint-ii`` package (see ``lint_ii_bridge``), Flesch-Douma with textstat's Dutch
constants and syllable counts (``flesch``), fed our sentence split (textstat's own is off
on letters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from spacy.tokens import Doc, Span

from lint_brieven.checks.doc_cache import doc_sentences, doc_text, doc_tokens, written_text
from lint_brieven.readability import flesch, lint_ii_bridge
from lint_brieven.readability.exact_mean import (
    Sum,
    Summed,
    exact_sum,
    mean,
    summed,
    wide,
    wide_mean,
)
from lint_brieven.readability.lint_ii_bridge import Figures


@dataclass(frozen=True)
class SentenceScore:
    """One sentence: where it is (block, characters), its LiNT-II score and level."""

    block: int
    start: int
    end: int
    text: str
    lint_ii: float | None
    level: int | None
    has_verb: bool = True  # False for fragments: address lines, headings, closings
    spaced_words: int = 0  # ``len(text.split())``, once per distinct sentence


@dataclass(frozen=True)
class Readability:
    lint_ii: float | None
    level: int | None
    flesch_douma: float | None
    sentences: tuple[SentenceScore, ...]


def _words(sentence: Span) -> list[str]:
    return [t.text for t in sentence if not (t.is_punct or t.is_space)]


def flesch_douma(sentences: list[Span]) -> float | None:
    """Flesch-Douma with textstat's Dutch constants (206.835 - 0.93 * words per sentence
    - 77 * syllables per word), on our sentences instead of textstat's sentence count."""
    return flesch.score([_words(s) for s in sentences])


def assess(docs: Sequence[Doc], cache: dict | None = None) -> Readability:
    """Readability of a letter given the parsed doc of each block, in order.

    ``cache`` (keyed by doc identity) lets template variants that share blocks share the
    per-sentence work: each distinct sentence is analysed, scored and counted once, and a
    letter's scores gather those of its sentences. The cache lives as long as the caller keeps
    it (the engine: one file's letters). The letter's LiNT-II is lint-ii's document score
    (``ReadabilityAnalysis.lint``) from the same means, gathered from each sentence's exact
    sums instead of from every word again, each block's sentences joined
    once into columns of ints that a variant adds up (some 30 blocks, not some 100
    sentences). What is kept for a doc is keyed on its identity (the doc is kept with it, so
    the id stays its own): the scores depend on the doc alone (its tokens and parse, and
    lint-ii's word lists, which are fixed for the run); a doc's scores as block ``index`` on
    the doc and ``index``.
    """
    lint_ii_bridge.install()
    cache = {} if cache is None else cache
    scores, sums, parts = [], [], []
    for index, doc in enumerate(docs):
        at = ("readability", id(doc), index)  # the doc as block ``index``
        block = cache.get(at)
        if block is None:
            block = cache[at] = _block(doc, index, cache)
        if block[1]:  # (a doc without sentences takes no part)
            scores += block[1]
            sums.append(block[2])
            parts.append(block[3])
    document = flesch_douma = None
    if sums:
        total = list(map(sum, zip(*sums, strict=True)))  # each column over the blocks
        if total[_INEXACT]:  # a value that is no finite number: as ``statistics.mean``
            document = _document_lint([_LintParts.of(f) for figures in parts for f in figures])
        else:
            concrete, nouns = total[9:11]
            document = lint_ii_bridge.lint_scorer(
                freq_log=wide_mean(*total[0:3]),
                max_sdl=wide_mean(*total[3:6]),
                content_words_per_clause=wide_mean(*total[6:9]),
                proportion_concrete=concrete / nouns if nouns else None,
            )
        flesch_douma = flesch.score_of_totals([tuple(total[12:15])])
    return Readability(
        lint_ii=_round(document.score) if document else None,
        level=document.level if document else None,
        flesch_douma=flesch_douma,
        sentences=tuple(scores),
    )


# What a letter's scores take from a block, as 15 columns of ints that add up over its
# blocks: the count, the ``wide`` exact sum and whether any value is a float (0 or 1) of the
# frequencies (0-2), of the longest dependencies (3-5) and of the content words per clause
# (6-8); the concrete nouns and all nouns (9, 10); whether a sum is not exact, a value that
# is no finite number (11); the Flesch-Douma totals: words, sentences with words, syllables
# (12-14).
_INEXACT = 11


def _block(doc: Doc, index: int, cache: dict) -> tuple:
    """(doc, its sentence scores as block ``index``, its columns (``_INEXACT``), its
    sentences' figures); the doc's sentences worked out once whatever block it is."""
    key = id(doc)
    if key not in cache:
        cache[key] = (doc, _sentences(doc))  # keep the doc alive while its id is a key
    sentences = cache[key][1]
    if not sentences:
        return (doc, (), None, None)
    joined = ("readability:block", key)  # what the letter's scores take from the doc
    if joined not in cache:
        figures = tuple(figure for _, _, figure in sentences)
        columns = _columns(figures)
        columns += flesch.totals([flesch_counts for _, flesch_counts, _ in sentences])
        cache[joined] = (tuple(columns), figures)
    columns, figures = cache[joined]
    return (doc, tuple(_at_block(score, index) for score, _, _ in sentences), columns, figures)


def _columns(figures: Sequence[Figures]) -> list[int]:
    """Columns 0-11 (see ``_INEXACT``) of the sentences of ``figures``: each sentence's
    frequencies with their exact sum, its longest dependency and its content words per
    clause (when it has them), and its nouns."""
    columns = [0] * 12

    def add(k: int, count: int, total: Sum | None) -> None:
        if total is None:
            columns[_INEXACT] = 1
        else:
            columns[k] += count
            columns[k + 1] += wide(total)
            columns[k + 2] |= total[2]

    for figure in figures:
        values, total = figure.frequencies
        add(0, len(values), total)
        if figure.max_sdl is not None:
            add(3, 1, exact_sum((figure.max_sdl,)))
        if figure.content_words_per_clause is not None:
            add(6, 1, exact_sum((figure.content_words_per_clause,)))
        concrete, abstract, undefined = figure.nouns
        columns[9] += concrete
        columns[10] += concrete + abstract + undefined
    return columns


_SCORE_FIELDS = tuple(f.name for f in fields(SentenceScore))[1:]  # all but ``block``


def _at_block(score: SentenceScore, index: int) -> SentenceScore:
    """``replace(score, block=index)``, without ``replace``'s look at the fields each time."""
    return SentenceScore(index, *(getattr(score, name) for name in _SCORE_FIELDS))


@dataclass(frozen=True)
class _LintParts:
    """What lint-ii's document score takes from one sentence (``ReadabilityAnalysis``): its
    words' frequencies, its longest dependency, its content words per clause (each as the
    values and their exact sum) and its concrete, abstract and undefined nouns."""

    frequencies: Summed
    max_sdl: Summed
    content_words_per_clause: Summed
    nouns: tuple[int, int, int]

    @classmethod
    def of(cls, figure: Figures) -> _LintParts:
        sdl, per_clause = figure.max_sdl, figure.content_words_per_clause
        return cls(
            figure.frequencies,
            summed(() if sdl is None else (sdl,)),
            summed(() if per_clause is None else (per_clause,)),
            figure.nouns,
        )


def _document_lint(parts: Sequence[_LintParts]):
    """lint-ii's ``ReadabilityAnalysis(sentences).lint`` of the sentences of ``parts``: its
    ``LintScorer`` of the same four numbers (the mean of every word's frequency, of the
    sentences' longest dependencies and of their content words per clause, as
    ``statistics.mean`` gives them; the share of concrete nouns)."""
    concrete = sum(p.nouns[0] for p in parts)
    nouns = sum(sum(p.nouns) for p in parts)
    return lint_ii_bridge.lint_scorer(
        freq_log=mean([p.frequencies for p in parts]),
        max_sdl=mean([p.max_sdl for p in parts]),
        content_words_per_clause=mean([p.content_words_per_clause for p in parts]),
        proportion_concrete=concrete / nouns if nouns else None,
    )


def _sentences(doc: Doc) -> list[tuple[SentenceScore, tuple[int, int], Figures]]:
    """Each sentence with words: its score, its Flesch-Douma counts and what the letter's
    LiNT-II takes from it (lint-ii's figures of every sentence of the doc in one pass,
    ``lint_ii_bridge.sentence_figures``).
    A sentence's text is the text as written (the parser read typographic quotes as ASCII, at
    the same offsets)."""
    tokens = doc_tokens(doc)
    # a span's text is its slice of the doc's (``Span.text`` joins its tokens anew); the doc's
    # text and sentences as the checks keep them (``doc_cache``: worked out once per doc)
    text = doc_text(doc)
    source = written_text(doc)  # the text as written (``source_text``)
    sentences, words_of = [], []
    for sent in doc_sentences(doc):
        own = tokens[sent.start : sent.end]
        words = [t.text for t in own if not (t.is_punct or t.is_space)]  # ``_words``
        if words:
            sentences.append((sent, own))
            words_of.append(words)
    figures = lint_ii_bridge.sentence_figures(doc, [sent for sent, _ in sentences])
    out = []
    for (sent, own), words, figure in zip(sentences, words_of, figures, strict=True):
        read = text[sent.start_char : sent.end_char]
        start = sent.start_char + (len(read) - len(read.lstrip()))
        end = start + len(read.strip())
        written = source[start:end]
        score = SentenceScore(
            0,
            start,
            end,
            written,
            _round(figure.score),
            figure.level,
            any(t.pos_ in ("VERB", "AUX") for t in own),
            len(written.split()),
        )
        out.append((score, flesch.counts(words), figure))
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
