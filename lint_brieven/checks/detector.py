"""Detectors: checks that need Dutch grammar, not just words (passive voice, split verbs,
requests without a deadline…). The rule pack names the detector and sets its options; the
detector, one module each in ``checks/detectors/``, finds the places and builds rewrites.
"""

from __future__ import annotations

from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit, fill
from lint_brieven.checks.detectors import DETECTORS
from lint_brieven.checks.replacement_check import prepare_places, reads_correctly
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import Suggestion
from lint_brieven.sentence_findings import split_reason


class DetectorCheck(Check):
    skips_placeholders = False  # detectors keep placeholders out of their rewrites themselves

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        name = rule.spec["detector"]
        if name not in DETECTORS:
            known = ", ".join(sorted(DETECTORS))
            raise ValueError(f"onbekende detector '{name}' (bekend: {known})")
        detector = DETECTORS[name]
        options = dict(detector.defaults)
        for key, value in rule.spec.get("options", {}).items():
            if key not in options:
                raise ValueError(f"detector '{name}' kent de optie '{key}' niet")
            if not isinstance(value, type(options[key])) and not (
                isinstance(options[key], float) and isinstance(value, int)
            ):
                raise ValueError(f"optie '{key}' van detector '{name}' heeft een verkeerd type")
            options[key] = value
        self.detector = detector(options)
        self.scope = detector.scope  # see Check.scope and Detector.scope
        # a split verb is a reason a sentence is hard: it merges with LB201/LB402 on it
        self.gives_reason = name == "split-verb"

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        hits = []
        keep_words = getattr(self.detector, "keeps_words", True)
        filled = []
        for found in self.detector.find(letter, ctx):
            values = {k: v for k, v in found.values.items()}
            fixed = tuple(
                Suggestion(fill(s.text, ctx, **values), s.safe, s.replaces)
                for s in self.rule.suggestions
            )
            suggestions = tuple(
                Suggestion(fill(s.text, ctx, **values), s.safe, s.replaces)
                for s in found.suggestions
            )
            filled.append((found, values, fixed, suggestions))
        # the sentences of every rewrite below, parsed in one batch
        places = [(f.block, f.start, f.end, suggestions) for f, _v, _x, suggestions in filled]
        prepare_places(letter, places, keep_words)
        for found, values, fixed, suggestions in filled:
            # a rewrite that does not read correctly in its sentence is dropped (the rule's
            # own advice stays), or is advice when the rule has none (see replacement_check)
            suggestions = reads_correctly(
                letter,
                found.block,
                found.start,
                found.end,
                suggestions,
                as_advice=not fixed,
                keep_words=keep_words,
            )
            hits.append(
                Hit(
                    found.block,
                    found.start,
                    found.end,
                    self.message(ctx, match=found.text, **values),
                    suggestions + fixed,
                    found.text,
                    split_reason(found.values) if self.gives_reason else None,
                )
            )
        return hits
