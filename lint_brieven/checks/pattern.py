"""Token patterns: spaCy ``Matcher`` patterns written in YAML (Vale's ``existence``, richer).

``unless`` makes a pattern conditional (Vale's ``conditional``): a match is dropped when, in
the same sentence, that sentence and the next, the paragraph or the letter (``within``:
sentence, next-sentence, paragraph, letter), one of the ``unless`` token patterns or
regular expressions also matches. "Dat is niet mogelijk" is fine when "omdat" follows.
Regular expressions (``unless.regex`` and ``REGEX`` in token patterns) run under the time
limit of ``checks/regexes.py``. A suggestion the pack marks as a replacement (``replace:
true``) is one only where it reads correctly in the sentence (``replacement_check``).
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.checks.doc_cache import sentence_of
from lint_brieven.checks.matchers import token_patterns
from lint_brieven.checks.regexes import GuardedRegex, guard_token_patterns
from lint_brieven.checks.replacement_check import reads_correctly
from lint_brieven.checks.rule import Rule


class PatternCheck(Check):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        vocab = nlp.pipeline().vocab
        # matched with every other pattern rule's patterns, once per doc (see ``matchers``)
        self.patterns = token_patterns(vocab).group(
            self, rule.code, guard_token_patterns(rule.spec["patterns"], rule, "patterns")
        )
        unless = rule.spec.get("unless", {})
        self.within = unless.get("within", "sentence")
        self.scope = "letter" if self.within == "letter" else "block"  # see Check.scope
        self.unless_regexes = [
            GuardedRegex(rule, "unless.regex", r) for r in unless.get("regex", [])
        ]
        self.unless = Matcher(vocab, validate=True)
        if unless.get("patterns"):
            guarded = guard_token_patterns(unless["patterns"], rule, "unless.patterns")
            self.unless.add("unless", guarded)

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        hits: list[Hit] = []
        suggestions = self.fixed_suggestions(ctx)
        letter_excused = self.within == "letter" and any(
            self._excused(doc[:]) for doc in letter.docs
        )
        if letter_excused:
            return []
        for index, doc in enumerate(letter.docs):
            for span in filter_spans(self.patterns.spans(doc)):
                scope = _scope(span, self.within)
                if self.within != "letter" and self._excused(scope):
                    continue
                message = self.message(ctx, match=span.text)
                # a pack's replacement must read correctly in this sentence, else it is advice
                fitting = reads_correctly(
                    letter, index, span.start_char, span.end_char, suggestions, as_advice=True
                )
                hits.append(Hit(index, span.start_char, span.end_char, message, fitting, span.text))
        return hits

    def _excused(self, scope: Span) -> bool:
        if any(r.search(scope.text) for r in self.unless_regexes):
            return True
        return len(self.unless) > 0 and bool(self.unless(scope))


def _scope(span: Span, within: str) -> Span:
    """Where an ``unless`` is looked for around a match."""
    doc, sentence = span.doc, sentence_of(span)
    if within == "paragraph":
        return doc[:]
    if within == "next-sentence" and sentence.end < len(doc):
        return doc[sentence.start : sentence_of(doc[sentence.end]).end]
    return sentence
