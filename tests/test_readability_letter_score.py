"""A letter's LiNT-II is lint-ii's own document score: the means it takes over every word and
sentence of the letter are gathered from each sentence's exact sums (template variants share
their sentences), and come out as the very numbers ``statistics.mean`` gives."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from lintkit import REPO

from lint_brieven import nlp
from lint_brieven.config import config_in
from lint_brieven.readability import assess, lint_ii_bridge
from lint_brieven.readability.exact_mean import exact_sum as _exact_sum
from lint_brieven.readability.exact_mean import mean as _mean
from lint_brieven.readability.exact_mean import wide, wide_mean
from lint_brieven.readers import read


def _sums(values: list) -> tuple[tuple, tuple | None]:
    return tuple(values), _exact_sum(values)


@pytest.mark.parametrize("seed", range(5))
def test_the_mean_of_several_lists_is_statistics_mean_of_all_their_values(seed):
    rng = random.Random(seed)
    makers = [
        lambda: rng.uniform(-3, 9),
        lambda: rng.randint(0, 12),
        lambda: rng.choice([0.1, 0.2, 0.3, 1e-300, 5e-324, 1e300, 2.0]),
    ]
    for _ in range(200):
        kinds = rng.sample(makers, rng.randint(1, 3))
        lists = [
            [rng.choice(kinds)() for _ in range(rng.randint(0, 6))]
            for _ in range(rng.randint(1, 8))
        ]
        values = [v for values in lists for v in values]
        got = _mean([_sums(values) for values in lists])
        sums = [_exact_sum(values) for values in lists]  # as a letter adds up its blocks
        widened = wide_mean(
            len(values), sum(wide(s) for s in sums), any(floats for _, _, floats in sums)
        )
        if not values:
            assert got is None and widened is None
            continue
        want = statistics.mean(values)
        assert got == want and type(got) is type(want), (lists, got, want)
        assert widened == want and type(widened) is type(want), (lists, widened, want)


def test_values_that_are_no_finite_numbers_take_statistics_own_way():
    for odd in (math.inf, -math.inf, True):
        lists = [[1.5, 2.0], [odd, 3]]
        want = statistics.mean([1.5, 2.0, odd, 3])
        assert _exact_sum(lists[1]) is None
        assert _mean([_sums(values) for values in lists]) == want
    got = _mean([_sums([1.0]), _sums([math.nan])])
    assert math.isnan(got)


@pytest.mark.parametrize(
    "template", ["voor/07-betalingsherinnering.html.j2", "na/12-servicekosten.html.j2"]
)
def test_every_variant_scores_as_lint_ii_scores_its_sentences(template):
    from lint_ii.core.readability_analysis import ReadabilityAnalysis

    path = REPO / "corpus" / "sjablonen" / template
    result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
    docs = nlp.parse(b.text for letter in result.letters for b in letter.blocks)
    shared: dict = {}
    assert len(result.letters) > 8
    for letter in result.letters:
        letter_docs = [docs[b.text] for b in letter.blocks]
        ours = assess(letter_docs, shared)
        analyses = [
            lint_ii_bridge.sentence_analysis(sentence)
            for doc in letter_docs
            for sentence in doc.sents
            if any(not (t.is_punct or t.is_space) for t in sentence)
        ]
        theirs = ReadabilityAnalysis(analyses).lint
        assert (ours.lint_ii, ours.level) == (round(theirs.score, 1), theirs.level)
        alone = assess(letter_docs)  # nothing shared with the other variants
        assert alone == ours


def test_a_letter_with_a_frequency_that_is_no_finite_number_takes_statistics_own_way(
    monkeypatch,
):
    """The columns a variant adds up hold exact sums; a value that has none (inf) sends the
    letter's means the way ``statistics.mean`` goes, with lint-ii's scorer."""
    from dataclasses import replace

    from lint_ii.core.lint_scorer import LintScorer

    from lint_brieven.readability import lint_ii_bridge

    texts = ["Wij vervangen morgen de kraan in uw keuken.", "De monteur belt u vooraf op."]
    docs = nlp.parse(texts)
    figures = lint_ii_bridge.sentence_figures

    def odd(doc, sentences):
        out = figures(doc, sentences)
        values = (*out[0].frequencies[0], math.inf)
        return [replace(out[0], frequencies=(values, _exact_sum(values))), *out[1:]]

    plain = [f for t in texts for f in figures(docs[t], list(docs[t].sents))]
    monkeypatch.setattr(lint_ii_bridge, "sentence_figures", odd)
    ours = assess([docs[t] for t in texts])
    frequencies = [*plain[0].frequencies[0], math.inf, *plain[1].frequencies[0]]
    nouns = [sum(f.nouns[k] for f in plain) for k in range(3)]
    theirs = LintScorer(
        statistics.mean(frequencies),
        statistics.mean([f.max_sdl for f in plain]),
        statistics.mean([f.content_words_per_clause for f in plain]),
        nouns[0] / sum(nouns),
    )
    assert (ours.lint_ii, ours.level) == (
        None if theirs.score is None else round(theirs.score, 1),
        theirs.level,
    )
