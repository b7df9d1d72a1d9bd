"""Requests for action in a letter, and whether they say by when and how.

A request is a sentence that asks the tenant to do something: an imperative ("Stuur het
formulier terug"), "u moet", "wilt u", "u dient", "graag … u", "wij vragen/verzoeken u". Not
requests: questions that offer help ("Heeft u vragen?"), what follows such a question ("Bel
ons dan"), conditional offers ("Als u wilt, kunt u …"), permission questions ("Wilt u dat
wij …?") and statements of a rule ("Volgens de wet moet u …").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

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
CHANNEL = re.compile(
    r"\b(?:bel|belt|bellen|mail|mailt|e-?mail|website|www\.\S+|portaal|app|balie|kantoor|"
    r"langs(?:komen)?|post|per brief|antwoordenvelop|envelop|brievenbus|"
    r"telefoon\w*|telefonisch|online|inloggen|log\w* in|via)\b|@|\b0\d{2}[ -]?\d",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(
    r"^\s*(?:als|wanneer|indien|mocht|heeft u|hebt u|bent u|wilt u meer|wil je meer|zijn er)\b",
    re.IGNORECASE,
)
# Offers, permission questions and statements of a rule: "u kunt …", "Wilt u dat wij …",
# "Volgens de wet moet u …".
_NOT_ASKING = re.compile(
    r"\bkunt u\b|\bu kunt\b|\bwilt u dat (?:wij|we)\b|^\s*volgens\b", re.IGNORECASE
)
_ASKING = re.compile(
    r"\b(?:u moet|moet u|wilt u|u dient|dient u|wij vragen u|we vragen u|wij verzoeken u|"
    r"verzoeken wij u|vragen wij u)\b|\bgraag\b.*\bu\b",
    re.IGNORECASE,
)


_YES_NO_QUESTION = re.compile(
    r"^\s*(?:heeft|hebt|bent|wilt|wil|kunt|kan|is|zijn|gaat|komt|mocht|vragen|klachten)\b.*\?\s*$",
    re.IGNORECASE | re.DOTALL,
)


def is_conditional_question(text: str) -> bool:
    """ "Heeft u vragen?", "Bent u niet thuis?": what follows is an offer, not a request."""
    return bool(_YES_NO_QUESTION.match(text))


def is_imperative(sentence: Span) -> bool:
    """First word a finite verb in the singular present, with no subject: "Stuur …", "Bel …"."""
    words = [t for t in sentence if not (t.is_punct or t.is_space or t.like_num)]
    if not words:
        return False
    first = words[0]
    if not first.tag_.startswith("WW|pv|tgw|ev") or not first.text[:1].isupper():
        return False
    verb = first if first.dep_ == "ROOT" else first.head
    return not any(c.dep_.startswith("nsubj") for c in verb.children)


def is_request(sentence: Span, previous: Span | None = None) -> bool:
    text = sentence.text.strip()
    if not text or text.endswith("?") and not _ASKING.search(text):
        return False
    if _CONDITIONAL.match(text) or _NOT_ASKING.search(text):
        return False
    if previous is not None and is_conditional_question(previous.text):
        return False  # "Heeft u vragen? Bel ons dan."
    return is_imperative(sentence) or bool(_ASKING.search(text))


def requests_in(doc) -> list[Span]:
    out, previous = [], None
    for sentence in doc.sents:
        if is_request(sentence, previous):
            out.append(sentence)
        previous = sentence
    return out


# Requests that ask the tenant to hand in, pass on, pay or arrange something: these need a
# deadline and a way to do it. ("Neem uw identiteitskaart mee" does not.)
HAND_IN = {
    "sturen",
    "terugsturen",
    "opsturen",
    "insturen",
    "toesturen",
    "inleveren",
    "leveren",
    "doorgeven",
    "geven",
    "melden",
    "doorsturen",
    "invullen",
    "betalen",
    "overmaken",
    "bellen",
    "mailen",
    "reageren",
    "laten",
    "opzeggen",
    "tekenen",
    "ondertekenen",
    "aanvragen",
    "indienen",
    "regelen",
    "afspreken",
    "uploaden",
    "aanmelden",
    "afmelden",
    "opnemen",
    "inschrijven",
    "aanleveren",
    "bezorgen",
    "brengen",
    "terugbrengen",
    "contacteren",
}


def action_verb(sentence: Span) -> str:
    """The infinitive of the verb the request is about, with its particle ("terugsturen").
    An imperative is its own stem ("Stuur"), so its infinitive is built from that."""
    root = sentence.root
    verb = next(
        (c for c in root.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), root
    )
    particle = next((c.lower_ for c in verb.children if c.dep_ == "compound:prt"), "")
    lemma = verb.lemma_.lower()
    if verb.tag_.startswith("WW|pv|tgw|ev") and not lemma.endswith("n"):
        lemma = infinitive_of(verb.lower_) or lemma
    return lemma if lemma.startswith(particle) else particle + lemma


# Verbs for the same action, so a request and its steps are recognised as one.
_SAME_ACTION = {
    "bijbetalen": "betalen",
    "overmaken": "betalen",
    "terugbetalen": "betalen",
    "terugsturen": "sturen",
    "opsturen": "sturen",
    "insturen": "sturen",
    "toesturen": "sturen",
    "doorsturen": "sturen",
    "melden": "doorgeven",
    "laten": "doorgeven",
    "inleveren": "leveren",
    "terugbrengen": "brengen",
}


def action(sentence: Span) -> str:
    """The action a request is about, verbs for the same action made one ("overmaken",
    "bijbetalen" → "betalen")."""
    verb = action_verb(sentence)
    return _SAME_ACTION.get(verb, verb)


def asks_to_hand_in(sentence: Span) -> bool:
    verb = action_verb(sentence)
    return verb in HAND_IN or any(verb.endswith(v) for v in HAND_IN if len(v) > 5)
