"""The letter names a person or a team the tenant can reach: under the closing ("Met
vriendelijke groet, Petra de Vries, team Verhuur"), in the text ("Bel uw wijkconsulent
…") or as a placeholder for the member of staff ("{{ medewerker.naam }}", "[naam]" under the
closing). A letter from "Woonstichting De Linde" alone leaves the tenant to start again at the
switchboard.

Only a complete letter from the organisation is checked (``letter_parts.document_kind``): a
fragment, a web page or a tenant's letter to the landlord has no signature of its own.

Any name line under the closing is a contact person: a short line of names (capitalised
words, initials, "van", "de", a title such as "mevrouw"), a team or department ("Team
Verhuur", "Klantenservice") or a name placeholder. Not the organisation (its words, such as
"Woonstichting" or "Gemeente", or its configured name), an address, a phone number or a
sentence.

The rewrite is a signature block with the organisation's name from the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, first_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import written_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.letter_parts import is_complete_letter, lines_after_closing, salutation_span
from lint_brieven.findings import Suggestion
from lint_brieven.letter import Block, Letter, PlaceholderKind

ROLES = re.compile(
    r"\b(?:team|afdeling|klantenservice|klantcontactcentrum|medewerker|wijkbeheerder|huismeester|"
    r"consulent|wijkconsulent|woonconsulent|opzichter|bewonersconsulent|verhuurmakelaar|"
    r"incassomedewerker|projectleider|opzichter|coördinator|beheerder)\w*\b",
    re.IGNORECASE,
)
ORGANISATION = re.compile(
    r"\b(?:woon\w*|\w*wonen|stichting|corporatie|woningcorporatie|woonbedrijf|vereniging|"
    r"woningbouw\w*|groep|b\.v\.|bv|gemeente|provincie|waterschap|college|ministerie)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|heer|ir\.|ing\.|drs\.|mr\.|dr\.|prof\.)$", re.IGNORECASE
)
_PARTICLES = frozenset({
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "el", "al", "von",
    "du", "la", "le", "d'",
})  # fmt: skip
_NAME_WORD = re.compile(r"(?:[A-ZÀ-Þ]\.)+|[A-ZÀ-Þ][\w'’-]*\.?")
_NOT_A_NAME = frozenset(("bijlage", "bijlagen", "postbus", "kopie", "cc", "bcc", "antwoordnummer"))
_MAX_NAME_WORDS = 6
SIGNATURE = "Met vriendelijke groet,\n\n[naam medewerker]\n[team of functie], {organisatie.naam}"


@register("contact-person")
class ContactPerson(Detector):
    scope = "letter"  # the signature and the whole letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return  # a fragment, web page or tenant's letter has no signature of its own
        if first_in(letter, "contact-person.roles", _names_roles) is not None:
            return  # a role or a team named in the text (once per distinct block)
        if _staff_placeholder(letter.letter):
            return  # "Bel {{ medewerker.naam }}": the system fills in the person
        organisation = ctx.organisation.get("naam", "").strip().lower()
        for index, start, end in lines_after_closing(letter.letter):
            block = letter.letter.blocks[index]
            if _name_line(block, start, end, organisation):
                return  # a name on its own line under the closing
        yield Found(-1, 0, 0, "", {}, (Suggestion(SIGNATURE, False, replaces=False),))


_TENANT = re.compile(r"huurder|aanhef|klant|bewoner|geadresseerde|ontvanger", re.IGNORECASE)


_ROLES_NEEDED = needed(ROLES)  # the strings ROLES cannot match without (needed_text)


def _names_roles(doc: Doc) -> bool:
    text = written_text(doc)
    return may_match(_ROLES_NEEDED, text) and bool(ROLES.search(text))


def _staff_placeholder(letter: Letter) -> bool:
    """A name placeholder that is not the tenant's ("{{ medewerker.naam }}"): not in the
    salutation, not named for the tenant."""
    salutation = salutation_span(letter)
    for index, block in enumerate(letter.blocks):
        for seg in block.content.segments:
            placeholder = seg.placeholder
            if placeholder is None or placeholder.kind is not PlaceholderKind.NAME:
                continue
            if salutation and salutation[0] == index and seg.start < salutation[2]:
                continue  # "Beste [naam],": the tenant
            if not _TENANT.search(placeholder.source):
                return True
    return False


def _name_line(block: Block, start: int, end: int, organisation: str) -> bool:
    """Whether ``block.text[start:end]`` under the closing names a person: a name placeholder,
    or a short line of names that is not the organisation."""
    if any(
        s.placeholder is not None and s.placeholder.kind is PlaceholderKind.NAME
        for s in block.content.placeholders_in(start, end)
    ):
        return True
    line = block.text[start:end].strip().rstrip(",")
    lowered = line.lower()
    if (
        not line
        or re.search(r"[\d@:/]|www\.", line)
        or ORGANISATION.search(line)
        or (organisation and (lowered in organisation or organisation in lowered))
    ):
        return False
    words = line.split()
    if len(words) > _MAX_NAME_WORDS or words[0].lower() in _NOT_A_NAME:
        return False
    names = 0
    for word in words:
        if word.lower() in _PARTICLES or _TITLE.match(word):
            continue
        if not _NAME_WORD.fullmatch(word):
            return False
        names += 1
    return names > 0
