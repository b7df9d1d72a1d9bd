"""The type of letter (``brieftype``): a payment reminder, a rent increase, works, the end of a
tenancy or a repair confirmation. The content checks (``checks/content.py``, ``rules/inhoud.yaml``)
ask each type for what a tenant needs to act on it.

In order: the file's own front matter (``brieftype: aanmaning`` where ``soort`` may stand, see
``readers/front_matter.py``), the configuration (``brieftype``, ``[per-file-brieftype]``), and
last the letter's own words: its subject line and the lines above the salutation, then the
first heading and the first two paragraphs after it. The words decide only when they are clear:
the signals of one type (or of types of which one always wins, such as a repair letter that
talks about "werkzaamheden"); no signal, or a signal that says the letter is something else
(an answer to an objection, the confirmation of a payment arrangement), is no type, and a letter
without a type gets no content findings. ``geen`` declares that a letter has no type.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.checks.rule import Rule
from lint_brieven.dutch.letter_parts import salutation_span
from lint_brieven.letter import BlockKind, Letter, ReadResult
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.front_matter import declared_letter_type

NO_TYPE = "geen"  # declared: this letter has no type (no content checks)
AANMANING = "aanmaning"
HUURVERHOGING = "huurverhoging"
WERKZAAMHEDEN = "werkzaamheden"
HUUROPZEGGING = "huuropzegging"
REPARATIE = "reparatie"
# When the words name more than one type, the first of these wins: a reminder may mention the
# rent increase, an inspection or a repair letter the "werkzaamheden".
# A renovation letter may say that the rent goes up afterwards.
PRIORITY = (AANMANING, HUUROPZEGGING, REPARATIE, WERKZAAMHEDEN, HUURVERHOGING)

_FLAGS = re.IGNORECASE
# "your": the u-form and the je-form ("aan jouw woning", "je nieuwe huur")
_YOUR = r"(?:uw|je|jouw)"
_WORKS = (
    r"\b(?:werkzaamheden|(?:groot|planmatig|gepland) onderhoud|onderhoud|onderhoudswerk\w*|"
    r"renovatie\w*|renoveren|renoveert|verduurzam\w+|isoleren|isoleert|isolatie|sloop\w*|"
    r"slopen|schilderwerk|schilderen|schildert|opknap\w*|vervangen|vervangt|vervanging|"
    r"vernieuwen|vernieuwt|vernieuwing|asbestsanering|"
    r"dakwerk\w*|gevelwerk\w*|voegwerk)\b"
)
# The works are on the tenant's home or building ("aan uw woning", "in de woningen",
# "complex 12"), not in the street or the park behind it ("achter uw woning").
_HOME_PART = (
    r"woning(?:en)?|huis|huizen|flat|flats|complex|portiek|galerij|appartement(?:en)?|"
    r"keuken|badkamer|toilet|dak|gevel|kozijnen|cv-ketel|ramen|(?:\w+ )?woningen"
)
_ON_HOME = (
    rf"\b(?:aan|in|van) (?:{_YOUR}|de|alle|jullie|onze|het|dit|deze) (?:{_HOME_PART})\b"
    r"|\bcomplex\b"
)
_HOME_WORKED_ON = (
    rf"\b{_YOUR} (?:woning|huis|keuken|badkamer|dak|gevel|kozijnen) (?:\w+ ){{0,2}}"
    r"(?:opknappen|renoveren|isoleren|verduurzamen|schilderen|onderhouden|vernieuwen|slopen)\b"
)
_UNPAID = r"\b(?:nog (?:steeds )?niet|niet (?:op tijd|tijdig|volledig)|te laat)\b"
_PAID = r"\b(?:betaald|ontvangen|voldaan|bijgeschreven|binnen)\b"
_MONEY = r"\b(?:huur\w*|bedrag|betaling|rekening|termijn)\b"

# An announcement: the works are coming ("wij gaan", "starten op", "van 3 maart"), not the
# upkeep a welcome letter promises ("wij zorgen voor het onderhoud aan uw woning").
_COMING = (
    r"\b(?:gaan|gaat|starten|start|beginnen|begint|komen|komt|zullen|zal|binnenkort|"
    r"volgende? (?:week|maand|jaar)|in de week|(?:op|van|vanaf) \d)"
)
_RENT_UP = (
    rf"\b(?:{_YOUR}|de) (?:kale )?huur(?:prijs)? (?:gaat (?!niet)(?:[\w%,.]+ ){{0,5}}omhoog|stijgt|"
    r"verandert(?! niet)|wordt (?:hoger|verhoogd|aangepast))\b"
)

# Each signal: regular expressions that must all match in one sentence or line. In the
# subject and the lines above the salutation:
SIGNALS: dict[str, tuple[tuple[str, ...], ...]] = {
    AANMANING: (
        (r"\b(?:aanmaning|ingebrekestelling|betalingsherinnering|sommatie)\b",),
        (r"\b(?:huur|betalings)?achterstand\b",),
        (r"\bherinnering\b", r"\b(?:huur)?betal\w*|\bhuur\w*|\brekening\b|\bbedrag\b"),
        (_UNPAID, _PAID, _MONEY),
        (r"\bopenstaand(?:e)? (?:bedrag|huur|rekening|saldo)\b",),
    ),
    HUURVERHOGING: (
        (r"\bhuur(?:prijs)?verhoging\b|\bhuuraanpassing\b|\bhuurprijsaanpassing\b",),
        (rf"\bverhoging van (?:de|{_YOUR}) (?:kale )?huur(?:prijs)?\b",),
        (_RENT_UP,),
        (rf"\b(?:{_YOUR}|de) nieuwe (?:kale )?huur(?:prijs)?\b",),
    ),
    WERKZAAMHEDEN: (
        (_WORKS, _ON_HOME),
        (_HOME_WORKED_ON,),
    ),
    HUUROPZEGGING: (
        (rf"\bhuuropzegging\b|\bopzegging van (?:de|{_YOUR}) huur\w*\b",),
        (r"\bopzegging\b", r"\bhuur\w*\b"),
        (rf"\b(?:{_YOUR}|de) huur(?:contract|overeenkomst)? (?:stopt|eindigt)\b",),
        (rf"\b(?:einde|beëindiging) (?:van )?(?:de|{_YOUR}) huur(?:contract|overeenkomst)?\b",),
        (r"\b(?:voorinspectie|eindinspectie|eindopname|sleutelinlevering)\b",),
        (r"\bsleutels (?:in(?:leveren|geleverd)|terug(?:geven|brengen))\b",),
        (r"\bvoordat (?:u|je) verhuist\b",),
    ),
    REPARATIE: (
        (r"\breparatie(?:verzoek|melding|opdracht|aanvraag)?\b",),
        (rf"\bstorings?melding\b|\b{_YOUR} storing\b",),
    ),
}
# In the first heading and paragraphs below the salutation, where a letter may mention other
# things in passing ("Heeft u een reparatie? Meld die via …" in a welcome letter):
OPENING_SIGNALS: dict[str, tuple[tuple[str, ...], ...]] = {
    **SIGNALS,
    # an amount still open may be a final bill or a service-charge settlement
    AANMANING: SIGNALS[AANMANING][:-1],
    WERKZAAMHEDEN: ((_WORKS, _ON_HOME, _COMING), (_HOME_WORKED_ON, _COMING)),
    HUUROPZEGGING: SIGNALS[HUUROPZEGGING][:-1],
    REPARATIE: (
        (
            rf"\b(?:{_YOUR}|de|deze|die) reparatie\b|\breparatie(?:verzoek|melding|opdracht)\b"
            r"|\bkom\w* (?:\w+ ){0,3}repareren\b",
        ),
        (rf"\bstorings?melding\b|\b{_YOUR} storing\b",),
    ),
}
# Words that say the letter is about something else than what its signals suggest.
NOT: dict[str, str] = {
    AANMANING: (
        r"\bbetalingsregeling\b.{0,60}\b(?:bevestig\w*|afgesproken|getroffen)\b"
        rf"|\bbevestig\w* (?:van )?(?:{_YOUR}|de|onze) betalingsregeling\b|\bkwijtschelding\b"
        rf"|\bvoorkom\w* (?:een |{_YOUR} )?(?:huur|betalings)?achterstand"
        r"|\bafgelost\b"
        rf"|\b(?:dank(?:en)? (?:u|je|wij u|we je) (?:wel )?|bedankt )voor {_YOUR} betaling\b"
    ),
    HUURVERHOGING: (
        # "je bezwaar" is also "(wil) je bezwaar (maken)"
        r"\buitspraak\b|\b(?:uw|jouw) bezwaar\b"
        r"|\bje bezwaar\b(?! (?:\w+ )?(?:maken|indienen|in te dienen))"
        r"|\bbezwaar(?:schrift)? (?:tegen|over|op)\b"
        r"|\bhuurcommissie heeft\b|\bbeslissing op\b"
    ),
    # plans, surveys and invitations come before the works: whom to call yes, who comes not yet
    WERKZAAMHEDEN: (
        r"\bonderhoudsabonnement\b|\bplannen\b|\benquête\b|\bvragenlijst\b|\binstemming\b"
        rf"|\bdraagvlak\b|\b{_YOUR} mening\b|\bmeedenken\b|\bontwerp\b|\buitnodig\w*"
        r"|\binformatie(?:avond|bijeenkomst|markt)\b|\binloop(?:avond|bijeenkomst|spreekuur)\b"
        r"|\bbewonersavond\b"
    ),
    HUUROPZEGGING: (
        r"\bhuurcontract (?:tekenen|ondertekenen)\b|\bwoningaanbieding\b|\bnieuwe woning\b"
        r"|\bwelkom\b"
    ),
    # a refusal needs its reason, not a mechanic and a date
    REPARATIE: (
        r"\breparatieabonnement\b|\bafgewezen\b|\bafwijzing\b|\bhuurdersonderhoud\b"
        r"|\b(?:niet|geen) (?:\w+ ){0,3}(?:uitvoeren|repareren|herstellen|in behandeling)\b"
        rf"|\bvoor (?:{_YOUR} )?eigen rekening\b"
    ),
}


def _compiled(table: dict[str, tuple[tuple[str, ...], ...]]) -> dict[str, list]:
    return {
        kind: [tuple(re.compile(p, _FLAGS) for p in signal) for signal in signals]
        for kind, signals in table.items()
    }


_HEAD = _compiled(SIGNALS)
_OPENING = _compiled(OPENING_SIGNALS)
_NOT = {kind: re.compile(pattern, _FLAGS) for kind, pattern in NOT.items()}
_PIECES = re.compile(r"[^\n.!?]+[.!?]*")
_TEXT_BLOCKS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
_OPENING_PARAGRAPHS = 2


def known_types(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The letter types the content rules of the loaded packs define (sorted)."""
    return tuple(sorted({r.spec["brieftype"] for r in rules if r.kind == "content"}))


def declared_in_file(read: ReadResult, known: Collection[str]) -> str | None:
    """The ``brieftype`` a file declares in its own front matter, checked against ``known``
    (and ``geen``); :class:`ReaderError` naming the line for any other value."""
    if not read.letters or not read.sources:
        return None
    fmt = read.letters[0].format
    template = fmt.startswith("jinja-")
    markup = fmt.removeprefix("jinja-")
    found = declared_letter_type(read.sources[0].text, markup, template=template)
    if found is None:
        return None
    value, line = found
    if value != NO_TYPE and value not in known:
        choices = ", ".join([*known, NO_TYPE])
        raise ReaderError(f"Onbekend brieftype '{value}'. Kies uit: {choices}.", line)
    return value


def letter_type(letter: AnalysedLetter, declared: str | None = None) -> str | None:
    """The type of ``letter``: ``declared`` (front matter or configuration) if given, else from
    its words (once per letter; the letters of one file share the cache)."""
    if declared is not None:
        return None if declared == NO_TYPE else declared
    key = ("letter_type", id(letter.letter))
    if key not in letter.shared:
        letter.shared[key] = type_from_words(letter.letter, letter.shared)
    return letter.shared[key]


def type_from_words(letter: Letter, known: dict | None = None) -> str | None:
    """The type the letter's subject and opening make clear, or None. ``known``: a cache of
    the types each text signals (template variants share most of their texts)."""
    head, opening = _regions(letter)
    # the answer depends on these texts alone: kept by them (template variants mostly share
    # their subject and opening, and differ further down)
    key = ("letter_type.words", tuple(head), tuple(opening))
    if known is not None and key in known:
        return known[key]
    found = _type_of(head, opening, known)
    if known is not None:
        known[key] = found
    return found


def _type_of(head: list[str], opening: list[str], known: dict | None) -> str | None:
    for region, name in ((head, "head"), (opening, "opening")):
        kinds: set[str] = set()
        for text in region:
            kinds |= _kinds_in(text, name, known)
        found = [kind for kind in PRIORITY if kind in kinds]
        if found:
            best = found[0]
            return None if _NOT[best].search(" ".join(head + opening)) else best
    return None


def _kinds_in(text: str, region: str, known: dict | None) -> frozenset[str]:
    """The types whose signals (of the subject, ``head``, or of the ``opening``) a sentence
    or line of ``text`` gives."""
    key = ("letter_type.signals", region, text)
    if known is not None and key in known:
        return known[key]
    table = _HEAD if region == "head" else _OPENING
    pieces = _PIECES.findall(text)
    found = frozenset(kind for kind in PRIORITY if _signalled(table[kind], pieces))
    if known is not None:
        known[key] = found
    return found


def _signalled(signals: list, pieces: list[str]) -> bool:
    return any(any(all(p.search(piece) for p in signal) for signal in signals) for piece in pieces)


def _regions(letter: Letter) -> tuple[list[str], list[str]]:
    """The text above the salutation (subject, title, references), and the first heading and
    the first paragraphs below it."""
    salutation = salutation_span(letter)
    if salutation is None:
        return [], []
    index, start, end = salutation
    blocks = letter.blocks
    head = [b.text for b in blocks[:index]] + [blocks[index].text[:start]]
    opening: list[str] = []
    rest = blocks[index].text[end:].strip()
    paragraphs = 1 if rest else 0
    opening += [rest] if rest else []
    heading_seen = False
    for block in blocks[index + 1 :]:
        if paragraphs >= _OPENING_PARAGRAPHS:
            break
        if block.kind is BlockKind.HEADING and not heading_seen:
            heading_seen = True
            opening.append(block.text)
        elif block.kind in _TEXT_BLOCKS and block.text.strip():
            opening.append(block.text)
            paragraphs += 1
    return head, opening
