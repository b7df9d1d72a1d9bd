"""Double negation: two negations in one clause ("niet onmogelijk", "niet zonder uw
toestemming", "sluiten niet uit"). The reader has to undo both. The rewrite of "niet on-X" is
"X" ("niet onbelangrijk" → "belangrijk"); other cases get the advice to say it positively.

Only with a parse that supports it: the two negations belong to the same clause (negations in
a main clause and its als-clause, or in two coordinated clauses, are two single negations),
no clause starts between them, and they stand close together. "zonder" counts only when it
is negated itself: right after the other negation ("niet zonder afspraak langskomen") or on a
noun "geen" negates ("geen aanvraag zonder handtekening"); not "zonder vergunning mag u hier
niet parkeren" (a plain prohibition), nor a "zonder" that describes a noun ("huurders zonder
achterstand hoeven niet …"). "noch … noch" is one negation, and words such as "onlangs" or
"onverminderd" are not negative adjectives.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences
from lint_brieven.checks.sentence_words import tokens_of
from lint_brieven.dutch.clauses import words_between
from lint_brieven.findings import Suggestion

NEGATIONS = {
    "niet",
    "geen",
    "nooit",
    "niemand",
    "niets",
    "niks",
    "nergens",
    "noch",
    "zonder",
    "geenszins",
    "allerminst",
    "nimmer",
    "zelden",  # "niet zelden" is "vaak"
}
# Verbs that carry a negation themselves: "niet uitsluiten" is "het kan", "niet weigeren" is
# "wel doen".
NEGATIVE_VERBS = {"uitsluiten", "verbieden", "ontbreken", "weigeren"}
# Verbs an adjective in on- is the predicate of ("is niet onredelijk", "vinden het niet
# onredelijk"): then "niet" and "on-" make one double negation. With another verb the
# adjective says how something is done ("de sleutels niet onbeheerd achterlaten"): plain.
COPULAS = {"zijn", "worden", "blijven", "lijken", "blijken", "vinden", "achten", "noemen"}
# Words in on- whose rest is a word, but which do not mean "not ...".
NOT_NEGATIVE = {"onlangs", "onverminderd", "onwijs", "ondanks", "onderling", "ontzettend"}
# Two negations side by side and the positive word for both ("Het komt niet zelden voor" →
# "Het komt vaak voor", "Wij zijn het niet oneens" → "Wij zijn het eens").
POSITIVE = {
    ("niet", "zelden"): "vaak",
    ("niet", "uitgesloten"): "mogelijk",
    ("niet", "oneens"): "eens",
    ("geen", "ongelijk"): "gelijk",
}
# Most words allowed between the two negations.
MAX_APART = 8


def negative_adjective(token: Token) -> str | None:
    """ "onmogelijk" → "mogelijk": an adjective made negative with on-, if the positive exists."""
    word = token.lower_
    participle = token.pos_ == "VERB" and token.tag_.startswith("WW|vd")  # "onbeperkt"
    if token.pos_ not in ("ADJ", "ADV") and not participle:
        return None
    if not word.startswith("on") or len(word) < 6:
        return None
    if word in NOT_NEGATIVE:
        return None
    positive = word[2:]
    return positive if zipf_frequency(positive, "nl") >= 3.0 else None


def negative_verb(token: Token) -> bool:
    """A verb that negates by itself: "uitsluiten" (also split: "sluiten … uit"),
    "verboden", "ontbreken"."""
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "compound:prt"), "")
    return (
        lemma in NEGATIVE_VERBS
        or particle + lemma in NEGATIVE_VERBS
        or token.lower_ in ("verboden", "uitgesloten")
    )


def is_negation(token: Token) -> bool:
    word = token.lower_
    if word == "zonder":
        # "huurders zonder achterstand": describes a noun, negates nothing in the clause;
        # but "geen aanvraag zonder handtekening" negates the noun "geen" negates
        phrase = token.head
        if phrase.dep_ in ("nmod", "nmod:poss") or phrase.pos_ == "PROPN":
            return any(c.lower_ == "geen" for c in phrase.head.children)
        return True
    if negative_adjective(token):
        return _is_predicate(token)
    return word in NEGATIONS or negative_verb(token)


# Every lemma ``negative_verb`` joins a particle to (or none) for one of ``NEGATIVE_VERBS``:
# their endings.
_NEGATIVE_VERB_ENDS = {verb[i:] for verb in NEGATIVE_VERBS for i in range(len(verb) + 1)}
# The other words ``is_negation`` can hold for: "zonder", ``NEGATIONS`` and the two forms
# ``negative_verb`` names.
_NEGATION_FORMS = {"zonder", *NEGATIONS, "verboden", "uitgesloten"}


def _may_negate(token: Token) -> bool:
    """Whether ``is_negation`` can hold for the token, from its words alone: one of
    ``_NEGATION_FORMS``, a word in on- (``negative_adjective``) or a lemma a particle may
    make a negative verb of (``negative_verb``); False: it does not."""
    word = token.lower_
    return (
        word in _NEGATION_FORMS
        or word.startswith("on")
        or token.lemma_.lower() in _NEGATIVE_VERB_ENDS
    )


def _is_predicate(adjective: Token) -> bool:
    """An adjective in on- that is what something is ("is niet onredelijk", "geen
    onbelangrijk punt"), not how something is done ("niet onbeheerd achterlaten")."""
    if adjective.dep_ in ("advmod", "obl") and adjective.head.pos_ == "VERB":
        return adjective.head.lemma_ in COPULAS
    if adjective.dep_ == "xcomp":
        return adjective.head.lemma_ in COPULAS
    return True


def _starts_clause(token: Token) -> bool:
    """A word that opens another clause: a subordinating conjunction, a relative pronoun, or
    a coordinator followed by a new clause's verb (checked by the caller)."""
    if token.pos_ == "SCONJ":
        # "als" and "dan" also compare ("niet zo groot als"): only as a clause's conjunction
        return token.lower_ not in ("als", "zoals", "dan") or token.dep_ == "mark"
    return "Rel" in token.morph.get("PronType")


def _separated(first: Token, second: Token) -> bool:
    """A clause boundary between the two: a conjunction, a relative pronoun, or a comma or
    coordinator followed by a finite verb."""
    doc = first.doc
    between = doc[first.i + 1 : second.i]
    for token in between:
        if _starts_clause(token):
            return True
        if token.text == "," or token.pos_ == "CCONJ":
            rest = [t for t in doc[token.i + 1 : second.i + 1] if not t.is_punct][:3]
            if any(t.tag_.startswith("WW|pv") for t in rest):
                return True
    return False


@register("double-negation")
class DoubleNegation(Detector):
    scope = "block"  # one clause

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for index, doc in enumerate(letter.docs):
            for sentence in doc_sentences(doc):
                by_clause: dict[int, list[Token]] = {}
                clause_of: dict[int, int] = {}
                maybe = [t for t in tokens_of(sentence) if _may_negate(t)]
                if len(maybe) < 2:
                    continue  # (a double negation needs two negations: ``_double``)
                for token in maybe:
                    if is_negation(token):
                        clause_of[token.i] = _clause(token, clause_of).i
                        by_clause.setdefault(clause_of[token.i], []).append(token)
                for tokens in by_clause.values():
                    pair = _double(tokens)
                    if pair is None:
                        continue
                    first, second = pair
                    end = second.i
                    for negation in pair:
                        if negative_verb(negation):
                            particles = [c.i for c in negation.children if c.dep_ == "compound:prt"]
                            end = max([end, *particles])  # "sluiten niet uit"
                    span = doc[first.i : end + 1]
                    suggestions: tuple[Suggestion, ...] = ()
                    plain = POSITIVE.get((first.lower_, second.lower_))
                    if plain and second.i == first.i + 1:
                        # advice: the replacement check keeps every content word of a span
                        advice = f"Schrijf '{plain}' in plaats van '{span.text}'."
                        suggestions = (Suggestion(advice, False, replaces=False),)
                    positive = negative_adjective(second)
                    if (
                        not suggestions
                        and first.lower_ == "niet"
                        and positive
                        and second.i == first.i + 1
                        and zipf_frequency(positive, "nl") >= 4.0  # "eindig" is seldom right
                    ):
                        suggestions = (Suggestion(match_case(first.text, positive), False),)
                    yield Found(index, span.start_char, span.end_char, span.text, {}, suggestions)


def _double(tokens: list[Token]) -> tuple[Token, Token] | None:
    """The first two negations of one clause that make a double negation, in text order."""
    ordered = sorted(tokens, key=lambda t: t.i)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.lower_ == "noch" or b.lower_ == "noch":
            continue  # "noch … noch", "niet … noch": one negation, listed
        if words_between(a, b) > MAX_APART or _separated(a, b):
            continue
        if "zonder" in (a.lower_, b.lower_) and not _negated_zonder(a, b):
            continue  # "zonder vergunning mag u hier niet parkeren": a plain prohibition
        return a, b
    return None


def _negated_zonder(first: Token, second: Token) -> bool:
    """ "niet zonder", "nooit zonder" (the negation right before it) or "geen aanvraag zonder
    handtekening" (the noun "geen" negates): "zonder" negated, which the reader must undo."""
    if second.lower_ != "zonder":
        return False
    if first.i == second.i - 1:
        return True
    return first.lower_ == "geen" and second.head.head == first.head


# An infinitive complement ("hoeft zich geen zorgen te maken") belongs to its verb's clause.
_CLAUSE_RELATIONS = ("ROOT", "advcl", "ccomp", "acl:relcl", "acl", "csubj", "parataxis")


def _clause(token: Token, clause_of: dict[int, int] | None = None) -> Token:
    """The verb heading the clause the token is in. A conjunct heads a clause of its own only
    when it is a verb: in "niet of niet naar behoren" the second "niet" joins the first.

    ``clause_of`` maps the negations seen so far to their clause; a negation right after
    "<negation> of/en" is in that negation's clause whatever the parse says (parsers do
    attach the first "niet" of "niet of niet" to the noun before it)."""
    previous = token.doc[token.i - 2] if token.i >= 2 else None
    if (
        clause_of
        and previous is not None
        and previous.i in clause_of
        and token.doc[token.i - 1].pos_ == "CCONJ"
    ):
        return token.doc[clause_of[previous.i]]
    head = token
    while head.dep_ not in _CLAUSE_RELATIONS and not (
        head.dep_ == "conj" and head.pos_ in ("VERB", "AUX")
    ):
        if head.head.i == head.i:
            break
        head = head.head
    return head
