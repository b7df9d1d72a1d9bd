"""Requests for action in a letter, and whether they say by when and how.

A request asks the reader to DO something, in one of these forms (found on the parse):
- an imperative: "Stuur het formulier terug.", "Geef uw meterstanden door.";
- a modal with "u" (or "je") as subject in a main clause: "U moet de meterstanden doorgeven.",
  "Dient u het bedrag over te maken.", "Wilt u de sleutels inleveren?";
- the writer asking: "Wij vragen u het formulier terug te sturen.", "Wij verzoeken u …",
  "U wordt verzocht …".
Not requests: information with "u moet" in a subordinate clause ("het bedrag dat u moet
betalen", "Wij bepalen hoeveel u moet betalen"), options ("U kunt …"), questions that set a
condition ("Moet u toeslag terugbetalen?", "Heeft u vragen?"), permission questions ("Wilt u
dat wij …?"), prohibitions ("U mag niet …") and statements of a rule ("Volgens de wet moet u …").

A request is *conditional* when it is for some readers only: after a yes/no question ("Bent u
het niet eens? Stuur dan …"), with "dan" ("U moet het bedrag dan binnen 24 maanden
terugbetalen"), under an als-clause ("Als u verhuist, geef dan …") or "in dat geval".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from spacy.tokens import Span, Token

from lint_brieven.checks.doc_cache import doc_sentences, lemma_ids, span_text, word_ids
from lint_brieven.dutch.clauses import is_subordinate
from lint_brieven.dutch.verbs import infinitive_of

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
DEADLINE = re.compile(
    rf"\b\d{{1,2}}(?:e)? (?:{_MONTHS})\b|\b\d{{1,2}}[-/]\d{{1,2}}(?:[-/]\d{{2,4}})?\b"
    rf"|\b(?:{_DAYS})\b|\b(?:vóór|voor|uiterlijk|binnen|tot|na) (?:\w+ |\[\w+\] )?"
    r"(?:dagen|weken|werkdagen|maanden|week|dag)\b"
    r"|\buiterlijk\b|\bvandaag\b|\bmorgen\b|\bdeze week\b|\bvolgende week\b|\bop de dag\b"
    r"|\bbij (?:uw )?vertrek\b|\bvoordat\b|\bzodra\b|\bdirect\b|\bmeteen\b"
    r"|\b(?:vóór|voor|uiterlijk|op) \[datum\]",  # a date the writer still fills in
    re.IGNORECASE,
)
# A moment that says when, besides a date or a term: together with something else ("met uw
# brief", "bij de ondertekening", "tijdens de eindinspectie"), every month, as soon as possible.
MOMENT = re.compile(
    r"\b(?:bij|tijdens|op|vóór|voor|na) (?:de|het|uw) (?:ondertekening|eindinspectie|"
    r"voorinspectie|inspectie|oplevering|sleuteloverdracht|afspraak|verhuizing|huisbezoek|"
    r"aanvraag|overdracht)\b"
    r"|\bmet (?:uw|de|het|deze) (?:brief|aanvraag|formulier|bezwaar\w*|verzoek\w*)\b"
    r"|\b(?:elke|iedere|per) (?:maand|week)\b|\bmaandelijks\b|\bzo (?:snel|spoedig) mogelijk\b"
    r"|\bvóór (?:de|het|uw|een|elke|iedere) \w+"  # "vóór uw laatste huurdag": accented, always time
    r"|\bnu\b|\bvoortaan\b|\bop tijd\b|\bvooraf(?:gaand)?\b|\b(?:van )?tevoren\b",
    re.IGNORECASE,
)
CHANNEL = re.compile(
    r"\b(?:bel|belt|bellen|mail|mailt|e-?mail|website|www\.\S+|portaal|app|balie|kantoor|"
    r"langs(?:komen)?|post|per brief|antwoordenvelop|envelop|brievenbus|"
    r"telefoon\w*|telefonisch|online|inloggen|log\w* in|via)\b|@|\b0\d{2}[ -]?\d",
    re.IGNORECASE,
)
# Where to or to whom: a recipient or a place ("aan uw verhuurder", "naar de Huurcommissie",
# "bij de balie", "op het formulier"), a medium ("per post", "digitaal", "met het formulier"),
# an address ("Postbus 1234", "Lindeplein 4").
DESTINATION = re.compile(
    r"\b(?:aan|naar) (?:ons|onze?|de|het|uw|u|hem|haar|hen|een|deze|die|dit|je|jouw)\b"
    r"|\b(?:aan|naar) (?-i:[A-Z])\w+"
    r"|\bbij (?:ons|onze|de (?:balie|receptie|opzichter|huismeester|beheerder|wijkbeheerder|"
    r"gemeente|huurcommissie|verhuurder|monteur|medewerker|aannemer|rechtbank|afdeling|"
    r"bewonerscommissie|woonconsulent|servicedesk|klantenservice)|het (?:loket|kantoor|"
    r"bestuursorgaan|servicepunt|wijkkantoor|juridisch loket|gemeentehuis|stadhuis)|uw "
    r"verhuurder)\b"
    r"|\b(?:op|in|met) (?:het|de|dit|deze) (?:\w+)?(?:formulier|antwoordkaart|envelop|"
    r"antwoordenvelop|brievenbus|sleutelkluis|portaal|app)\b"
    r"|\bper (?:post|brief|e-?mail|aangetekende brief|telefoon)\b|\baangetekend\b|\bdigitaal\b"
    r"|\bdigid\b|\bmijn (?-i:[A-Z])\w+|\bpostbus\b|\bantwoordnummer\b|\bschriftelijk\b",
    re.IGNORECASE,
)
# How to pay: an account number, a payment link, an acceptgiro, a direct debit.
PAYMENT = re.compile(
    r"\b(?-i:NL\d{2} ?[A-Z]{4}(?: ?\d{2,4}){2,5})|\biban\b|\bbetaallink\b"
    r"|\bacceptgiro\b|\bideal\b|\bbetaalverzoek\b|\btikkie\b"
    r"|\b(?:op|naar) (?:ons |onze )?rekening(?:nummer)?\b",
    re.IGNORECASE,
)

_YES_NO_QUESTION = re.compile(
    r"^\s*(?:heeft|hebt|bent|wilt|wil|kunt|kan|is|zijn|gaat|komt|mocht|vragen|klachten|"
    r"krijgt|moet|maakt|betaalt|woont|gaan|staat|hoeft|verhuist|ontvangt|wordt|kreeg|had)\b"
    r".*\?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_CONDITION_START = re.compile(
    r"^\s*(?:als|wanneer|indien|mocht|tenzij|mits|in dat geval|in de overige gevallen|"
    r"in andere gevallen|zo niet|anders)\b",
    re.IGNORECASE,
)
_RULE_START = re.compile(r"^\s*(?:volgens|bijvoorbeeld|voorbeeld)\b", re.IGNORECASE)
# A habit or a rule, not a request now: "Soms vragen we u …", "Dan moet u altijd …".
_HABIT = re.compile(r"\b(?:soms|meestal|vaak|altijd|nooit|regelmatig|doorgaans)\b", re.I)
_READER = {"u", "je", "jij", "jullie"}
_WRITER = {"wij", "we", "ik"}
T = TypeVar("T")
_CONDITION_MARKS = {"als", "indien", "wanneer", "tenzij", "mits", "mocht"}


def is_conditional_question(text: str) -> bool:
    """ "Heeft u vragen?", "Bent u niet thuis?": what follows is for some readers only."""
    return bool(_YES_NO_QUESTION.match(text))


@dataclass(frozen=True)
class Request:
    """A sentence that asks the reader to do something: ``verb`` is the verb of the action
    ("terugsturen" in "Stuur het formulier terug"), ``conditional`` whether it is for some
    readers only."""

    sentence: Span
    verb: Token
    conditional: bool

    @cached_property  # worked out once: a request is read again in every template variant
    def infinitive(self) -> str:
        return infinitive(self.verb)

    @property
    def action(self) -> str:
        return _SAME_ACTION.get(self.infinitive, self.infinitive)


def is_imperative(sentence: Span) -> bool:
    """First word a finite verb in the singular present, with no subject: "Stuur …", "Bel …"."""
    return _imperative_verb(sentence) is not None


def _per_sentence(find: Callable[[Span], T]) -> Callable[[Span], T]:
    """``find(sentence)`` once per sentence of a doc, kept in the doc's ``user_data`` by the
    sentence's place: what ``find`` reads is the sentence's own words and parse, which do not
    change once the doc is parsed, and several checks ask it of the same sentences."""
    name = f"lint_brieven.requests.{find.__name__}"

    @functools.wraps(find)
    def once(sentence: Span) -> T:
        user_data = sentence.doc.user_data
        known = user_data.get(name)
        if known is None:
            known = user_data[name] = {}
        key = (sentence.start, sentence.end)
        if key in known:
            return known[key]
        found = known[key] = find(sentence)
        return found

    return once


@_per_sentence
def _imperative_verb(sentence: Span) -> Token | None:
    words = (t for t in sentence if not (t.is_punct or t.is_space or t.like_num))
    first = next(words, None)  # only the first two words matter: no list of them all
    if first is None:
        return None
    if first.lower_ == "dan" and next(words, None) is not None:  # "Dan stuurt …" neither
        return None
    if not first.tag_.startswith("WW|pv|tgw|ev") or not first.text[:1].isupper():
        return None
    verb = first if first.dep_ == "ROOT" else first.head
    if any(c.dep_.startswith("nsubj") for c in verb.children):
        return None
    if any(c.dep_.startswith("nsubj") for c in first.children):
        return None
    return first


def _reader_subject(*heads: Token) -> bool:
    """Whether "u" (or "je") is the subject of one of the heads; also when the parser hung it
    under a word of the clause ("Daarom moet u € 100 bijbetalen": "u" under "€")."""
    for head in heads:
        for token in head.subtree:
            if token.dep_ not in ("nsubj", "nsubj:pass") or token.lower_ not in _READER:
                continue
            if token.head == head or (head in token.ancestors and token.head.pos_ != "VERB"):
                return True
    return False


def _negated(*heads: Token) -> bool:
    return any(c.lower_ in ("niet", "geen", "nooit") for h in heads for c in h.children)


def _main_clause(verb: Token, head: Token) -> bool:
    """Whether the finite verb is in a main clause: "U moet … betalen", not "het bedrag dat u
    moet betalen" or "een factuur waarin staat hoeveel u moet betalen"."""
    if is_subordinate(verb):
        return False
    if head.dep_ in ("ROOT", "parataxis"):
        return True
    return head.dep_ == "conj" and head.head.dep_ in ("ROOT", "parataxis")


def _infinitive_under(head: Token) -> Token | None:
    """The infinitive a modal or a verb of asking governs ("moet … doorgeven", "vragen u …
    terug te sturen")."""
    if _infinitive_form(head):
        return head
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp") and _infinitive_form(child):
            return child
    return None


def _infinitive_form(token: Token) -> bool:
    """An infinitive, or a verb in the infinitive's form the parser took for a plural
    ("moet u € 100 bijbetalen")."""
    if token.pos_ != "VERB":
        return False
    return token.tag_.startswith("WW|inf") or (
        token.tag_.startswith("WW|pv|tgw|mv") and token.lower_ == token.lemma_.lower()
    )


_MODAL_LEMMAS = ("moeten", "dienen", "willen")
_ASKING_LEMMAS = ("vragen", "verzoeken")
# their string ids: a doc without a word with one of these lemmas (``lemma_ids``) has no
# sentence in which the loops below get past their first test
_MODAL_IDS = word_ids(_MODAL_LEMMAS)
_ASKING_IDS = word_ids(_ASKING_LEMMAS)


def _modal_request(sentence: Span) -> Token | None:
    """ "U moet … doorgeven", "Dient u … over te maken", "Wilt u … inleveren?": the action."""
    if _MODAL_IDS.isdisjoint(lemma_ids(sentence.doc)):
        return None
    for token in sentence:
        if token.lemma_ not in _MODAL_LEMMAS or not token.tag_.startswith("WW|pv|tgw"):
            continue
        head = token.head if token.dep_ in ("aux", "aux:pass") else token
        if not _reader_subject(token, head) or not _main_clause(token, head):
            continue
        if _negated(token, head):
            continue
        question = span_text(sentence).rstrip().endswith("?")
        if token.lemma_ == "willen" and not (question and token.i == sentence.start):
            continue  # "Wilt u …?" asks; "u wilt" says what the reader wants
        if token.lemma_ != "willen" and question:
            continue  # "Moet u toeslag terugbetalen?" asks whether a condition holds
        if token.lemma_ == "willen" and any(
            t.lower_ == "dat" and t.dep_ == "mark" for t in sentence
        ):
            continue  # "Wilt u dat wij …?": a permission question
        verb = _infinitive_under(head)
        if verb is None and token.dep_ == "aux" and head.is_alpha and head.lower_.endswith("en"):
            verb = head  # "U moet de tuin opruimen": the tagger took "opruimen" for a noun
        if verb is not None:
            return verb
    return None


def _asking(sentence: Span) -> Token | None:
    """ "Wij vragen u …", "Wij verzoeken u …", "U wordt verzocht …": the action asked for."""
    if _ASKING_IDS.isdisjoint(lemma_ids(sentence.doc)):
        return None
    for token in sentence:
        if token.lemma_ not in _ASKING_LEMMAS or not _main_clause(token, token):
            continue
        children = list(token.children)
        by_writer = any(c.dep_ == "nsubj" and c.lower_ in _WRITER for c in children) and any(
            c.dep_ in ("obj", "iobj") and c.lower_ in _READER for c in children
        )
        passive = _reader_subject(token) and any(c.dep_ == "aux:pass" for c in children)
        if not (by_writer or passive):
            continue
        for child in children:
            if child.dep_ in ("xcomp", "ccomp") and child.tag_.startswith("WW|inf"):
                return child
    return None


def request_of(sentence: Span, previous: Span | None = None) -> Request | None:
    """The request this sentence makes, or None."""
    verb = _request_verb(sentence)
    if verb is None:
        return None
    return Request(sentence, verb, _conditional(sentence, verb, previous))


@_per_sentence
def _request_verb(sentence: Span) -> Token | None:
    """The verb of the action the sentence asks for, or None."""
    text = span_text(sentence).strip()
    if not text or _RULE_START.match(text) or _HABIT.search(text):
        return None
    question = text.endswith("?")
    verb = None if question else _imperative_verb(sentence)
    if verb is None:
        verb = _modal_request(sentence)
    if verb is None and not question:
        verb = _asking(sentence)
    return verb


def _conditional(sentence: Span, verb: Token, previous: Span | None) -> bool:
    if previous is not None and is_conditional_question(span_text(previous)):
        return True  # "Bent u het niet eens? Stuur dan …"
    if _CONDITION_START.match(span_text(sentence)):
        return True
    for token in sentence:
        if token.lower_ == "dan" and token.pos_ == "ADV":
            return True  # "Stuur het dan terug", "U moet het bedrag dan … terugbetalen"
        if token.dep_ == "mark" and token.lower_ in _CONDITION_MARKS:
            return True
    return False


def requests(doc) -> list[Request]:
    """Every request in a parsed block, conditional ones included; once per doc (in its
    ``user_data``: the doc alone decides), so not to be changed by the caller."""
    found = doc.user_data.get(_REQUESTS)
    if found is not None:
        return found
    out, previous = [], None
    for sentence in doc_sentences(doc):
        request = request_of(sentence, previous)
        if request is not None:
            out.append(request)
        previous = sentence
    doc.user_data[_REQUESTS] = out
    return out


_REQUESTS = "lint_brieven.requests"  # doc.user_data: ``requests(doc)``


def requests_in(doc) -> list[Span]:
    """The sentences that ask every reader to do something (not the conditional ones: "Heeft
    u vragen? Bel ons dan.")."""
    return [r.sentence for r in requests(doc) if not r.conditional]


def infinitive(verb: Token) -> str:
    """The infinitive of a verb with its particle ("terugsturen"). An imperative is its own
    stem ("Stuur"), so its infinitive is built from that."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "compound:prt"), "")
    lemma = verb.lemma_.lower()
    if verb.tag_.startswith("WW|pv|tgw|ev") and not lemma.endswith("n"):
        lemma = infinitive_of(verb.lower_) or lemma
    if lemma == "laten" and any(c.lemma_ == "weten" for c in verb.children):
        return "laten weten"
    return lemma if lemma.startswith(particle) else particle + lemma


def action_verb(sentence: Span) -> str:
    """The infinitive of the action a request is about ("terugsturen"); for a sentence that
    makes no request, of its main verb."""
    request = request_of(sentence)
    return infinitive(request.verb if request is not None else sentence.root)


# Verbs for the same action, so a request and its steps are recognised as one.
_SAME_ACTION = {
    "bijbetalen": "betalen",
    "overmaken": "betalen",
    "terugbetalen": "betalen",
    "voldoen": "betalen",
    "terugsturen": "sturen",
    "opsturen": "sturen",
    "insturen": "sturen",
    "toesturen": "sturen",
    "doorsturen": "sturen",
    "versturen": "sturen",
    "retourneren": "sturen",
    "melden": "doorgeven",
    "laten weten": "doorgeven",
    "inleveren": "leveren",
    "terugbrengen": "brengen",
}


def action(sentence: Span) -> str:
    """The action a request is about, verbs for the same action made one ("overmaken",
    "bijbetalen" → "betalen")."""
    verb = action_verb(sentence)
    return _SAME_ACTION.get(verb, verb)


# What each kind of action needs the letter to say: by when, and how or where. Handing in,
# sending, paying and passing on need both; applying for something needs a way; signing a
# moment. Actions not listed need neither ("Neem uw identiteitskaart mee", "Bel ons").
SEND = "sturen"
HAND_IN = "inleveren"
PAY = "betalen"
REPORT = "doorgeven"
APPLY = "aanvragen"
SIGN = "tekenen"
KINDS = {
    SEND: {
        "sturen",
        "terugsturen",
        "opsturen",
        "insturen",
        "toesturen",
        "versturen",
        "retourneren",
        "indienen",
        "aanleveren",
        "uploaden",
    },
    HAND_IN: {
        "inleveren",
        "leveren",
        "terugbrengen",
        "bezorgen",
        "brengen",
        "afgeven",
        "teruggeven",
    },
    PAY: {"betalen", "overmaken", "bijbetalen", "terugbetalen", "voldoen", "storten"},
    REPORT: {
        "doorgeven",
        "opgeven",
        "melden",
        "laten weten",
        "reageren",
        "aanmelden",
        "afmelden",
        "opzeggen",
        "inschrijven",
        "uitschrijven",
    },
    APPLY: {"aanvragen"},
    SIGN: {"tekenen", "ondertekenen"},
}
NEEDS = {  # kind → (needs a moment, needs a way)
    SEND: (True, True),
    HAND_IN: (True, True),
    PAY: (True, True),
    REPORT: (True, True),
    APPLY: (False, True),
    SIGN: (True, False),
}


def kind_of(verb: str) -> str | None:
    """The kind of action of an infinitive, or None when it needs no deadline or way."""
    for kind, verbs in KINDS.items():
        if verb in verbs:
            return kind
    return None


def asks_to_hand_in(sentence: Span) -> bool:
    """Whether the sentence asks to hand in, send, pay, pass on, apply for or sign something."""
    request = request_of(sentence)
    return request is not None and kind_of(request.infinitive) is not None
