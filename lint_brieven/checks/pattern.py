"""Token patterns: spaCy ``Matcher`` patterns written in YAML (Vale's ``existence``, richer)."""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.checks.rule import Rule


class PatternCheck(Check):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.matcher = Matcher(nlp.pipeline().vocab, validate=True)
        self.matcher.add(rule.code, rule.spec["patterns"])

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        hits: list[Hit] = []
        suggestions = self.fixed_suggestions(ctx)
        for index, doc in enumerate(letter.docs):
            for span in filter_spans(self.matcher(doc, as_spans=True)):
                message = self.message(ctx, match=span.text)
                hits.append(
                    Hit(index, span.start_char, span.end_char, message, suggestions, span.text)
                )
        return hits
