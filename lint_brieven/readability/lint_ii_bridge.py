"""Run the reference LiNT-II implementation (the ``lint-ii`` package) on our own pipeline.

lint-ii's module ``lint_ii.linguistic_data.nlp_model`` loads spaCy's ``nl_core_news_lg`` when it
is imported, which no pre-commit environment can download. We register a module of that name
first, holding our pipeline and the coefficients lint-ii publishes for spaCy 3.7 models with
its newest noun list. Its word lists are lint-ii's own, served from a cache instead of being
built from Parquet at every start (``wordlists``). Everything else (word frequencies, noun
concreteness, the formula and the levels) is lint-ii's own.

lint-ii scores text it has preprocessed with whitespace collapsed; our docs keep a token for
a run of whitespace (a doc holds one space after a token). ``sentence_analysis`` gives lint-ii
a sentence's words only, so that such a token is never counted as a word (our parse already
labels it ``punct``, so it is never an intervening word in a dependency length either).

A letter's readability reads ``sentence_figures``: the numbers of lint-ii's own analysis of
every sentence of a doc (lint-ii's ``WordFeatures`` decide each distinct word's frequency and
noun type; lint-ii's rules for heads, dependency lengths and the formula), worked out in one
pass over the doc's token attributes instead of some 20 objects and walks per word.
``tests/test_lint_ii_figures.py`` compares them with ``sentence_analysis`` on every sentence
of the corpus, of plain letters and of lint-ii's reference texts.
``tests/test_readability.py`` fails if an upgrade of lint-ii changes
what this module must provide; the tested versions are pinned in constraints.txt.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Span

from lint_brieven.checks.doc_cache import doc_tokens
from lint_brieven.nlp import pipeline
from lint_brieven.readability import exact_mean, wordlists

MODULE = "lint_ii.linguistic_data.nlp_model"
COEFFICIENTS_FOR = "3.7.0"  # lint-ii's coefficients for spaCy 3.7 pipelines


def install() -> types.ModuleType:
    """Register our ``nlp_model`` module (once) and return it."""
    if MODULE in sys.modules and getattr(sys.modules[MODULE], "IS_LINT_BRIEVEN", False):
        return sys.modules[MODULE]
    from lint_ii.linguistic_data import LINGUISTIC_DATA_PATH

    noun_list = wordlists.install().PATH_NOUNS_SEM_TYPES.stem
    models = json.loads((LINGUISTIC_DATA_PATH / "coefficients.json").read_text(encoding="utf8"))
    chosen = next(
        m for m in models if m["model_version"] == COEFFICIENTS_FOR and m["noun_list"] == noun_list
    )
    module = types.ModuleType(MODULE, "lint-brieven's stand-in for lint-ii's nlp_model")
    module.NLP_MODEL = pipeline()
    module.model_version = COEFFICIENTS_FOR
    module.noun_list_version = noun_list
    module.COEFFICIENTS = {key: vals["coef"] for key, vals in chosen["coefficients"].items()}
    module.IS_LINT_BRIEVEN = True
    sys.modules[MODULE] = module
    return module


# A word's lexical features (frequency, noun type, content word, finite verb) depend on its
# own annotations and lint-ii's word lists alone: worked out once per distinct word with
# lint-ii's own ``WordFeatures`` (see ``_lexical``), for each set of word lists.
# the word lists and compound setting the memo holds answers for, and the memo
_LEXICAL: list = [None, None, {}]
_LEXICAL_LIMIT = 200_000  # words remembered (a long audit's vocabulary)


def _lexical_memo() -> dict[tuple, tuple]:
    """The remembered features for the word lists lint-ii reads now (a test or a failed
    cache may swap its ``wordlists`` module) and its compound setting."""
    from lint_ii import linguistic_data

    lists = sys.modules.get(wordlists.MODULE)
    compound = linguistic_data.WORD_FREQ_COMPOUND_ADJUSTMENT
    held, setting, memo = _LEXICAL
    if held is not lists or setting != compound or len(memo) > _LEXICAL_LIMIT:
        memo = {}
        _LEXICAL[:] = [lists, compound, memo]
    return memo


class _Once:
    """``functools.cached_property`` without the lock Python 3.11 takes on every first read."""

    def __init__(self, func) -> None:
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@cache
def _scorer() -> type:
    """lint-ii's ``LintScorer``, its formula, guard rails and levels its own; its score and
    level kept without ``cached_property``'s lock, and its coefficients read from the
    ``nlp_model`` module registered now (what lint-ii's ``from ... import COEFFICIENTS`` reads)
    without an import statement at each of the formula's five reads."""
    from lint_ii.core.lint_scorer import LintScorer

    class Scorer(LintScorer):
        score = _Once(LintScorer.score.func)
        level = _Once(LintScorer.level.func)

        @property
        def COEFFICIENTS(self) -> dict[str, float]:  # noqa: N802 - lint-ii's name
            return sys.modules[MODULE].COEFFICIENTS

    return Scorer


def lint_scorer(
    freq_log: float | None,
    max_sdl: float | None,
    content_words_per_clause: float | None,
    proportion_concrete: float | None,
):
    """lint-ii's ``LintScorer`` of the four figures (``_scorer``): ``.score``, ``.level``."""
    install()
    return _scorer()(freq_log, max_sdl, content_words_per_clause, proportion_concrete)


@cache
def _words_only() -> type:
    install()
    from lint_ii.core.sentence_analysis import SentenceAnalysis
    from lint_ii.core.word_features import WordFeatures

    class WordsOnly(SentenceAnalysis):
        """lint-ii's sentence analysis over the sentence's tokens that are not whitespace
        (lint-ii's own code for every figure: the reference ``sentence_figures`` is tested
        against)."""

        @cached_property
        def word_features(self) -> list[WordFeatures]:
            features = [WordFeatures(token) for token in self.doc if not token.is_space]
            for feature in features:
                feature.sentence_analysis = self
            return features

    return WordsOnly


def sentence_analysis(sentence: Span):
    """lint-ii's ``SentenceAnalysis`` of one sentence of our parse, whitespace tokens left out."""
    return _words_only()(sentence)


@dataclass(frozen=True, slots=True)
class Figures:
    """What lint-ii's ``SentenceAnalysis`` of a sentence (``sentence_analysis``) gives that a
    letter's readability reads: its ``lint`` score and level; the frequencies it averages
    (every word's ``word_frequency`` that is not None, in order) with their exact sum; its
    ``max_sdl``, ``content_words_per_clause`` and number of concrete, abstract and undefined
    nouns."""

    score: float | None
    level: int | None
    frequencies: exact_mean.Summed
    max_sdl: int | None
    content_words_per_clause: float | None
    nouns: tuple[int, int, int]


def sentence_figures(doc: Doc, sentences: Sequence[Span]) -> list[Figures]:
    """``Figures`` of each of ``sentences`` (spans of ``doc``), the numbers lint-ii's own
    ``SentenceAnalysis`` gives (whitespace tokens left out, as ``sentence_analysis``), worked
    out in one pass over the doc's token attributes instead of a ``WordFeatures`` object and
    lint-ii's walks per word:

    - a word's lexical features (``_lexical``) are lint-ii's own ``WordFeatures``' answers,
      remembered per distinct set of what they read;
    - a word's heads are lint-ii's (``WordFeatures.heads``: up a chain of ``conj`` relations;
      a subject's head and that head's conjuncts, spaCy's own ``Token.conjuncts``), and the
      dependency length to a head is lint-ii's count of the tokens from the first of the two
      up to the second whose relation is not ``punct``, less one, at least 0 (a running count
      over the whole doc, so a head outside the sentence counts as lint-ii counts it); a
      punctuation relation's length is 0;
    - ``max_sdl`` takes the words that are not punctuation (``Token.is_punct``), None for
      fewer than two; the score is lint-ii's ``LintScorer`` of the four figures, the mean
      frequency ``statistics.mean``'s number from the exact sum (``exact_mean``).
    """
    install()
    from lint_ii.core.word_features import SuperSemTypes

    scorer = _scorer()

    strings = doc.vocab.strings
    punct, conj, nsubj, cop = (strings[label] for label in ("punct", "conj", "nsubj", "cop"))
    tokens = doc_tokens(doc)
    # (reading the attributes of a small doc's tokens is quicker than ``Doc.to_array``)
    rows = [
        (t.dep, t.lower, t.lemma, t.pos, t.tag, t.ent_type, t.is_punct, t.is_space) for t in tokens
    ]
    heads = [t.head.i for t in tokens]
    not_punct = [0]  # not_punct[k]: tokens before position k whose relation is not punct
    for row in rows:
        not_punct.append(not_punct[-1] + (row[0] != punct))
    memo = _lexical_memo()
    concrete, abstract, undefined = (
        SuperSemTypes.CONCRETE,
        SuperSemTypes.ABSTRACT,
        SuperSemTypes.UNDEFINED,
    )

    def heads_of(i: int) -> list[int]:
        """lint-ii's ``WordFeatures.heads`` of the token at ``i``, as positions."""
        current = i
        while rows[current][0] == conj:
            current = heads[current]
        head = heads[current]
        if rows[current][0] == nsubj:
            conjuncts = tokens[head].conjuncts
            if conjuncts:
                return [head, *(t.i for t in conjuncts)]
        return [head]

    out = []
    for sentence in sentences:
        frequencies, lengths = [], []
        content = finite = concretes = abstracts = undefineds = 0
        for i in range(sentence.start, sentence.end):
            dep, lower, lemma, pos, tag, ent_type, is_punct, is_space = rows[i]
            if is_space:
                continue
            key = (lower, lemma, pos, tag, ent_type, dep == cop)
            features = memo.get(key)
            if features is None:
                features = memo[key] = _lexical(tokens[i])
            frequency, kind, is_content, is_finite = features
            if frequency is not None:
                frequencies.append(frequency)
            content += is_content
            finite += is_finite
            if kind is not None:
                concretes += kind == concrete
                abstracts += kind == abstract
                undefineds += kind == undefined
            length = 0
            if dep != punct:
                if dep in (conj, nsubj):  # (lint-ii may look further: ``heads_of``)
                    for head in heads_of(i):
                        low, high = (i, head) if i < head else (head, i)
                        gap = not_punct[high] - not_punct[low] - 1
                        if gap > length:
                            length = gap
                else:  # the word's own head
                    head = heads[i]
                    gap = (
                        not_punct[head] - not_punct[i]
                        if i < head
                        else not_punct[i] - not_punct[head]
                    )
                    if gap > 1:
                        length = gap - 1
            if not is_punct:
                lengths.append(length)
        summed = exact_mean.summed(tuple(frequencies))
        nouns = concretes + abstracts + undefineds
        lint = scorer(
            freq_log=exact_mean.mean([summed]),
            max_sdl=max(lengths) if len(lengths) >= 2 else None,
            content_words_per_clause=content / finite if finite else None,
            proportion_concrete=concretes / nouns if nouns else None,
        )
        out.append(
            Figures(
                lint.score,
                lint.level,
                summed,
                lint.max_sdl,
                lint.content_words_per_clause,
                (concretes, abstracts, undefineds),
            )
        )
    return out


def _lexical(token) -> tuple:
    """(word_frequency, super_sem_type, is_content_word, is_finite_verb) of lint-ii's
    ``WordFeatures`` of ``token``. They read the token's lower case form, lemma, part of
    speech, tag, entity type and whether its relation is ``cop`` (``WordFeatures``: ``text``,
    ``lemma``, ``is_noun``, ``is_content_word``, ``super_sem_type``) and the word lists: the
    memo's key (``sentence_figures``), one memo per set of lists (``_lexical_memo``)."""
    from lint_ii.core.word_features import WordFeatures

    word = WordFeatures(token)
    return (word.word_frequency, word.super_sem_type, word.is_content_word, word.is_finite_verb)
