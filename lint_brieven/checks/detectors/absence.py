"""An absence without a stand-in: "Van 26 april tot 6 mei ben ik met vakantie", "Tijdens mijn
vakantie ben ik niet bereikbaar", "Ons kantoor is gesloten van 24 december tot 2 januari".
The tenant with a question in that time does not know whom to call instead.

The writer's own absence (ik/wij/mijn, or the office or the counter closed), not the tenant's
("Bent u met vakantie?") and not in the past. A stand-in in that sentence or the two after it
clears it: a colleague or a team, someone who takes over, "terecht bij", "bel dan met …", the
switchboard, an emergency number, mail that is forwarded. Not in a tenant's letter to the
landlord.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, per_block
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.letter_parts import document_kind
from lint_brieven.letter import DocumentKind

_AWAY = (
    r"(?:afwezig|met vakantie|op vakantie|met \w*verlof|op \w*verlof|niet aanwezig|"
    r"niet bereikbaar|niet op kantoor|niet op het werk|niet werkzaam|er niet)"
)
# "niet bereikbaar", "er niet": an absence only with a time ("op vrijdag", "van 3 tot 14
# augustus"); "Ik ben er niet van overtuigd" and "niet bereikbaar via WhatsApp" are none.
_GENERIC = re.compile(
    r"\bniet (?:aanwezig|bereikbaar|op kantoor|op het werk|werkzaam)\b|\ber niet\b"
)
_TIME = re.compile(
    r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:en|middag|ochtend)?\b"
    r"|\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)\b|\b(?:van|vanaf|tot|tot en met|t/m|tussen|in week) \d"
    r"|\btijdens (?:de|mijn|onze|het)\b|\b(?:deze|volgende|die) week\b"
    r"|\b\d{1,2}[-/]\d{1,2}\b",
    re.IGNORECASE,
)
ABSENCE = re.compile(
    rf"\b(?:ik|wij|we)\b[^.?!\n]{{0,40}}?\b(?:ben|zijn)\b[^.?!\n]{{0,40}}?\b{_AWAY}"
    rf"|\b(?:ben|zijn) (?:ik|wij|we)\b[^.?!\n]{{0,40}}?\b{_AWAY}"
    r"|\btijdens mijn (?:vakantie|afwezigheid|verlof)\b"
    r"|\bik werk niet op\b"
    r"|\bop (?:maandag|dinsdag|woensdag|donderdag|vrijdag)(?:en)? werk ik niet\b"
    r"|\b(?:ons|het) (?:kantoor|wijkkantoor|klantcontactcentrum)\b[^.?!\n]{0,40}?\b(?:is|zijn)\b"
    r"[^.?!\n]{0,40}?\b(?:gesloten|dicht)\b"
    r"|\bde balie is\b[^.?!\n]{0,40}?\b(?:gesloten|dicht)\b"
    r"|\b(?:zijn|is) (?:wij|we|ons kantoor|de balie)\b[^.?!\n]{0,40}?\b(?:gesloten|dicht)\b",
    re.IGNORECASE,
)
STAND_IN = re.compile(
    r"\bcollega|\bvervang(?:er|ster|t|en)\b|\bwaarne(?:em|men|emt|mer)|\bterecht bij\b"
    r"|\bneemt\b[^.?!]{0,40}\b(?:over|waar)\b|\boverneemt\b"
    r"|\bcontact (?:op ?nemen |opnemen |op )?met (?!mij\b|ondergetekende\b)"
    r"|\bbel(?:t u)? (?:dan )?(?:met|naar) (?!mij\b)|\bbellen (?:met|naar) (?!mij\b)"
    r"|\b(?:mail|mailt|mailen|e-?mail|stuur|stuurt)\b[^.?!]{0,30}?\bnaar\b|\bdoorgestuurd\b"
    r"|\bklantenservice\b|\bklantcontactcentrum\b"
    r"|\b(?:algemene?|centrale) (?:telefoon)?nummer\b|\breceptie\b|\bspoed|\bstoring"
    r"|\bnoodnummer\b|\bteam\b|\bafdeling\b",
    re.IGNORECASE,
)
_CLOSED = re.compile(r"\b(?:gesloten|dicht)\b", re.IGNORECASE)
# A closure out of the ordinary: dates or a holiday, not the weekly opening hours.
_PERIOD = re.compile(
    r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)\b|\b\d{1,2}[-/]\d{1,2}\b|\b(?:van|vanaf|tot|t/m) \d"
    r"|\b(?:feestdagen|kerst\w*|vakantie\w*|bouwvak|verbouwing|verhuizing|storing)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|waren|ben geweest|zijn geweest)\b", re.IGNORECASE)


@register("absence-without-stand-in")
class AbsenceWithoutStandIn(Detector):
    scope = "letter"  # the kind of text, and a stand-in named anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if document_kind(letter.letter) is DocumentKind.TENANT_LETTER:
            return
        flat = [
            (i, sentence)
            for i, sentences in enumerate(per_block(letter, "absence-without-stand-in", _sentences))
            for sentence in sentences
        ]
        for number, (index, (_text, absence)) in enumerate(flat):
            if absence is None:
                continue
            after = " ".join(text for _, (text, _) in flat[number : number + 3])
            if STAND_IN.search(after):
                continue
            yield Found(index, *absence)


def _sentences(doc: Doc) -> list[tuple[str, tuple[int, int, str] | None]]:
    """Each sentence of a doc, with the writer's absence it tells of (start, end and text in
    the doc) when it tells of one; whether a stand-in is named is for the letter to say."""
    out: list[tuple[str, tuple[int, int, str] | None]] = []
    # (a sentence's text is a part of the doc's: without an ABSENCE there, there is none)
    told = may_match(_ABSENCE_NEEDED, doc_text(doc))
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        out.append((text, _absence(sentence.start_char, text) if told else None))
    return out


_ABSENCE_NEEDED = needed(ABSENCE)  # the strings ABSENCE cannot match without (needed_text)


def _absence(offset: int, text: str) -> tuple[int, int, str] | None:
    match = ABSENCE.search(text)
    if match is None or text.strip().endswith("?") or _PAST.search(text):
        return None
    if _GENERIC.search(match.group()) and not _TIME.search(text):
        return None  # "niet bereikbaar via WhatsApp": no absence
    if _CLOSED.search(match.group()) and not _PERIOD.search(text):
        return None  # "Het kantoor is op zaterdag gesloten": opening hours
    start = offset + match.start()
    return start, start + len(match.group()), match.group()
