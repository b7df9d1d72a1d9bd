"""The pattern rules' token patterns matched together (``checks/matchers.py``): every rule gets
exactly what a ``Matcher`` of its own gives, in the same order, whatever else is in the set."""

from __future__ import annotations

import gc
import random

import pytest
from spacy.matcher import Matcher

from lint_brieven.checks.loader import build_check, load_rules
from lint_brieven.checks.matchers import token_patterns
from lint_brieven.checks.regexes import guard_token_patterns
from lint_brieven.nlp import pipeline

TEXTS = [
    "Wij lossen dit probleem altijd direct op. U wordt binnenkort door ons gebeld.",
    "Er wordt gekeken of men contact opneemt. Hierbij delen wij u mee dat de monteur komt.",
    "U kunt ons alleen nog via het klantportaal bereiken. Het is u ongetwijfeld bekend dat …",
    "Dit zal niet meer voorkomen. Nooit meer last van lekkage! Wij nemen altijd contact op.",
    "Met deze brief informeren wij u over de werkzaamheden aan de balie van ons kantoor.",
    "",
]


class Owner:
    """Stands for a check: the group leaves the set when its owner is collected."""


def _own(patterns: list, greedy: str | None = None) -> Matcher:
    matcher = Matcher(pipeline().vocab, validate=True)
    matcher.add("R", patterns, greedy=greedy)
    return matcher


def _found(spans) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in spans]


def test_every_pattern_rule_gets_what_its_own_matcher_gave():
    rules = [r for r in load_rules().values() if r.kind == "pattern"]
    checks = [build_check(r) for r in rules]
    docs = list(pipeline().pipe(TEXTS))
    total = 0
    for check in checks:
        own = Matcher(pipeline().vocab)
        guarded = guard_token_patterns(check.rule.spec["patterns"], check.rule, "patterns")
        own.add(check.rule.code, guarded)
        for doc in docs:
            expected = _found(own(doc, as_spans=True))
            assert _found(check.patterns.spans(doc)) == expected, (check.rule.code, doc.text)
            total += len(expected)
    assert total >= 10  # the texts do hit the rules


def test_random_patterns_with_greedy_and_operators_match_as_their_own_matcher():
    rnd = random.Random(16)
    docs = list(pipeline().pipe(TEXTS))
    words = sorted({t.lower_ for doc in docs for t in doc})
    ops = [None, None, "?", "*", "+", "!", "{0,3}", "{1,2}", "{2}", "{,2}", "{1,}"]
    shared = token_patterns(pipeline().vocab)
    compared = 0
    for _round in range(25):
        owners, groups = [], []
        for _group in range(rnd.randint(1, 5)):
            patterns = []
            for _pattern in range(rnd.randint(1, 4)):
                pattern = []
                for _token in range(rnd.randint(1, 4)):
                    token: dict = rnd.choice(
                        [
                            {"LOWER": rnd.choice(words)},
                            {"LOWER": {"IN": rnd.sample(words, 4)}},
                            {"IS_PUNCT": False},
                            {"POS": rnd.choice(["NOUN", "VERB", "ADP", "PRON"])},
                        ]
                    )
                    if op := rnd.choice(ops):
                        token["OP"] = op
                    pattern.append(token)
                patterns.append(pattern)
            greedy = rnd.choice([None, "LONGEST", "FIRST"])
            owner = Owner()
            owners.append(owner)
            groups.append((_own(patterns, greedy), shared.group(owner, "R", patterns, greedy)))
        for doc in docs:
            for own, group in groups:
                expected = _found(own(doc, as_spans=True))
                assert _found(group.spans(doc)) == expected
                compared += len(expected)
        del owners, groups
        gc.collect()
    assert compared > 100


def test_a_group_leaves_the_set_with_its_check():
    shared = token_patterns(pipeline().vocab)
    before = len(shared._patterns)
    owner = Owner()
    shared.group(owner, "R", [[{"LOWER": "wij"}], [{"LOWER": "u"}]])
    assert len(shared._patterns) == before + 2
    del owner
    gc.collect()
    assert len(shared._patterns) == before


def test_a_rule_that_reads_extensions_keeps_its_own_matcher():
    """A regular expression in a token pattern runs under its rule's time limit: it must only
    run for that rule, never for another rule's matching."""
    shared = token_patterns(pipeline().vocab)
    rule = load_rules()["LB702"]
    guarded = guard_token_patterns([[{"TEXT": {"REGEX": "^[Ww]ij$"}}]], rule, "patterns")
    owner = Owner()
    before = len(shared._patterns)
    group = shared.group(owner, "R", guarded)
    assert len(shared._patterns) == before
    doc = pipeline()("Wij komen morgen.")
    assert _found(group.spans(doc)) == [(0, 1, "R")]


def test_an_invalid_pattern_is_spacys_error_under_the_rules_code():
    with pytest.raises(ValueError, match="LB999"):
        token_patterns(pipeline().vocab).group(Owner(), "LB999", [[{"LOWER": "a", "OP": "%"}]])
