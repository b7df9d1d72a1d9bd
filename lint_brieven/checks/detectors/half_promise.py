"""Half promises: a hope or a condition presented as a plan. "In principe komt de monteur op
dinsdag", "De werkzaamheden zijn naar verwachting eind mei klaar", "Als alles meezit, is uw
keuken voor de zomer klaar", "Wij streven ernaar uw reparatie binnen een week uit te voeren".
It sounds like an agreement, but the tenant does not know where he stands when it does not
work out.

- "in principe" hides an exception: found wherever it stands (also in a rule: "Containers
  zijn in principe 240 liter"), unless the exception is named ("behalve", "tenzij", "maar
  als …").
- "naar verwachting", "als alles meezit", "waarschijnlijk", "het is de bedoeling dat": only on
  the organisation's commitment or plan (``dutch.commitments``).
- an effort or aim ("wij streven ernaar", "wij doen ons best", "zo mogelijk", "waar mogelijk"):
  only when it qualifies a date, a term or a period (also a vague one: "binnen een redelijke
  termijn"). "Wij doen ons best de hinder te beperken"
  promises no moment and is sympathy, not a half promise.
An estimate is honest when the text says when the exact date comes ("Voor de start krijgt u
een brief met de dag en het tijdstip"): then only "in principe" is found. None of them when the
text says what happens if it does not work out ("Lukt dat niet, dan
bellen wij u", "Bij vertraging laten wij het u weten", "De planning is afhankelijk van het
weer"), and none in a request or a question ("Wilt u zo mogelijk thuis zijn?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from spacy.tokens import Doc, Span, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext, found_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.commitments import (
    DATE_OR_TERM,
    PERIOD,
    VAGUE,
    commitment,
    is_request_or_question,
    names_follow_up,
    verb_of,
)

PRINCIPLE = re.compile(r"\bin principe\b", re.IGNORECASE)
EXPECTED = re.compile(
    r"\bnaar (?:alle )?verwachting\b|\bals (?:alles|het) (?:meezit|mee zit|goed gaat|"
    r"volgens (?:plan|planning) (?:verloopt|gaat))\b|\bwaarschijnlijk\b|\bvermoedelijk\b"
    r"|\bhet is de bedoeling dat\b|\bde verwachting is dat\b|\bals het weer het toelaat\b",
    re.IGNORECASE,
)
EFFORT = re.compile(
    r"\b(?:wij|we|ik) (?:streven|streef) (?:er ?naar|naar)\b"
    r"|\bstreven (?:wij|we) (?:er ?naar|naar)\b|\b(?:ons|het) streven is\b"
    r"|\b(?:wij|we|ik) (?:doen|doe) (?:ons|onze|mijn) (?:uiterste )?best\b"
    r"|\b(?:doen (?:wij|we)|doe ik) (?:ons|onze|mijn) (?:uiterste )?best\b"
    r"|\b(?:zo|waar) mogelijk\b",
    re.IGNORECASE,
)
DAY = re.compile(
    r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:ochtend|middag|avond)?\b"
    r"|\b(?:volgende|deze|komende) week\b|\bmorgen\b",
    re.IGNORECASE,
)
_TERM = re.compile(r"\btermijn\b", re.IGNORECASE)  # "binnen een redelijke termijn"
# The exception or what happens if it does not work out is named.
FALLBACK = re.compile(
    r"\bbehalve\b|\btenzij\b|\buitzondering|\bmaar (?:als|bij|wanneer)\b"
    r"|\blukt (?:dat|dit|het)(?: ons)? niet\b|\b(?:als|wanneer) (?:dat|dit|het) niet lukt\b"
    r"|\bbij (?:vertraging|uitstel|slecht weer)\b|\bvertraging\b|\buitloopt\b"
    r"|\b(?:verandert|wijzigt) (?:de planning|dit|dat|er iets)\b"
    r"|\b(?:als|wanneer) (?:de planning|dit|dat) (?:verandert|wijzigt)\b"
    r"|\bafhankelijk van\b|\bonder voorbehoud\b"
    r"|\b(?:laten|laat) (?:wij|we|ik) (?:het )?u (?:dat |dit |het )?(?:tijdig |op tijd |"
    r"direct |meteen |zo snel mogelijk )?weten\b",
    re.IGNORECASE,
)
_HEDGES = (PRINCIPLE, EXPECTED, EFFORT)
# each with the strings it cannot match without (``needed_text``): a pattern the text of a
# block cannot match is not searched in its sentences (parts of that text)
_HEDGES_NEEDED = [(needed(p), p) for p in _HEDGES]


@register("half-promise")
class HalfPromise(Detector):
    scope = "letter"  # a follow-up named anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        organisation = ctx.organisation.get("naam", "")
        # the text says when the exact date comes: an estimate before it is honest
        follow_up = names_follow_up(letter)
        # the rest depends on the block alone: worked out once per file (template variants
        # share their blocks)
        name = f"half-promise:{follow_up}:{organisation}"
        for index, hedges in found_in(letter, name, partial(_hedges, organisation, follow_up)):
            for start, end, text in hedges:
                yield Found(index, start, end, text)


def _hedges(organisation: str, follow_up: bool, doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """The half promises in a block: the first hedge of each sentence that is no request or
    question and does not say (with the sentence after it) what happens if it does not work
    out; as (start, end, text)."""
    found: list[tuple[int, int, str]] = []
    text = doc_text(doc)
    hedges = [p for n, p in _HEDGES_NEEDED if may_match(n, text)]
    if not hedges:
        return ()  # (nor has any sentence, a part of the text, a hedge)
    sentences = doc_sentences(doc)
    texts = [span_text(s) for s in sentences]
    for number, sentence in enumerate(sentences):
        if not any(pattern.search(texts[number]) for pattern in hedges):
            continue  # no hedge in it: nothing to find
        if is_request_or_question(sentence):
            continue
        following = texts[number + 1] if number + 1 < len(sentences) else ""
        if FALLBACK.search(texts[number] + " " + following):
            continue
        hedge = _hedge(doc, sentence, organisation, follow_up)
        if hedge is not None:
            found.append((hedge.start_char, hedge.end_char, hedge.text))
    return tuple(found)


def _hedge(doc, sentence: Span, organisation: str, follow_up: bool) -> Span | None:
    """The first hedge in the sentence that qualifies a commitment or a plan ("in principe"
    only, when the text says when the exact date comes)."""
    text = span_text(sentence)
    timed = None  # whether it names a time: looked at when a hedge needs one
    for pattern, needs in ((PRINCIPLE, ""), (EXPECTED, "plan"), (EFFORT, "time")):
        for match in pattern.finditer(text):
            start = sentence.start_char + match.start()
            span = doc.char_span(start, start + len(match.group()), "expand")
            if span is None:
                continue
            if needs == "":
                return span
            if follow_up:
                continue
            if needs == "time" and timed is None:
                timed = any(p.search(text) for p in (DATE_OR_TERM, PERIOD, DAY, VAGUE, _TERM))
            if needs == "time" and not timed:
                continue
            if any(commitment(t, organisation, aims=True) for t in _anchors(span, sentence)):
                return span
    return None


def _anchors(span: Span, sentence: Span) -> list[Token]:
    """Where the commitment the hedge qualifies is: the hedge's own clause; for a hedge that
    is a clause of its own, the other clause: the main clause of "Als alles meezit, …", the
    dat-clause of "Het is de bedoeling dat …"."""
    words = [t for t in span if t.lower_ not in ("wij", "we", "ik")]
    own = words[-1] if words else span[-1]
    if span[0].lower_ == "als":
        return [verb_of(own).head]
    if span[-1].lower_ == "dat":
        return [span[-1].head]
    return [own]
