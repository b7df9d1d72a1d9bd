"""Substitution: a word or fixed phrase with plainer alternatives (Vale's ``substitution``).

Matching is case-insensitive on whole tokens: the phrase itself and its listed ``forms``
always match. With ``match: lemma`` inflected forms match too: the phrase, written in its base
form, is also matched on lemmas, but only where our pipeline gives the phrase itself as its
own lemma (a phrase the lemmatizer would misread is matched as written, never loosely).

An entry may say where it does not apply (``unless``: the words around it, the sentence, the
kind of text; see ``entry_conditions``), how its alternative fits the sentence (``fit``; see
``swap_fit``) and that its alternatives are advice only, always (``replace: false``: which one
fits depends on the meaning) or in some sentences (``advice-if``, the same conditions as
``unless``: "gedurende zes weken" is not "tijdens zes weken"). Every alternative is put in
the form the sentence needs and checked in its sentence (``offers``); one that does not read
correctly there is advice, never a replacement. An alternative is safe only when the entry
says so, the phrase matched as written and the alternative went in unchanged.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks import offers, rule_cache
from lint_brieven.checks.base import (
    AnalysedLetter,
    Check,
    CheckContext,
    Hit,
    quoted,
    word_list_matcher,
)
from lint_brieven.checks.entry_conditions import EntryCondition, letter_facts
from lint_brieven.checks.offers import Candidates, Offer, candidates, offer
from lint_brieven.checks.replacement_check import prepare
from lint_brieven.checks.rule import Rule

_INFLECTING = {"VERB", "AUX", "NOUN", "ADJ"}


class SubstitutionCheck(Check):
    scope = "block"  # with the letter's facts an entry's condition asks (letter_facts)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        pipeline = nlp.pipeline()
        self.by_lemma = rule.spec.get("match") == "lemma" and nlp.has_lemmas()
        self.lower, self.entries = word_list_matcher(rule.spec["swap"], "phrase")
        self.conditions = {
            key: EntryCondition(rule, entry.get("unless"), "swap.unless")
            for key, entry in self.entries.items()
        }
        self.advice_if = {
            key: EntryCondition(rule, entry.get("advice-if"), "swap.advice-if")
            for key, entry in self.entries.items()
        }
        self.letter_facts = letter_facts([*self.conditions.values(), *self.advice_if.values()])
        self.lemma = PhraseMatcher(pipeline.vocab, attr="LEMMA")
        self.classes: dict[str, list[str]] = {}
        if self.by_lemma:
            strings = pipeline.vocab.strings
            for key, lemmas, classes in lemma_phrases(list(self.entries)):
                self.lemma.add(key, [[strings.add(lemma) for lemma in lemmas]])
                self.classes[key] = classes

    def _spans(self, doc: Doc) -> list:
        spans = list(self.lower(doc, as_spans=True))
        if self.by_lemma and len(self.lemma):
            spans += [s for s in self.lemma(doc, as_spans=True) if self._inflects(s)]
        return filter_spans(spans)

    def _inflects(self, span: Span) -> bool:
        """A lemma match is another form of the phrase: every word that differs is a verb,
        noun or adjective, in the phrase and in the sentence ("indienen" is no form of the
        conjunction "indien", whatever its lemma)."""
        words = span.label_.split()
        classes = self.classes.get(span.label_, [])
        for token, word, pos in zip(span, words, classes, strict=False):
            if token.lower_ == word:
                continue
            if pos not in _INFLECTING or token.pos_ not in _INFLECTING:
                return False
        return True

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        matches: list[tuple[int, Span, bool]] = []
        for index, doc in enumerate(letter.docs):
            for span in self._spans(doc):
                condition = self.conditions[span.label_]
                if condition and condition.excuses(span, letter, index):
                    continue
                replace = self.entries[span.label_].get("replace", True)
                matches.append(
                    (index, span, replace and not self._advice_only(letter, index, span))
                )
        # the words that fitting the alternatives reads, parsed in one batch
        offers.prime(
            (span, self.entries[span.label_]["use"], self.entries[span.label_].get("fit"))
            for _index, span, replace in matches
            if replace
        )
        found: list[tuple[int, Span, bool, Candidates]] = []
        for index, span, replace in matches:
            entry = self.entries[span.label_]
            exact = span.text.lower() == entry["phrase"].lower()
            planned = candidates(
                span,
                entry["use"],
                letter.letter.blocks[index].content,
                how=entry.get("fit"),
                replace=replace,
                exact=exact,
            )
            found.append((index, span, replace, planned))
        # the sentences that check the alternatives of every match, parsed in one batch
        prepare(r for *_, planned in found for r in planned.replacements if r is not None)
        return [self._hit(letter, *item, ctx) for item in found]

    def _hit(
        self,
        letter: AnalysedLetter,
        block: int,
        span: Span,
        replace: bool,
        planned: Candidates,
        ctx: CheckContext,
    ) -> Hit:
        entry = self.entries[span.label_]
        exact = span.text.lower() == entry["phrase"].lower()
        found = offer(
            span,
            entry["use"],
            letter.letter.blocks[block].content,
            how=entry.get("fit"),
            safe=bool(entry.get("safe")),
            replace=replace,
            exact=exact,
            planned=planned,
        )
        message = self.message(
            ctx, match=span.text, suggestion=suggestion_text(found, exact), phrase=entry["phrase"]
        )
        return Hit(block, found.start, found.end, message, found.suggestions, found.text)

    def _advice_only(self, letter: AnalysedLetter, block: int, span: Span) -> bool:
        condition = self.advice_if[span.label_]
        return bool(condition) and condition.excuses(span, letter, block)


def lemma_phrases(phrases: list[str]) -> list[list]:
    """[phrase, its lemmas, its word classes] for each phrase our pipeline gives as its own
    lemma, in order: the lemma patterns of a ``match: lemma`` rule (a ``PhraseMatcher`` on
    ``LEMMA`` matches the lemmas' string ids). Parsing hundreds of phrases took most of the
    rule building at every start; the result is kept in the rule cache (``rule_cache``)."""

    def parse() -> list[list]:
        found = []
        # in one batch: hundreds of entries
        for phrase, parsed in zip(phrases, nlp.pipeline().pipe(phrases), strict=True):
            if [t.lemma_.lower() for t in parsed] == [t.lower_ for t in parsed]:
                found.append([phrase, [t.lemma_ for t in parsed], [t.pos_ for t in parsed]])
        return found

    def usable(found: list) -> bool:
        known = set(phrases)
        return type(found) is list and all(
            type(item) is list
            and len(item) == 3
            and item[0] in known
            and type(item[1]) is list
            and type(item[2]) is list
            and len(item[1]) == len(item[2])
            and all(type(w) is str and w for w in item[1])
            and all(type(c) is str for c in item[2])
            for item in found
        )

    key = rule_cache.phrases_key("lemmas", phrases)
    return rule_cache.cached("lemmas", key, parse, usable)


def suggestion_text(found: Offer, exact: bool = True) -> str:
    """What the message says to write: the replacements, or the advice and that the sentence
    needs rephrasing around it."""
    if found.concrete:
        text = quoted([s.text for s in found.concrete])
        return text if exact else text + " (in de juiste vorm)"
    if found.advice:
        text = quoted([s.text for s in found.advice])
        return text + (
            " (in de juiste vorm; pas de zin daarop aan)"
            if not exact
            else ", en pas de zin daarop aan"
        )
    return "een ander woord"
