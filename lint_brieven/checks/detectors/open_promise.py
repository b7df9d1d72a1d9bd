"""A promise without a date or a term: "Wij komen de lekkage repareren", "Wij lossen het op",
"Wij nemen contact met u op", "U hoort nog van ons". The tenant waits and does not know how
long, and nobody in the organisation knows when it is due.

Only the organisation's own commitment (``dutch.commitments``: "wij"/"ik", a member of staff,
or the tenant receiving from it) to contact the tenant or to repair something, in a letter or a
declared piece of one (a web page describes a procedure, it makes no promise to this tenant).
Not when a date, a term or an anchor ("na de inspectie", "voordat de werkzaamheden
beginnen", "als de onderdelen binnen zijn") stands in the sentence, the one before or after
it, or the heading above; not when another sentence of the letter gives the same kind of
promise a date (it is said once); not when a vague term is there (that is LB701's finding).

The message asks when, and for a contact promise that names no channel ("Wij nemen contact met
u op", "U hoort nog van ons") also how. The advice names the organisation's service term for
the topic when one is configured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, sentence_of, span_text
from lint_brieven.dutch.commitments import (
    VAGUE,
    WHEN,
    Commitment,
    commitment,
    infinitive,
    is_request_or_question,
    makes_promises,
)
from lint_brieven.dutch.requests import CHANNEL
from lint_brieven.dutch.service_terms import topic_term
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind

# What the tenant waits for, by the verb's infinitive.
CONTACT = {
    "bellen", "terugbellen", "opbellen", "mailen", "langskomen", "bezoeken", "informeren",
    "berichten", "inplannen", "reageren", "antwoorden", "beantwoorden",
    "terugkomen", "contacteren", "benaderen", "toesturen", "opsturen",
}  # fmt: skip
REPAIR = {
    "repareren", "oplossen", "verhelpen", "herstellen", "nakijken", "regelen",
}  # fmt: skip
# Verbs that are a contact promise only with their object: "contact opnemen", "een afspraak
# maken", "laten weten", "op de hoogte houden", "een brief sturen".
WITH_OBJECT = {
    "opnemen": ("contact",),
    "nemen": ("contact",),
    "maken": ("afspraak",),
    "plannen": ("afspraak",),
    "laten": ("weten",),
    "houden": ("hoogte",),
    "brengen": ("hoogte",),
    "stellen": ("hoogte",),
    "sturen": ("brief", "bericht", "uitnodiging", "antwoord", "reactie", "informatie", "mail"),
    "versturen": ("brief", "bericht", "uitnodiging", "antwoord", "reactie", "informatie"),
    "komen": ("bekijken", "repareren", "maken", "herstellen", "nakijken", "controleren"),
}
# The letter itself does what the verb says: "Hierbij informeren wij u", "Met deze brief …".
_PERFORMATIVE = re.compile(
    r"\b(?:hierbij|bij deze|met deze brief|in deze brief|hiermee|graag)\b", re.IGNORECASE
)
_LETTER = re.compile(r"\b(?:brief|uitnodiging|folder|sms)\b", re.IGNORECASE)
RECEIVED = {"bericht", "brief", "antwoord", "reactie", "uitnodiging", "besluit", "uitslag"}


@register("open-promise")
class OpenPromise(Detector):
    scope = "letter"  # promises and headings anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not makes_promises(letter.letter):
            return
        organisation = ctx.organisation.get("naam", "")
        blocks = letter.letter.blocks
        flat: list[tuple[int, Span]] = [
            (index, sentence)
            for index, doc in enumerate(letter.docs)
            for sentence in doc_sentences(doc)
        ]
        promises = []  # (block, sentence, kind, span, timed)
        for number, (index, sentence) in enumerate(flat):
            if blocks[index].kind is BlockKind.HEADING or is_request_or_question(sentence):
                continue
            text = span_text(sentence)
            if VAGUE.search(text):
                continue  # LB701 says it
            if _PERFORMATIVE.search(text):
                continue  # "Hierbij informeren wij u": this letter does it
            found = _promise(sentence, organisation)
            if found is None:
                continue
            kind, span = found
            around = [span_text(s) for _, s in flat[max(0, number - 1) : number + 2]]
            around.append(_heading_above(letter, index))
            timed = any(WHEN.search(t) for t in around)
            promises.append((index, sentence, kind, span, timed))
        done = {kind for _, _, kind, _, timed in promises if timed}
        for index, sentence, kind, span, timed in promises:
            if timed or kind in done:
                continue
            said = span_text(sentence)
            term = topic_term(said, ctx.service_terms)
            advice = (
                (
                    Suggestion(
                        f"Zeg erbij wanneer, met uw servicetermijn voor {term[0]}: '{term[1]}'.",
                        False,
                        replaces=False,
                    ),
                )
                if term
                else ()
            )
            how = kind == "repair" or any(p.search(said) for p in (CHANNEL, _LETTER))
            missing = "wanneer" if how else "wanneer, en hoe (bellen, een brief, langskomen)"
            yield Found(
                index, span.start_char, span.end_char, span.text, {"missing": missing}, advice
            )


def _promise(sentence: Span, organisation: str) -> tuple[str, Span] | None:
    """The kind ("contact" or "repair") and the words of a promise in the sentence."""
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        kind = _kind(token)
        if kind is None:
            continue
        made = commitment(token, organisation)
        if made is None or made.expects or made.actor not in ("organisation", "recipient"):
            continue  # "Wij willen graag met u in gesprek": an intention, no promise
        receiving = infinitive(token) in ("horen", "ontvangen", "krijgen")
        if (made.actor == "recipient") != receiving:
            continue  # "U ontvangt een brief" is our promise; "wij ontvangen" is not
        if receiving and not _receives(made):
            continue
        return kind, _words(made, token)
    return None


def _kind(verb: Token) -> str | None:
    word = infinitive(verb)
    if word in REPAIR:
        return "repair"
    if word in CONTACT:
        return "contact"
    if word in ("horen", "ontvangen", "krijgen"):
        return "contact"
    needed = WITH_OBJECT.get(word)
    if needed and any(
        c.lower_ in needed or any(g.lower_ in needed for g in c.children) for c in verb.children
    ):
        return "repair" if word == "komen" else "contact"
    return None


def _receives(made: Commitment) -> bool:
    """ "U hoort nog van ons", "U ontvangt bericht / een brief": the tenant hears from us; not
    from another party ("via een brief van PWN")."""
    for verb in made.verbs:
        if _from_another(verb):
            return False
        word = infinitive(verb)
        if word == "horen":
            return any(c.lower_ in ("ons", "mij") for c in verb.subtree)
        if word in ("ontvangen", "krijgen"):
            return any(c.lemma_.lower() in RECEIVED for c in verb.children)
    return False


def _from_another(verb: Token) -> bool:
    for token in verb.subtree:
        if token.lower_ == "van" and token.dep_ == "case":
            source = token.head
            if source.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in source.subtree):
                return True
    return False


def _words(made: Commitment, verb: Token) -> Span:
    """From the subject to the last word of the verb group: "Wij nemen contact met u op"."""
    doc = verb.doc
    tokens = [verb, *made.verbs]
    if made.subject is not None:
        tokens.append(made.subject)
    for v in made.verbs:
        for c in v.children:
            purpose = any(g.dep_ == "mark" and g.lower_ == "om" for g in c.children)
            if (
                c.dep_ in ("compound:prt", "obj")
                or (c.dep_ == "xcomp" and not purpose)
                or (c.dep_ == "obl" and c.pos_ == "PRON")
            ):
                tokens.append(c)
    sentence = sentence_of(verb)
    tokens = [t for t in tokens if sentence_of(t) == sentence]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens)
    while end > start and (doc[end].is_punct or doc[end].dep_ == "mark"):
        end -= 1
    return doc[start : end + 1]


def _heading_above(letter: AnalysedLetter, index: int) -> str:
    for block in reversed(letter.letter.blocks[:index]):
        if block.kind is BlockKind.HEADING:
            return block.text
    return ""
