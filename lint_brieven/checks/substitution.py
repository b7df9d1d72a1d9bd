"""Substitution: a word or fixed phrase with plainer alternatives (Vale's ``substitution``).

Matching is case-insensitive on whole tokens; with ``match: lemma`` and a pipeline that assigns
lemmas, inflected forms match too (otherwise it falls back to lower case).
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit, match_case, quoted
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import Suggestion


class SubstitutionCheck(Check):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        pipeline = nlp.pipeline()
        use_lemma = rule.spec.get("match") == "lemma" and nlp.has_lemmas()
        self.attr = "LEMMA" if use_lemma else "LOWER"
        self.matcher = PhraseMatcher(pipeline.vocab, attr=self.attr)
        self.entries: dict[str, dict] = {}
        for entry in rule.spec["swap"]:
            key = entry["phrase"].lower()
            self.entries[key] = entry
            pattern = pipeline(key) if use_lemma else pipeline.make_doc(key)
            self.matcher.add(key, [pattern])

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        hits: list[Hit] = []
        for index, doc in enumerate(letter.docs):
            spans = filter_spans(self.matcher(doc, as_spans=True))
            for span in spans:
                entry = self.entries[span.label_]
                hits.append(self._hit(index, span.text, span.start_char, span.end_char, entry, ctx))
        return hits

    def _hit(
        self, block: int, text: str, start: int, end: int, entry: dict, ctx: CheckContext
    ) -> Hit:
        options = [match_case(text, u) for u in entry["use"]]
        safe = bool(entry.get("safe", False))
        suggestions = tuple(Suggestion(o, safe) for o in options)
        message = self.message(ctx, match=text, suggestion=quoted(options) or "een ander woord")
        return Hit(block, start, end, message, suggestions, text)
