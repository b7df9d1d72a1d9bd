"""A request to hand in, send, pay or pass on something says by when and how. "Stuur het
formulier terug." leaves both open; "Stuur het formulier vóór 1 mei terug in de
antwoordenvelop." does not.

Only real requests to the reader count (see ``dutch/requests.py``): not information ("het
bedrag dat u moet betalen"), options ("U kunt …"), offers under "Heeft u vragen?", examples
("Bijvoorbeeld: … Stuur uw verzoekschrift vóór 1 november op"), or lines without a full stop
(links and buttons on a web page: "Meld een lastige tekst").

Where the letter says it counts: the request itself, the sentence before and after it, a
list of steps right after it (or the introduction of the list it is in), the heading above
it; and a request for the same action elsewhere in the letter ("U moet nog € 100 betalen" in
the opening, "Betaal € 100 uiterlijk 1 mei via …" in the steps). A payment's way may be the
account number anywhere in the letter.

By when is asked only in a complete letter to the tenant: a fragment's deadline may be in
the letter around it, and a web page explains a procedure for everyone ("binnen 6 weken").
Conditional requests ("Bent u het niet eens? Stuur dan …") are asked in a complete letter
only, for the same reason. A tenant's letter to the landlord is never asked.

The proposal names what is missing with the organisation's own channels: "vóór [datum]",
"stuur het naar {organisatie.postadres}", "bel {organisatie.telefoon}".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, fill, found_in, per_block
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.clauses import sentence_span
from lint_brieven.dutch.letter_parts import document_kind
from lint_brieven.dutch.requests import (
    APPLY,
    CHANNEL,
    DEADLINE,
    DESTINATION,
    HAND_IN,
    MOMENT,
    NEEDS,
    PAY,
    PAYMENT,
    REPORT,
    SEND,
    SIGN,
    Request,
    is_conditional_question,
    kind_of,
    requests,
)
from lint_brieven.findings import Suggestion
from lint_brieven.letter import Block, BlockKind, DocumentKind

_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
_EXAMPLE = re.compile(r"^\s*(?:bijvoorbeeld|voorbeeld)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
# A question that offers help ("Heeft u vragen?", "Wilt u meer weten?"): what follows are
# ways to reach us, not requests.
_OFFER = re.compile(
    r"\b(?:vragen|vraag|hulp|meer weten|informatie|opmerkingen|klachten|contact)\b", re.I
)
# A heading above an example ("Voorbeeld").
_EXAMPLE_HEADING = re.compile(r"\bvoorbeeld(?:en)?\b", re.IGNORECASE)

_MISSING = {  # (says when, says how) → what the message says is missing
    (False, True): "vóór wanneer de huurder het moet doen",
    (True, False): "hoe of waar de huurder het doet",
    (False, False): "vóór wanneer en hoe de huurder het doet",
}
_PHONE_OR_MAIL = r"@|\b0\d{2}[ -]?\d|\b0[89]00\b|\b14 ?0\d\d\b|www\.|\bwebsite\b"
# Ways the whole letter gives that answer "how" wherever the request stands: an account
# number for a payment, a postal address or e-mail to send something to, a phone number,
# e-mail address or website to pass something on or apply. Handing in needs a place near.
_LETTER_WIDE = {
    SEND: re.compile(r"\bpostbus\b|\bantwoordnummer\b|\bantwoordenvelop\b|@", re.I),
    REPORT: re.compile(_PHONE_OR_MAIL, re.I),
    APPLY: re.compile(_PHONE_OR_MAIL, re.I),
}
# each distinct pattern with the kinds it answers, searched once per block (REPORT and APPLY
# share theirs; ``re.compile`` gives the same object for the same pattern and flags, and
# searching equal patterns gives the same answer, so equal ones are searched once)
_WAYS: dict[tuple[str, int], tuple[re.Pattern[str], list[str]]] = {}
for _kind, _pattern in _LETTER_WIDE.items():
    _WAYS.setdefault((_pattern.pattern, _pattern.flags), (_pattern, []))[1].append(_kind)
# each with the strings it cannot match without (``needed_text``: a text without any is
# passed by unsearched)
_WAYS_NEEDED = [(needed(p), p, kinds) for p, kinds in _WAYS.values()]
_PAYMENT_NEEDED = needed(PAYMENT)
_WHEN = "vóór [datum]"
_HOW = {
    SEND: "stuur het naar {organisatie.postadres} of mail het naar {organisatie.email}",
    HAND_IN: "lever het in bij de balie ({organisatie.balie})",
    PAY: "maak het bedrag over naar {organisatie.iban}",
    REPORT: "bel {organisatie.telefoon} of mail naar {organisatie.email}",
    APPLY: "vraag het aan via {organisatie.website} of bel {organisatie.telefoon}",
    SIGN: "",
}


@dataclass(frozen=True)
class _Asked:
    block: int
    request: Request
    kind: str
    when: bool
    how: bool


@dataclass(frozen=True)
class _Block:
    """What the check reads in one parsed block, whatever letter it is in (worked out once per
    file: template variants share their blocks): its text, the text of each sentence, the
    kinds of action whose way the block gives for the whole letter, whether it gives an
    account number in a sentence, whether it is an example."""

    text: str
    sentences: tuple[str, ...]
    ways: frozenset[str]
    pays: bool
    example: bool  # "Bijvoorbeeld: …"


@dataclass(frozen=True)
class _Found:
    """A request in a block that needs a deadline or a way: its kind and its sentence's
    position in the block."""

    request: Request
    kind: str
    position: int


def _block(doc: Doc) -> _Block:
    text = doc_text(doc)
    # the letter-wide ways never span two blocks, so each block can be searched alone
    ways = frozenset(
        k for n, p, kinds in _WAYS_NEEDED if may_match(n, text) and p.search(text) for k in kinds
    )
    return _Block(
        text,
        tuple(span_text(s) for s in doc_sentences(doc)),
        ways,
        bool(may_match(_PAYMENT_NEEDED, text) and PAYMENT.search(text) and _has_verb(doc)),
        bool(_EXAMPLE.match(text)),
    )


def _found(doc: Doc) -> tuple[_Found, ...]:
    """The requests in a block that ask for an action with a deadline or a way."""
    sentences = doc_sentences(doc)
    out = []
    for request in requests(doc):
        sentence = request.sentence
        kind = kind_of(request.infinitive)
        if kind is None:
            continue
        if len(sentences) == 1 and not _SENTENCE_END.search(span_text(sentence)):
            continue  # a link or a button: "Meld een lastige tekst"
        position = next(i for i, s in enumerate(sentences) if s.start == sentence.start)
        out.append(_Found(request, kind, position))
    return tuple(out)


@register("request-details")
class RequestDetails(Detector):
    scope = "letter"  # details given anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        kind = document_kind(letter.letter)
        if kind is DocumentKind.TENANT_LETTER:
            return  # the tenant asks the landlord: not our request to the tenant
        complete = kind is DocumentKind.LETTER
        blocks = per_block(letter, "request-details:block", _block)
        # ways the whole letter gives, for the kinds of action any reader can use them for;
        # an account number only in a sentence (not the letterhead's "KvK … · IBAN …")
        anywhere = {k: any(k in b.ways for b in blocks) for k in _LETTER_WIDE}
        anywhere[PAY] = any(b.pays for b in blocks)
        reported = set()
        asked = [a for a in self._requests(letter, blocks) if complete or not a.request.conditional]
        # A request is specified once for the letter: "U moet nog € 100 betalen" in the
        # opening is fine when "Betaal € 100 uiterlijk 1 mei via …" follows in the steps.
        done_when = {a.request.action for a in asked if a.when}
        done_how = {a.request.action for a in asked if a.how}
        for item in asked:
            if item.request.conditional and not complete:
                continue
            needs_when, needs_how = NEEDS[item.kind]
            when = not (needs_when and complete) or item.when or item.request.action in done_when
            how = (
                not needs_how
                or item.how
                or item.request.action in done_how
                or anywhere.get(item.kind, False)
            )
            if when and how or (item.request.action, when, how) in reported:
                continue  # said, or already reported for this action
            reported.add((item.request.action, when, how))
            missing = _MISSING[(when, how)]
            parts = [p for p, ok in ((_WHEN, when), (_HOW[item.kind], how)) if not ok and p]
            proposal = fill("; ".join(parts), ctx)
            start, end, stripped = sentence_span(item.request.sentence)
            yield Found(
                item.block,
                start,
                end,
                stripped,
                {"missing": missing, "voorstel": proposal},
                (Suggestion(f"Vul aan: {proposal}.", False, False),),
            )

    def _requests(self, letter: AnalysedLetter, parsed: list[_Block]) -> Iterable[_Asked]:
        blocks = letter.letter.blocks
        for index, asked in found_in(letter, "request-details:requests", _found):
            if blocks[index].kind not in _TEXT_KINDS:
                continue  # a heading announces ("Dit moet u nog betalen"); it asks nothing
            if parsed[index].example:
                continue  # "Bijvoorbeeld: … Stuur uw verzoekschrift vóór 1 november op."
            heading = next(  # the heading above this block
                (b.text.strip() for b in reversed(blocks[:index]) if b.kind is BlockKind.HEADING),
                "",
            )
            before = parsed[index - 1].text.strip() if index else ""  # "Heeft u vragen?"
            if _EXAMPLE_HEADING.search(heading) or any(
                _OFFER.search(t) for t in (heading, before) if is_conditional_question(t)
            ):
                continue  # under "Heeft u vragen?": ways to reach us; under "Voorbeeld"
            # under "Bent u het niet eens?": for some readers only
            for_some = any(is_conditional_question(t) for t in (heading, before))
            for found in asked:
                request = found.request
                around = " ".join([heading, *_around(blocks, parsed, index, found.position)])
                if for_some and not request.conditional:
                    request = Request(request.sentence, request.verb, True)
                when, how = _says(letter.shared, around, found.kind == PAY)
                yield _Asked(index, request, found.kind, when, how)


def _says(known: dict, around: str, pay: bool) -> tuple[bool, bool]:
    """Whether the text around a request says by when, and how (for a payment: also an
    account number); kept in ``known`` (the variants of a template share most of it)."""
    key = ("request-details:says", around, pay)
    found = known.get(key)
    if found is None:
        found = known[key] = (
            bool(DEADLINE.search(around) or MOMENT.search(around)),
            bool(
                CHANNEL.search(around)
                or DESTINATION.search(around)
                or (pay and PAYMENT.search(around))
            ),
        )
    return found


def _around(blocks: Sequence[Block], parsed: list[_Block], index: int, position: int) -> list[str]:
    """The request (the sentence at ``position`` in block ``index``), the sentence before and
    after it, a list right after it or the introduction of the list it is in."""
    sentences = parsed[index].sentences
    out = list(sentences[max(0, position - 1) : position + 2])
    if position == 0 and index > 0 and blocks[index - 1].kind in _TEXT_KINDS:
        out.append(parsed[index - 1].sentences[-1])
    last = position == len(sentences) - 1
    following = index + 1
    if last and following < len(blocks) and blocks[following].kind in _TEXT_KINDS:
        steps = blocks[following].kind is BlockKind.LIST_ITEM
        if steps or sentences[position].rstrip().endswith(":"):
            # the steps or the address right after it
            while following < len(blocks) and blocks[following].kind in _TEXT_KINDS:
                out.append(parsed[following].text)
                if blocks[following].kind is not BlockKind.LIST_ITEM and following > index + 1:
                    break
                following += 1
        else:
            out.append(parsed[following].sentences[0])
    if blocks[index].kind is BlockKind.LIST_ITEM:
        start = index
        while start > 0 and blocks[start - 1].kind is BlockKind.LIST_ITEM:
            start -= 1
        if start > 0 and blocks[start - 1].kind is BlockKind.PARAGRAPH:
            out.append(parsed[start - 1].text)  # "Doe dit vóór 1 mei:"
    return out


def _has_verb(doc) -> bool:
    return any(t.tag_.startswith("WW|pv") for t in doc)
