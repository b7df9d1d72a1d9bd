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
``tests/test_readability.py`` fails if an upgrade of lint-ii changes
what this module must provide; the tested versions are pinned in constraints.txt.
"""

from __future__ import annotations

import json
import sys
import types
from functools import cache

from spacy.tokens import Span

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
    """``functools.cached_property`` without the lock Python 3.11 takes on a first read (a
    sentence's analysis reads some 20 of them per word)."""

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
def _words_only() -> type:
    install()
    from lint_ii.core.sentence_analysis import SentenceAnalysis
    from lint_ii.core.word_features import WordFeatures

    cop = pipeline().vocab.strings["cop"]
    punct = pipeline().vocab.strings["punct"]  # (``token.dep`` is the id of ``token.dep_``)

    def lexical(token, memo: dict) -> tuple:
        """(word_frequency, super_sem_type, is_content_word, is_finite_verb) as lint-ii
        gives them. They read the token's lower case form, lemma, part of speech, tag,
        entity type and whether its relation is ``cop`` (``WordFeatures``: ``text``,
        ``lemma``, ``is_noun``, ``is_content_word``, ``super_sem_type``): the key."""
        key = (
            token.lower,
            token.lemma,
            token.pos,
            token.tag,
            token.ent_type,
            token.dep == cop,
        )
        found = memo.get(key)
        if found is None:
            word = WordFeatures(token)
            found = memo[key] = (
                word.word_frequency,
                word.super_sem_type,
                word.is_content_word,
                word.is_finite_verb,
            )
        return found

    class Features(WordFeatures):
        """lint-ii's word features; the lexical ones remembered per distinct word
        (``lexical``); a dependency length inside the sentence counted from the sentence's
        running count of words that are not punctuation (lint-ii walks the tokens between
        the word and its head for every word: the same number, the long way)."""

        def __init__(self, token, memo: dict | None = None) -> None:
            super().__init__(token)
            self._lexical = lexical(token, _lexical_memo() if memo is None else memo)

        heads = _Once(WordFeatures.heads.func)

        @_Once
        def dep_length(self) -> int:
            """lint-ii's: the longest of the word's dependency lengths to its heads; 0 for a
            punctuation mark (each of its lengths is 0), without looking for its heads."""
            if self.token.dep == punct:
                return 0
            return max(self._calculate_dep_length(head) for head in self.heads)

        @property
        def word_frequency(self) -> float | None:
            return self._lexical[0]

        @property
        def super_sem_type(self):
            return self._lexical[1]

        @property
        def is_content_word(self) -> bool:
            return self._lexical[2]

        @property
        def is_finite_verb(self) -> bool:
            return self._lexical[3]

        def _calculate_dep_length(self, head) -> int:
            sentence = self.sentence_analysis
            if self.token.dep == punct or not isinstance(sentence, WordsOnly):
                return super()._calculate_dep_length(head)
            start, counts = sentence.not_punct
            low, high = self.token.i, head.i
            if low > high:
                low, high = high, low
            if not start <= low <= high < start + len(counts):
                return super()._calculate_dep_length(head)  # a head outside the sentence
            return max(counts[high - start] - counts[low - start] - 1, 0)

    class WordsOnly(SentenceAnalysis):
        """lint-ii's sentence analysis over the sentence's tokens that are not whitespace."""

        lint = _Once(SentenceAnalysis.lint.func)
        max_sdl = _Once(SentenceAnalysis.max_sdl.func)
        content_words_per_clause = _Once(SentenceAnalysis.content_words_per_clause.func)
        proportion_of_concrete_nouns = _Once(SentenceAnalysis.proportion_of_concrete_nouns.func)

        @_Once
        def tokens(self) -> list:
            """The sentence's tokens (iterating a span indexes its doc once per token)."""
            return list(self.doc)

        @_Once
        def not_punct(self) -> tuple[int, list[int]]:
            """The sentence's first token, and how many of its first k tokens are not
            punctuation, for every k."""
            counts = [0]
            for token in self.tokens:
                counts.append(counts[-1] + (token.dep != punct))
            return (self.doc.start if isinstance(self.doc, Span) else 0), counts

        @_Once
        def frequencies(self) -> exact_mean.Summed:
            """The frequencies lint-ii averages (its words' that have one) and their exact
            sum; a letter's LiNT-II gathers them from every sentence."""
            return exact_mean.summed(
                tuple(f for feat in self.word_features if (f := feat.word_frequency) is not None)
            )

        @_Once
        def mean_log_word_frequency(self) -> float | None:
            """lint-ii's ``statistics.mean`` of the frequencies, the same number from their
            exact sum (``exact_mean``; ``statistics`` sums them as fractions)."""
            return exact_mean.mean([self.frequencies])

        @_Once
        def word_features(self) -> list[WordFeatures]:
            memo = _lexical_memo()
            features = [Features(token, memo) for token in self.tokens if not token.is_space]
            for feature in features:
                feature.sentence_analysis = self
            return features

        # Kept once per sentence (lint-ii lists them anew on every use): a letter's score
        # gathers them from every sentence, and template variants share their sentences.
        @_Once
        def concrete_nouns(self) -> list[WordFeatures]:
            return super().concrete_nouns

        @_Once
        def abstract_nouns(self) -> list[WordFeatures]:
            return super().abstract_nouns

        @_Once
        def undefined_nouns(self) -> list[WordFeatures]:
            return super().undefined_nouns

    return WordsOnly


def sentence_analysis(sentence: Span):
    """lint-ii's ``SentenceAnalysis`` of one sentence of our parse, whitespace tokens left out."""
    return _words_only()(sentence)
