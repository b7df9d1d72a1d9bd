"""Tangconstructies: the parts of the verb far apart ("Wij zullen de reparatie van de lekkage
in de badkamer op maandag 3 maart uitvoeren"), or the subject far from its verb. The reader
has to hold the sentence open until the last part arrives.

Where a prepositional phrase sits between the verb parts, the rewrite moves it after them
("Wij zullen de reparatie uitvoeren op maandag 3 maart"). Option ``max-gap``: the most words
allowed between the parts.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import subtree, words
from lint_brieven.findings import Suggestion

_PAIRS = ("aux", "aux:pass", "compound:prt", "nsubj", "nsubj:pass")


def _gap(a: Token, b: Token) -> int:
    lo, hi = sorted((a.i, b.i))
    return sum(1 for t in a.doc[lo + 1 : hi] if not (t.is_punct or t.is_space))


_AUXILIARIES = {"hebben", "zijn", "worden", "kunnen", "moeten", "mogen", "zullen", "willen", "gaan"}


def _finite_and_complement(sentence):
    """(auxiliary, participle or infinitive) pairs the parser attached the other way round
    ("heeft" as the root with "gevonden" below it). Only the nearest verb counts: the verb
    group starts there, and a later one is coordinated with it even when the parser hangs it
    on the auxiliary ("Wilt u het formulier invullen en naar ons sturen?")."""
    for token in sentence:
        if token.tag_.startswith("WW|pv") and token.lemma_ in _AUXILIARIES:
            verbs = [
                child
                for child in token.children
                if child.i > token.i and child.tag_.startswith(("WW|vd", "WW|inf"))
            ]
            if verbs:
                yield token, verbs[0]


@register("split-verb")
class SplitVerb(Detector):
    defaults = {"max-gap": 8}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        limit = int(self.options["max-gap"])  # type: ignore[arg-type]
        for index, doc in enumerate(letter.docs):
            for sentence in doc.sents:
                worst = None
                for token in sentence:
                    if token.dep_ not in _PAIRS or token.head.i == token.i:
                        continue
                    if token.dep_.startswith("nsubj") and (
                        token.i > token.head.i or token.head.dep_ != "ROOT"
                    ):
                        continue  # subject after its verb, or in a subclause (normal order)
                    first = token if token.dep_ != "compound:prt" else token.head
                    second = token.head if token.dep_ != "compound:prt" else token
                    if first.i > second.i:
                        first, second = second, first
                    gap = _gap(first, second)
                    if gap > limit and (worst is None or gap > worst[2]):
                        worst = (first, second, gap)
                for first, second in _finite_and_complement(sentence):
                    gap = _gap(first, second)
                    if gap > limit and (worst is None or gap > worst[2]):
                        worst = (first, second, gap)
                if worst is None:
                    continue
                first, second, gap = worst
                yield Found(
                    index,
                    first.idx,
                    second.idx + len(second),
                    doc[first.i : second.i + 1].text,
                    {"first": first.text, "second": second.text, "gap": gap},
                    self._rewrite(first, second),
                )

    def _rewrite(self, first: Token, second: Token) -> tuple[Suggestion, ...]:
        """Move prepositional phrases from between the parts to after the second part."""
        verb = second if second.pos_ in ("VERB", "AUX") else first
        movable = [
            c
            for c in verb.children
            if c.dep_ == "obl"
            and first.i < c.i < second.i
            and any(g.dep_ == "case" for g in c.children)
        ]
        if not movable or second.i + 1 >= len(second.doc) or not second.doc[second.i + 1].is_punct:
            return ()
        moved = {t.i for c in movable for t in subtree(c)}
        if _gap(first, second) - len(moved) > int(self.options["max-gap"]):  # type: ignore[arg-type]
            return ()
        kept = [t for t in first.doc[first.i : second.i + 1] if t.i not in moved]
        tail = [t for c in movable for t in subtree(c)]
        return (Suggestion(words([*kept, *tail]), False),)
