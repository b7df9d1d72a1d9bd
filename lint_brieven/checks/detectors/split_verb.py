"""Tangconstructies: the parts of the verb far apart ("Wij zullen de reparatie van de lekkage
in de badkamer en de keuken op maandag uitvoeren"), or the subject far from its verb ("Het
aantal klachten, dat na de renovatie … sterk is gestegen, is nu weer lager"). The reader has
to hold the sentence open until the last part arrives.

Only a gap the parse supports, in a main clause: the finite verb and the rest of its verb
group ("zullen … uitvoeren", "nemen … op"), or the subject and the finite verb. A clause
whose verbs stand together at the end (a dat-clause, a relative clause) is normal Dutch and
never a tang. The gap counts the words between the two parts that the reader has to hold:
not punctuation, the verbs at the end, adverbs ("nog steeds", "graag") or a pronoun subject
right after the verb ("moet u"); a run of numbers or codes ("NL91 ABNA 0417 1643 00") or of
name words ("Woonstichting De Linde") counts as one word. Option ``max-gap``: the most words
allowed between the verb parts; a modal with its verb at the end of an ordinary clause stays
well below it. A subject counts only when a clause or a part between commas separates it
from its verb (a long subject of plain words is read in one go); option
``max-subject-gap`` is its limit, lower, since the reader has to hold the subject through a
whole clause.

Where one prepositional phrase closes the gap, the rewrite moves it after the verb ("Wij
willen u graag bedanken voor …"); only when nothing else moves and the meaning cannot change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences
from lint_brieven.checks.sentence_words import tokens_of
from lint_brieven.dutch.clauses import (
    clause_head,
    is_main_clause,
    is_subordinate,
    subtree,
    words,
    words_between,
)
from lint_brieven.findings import Suggestion

_AUXILIARIES = {"hebben", "zijn", "worden", "kunnen", "moeten", "mogen", "zullen", "willen", "gaan"}
_VERB_AT_END = ("WW|vd", "WW|inf")


def _gap(a: Token, b: Token) -> int:
    """Words between two tokens the reader has to hold: punctuation, adverbs ("nog steeds",
    "graag") and a pronoun subject right after the verb ("moet u") left out, a run of numbers
    or of name words counted once."""
    lo, hi = sorted((a, b), key=lambda t: t.i)
    return words_between(lo, hi, light=True)


def _finite_and_complement(sentence: Span) -> Iterator[tuple[Token, Token]]:
    """(auxiliary, participle or infinitive) pairs the parser attached the other way round
    ("heeft" as the root with "gevonden" below it). Only the nearest verb counts: the verb
    group starts there, and a later one is coordinated with it even when the parser hangs it
    on the auxiliary ("Wilt u het formulier invullen en naar ons sturen?")."""
    for token in tokens_of(sentence):
        if token.tag_.startswith("WW|pv") and token.lemma_ in _AUXILIARIES:
            verbs = [
                child
                for child in token.children
                if child.i > token.i and child.tag_.startswith(_VERB_AT_END)
            ]
            if verbs:
                yield token, verbs[0]


def main_finites(sentence: Span) -> list[Token]:
    """The finite verbs of the sentence's main clauses (not ``is_subordinate``), in order."""
    return [t for t in tokens_of(sentence) if t.tag_.startswith("WW|pv") and not is_subordinate(t)]


def verb_group_pairs(
    sentence: Span, finites: list[Token] | None = None
) -> Iterator[tuple[Token, Token, Token]]:
    """(finite verb, first and last word of the rest of its verb group) in the sentence's main
    clauses: "zullen … uitvoeren", "heeft … gevonden", "nemen … op". The gap runs to the first
    of the verbs at the end ("zal … worden terugbetaald": to "worden"). ``finites``: the
    sentence's ``main_finites``, when the caller has them."""
    for finite in main_finites(sentence) if finites is None else finites:
        rest: list[Token] = []
        if (
            finite.dep_ in ("aux", "aux:pass")
            and finite.head.i > finite.i
            and not finite.head.tag_.startswith("WW|pv")  # a finite verb ends no verb group
        ):
            head = finite.head
            rest = [head] + [
                c
                for c in head.children
                if c.i > finite.i
                and (
                    c.dep_ in ("aux", "aux:pass", "compound:prt")
                    or (c.dep_ == "mark" and c.lower_ == "te")
                )
            ]
        elif finite.dep_ != "cop":
            particles = [c for c in finite.children if c.dep_ == "compound:prt" and c.i > finite.i]
            verbs = [c for _f, c in _finite_and_complement_of(finite)]
            rest = particles[:1] or verbs[:1]
        if rest:
            yield finite, min(rest, key=lambda t: t.i), max(rest, key=lambda t: t.i)


def _finite_and_complement_of(finite: Token) -> Iterator[tuple[Token, Token]]:
    if finite.lemma_ not in _AUXILIARIES:
        return
    verbs = [c for c in finite.children if c.i > finite.i and c.tag_.startswith(_VERB_AT_END)]
    if verbs:
        yield finite, verbs[0]


def subject_pairs(
    sentence: Span, finites: list[Token] | None = None
) -> Iterator[tuple[Token, Token, Token]]:
    """(subject, finite verb, finite verb) of the main clauses, when the subject comes
    first. ``finites``: the sentence's ``main_finites``, when the caller has them."""
    for finite in main_finites(sentence) if finites is None else finites:
        head = clause_head(finite)
        if not is_main_clause(head):
            continue  # a misparsed subordinate clause: do not guess
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.i < finite.i:
                yield child, finite, finite


def crosses_clause(first: Token, second: Token) -> bool:
    """Another clause starts between the two and the second part belongs to it: the parser
    joined two clauses ("Heeft u nog vragen, dan kunt u … opnemen", "dat er sprake is van …,
    zodat wij … overgaan", "halen we een buis uit de grond en plaatsen we er 2 voor terug",
    "heeft u … nodig om afval aan te bieden"). A clause nested inside the gap ("met de reden
    waarom u het er niet mee eens bent") does not count."""
    doc = first.doc
    for token in doc[first.i + 1 : second.i]:
        opens = token.dep_ == "mark" and token.lower_ != "te" and token.head.i >= second.i
        # "om" only with its "te": "verzoek om een grotere woning" is no clause
        if opens and (
            token.lower_ != "om" or any(t.lower_ == "te" for t in doc[token.i : second.i])
        ):
            return True
        if token.text != "," and token.pos_ != "CCONJ":
            continue
        after = [t for t in doc[token.i + 1 : second.i] if not t.is_punct][:2]
        if any(t.tag_.startswith("WW|pv") for t in after):
            return True
        if len(after) == 2 and after[1].tag_.startswith("VNW|pers|pron|nomin"):
            return True  # "en plaatsen we": a verb and its subject, a new clause
    return False


def inserted_clause(first: Token, second: Token) -> bool:
    """Whether a clause or a part between commas stands between a subject and its verb, and
    has ended where the verb comes ("Huurders die … hebben gehad, krijgen", "Eventuele
    voorzieningen, zoals …, dienen", "Het gedeelte dat … te vervangen wordt opgehoogd"): a
    long subject of plain words is read in one go, and a finite verb that does not follow a
    comma or the verbs closing the inserted clause belongs to that clause ("De termijn start
    … nadat het besluit bekend is")."""
    doc = first.doc
    between = doc[first.i + 1 : second.i]
    if not between:
        return False
    opens = any(
        t.text == ","
        or t.tag_.startswith("VNW|betr")
        or "Rel" in t.morph.get("PronType")
        or (t.pos_ == "SCONJ" and t.lower_ not in ("dan", "als", "zoals"))
        for t in between
    )
    before = between[-1]
    closed = before.text == "," or before.pos_ in ("VERB", "AUX")
    return opens and closed


@register("split-verb")
class SplitVerb(Detector):
    scope = "block"  # one sentence
    defaults = {"max-gap": 10, "max-subject-gap": 8}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        limit = int(self.options["max-gap"])  # type: ignore[arg-type]
        subject_limit = int(self.options["max-subject-gap"])  # type: ignore[arg-type]
        # a gap counts words strictly between two tokens of the doc (``words_between``), so
        # it is at most len(doc) - 2: a doc that short has no gap over either limit
        shortest = min(limit, subject_limit) + 2
        for index, doc in enumerate(letter.docs):
            if len(doc) <= shortest:
                continue
            for sentence in doc_sentences(doc):
                worst = None
                # (the main clauses' finite verbs found once for both kinds of pair)
                finites = main_finites(sentence)
                pairs = [*verb_group_pairs(sentence, finites), *subject_pairs(sentence, finites)]
                for first, second, last in pairs:
                    subject = first.dep_.startswith("nsubj")
                    if abs(second.i - first.i) - 1 <= (subject_limit if subject else limit):
                        continue  # (a gap counts words strictly between the two: see above)
                    if crosses_clause(first, second):
                        continue
                    if subject and not inserted_clause(first, second):
                        continue
                    gap = _gap(first, second)
                    if gap > (subject_limit if subject else limit) and (
                        worst is None or gap > worst[3]
                    ):
                        worst = (first, second, last, gap)
                if worst is None:
                    continue
                first, second, last, gap = worst
                yield Found(
                    index,
                    first.idx,
                    last.idx + len(last),
                    doc[first.i : last.i + 1].text,
                    {"first": first.text, "second": last.text, "gap": gap},
                    self._rewrite(first, last),
                )

    def _rewrite(self, first: Token, second: Token) -> tuple[Suggestion, ...]:
        """Move the one prepositional phrase that closes the gap to after the verb ("willen u
        graag voor de overlast … bedanken" → "willen u graag bedanken voor de overlast …").
        Only when that is all that moves and nothing can change meaning: one phrase, with an
        article or a number (a bare one is often fixed: "naar verwachting"), no comma, and
        only adverbs between it and the verb. A subject far from its verb gets advice only."""
        if first.dep_.startswith("nsubj"):
            return ()
        doc = first.doc
        verb = second if second.pos_ in ("VERB", "AUX") else first
        phrases = [
            c
            for c in verb.children
            if c.dep_ in ("obl", "obl:arg", "obj", "iobj", "advmod") and first.i < c.i < second.i
        ]
        movable = [
            c
            for c in phrases
            if c.dep_ == "obl"
            and any(g.dep_ == "case" for g in c.children)
            and any(g.dep_ in ("det", "nummod") or g.like_num for g in c.children)
            and not any(  # "tot en met 1 maart": the end of a range, not a phrase of its own
                g.dep_ == "case"
                and (g.lower_ == "tot" or any(f.dep_ == "fixed" for f in g.children))
                for g in c.children
            )
        ]
        if len(movable) != 1 or second.i + 1 >= len(doc) or not doc[second.i + 1].is_punct:
            return ()
        tail = subtree(movable[0])
        if any(t.is_punct for t in tail) or [t.i for t in tail] != list(
            range(tail[0].i, tail[-1].i + 1)
        ):
            return ()
        after = doc[tail[-1].i + 1 : second.i]
        if any(t.pos_ not in ("ADV", "AUX", "VERB", "PART") and t.lower_ != "te" for t in after):
            return ()
        moved = {t.i for t in tail}
        if _gap(first, second) - len(moved) > int(self.options["max-gap"]):  # type: ignore[arg-type]
            return ()
        kept = [t for t in doc[first.i : second.i + 1] if t.i not in moved]
        return (Suggestion(words([*kept, *tail]), False),)
