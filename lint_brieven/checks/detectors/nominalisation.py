"""Nominalisations: a verb hidden in a noun ("het indienen van een klacht", "de betaling van
de huur vindt plaats"). The rewrite gives the verb back: "een klacht indienen", "de huur
betalen".

Two shapes: ``het`` + an infinitive used as a noun + ``van``; and a noun in -ing or -atie
+ ``van`` in a clause whose verb says little (``weak-verbs``: plaatsvinden, geschieden…).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import subtree, words
from lint_brieven.findings import Suggestion


def verb_of_noun(noun: str) -> str | None:
    """The verb behind a noun in -ing or -atie: "betaling" → "betalen", "reparatie" →
    "repareren"; None if no such verb is in common use."""
    word = noun.lower()
    if word.endswith("ing") and len(word) > 5:
        verb = word[:-3] + "en"
    elif word.endswith("atie") and len(word) > 6:
        verb = word[:-4] + "eren"
    else:
        return None
    return verb if zipf_frequency(verb, "nl") >= 2.0 else None


@register("nominalisation")
class Nominalisation(Detector):
    defaults = {
        "weak-verbs": [
            "plaatsvinden",
            "vinden",
            "geschieden",
            "verrichten",
            "doen",
            "gaan",
            "overgaan",
            "zorgen",
        ],
    }

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        weak = {w.lower() for w in self.options["weak-verbs"]}  # type: ignore[union-attr]
        for index, doc in enumerate(letter.docs):
            for token in doc:
                found = self._infinitive(token) or self._noun(token, weak)
                if found is None:
                    continue
                start, end, verb, obj = found
                span = doc[start:end]
                rewrite = f"{words(obj)} {verb}" if obj else verb
                yield Found(
                    index,
                    span.start_char,
                    span.end_char,
                    span.text,
                    {"verb": verb},
                    (Suggestion(rewrite, False),),
                )

    @staticmethod
    def _van_object(token: Token) -> list | None:
        van = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if van is None or van.lower_ != "van":
            return None
        pobj = van.head if van.head.i > van.i else None
        if pobj is None or pobj.head != token:
            return []
        return [t for t in subtree(pobj) if t.i != van.i]

    def _infinitive(self, token: Token):
        """ "het indienen van een klacht" → "een klacht indienen"."""
        if (
            token.i == 0
            or token.doc[token.i - 1].lower_ != "het"
            or not token.lower_.endswith("en")
        ):
            return None
        if not (token.tag_.startswith("WW|inf") or token.pos_ == "VERB" or _is_infinitive(token)):
            return None
        obj = self._van_object(token)
        if obj is None:
            return None
        end = obj[-1].i + 1 if obj else token.i + 2
        return token.i - 1, end, token.lower_, obj

    def _noun(self, token: Token, weak: set[str]):
        """ "de betaling van de huur vindt plaats" → "de huur betalen"."""
        if token.pos_ != "NOUN":
            return None
        verb = verb_of_noun(token.text)
        if verb is None:
            return None
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # a conjunct has the function of the first one (UD)
        if first.pos_ in ("NOUN", "PROPN", "PRON"):
            weak_clause = first.head.lemma_.lower() in weak and first.dep_ in (
                "nsubj",
                "nsubj:pass",
                "obj",
                "obl",
            )
        else:
            # A noun coordinated with a verb is a misparse, common in long officialese
            # coordinations ("dat ..., en dat de ondertekening ..., alsmede de uitreiking
            # ..., zal plaatsvinden"): judge by the verb that follows the noun instead.
            weak_clause = _next_verb_is_weak(token, weak)
        if not weak_clause:
            return None
        obj = self._van_object(token)
        if obj is None:
            return None
        det = token.doc[token.i - 1] if token.i and token.doc[token.i - 1].dep_ == "det" else token
        end = obj[-1].i + 1 if obj else token.i + 2
        return det.i, end, verb, obj


def _is_infinitive(token: Token) -> bool:
    """A noun that is really an infinitive ("het aanvragen"): a common word in -en that is
    its own lemma (a plural noun has its singular as lemma)."""
    return (
        token.lower_ == token.lemma_.lower()
        and token.lower_.endswith("en")
        and zipf_frequency(token.lower_, "nl") >= 2.5
    )


def _next_verb_is_weak(noun: Token, weak: set[str]) -> bool:
    """The first main verb after ``noun`` in its sentence is a weak verb, and no new clause
    (a conjunction such as "dat", a relative pronoun) starts before it; auxiliaries ("zal",
    "wordt") are passed over."""
    for token in noun.doc[noun.i + 1 : noun.sent.end]:
        if token.pos_ == "SCONJ" or token.morph.get("PronType") == ["Rel"]:
            return False
        if token.pos_ == "VERB":
            return token.lemma_.lower() in weak
    return False
