"""Substitution: a word or fixed phrase with plainer alternatives (Vale's ``substitution``).

Matching is case-insensitive on whole tokens: the phrase itself and its listed ``forms``
always match. With ``match: lemma`` inflected forms match too: the phrase, written in its base
form, is also matched on lemmas, but only where our pipeline gives the phrase itself as its
own lemma (a phrase the lemmatizer would misread is matched as written, never loosely).

A match on another form than the phrase ("verstrekt" for "verstrekken") keeps its alternatives
but marks them unsafe: the writer has to put the alternative in the right form.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks.base import (
    AnalysedLetter,
    Check,
    CheckContext,
    Hit,
    match_case,
    quoted,
    word_list_matcher,
)
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import Suggestion


class SubstitutionCheck(Check):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        pipeline = nlp.pipeline()
        self.by_lemma = rule.spec.get("match") == "lemma" and nlp.has_lemmas()
        self.lower, self.entries = word_list_matcher(rule.spec["swap"], "phrase")
        self.lemma = PhraseMatcher(pipeline.vocab, attr="LEMMA")
        if self.by_lemma:  # parse the phrases in one batch: hundreds of entries
            for key, parsed in zip(self.entries, pipeline.pipe(self.entries), strict=True):
                if [t.lemma_.lower() for t in parsed] == [t.lower_ for t in parsed]:
                    self.lemma.add(key, [parsed])

    def _spans(self, doc: Doc) -> list:
        spans = list(self.lower(doc, as_spans=True))
        if self.by_lemma and len(self.lemma):
            spans += self.lemma(doc, as_spans=True)
        return filter_spans(spans)

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        hits: list[Hit] = []
        for index, doc in enumerate(letter.docs):
            for span in self._spans(doc):
                entry = self.entries[span.label_]
                hits.append(self._hit(index, span.text, span.start_char, span.end_char, entry, ctx))
        return hits

    def _hit(
        self, block: int, text: str, start: int, end: int, entry: dict, ctx: CheckContext
    ) -> Hit:
        options = [match_case(text, u) for u in entry["use"]]
        exact = text.lower() == entry["phrase"].lower()
        suggestions = tuple(Suggestion(o, bool(entry.get("safe")) and exact) for o in options)
        suggestion = quoted(options) or "een ander woord"
        if not exact:
            suggestion += " (in de juiste vorm)"
        message = self.message(ctx, match=text, suggestion=suggestion, phrase=entry["phrase"])
        return Hit(block, start, end, message, suggestions, text)
