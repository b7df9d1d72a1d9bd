"""The tenant must do something in writing ("U kunt schriftelijk bezwaar maken", "Opzeggen
moet schriftelijk"), but the text does not say where to send it.

Any address anywhere in the text counts: a Postbus or antwoordnummer, a reply envelope, an
e-mail address, handing it in at the counter, the organisation's own postal address or e-mail
from the configuration (``[organisatie] postadres``, ``email``) as written in the text, and a
street with a number or a postcode with a town, except above the salutation of a letter: that
is the address block with the tenant's own address, and so is a street filled in from a
placeholder or named as the tenant's home ("het gehuurde aan de Dorpsstraat 1").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, found_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.letter_parts import salutation_span

WRITTEN = re.compile(
    r"\bu (?:kunt|moet|dient|mag|wilt)\b[^.?!]{0,60}?\bschriftelijke?\b"
    r"|\b(?:kunt|moet|dient|mag|wilt) u\b[^.?!]{0,60}?\bschriftelijke?\b"
    r"|\b(?:kan|moet|dient|moeten|dienen)(?: alleen| uitsluitend| enkel| altijd)? schriftelijk\b"
    r"|\bstuurt?\b[^.?!]{0,25}?\bschriftelijke\b",
    re.IGNORECASE,
)
_WRITTEN_NEEDED = needed(WRITTEN)  # the strings WRITTEN cannot match without (needed_text)
_NOT_NEEDED = re.compile(r"\b(?:niet|hoeft|hoeven|geen)\b[^.?!]{0,20}\bschriftelijk", re.IGNORECASE)
# (an e-mail address: one character of its name before the "@" is all a search that only asks
# whether there is one needs: "[\w.+-]+@" is found where "[\w.+-]@" is, and the longer form
# retried every start in a long word)
ADDRESS = re.compile(
    r"\bpostbus\b|\bantwoordnummer\b|\b(?:antwoord|retour)envelop|[\w.+-]@[\w-]+\.[a-z]{2,}"
    r"|\b(?:afgeven|inleveren|brengen)\b[^.?!]{0,40}\bbalie\b"
    r"|\bbalie\b[^.?!]{0,40}\b(?:afgeven|inleveren|brengen)\b",
    re.IGNORECASE,
)
# A street with a house number, or a postcode with a town (case matters: "3500 AA Utrecht").
STREET = re.compile(
    r"\b[A-Z][\w'.-]*(?:straat|weg|laan|plein|singel|kade|gracht|dijk|park|hof|markt|dreef|"
    r"baan|pad|steeg|plantsoen|boulevard|ring|erf|veld|haven|wal|dam|poort|kwartier)"
    r"\s+\d+[a-zA-Z]?\b|\b\d{4} ?[A-Z]{2}\s+[A-Z][A-Za-z'-]+"
)


_TENANTS_HOME = re.compile(
    r"\b(?:gehuurde|woning|uw adres|u woont|woont u|huurt u|u huurt)\b[^.?!]*$", re.IGNORECASE
)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


@register("written-address")
class WrittenAddress(Detector):
    scope = "letter"  # the salutation and the address anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        places = [
            (index, *place)
            for index, found in found_in(letter, "written-address", _in_writing)
            for place in found
        ]
        if places and not _has_address(letter, ctx):
            for index, start, end, text in places:
                yield Found(index, start, end, text)


def _in_writing(doc: Doc) -> list[tuple[int, int, str]]:
    """Where the sentences of a doc ask for something in writing: start, end and text."""
    places: list[tuple[int, int, str]] = []
    if not may_match(_WRITTEN_NEEDED, doc_text(doc)):
        return places  # (nor in a sentence, a part of the doc's text)
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        match = WRITTEN.search(text)
        if match is None or _NOT_NEEDED.search(text):
            continue
        start = sentence.start_char + match.start()
        places.append((start, start + len(match.group()), match.group()))
    return places


def _has_address(letter: AnalysedLetter, ctx: CheckContext) -> bool:
    blocks = letter.letter.blocks
    everything = "\n".join(b.text for b in blocks)
    if ADDRESS.search(everything):
        return True  # a Postbus or an e-mail address is the organisation's, even in the letterhead
    words = _words(everything)
    for key in ("postadres", "email"):
        own = _words(ctx.organisation.get(key, ""))
        if own.strip() and own in words:
            return True  # the organisation's own address as configured, however it is laid out
    salutation = salutation_span(letter.letter)
    first, offset = (salutation[0], salutation[1]) if salutation else (0, 0)
    for index in range(first, len(blocks)):
        block = blocks[index]
        for match in STREET.finditer(block.text, offset if index == first else 0):
            if block.content.placeholders_in(match.start(), match.end()):
                continue  # "{{ adres.straat }}": the tenant's address filled in
            if _TENANTS_HOME.search(block.text[max(0, match.start() - 40) : match.start()]):
                continue  # "het gehuurde aan de Dorpsstraat 1"
            return True
    return False
