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
from functools import cache, cached_property

from spacy.tokens import Span

from lint_brieven.nlp import pipeline
from lint_brieven.readability import wordlists

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


@cache
def _words_only() -> type:
    install()
    from lint_ii.core.sentence_analysis import SentenceAnalysis
    from lint_ii.core.word_features import WordFeatures

    class Features(WordFeatures):
        """lint-ii's word features; a dependency length inside the sentence counted from the
        sentence's running count of words that are not punctuation (lint-ii walks the tokens
        between the word and its head for every word: the same number, the long way)."""

        def _calculate_dep_length(self, head) -> int:
            sentence = self.sentence_analysis
            if self.token.dep_ == "punct" or not isinstance(sentence, WordsOnly):
                return super()._calculate_dep_length(head)
            start, counts = sentence.not_punct
            low, high = sorted([self.token.i, head.i])
            if not start <= low <= high < start + len(counts):
                return super()._calculate_dep_length(head)  # a head outside the sentence
            return max(counts[high - start] - counts[low - start] - 1, 0)

    class WordsOnly(SentenceAnalysis):
        """lint-ii's sentence analysis over the sentence's tokens that are not whitespace."""

        @cached_property
        def not_punct(self) -> tuple[int, list[int]]:
            """The sentence's first token, and how many of its first k tokens are not
            punctuation, for every k."""
            counts = [0]
            for token in self.doc:
                counts.append(counts[-1] + (token.dep_ != "punct"))
            return (self.doc.start if isinstance(self.doc, Span) else 0), counts

        @cached_property
        def word_features(self) -> list[WordFeatures]:
            features = [Features(token) for token in self.doc if not token.is_space]
            for feature in features:
                feature.sentence_analysis = self
            return features

        # Kept once per sentence (lint-ii lists them anew on every use): a letter's score
        # gathers them from every sentence, and template variants share their sentences.
        @cached_property
        def concrete_nouns(self) -> list[WordFeatures]:
            return super().concrete_nouns

        @cached_property
        def abstract_nouns(self) -> list[WordFeatures]:
            return super().abstract_nouns

        @cached_property
        def undefined_nouns(self) -> list[WordFeatures]:
            return super().undefined_nouns

    return WordsOnly


def sentence_analysis(sentence: Span):
    """lint-ii's ``SentenceAnalysis`` of one sentence of our parse, whitespace tokens left out."""
    return _words_only()(sentence)
