"""Named recognisers for what a letter states: a date, an amount in euros, an account number
(IBAN) or a payment link, a phone number, a term ("binnen 5 werkdagen"), who comes to do the
work, a template variable for the reported fault; and, for the whole letter, steps as a list
and a number to call. Rule packs name them in a content element
(``recogniser: date``); template placeholders of the right kind count too ({{ x|datum }},
[bedrag], «Telefoon»).

A part-level recogniser counts its occurrences in a part of the letter (one block or one
sentence, ``letter_body.Part``); a letter-level one answers for the whole letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

from lint_brieven.checks.base import CheckContext
from lint_brieven.dutch.letter_body import LetterBody, Part
from lint_brieven.letter import BlockKind, PlaceholderKind

_MONTH = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
# A day: "1 maart", "1e maart", "14 t/m 24 april" (its last day), "01-03-2026", "1/3/26";
# a week: "week 16", "in de week van 13 mei". Not a time ("9.00-12.00").
DATE = re.compile(
    rf"\b\d{{1,2}}(?:e|ste|de)? {_MONTH}(?!\w)"
    r"|(?<![\d.,])\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![\d.,]?\d)"
    r"|\bweek \d{1,2}\b",
    re.IGNORECASE,
)
# A month with its year ("in april 2026", "maart 2026"): a time, less than a day.
MONTH = re.compile(rf"\b{_MONTH} \d{{4}}\b", re.IGNORECASE)
AMOUNT = re.compile(
    r"€ ?\d|\bEUR ?\d|\b\d+(?:[.,]\d+)*(?:,[-–])? ?euro\b|\beuro ?\d", re.IGNORECASE
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2} ?(?:[A-Z0-9]{4} ?){2,7}[A-Z0-9]{1,4}\b")
_ACCOUNT = re.compile(r"\b(?:bank)?rekening(?:nummer)? (?:\w+ ){0,2}\d[\d. ]{5,}", re.I)
PAYMENT_LINK = re.compile(
    r"\bbetaal(?:link|pagina|verzoek|knop|portaal)\b|\bideal\b|\btikkie\b|\bacceptgiro\b"
    r"|\bbetaal\w* (?:\w+ ){0,4}(?:online|via (?:de |onze |uw |deze )?(?:website|app|link|"
    r"mijn\b|www\.))",
    re.IGNORECASE,
)
_PAYMENT_SOURCE = re.compile(r"iban|rekening|betaal|payment", re.IGNORECASE)
# A Dutch phone number, as rule LB301 reads it (not the digits of an IBAN), 0800/0900 and the
# municipalities' 14 + area code.
PHONE = regex.compile(
    r"(?<!(?-i:\b[A-Z]{2}\d{2} ?[A-Z]{4}) ?)(?<![\w+])(?:\+31[ -]?(?:\(0\))?|0)"
    r"(?:[ ()-]{0,2}\d){9}(?!\d)"
    r"|(?<!\w)0[89]00[ -]?\d{3,4}(?:[ -]?\d{3})?(?!\d)"
    r"|(?<![\w+,.])14 ?0\d{2,3}(?![\d,.]\d|\d)",
    regex.IGNORECASE | regex.VERSION0,
)
_NUMBER_WORD = (
    r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|veertien|"
    r"vijftien|twintig|dertig|veertig|zestig)"
)
# A term the organisation keeps: "binnen 5 werkdagen", "na 14 dagen", "binnen twee weken".
TERM = re.compile(
    rf"\b(?:binnen|na|over|uiterlijk|in) {_NUMBER_WORD} (?:werk)?(?:dagen|dag|weken|week|"
    r"maanden|maand|uur)\b",
    re.IGNORECASE,
)
# Words that say by when: "uiterlijk", "vóór de einddatum", "op de dag zelf", "voordat u …".
BY_WHEN = re.compile(
    r"\buiterlijk\b|\bvóór\b|\bvoordat\b|\bop de dag\b|\bop tijd\b|\bvandaag\b|\bmorgen\b",
    re.IGNORECASE,
)
_CALL = re.compile(
    r"\bbel\w*\b|\btelefonisch\b|\bcontact (?:met (?:\w+ ){1,3})?op\b"
    r"|\bneem\w* (?:\w+ ){0,3}contact\b|\bcontact opnemen\b|\bte bereiken\b|\bbereikbaar\b",
    re.IGNORECASE,
)


def _count(
    pattern: re.Pattern[str] | regex.Pattern, part: Part, kinds: tuple[PlaceholderKind, ...] = ()
) -> int:
    """Matches of ``pattern`` in the part, or else its placeholders of one of ``kinds`` (a
    placeholder's stand-in word may match the regex itself: counted once)."""
    found = len(pattern.findall(part.text))
    if found or not kinds:
        return found
    return sum(1 for kind in part.placeholder_kinds() if kind in kinds)


def date(part: Part, _ctx: CheckContext) -> int:
    """A day or a week. A date placeholder reads as a date ("1 maart 2026"); one for a part of
    a date only ({{ uitvoering.jaar }}, {{ maand }}) does not."""
    return _count(DATE, part)


def date_or_month(part: Part, ctx: CheckContext) -> int:
    return date(part, ctx) or len(MONTH.findall(part.text))


def amount(part: Part, _ctx: CheckContext) -> int:
    return _count(AMOUNT, part, (PlaceholderKind.AMOUNT,))


def iban(part: Part, ctx: CheckContext) -> int:
    own = (ctx.organisation.get("iban") or "").replace(" ", "")
    if own and own.lower() in part.text.replace(" ", "").lower():
        return 1
    if IBAN.search(part.text) or _ACCOUNT.search(part.text):
        return 1
    return int(any(_PAYMENT_SOURCE.search(s) for s in part.placeholder_sources()))


def payment_link(part: Part, ctx: CheckContext) -> int:
    own = (ctx.organisation.get("betaallink") or "").strip().lower()
    if own and own in part.text.lower():
        return 1
    if PAYMENT_LINK.search(part.text):
        return 1
    return int(
        any(
            _PAYMENT_SOURCE.search(s) and ("link" in s.lower() or "url" in s.lower())
            for s in part.placeholder_sources()
        )
    )


def phone(part: Part, _ctx: CheckContext) -> int:
    return _count(PHONE, part, (PlaceholderKind.PHONE,))


def term(part: Part, ctx: CheckContext) -> int:
    """A term ("binnen 5 werkdagen"), or one of the organisation's own service terms as the
    configuration writes them."""
    found = len(TERM.findall(part.text))
    lowered = part.text.lower()
    return found + sum(1 for t in ctx.service_terms.values() if t.lower() in lowered)


def date_or_term(part: Part, ctx: CheckContext) -> int:
    return date(part, ctx) + term(part, ctx)


def deadline(part: Part, ctx: CheckContext) -> int:
    """A date, a term, or words that say by when ("uiterlijk", "vóór", "op de dag")."""
    return date_or_term(part, ctx) or len(BY_WHEN.findall(part.text))


_ROLE = (
    r"\w*(?:aannemer|bedrijf|bureau|dienst|service|groep|monteur|installateur|loodgieter|"
    r"schilder|elektricien|timmerman|glaszetter|dakdekker)\w*|firma|vakman|opzichter|"
    r"bewonersconsulent|uitvoerder"
)
# Who comes, by name ("bouwbedrijf Bouwman", "monteur Piet", "{{ aannemer.naam }}"), or the
# organisation's own people ("onze monteur", "wij komen"); "de aannemer" names nobody.
NAMED_WORKER = regex.compile(
    rf"\b(?:{_ROLE}) (?-i:[A-Z][\w'-]+)"
    r"|\bonze (?:eigen )?(?:monteur|vakm\w+|reparatieteam|medewerker|huismeester|opzichter|"
    r"schilder|onderhoudsdienst|timmerman|loodgieter)\w*"
    # a passive with its maker's name: "wordt gerenoveerd door Van Wijnen"
    r"|\b(?:uitgevoerd|gedaan|verzorgd|gerenoveerd|vervangen|geschilderd|geïsoleerd|geplaatst|"
    r"aangebracht|geïnstalleerd|gerepareerd|hersteld|gemaakt) door (?-i:[A-Z][\w'&-]+)"
    r"|\b(?:wij|we) (?:komen|repareren|maken|doen|vervangen|schilderen)\b"
    r"|\b(?:komen|repareren|maken|doen|vervangen) (?:wij|we)\b",
    regex.IGNORECASE | regex.VERSION0,
)
_ROLE_SOURCE = regex.compile(_ROLE, regex.IGNORECASE)


def named_worker(part: Part, _ctx: CheckContext) -> int:
    """Who comes to do the work, named (see :data:`NAMED_WORKER`), or a placeholder for the
    contractor's name ({{ aannemer.naam }})."""
    if NAMED_WORKER.search(part.text):
        return 1
    return int(any(_ROLE_SOURCE.search(s) for s in part.placeholder_sources()))


# A template variable for what the tenant reported: {{ melding.omschrijving }}, [omschrijving
# klacht], «Gebrek».
_FAULT_SOURCE = regex.compile(
    r"omschrijving|melding|klacht|gebrek|defect|storing|probleem|mankement", regex.IGNORECASE
)


def fault_placeholder(part: Part, _ctx: CheckContext) -> int:
    """A text placeholder that fills in the reported fault (not a date or a name that happens
    to carry such a word, like {{ melding.datum }})."""
    found = part.block.content.placeholders_in(part.start, part.end)
    return sum(
        1
        for seg in found
        if seg.placeholder is not None
        and seg.placeholder.kind is PlaceholderKind.TEXT
        and _FAULT_SOURCE.search(seg.placeholder.source)
    )


def list_item(part: Part, _ctx: CheckContext) -> int:
    """A list item (a bullet or number): what a letter enumerates."""
    return int(part.block.kind is BlockKind.LIST_ITEM)


def steps_list(body: LetterBody, ctx: CheckContext) -> bool:
    """Steps as a list with dates: two or more list items in a row, of which one, or the
    heading or introduction just above them, says when."""
    for before, items in body.list_runs():
        if len(items) < 2:
            continue
        if any(deadline(p, ctx) for p in [*items, *([before] if before else [])]):
            return True
    return False


def call_route(body: LetterBody, ctx: CheckContext) -> bool:
    """A number to call: a phone number in the body, or one anywhere in the letter (the
    letterhead, the signature) with the body asking to call or to get in touch."""
    if any(phone(p, ctx) for p in body.body):
        return True
    return any(phone(p, ctx) for p in body.everything) and any(
        _CALL.search(p.text) for p in body.body
    )


PART_RECOGNISERS: dict[str, Callable[[Part, CheckContext], int]] = {
    "date": date,
    "date-or-month": date_or_month,
    "amount": amount,
    "iban": iban,
    "payment-link": payment_link,
    "phone": phone,
    "term": term,
    "date-or-term": date_or_term,
    "deadline": deadline,
    "list-item": list_item,
    "named-worker": named_worker,
    "fault-placeholder": fault_placeholder,
}
LETTER_RECOGNISERS: dict[str, Callable[[LetterBody, CheckContext], bool]] = {
    "steps-list": steps_list,
    "call-route": call_route,
}
