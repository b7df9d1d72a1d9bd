"""Requests for action in a letter, and whether they say by when and how.

A request is a sentence that asks the tenant to do something: an imperative ("Stuur het
formulier terug"), "u moet", "wilt u", "u dient", "graag … u", "wij vragen/verzoeken u". Not
requests: questions that offer help ("Heeft u vragen?"), what follows such a question ("Bel
ons dan"), conditional offers ("Als u wilt, kunt u …").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
DEADLINE = re.compile(
    rf"\b\d{{1,2}}(?:e)? (?:{_MONTHS})\b|\b\d{{1,2}}[-/]\d{{1,2}}(?:[-/]\d{{2,4}})?\b"
    rf"|\b(?:{_DAYS})\b|\b(?:vóór|voor|uiterlijk|binnen|tot|na) (?:\w+ )?(?:dagen|weken|werkdagen|maanden|week|dag)\b"
    r"|\buiterlijk\b|\bvandaag\b|\bmorgen\b|\bdeze week\b|\bvolgende week\b|\bop de dag\b"
    r"|\bbij (?:uw )?vertrek\b|\bvoordat\b|\bzodra\b|\bdirect\b|\bmeteen\b",
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
_ASKING = re.compile(
    r"\b(?:u moet|moet u|wilt u|u dient|dient u|wij vragen u|we vragen u|wij verzoeken u|"
    r"verzoeken wij u|vragen wij u)\b|\bgraag\b.*\bu\b",
    re.IGNORECASE,
)


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
    if _CONDITIONAL.match(text) or re.search(r"\bkunt u\b|\bu kunt\b", text, re.IGNORECASE):
        return False
    if previous is not None and previous.text.strip().endswith("?"):
        return False  # "Heeft u vragen? Bel ons dan."
    return is_imperative(sentence) or bool(_ASKING.search(text))


def requests_in(doc) -> list[Span]:
    out, previous = [], None
    for sentence in doc.sents:
        if is_request(sentence, previous):
            out.append(sentence)
        previous = sentence
    return out
