"""A sentence's LiNT-II figures as the checks read them (``lint_ii_bridge.sentence_figures``,
worked out in one pass over a doc's token attributes) are the numbers lint-ii's own
``SentenceAnalysis`` gives: on every sentence of the corpus templates, of plain letters and of
lint-ii's reference texts, and through the command line's readability block."""

from __future__ import annotations

import json
import random

import pytest
from lintkit import REPO, SHARED

from lint_brieven import nlp
from lint_brieven.checks.doc_cache import doc_sentences
from lint_brieven.cli import main
from lint_brieven.config import config_in
from lint_brieven.readability import lint_ii_bridge
from lint_brieven.readability.exact_mean import exact_sum
from lint_brieven.readability.lint_ii_bridge import Figures
from lint_brieven.readers import read

REFERENCE = SHARED / "reference" / "lint-ii-examples"


def _has_words(sentence) -> bool:
    return any(not (t.is_punct or t.is_space) for t in sentence)


def _lint_iis(sentence) -> Figures:
    """The figures from lint-ii's own ``SentenceAnalysis`` (whitespace tokens left out), word
    by word as lint-ii works them out."""
    analysis = lint_ii_bridge.sentence_analysis(sentence)
    frequencies = tuple(
        f for word in analysis.word_features if (f := word.word_frequency) is not None
    )
    return Figures(
        analysis.lint.score,
        analysis.lint.level,
        (frequencies, exact_sum(frequencies)),
        analysis.max_sdl,
        analysis.content_words_per_clause,
        (
            len(analysis.concrete_nouns),
            len(analysis.abstract_nouns),
            len(analysis.undefined_nouns),
        ),
    )


def _texts(folder: str) -> list[str]:
    paths = sorted(p for p in (REPO / folder).rglob("*") if p.suffix in (".j2", ".txt", ".md"))
    texts = []
    for path in paths:
        result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
        texts += [b.text for letter in result.letters for b in letter.blocks]
    return texts


def _reference_texts() -> list[str]:
    from lint_ii.core.preprocessor import preprocess_text

    texts = json.loads((REFERENCE / "texts.json").read_text(encoding="utf-8"))
    return [preprocess_text(t["text"]) for t in texts.values()]


@pytest.mark.parametrize("seed", range(3))
def test_the_scorer_gives_lint_ii_s_score_and_level(seed):
    from lint_ii.core.lint_scorer import LintScorer

    rng = random.Random(seed)
    for _ in range(500):
        figures = [
            rng.choice([None, rng.uniform(0, 8), 1.359228547196266]),
            rng.choice([None, rng.randint(0, 30), rng.uniform(0, 30)]),
            rng.choice([None, rng.uniform(0, 15), 0.0]),
            rng.choice([None, rng.random(), 0.0, 1.0]),
        ]
        ours, theirs = lint_ii_bridge.lint_scorer(*figures), LintScorer(*figures)
        assert (ours.score, ours.level) == (theirs.score, theirs.level), figures
        assert type(ours.score) is type(theirs.score)


@pytest.mark.parametrize("where", ["corpus/sjablonen", "eval/dev", "lint-ii"])
def test_every_sentence_s_figures_are_lint_ii_s(where):
    texts = _reference_texts() if where == "lint-ii" else _texts(where)
    compared = 0
    for doc in nlp.parse(texts).values():
        sentences = [s for s in doc_sentences(doc) if _has_words(s)]
        for sentence, ours in zip(
            sentences, lint_ii_bridge.sentence_figures(doc, sentences), strict=True
        ):
            assert ours == _lint_iis(sentence), sentence.text
            compared += 1
    assert compared > (40 if where == "lint-ii" else 400)


def test_a_head_outside_the_sentence_and_a_subject_with_conjuncts_count_as_lint_ii_counts():
    """Sentence bounds that cut a dependency (our segmenter may split where the parser did
    not), and a subject whose verb has conjuncts (lint-ii gives it several heads)."""
    text = "Dat geluid klinkt in het midden- en kleinbedrijf en moet worden gehoord, zei hij."
    doc = nlp.parse([text])[text]
    assert any(t.dep_ == "nsubj" and t.head.conjuncts for t in doc)
    for cut in range(2, len(doc) - 1):
        parts = [doc[:cut], doc[cut:]]
        for part, ours in zip(parts, lint_ii_bridge.sentence_figures(doc, parts), strict=True):
            assert ours == _lint_iis(part), (cut, part.text)


def test_the_command_line_reports_lint_ii_s_sentence_scores(tmp_path, capsys):
    text = (
        "Beste huurder,\n\nDe aannemer vervangt op maandag 3 maart de kozijnen, de deuren en "
        "de dakgoten van uw woning, die in 1974 werden geplaatst. Wij  vragen u om   thuis te "
        "zijn voor de monteur.\n\nMet vriendelijke groet,\n\nWoonstichting De Linde\n"
    )
    (tmp_path / "brief.txt").write_text(text, encoding="utf-8")
    main(["check", str(tmp_path / "brief.txt"), "--output-format", "json"])
    (report,) = json.loads(capsys.readouterr().out)["files"]
    reported = {s["text"]: (s["lint_ii"], s["level"]) for s in report["readability"]["sentences"]}
    path = tmp_path / "brief.txt"
    (letter,) = read(str(path), path.read_bytes(), config_in(tmp_path).read_options).letters
    docs = nlp.parse(b.text for b in letter.blocks)
    expected = {}
    for sentence in (s for b in letter.blocks for s in doc_sentences(docs[b.text])):
        if _has_words(sentence):
            analysis = lint_ii_bridge.sentence_analysis(sentence)
            score = analysis.lint.score
            expected[sentence.text.strip()] = (
                None if score is None else round(score, 1),
                analysis.lint.level,
            )
    assert reported == expected
    assert sum(level is not None for _, level in reported.values()) >= 2
