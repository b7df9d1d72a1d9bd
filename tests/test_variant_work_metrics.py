"""The letter-level checks LB203, LB401, LB402, LB501 and LB512 (and LB201, which shares
their sentence words) keep their per-block and per-sentence work once per file
(``checks.base.per_doc``): their hits on every template variant are those of working each
variant out on its own."""

from __future__ import annotations

import pytest
from lintkit import REPO, without_sharing

from lint_brieven.checks import sentence_difficulty, sentence_words, term
from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.loader import build_check, load_rules
from lint_brieven.config import config_in
from lint_brieven.engine import analyse
from lint_brieven.readers import read

CODES = ["LB201", "LB203", "LB401", "LB402", "LB501", "LB512"]
TEMPLATES = ["voor/07-betalingsherinnering.html.j2", "voor/06-huurverhoging.html.j2"]
CTX = CheckContext({"naam": "Woonstichting De Linde", "balie": "Kerkstraat 1, Utrecht"})


def _letters(template: str) -> list[AnalysedLetter]:
    path = REPO / "corpus" / "sjablonen" / template
    result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
    assert len(result.letters) >= 12
    rules = load_rules()
    return analyse(result, [build_check(rules[c]) for c in CODES], CTX).letters


def _without_sharing(monkeypatch) -> None:
    without_sharing(monkeypatch, (sentence_words, sentence_difficulty, term))


@pytest.mark.parametrize("template", TEMPLATES)
def test_hits_on_every_variant_equal_working_it_out_alone(template, monkeypatch):
    letters = _letters(template)
    rules = load_rules()
    checks = [build_check(rules[code]) for code in CODES]
    shared = [[check.run(letter, CTX) for letter in letters] for check in checks]
    _without_sharing(monkeypatch)
    for check, hits in zip(checks, shared, strict=True):
        for letter, found in zip(letters, hits, strict=True):
            alone = AnalysedLetter(letter.letter, letter.docs)  # a cache of its own
            assert found == check.run(alone, CTX), check.rule.code
    assert sum(len(found) for hits in shared for found in hits) > 50


def test_the_shared_sentence_words_follow_the_organisation_s_names(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("Beste huurder,\n\nKerkstraat is dicht vanaf maandag 3 maart.\n")
    result = read(str(path), path.read_bytes(), config_in(tmp_path).read_options)
    (letter,) = analyse(result, [], CheckContext()).letters
    index = next(i for i, b in enumerate(letter.letter.blocks) if "Kerkstraat" in b.text)
    counts = {}
    for names in (frozenset(), frozenset({"kerkstraat"}), frozenset()):
        shared = sentence_words.of_block(letter, index, names)
        alone = sentence_words.of_block(AnalysedLetter(letter.letter, letter.docs), index, names)
        assert [[t.i for t in w] for _, w in shared] == [[t.i for t in w] for _, w in alone]
        counts[names] = sum(len(w) for _, w in shared)
    assert counts[frozenset()] == counts[frozenset({"kerkstraat"})] + 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_lb402_reads_a_sentence_s_words_as_lb201_has_them(template):
    """LB402 takes a sentence's words from LB201's words of its doc's sentence
    (``sentence_words.of_block``) when the two hold the same tokens but whitespace: the same
    words as working them out for the sentence itself; a part of a sentence gets its own."""
    names = sentence_words.organisation_names(CTX.organisation)
    compared = parts = 0
    for letter in _letters(template):
        for s in letter.readability.sentences:
            doc = letter.docs[s.block]
            content = letter.letter.blocks[s.block].content
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            own = sentence_words.words(span, content, names)
            assert list(sentence_difficulty._words(letter, s.block, span, names)) == own
            compared += 1
            if len(span) > 2:  # (without its first word: not the words of a doc's sentence)
                part = doc[span.start + 1 : span.end]
                expected = sentence_words.words(part, content, names)
                assert list(sentence_difficulty._words(letter, s.block, part, names)) == expected
                parts += 1
    assert compared > 100 and parts > 50
