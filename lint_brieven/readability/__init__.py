"""Readability of a letter: LiNT-II (the validated Dutch formula) and Flesch-Douma.

Both are computed per sentence and per letter on our own segmentation and parse: LiNT-II by the
reference ``lint-ii`` package (see ``lint_ii_bridge``), Flesch-Douma with textstat's Dutch
constants and syllable counts (``flesch``), fed our sentence split (textstat's own is off
on letters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from lint_brieven.nlp import source_text
from lint_brieven.nlp.reading import token_as_written
from lint_brieven.readability import flesch, lint_ii_bridge


@dataclass(frozen=True)
class SentenceScore:
    """One sentence: where it is (block, characters), its LiNT-II score and level."""

    block: int
    start: int
    end: int
    text: str
    lint_ii: float | None
    level: int | None
    rare_words: tuple[str, ...] = ()
    longest_dependency: tuple[str, str, int] | None = None  # (word, head, distance)
    has_verb: bool = True  # False for fragments: address lines, headings, closings


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
    it (the engine: one file's letters).
    """
    lint_ii_bridge.install()
    from lint_ii.core.readability_analysis import ReadabilityAnalysis

    cache = {} if cache is None else cache
    analyses, scores, counts = [], [], []
    for index, doc in enumerate(docs):
        key = id(doc)
        if key not in cache:
            cache[key] = (doc, _sentences(doc))  # keep the doc alive while its id is a key
        sentences = cache[key][1]
        at = ("readability", key, index)  # the doc's sentence scores as block ``index``
        if at not in cache:
            cache[at] = tuple(replace(score, block=index) for _, _, score, _ in sentences)
        scores += cache[at]
        analyses += [analysis for _, analysis, _, _ in sentences]
        counts += [flesch_counts for _, _, _, flesch_counts in sentences]
    document = ReadabilityAnalysis(analyses) if analyses else None
    return Readability(
        lint_ii=_round(document.lint.score) if document else None,
        level=document.lint.level if document else None,
        flesch_douma=flesch.score_of_counts(counts),
        sentences=tuple(scores),
    )


def _sentences(doc: Doc) -> list[tuple[Span, object, SentenceScore, tuple[int, int]]]:
    """Each sentence with words: its lint-ii analysis, its score and its Flesch-Douma counts.
    A sentence's text is the text as written (the parser read typographic quotes as ASCII, at
    the same offsets)."""
    out = []
    source = source_text(doc)
    tokens = list(doc)  # (iterating a doc once is cheaper than indexing it per sentence)
    text = doc.text  # a span's text is its slice of it (``Span.text`` joins its tokens anew)
    for sent in doc.sents:
        own = tokens[sent.start : sent.end]
        words = [t.text for t in own if not (t.is_punct or t.is_space)]  # ``_words``
        if not words:
            continue
        analysis = lint_ii_bridge.sentence_analysis(sent)
        written = text[sent.start_char : sent.end_char]
        start = sent.start_char + (len(written) - len(written.lstrip()))
        end = start + len(written.strip())
        score = SentenceScore(
            0,
            start,
            end,
            source[start:end],
            _round(analysis.lint.score),
            analysis.lint.level,
            _rare_words(analysis),
            _longest_dependency(analysis),
            any(t.pos_ in ("VERB", "AUX") for t in own),
        )
        out.append((sent, analysis, score, flesch.counts(words)))
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _rare_words(analysis, n: int = 3) -> tuple[str, ...]:
    """The sentence's least frequent content words, each once."""
    words: dict[str, str] = {}
    for feat, _freq in analysis.get_top_n_least_frequent(2 * n):
        words.setdefault(feat.token.text.lower(), token_as_written(feat.token))
    return tuple(words.values())[:n]


def _longest_dependency(analysis) -> tuple[str, str, int] | None:
    best = None
    for feat in analysis.word_features:
        length = feat.dep_length
        if length and (best is None or length > best[2]):
            head = token_as_written(feat.heads[0]) if feat.heads else ""
            best = (token_as_written(feat.token), head, length)
    return best
