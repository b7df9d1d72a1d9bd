"""Finite-verb repair: a rule component that runs after the parser.

In a Dutch subordinate clause the verbs come last, and the plural present tense has the form
of the infinitive: "... dat ze door de laag heen dringen", "cellen die voor energie zorgen".
The tagger sees four words either side, too little to find the subject, so it tags such verbs
as infinitives ("WW|inf"). The parse does link the verb to its subject. A clause with a subject
needs a finite verb; when none of its verbs is tagged finite and exactly one of them is an
infinitive-looking "-en" form with a plural subject, that verb is the finite one.

This matters for LiNT-II, which counts clauses by finite verbs, and for our own rules that look
for verb clusters. On the held-out news test set the repair retags 7 verbs, 6 of them rightly
(training/evaluate.py measures the pipeline with it in place).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

SUBJECTS = {"nsubj", "nsubj:pass"}
VERB_GROUP = {"aux", "aux:pass", "cop"}
PLURAL_PRONOUNS = {"ze", "zij", "wij", "we", "jullie", "die"}
FINITE_PLURAL_TAG = "WW|pv|tgw|mv"
FINITE_PLURAL_MORPH = "Number=Plur|Tense=Pres|VerbForm=Fin"


def _is_finite(token: Token) -> bool:
    return "WW|pv" in token.tag_


def _is_plural(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ in PLURAL_PRONOUNS
    coordinated = any(child.dep_ == "conj" for child in subject.children)
    return coordinated or subject.morph.get("Number") == ["Plur"]


def unmarked_finite_verb(head: Token) -> Token | None:
    """The verb of ``head``'s clause that must be finite but is tagged an infinitive."""
    subjects = [child for child in head.children if child.dep_ in SUBJECTS]
    if not subjects or not all(_is_plural(s) for s in subjects):
        return None
    if any(_is_finite(t) for t in (head, *head.children)):
        return None
    if head.dep_ in ("xcomp", *VERB_GROUP) and _is_finite(head.head):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("te", "om") for c in head.children):
        return None
    group = [head, *(c for c in head.children if c.dep_ in VERB_GROUP)]
    infinitives = [t for t in group if t.tag_.startswith("WW|inf")]
    if len(infinitives) == 1 and infinitives[0].lower_.endswith("en"):
        return infinitives[0]
    return None


@Language.component("finite_verbs")
def finite_verbs(doc: Doc) -> Doc:
    for verb in [v for v in map(unmarked_finite_verb, doc) if v is not None]:
        verb.tag_ = FINITE_PLURAL_TAG
        verb.set_morph(FINITE_PLURAL_MORPH)
    return doc
