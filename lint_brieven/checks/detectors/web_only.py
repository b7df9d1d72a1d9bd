"""Information or an action only on the website or in a portal ("Kijk op onze website",
"Log in op het huurdersportaal", "via Mijn De Linde"), while the letter offers no way without
internet: no phone number, no counter or visit, no paper (post, a Postbus, an enclosure). A
tenant without internet, or who cannot work a portal, is left out.

Only a complete letter from the organisation (``letter_parts.is_complete_letter``): a web page
is read online, and a piece of a letter may have the phone number in another piece. The first
digital reference is the place; the rewrite adds a way without internet from the
configuration.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, first_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.detectors.website_address import REFERENCE
from lint_brieven.checks.doc_cache import written_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.letter_parts import is_complete_letter
from lint_brieven.findings import Suggestion

DIGITAL = re.compile(
    REFERENCE.pattern
    + r"|\b(?:kijk|kijkt|lees|leest|vindt|vind|staat|staan|ga|gaat|download)\b[^.?!\n]{0,40}?"
    r"(?:\bwww\.\S+|\bhttps?://\S+|\b[\w-]+\.(?:nl|com|org|eu|info)(?:/\S*)?)"
    r"|\blog (?:dan |eerst )?in\b|\binloggen\b|\b(?:alleen |uitsluitend )?online\b",
    re.IGNORECASE,
)
# A way without internet, anywhere in the letter.
OFFLINE = re.compile(
    r"\b0\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}(?:[\s-]?\d{2,4})?\b|\b14 ?0\d{2,3}\b|\(0\d{2,3}\)"
    r"|\bbel(?:t u)? (?:ons|mij|met)\b|\b(?:ons|mij) (?:bellen|opbellen)\b|\btelefoonnummer\b"
    r"|\bbalie\b|\blangs(?:komen)?\b|\bkantoor\b|\bspreekuur\b|\bbezoekadres\b|\bbuurtkamer\b"
    r"|\bper post\b|\bop papier\b|\bpapieren\b|\bpostbus\b|\bantwoordnummer\b|\bper brief\b"
    r"|\b(?:antwoord|retour)envelop|\bbijlage\b|\bbijgevoegd|\binformatieavond\b|\bbijeenkomst\b"
    r"|\binloop",
    re.IGNORECASE,
)
# the strings each cannot match without (``needed_text``)
_OFFLINE_NEEDED = needed(OFFLINE)
_DIGITAL_NEEDED = needed(DIGITAL)
_ADD = (
    "Heeft u geen internet, of lukt het niet? Bel ons op {organisatie.telefoon} of kom langs "
    "bij de balie: {organisatie.balie} ({organisatie.openingstijden})."
)


@register("web-only")
class WebOnly(Detector):
    scope = "letter"  # a way without internet anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return  # a web page is read online; a piece of a letter may have the phone number
        blocks = letter.letter.blocks
        if _offline(letter):
            return
        phone = ctx.organisation.get("telefoon", "").strip()
        if phone and any(phone in b.text for b in blocks):
            return
        first = first_in(letter, "web-only.digital", lambda d: _first(written_text(d)))
        if first is not None:
            index, found = first
            advice = Suggestion(_ADD, False, replaces=False)
            yield Found(index, *found, {}, (advice,))


def _offline(letter: AnalysedLetter) -> bool:
    """Whether the letter offers a way without internet (:data:`OFFLINE`), block by block
    (once per file: template variants share the doc of a text). A phone number may be read
    across two blocks as well (the line break between them is white space to the pattern):
    then the whole text is searched, as one."""
    texts = [b.text for b in letter.letter.blocks]
    if first_in(letter, "web-only.offline", _offline_in):
        return True
    if any(a[-1:].isdigit() and b[:1].isdigit() for a, b in itertools.pairwise(texts)):
        return bool(OFFLINE.search("\n".join(texts)))
    return False


def _offline_in(doc: Doc) -> bool:
    """Whether a block's text offers a way without internet (:data:`OFFLINE`)."""
    text = written_text(doc)
    return may_match(_OFFLINE_NEEDED, text) and bool(OFFLINE.search(text))


def _first(text: str) -> tuple[int, int, str] | None:
    """The first digital reference in a block's text: start, end and text."""
    if not may_match(_DIGITAL_NEEDED, text):
        return None
    match = DIGITAL.search(text)
    return None if match is None else (match.start(), match.end(), match.group())
