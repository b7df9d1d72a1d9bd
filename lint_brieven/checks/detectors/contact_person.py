"""The letter names a person or a team the tenant can reach: under the closing ("Met
vriendelijke groet, Petra de Vries, team Verhuur"), in the text ("Bel uw wijkconsulent
…") or as a template placeholder for the member of staff ("{{ medewerker.naam }}").
A letter from "Woonstichting De Linde" alone leaves the tenant to start again at the
switchboard.

The rewrite is a signature block with the organisation's name from the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.letter_parts import closing_block
from lint_brieven.findings import Suggestion
from lint_brieven.letter import PlaceholderKind

ROLES = re.compile(
    r"\b(?:team|afdeling|klantenservice|klantcontactcentrum|medewerker|wijkbeheerder|huismeester|"
    r"consulent|wijkconsulent|woonconsulent|opzichter|bewonersconsulent|verhuurmakelaar|"
    r"incassomedewerker|projectleider|opzichter|coördinator|beheerder)\w*\b",
    re.IGNORECASE,
)
PERSON = re.compile(
    r"^\s*(?:(?:mevrouw|meneer|de heer|mw\.|dhr\.)\s+)?[A-Z][a-zà-ÿ]+\.?"
    r"(?:\s+(?:van|de|der|den|ter|ten|te|het|'t|in|op|el|al))*\s+[A-Z][\w'-]+"
)
ORGANISATION = re.compile(
    r"\b(?:woon\w*|\w*wonen|stichting|corporatie|woningcorporatie|woonbedrijf|vereniging|"
    r"woningbouw\w*|groep|b\.v\.|bv)\b",
    re.IGNORECASE,
)
SIGNATURE = "Met vriendelijke groet,\n\n[naam medewerker]\n[team of functie], {organisatie.naam}"


@register("contact-person")
class ContactPerson(Detector):
    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        closing = closing_block(letter)
        if any(ROLES.search(b.text) for b in letter.letter.blocks):
            return
        if any(_staff_placeholder(b) for b in letter.letter.blocks):
            return  # "Bel {{ medewerker.naam }}": the system fills in the person
        after = range(closing, len(letter.docs)) if closing is not None else ()
        for index in after:
            block = letter.letter.blocks[index]
            lines = block.text.splitlines()[1:] if index == closing else block.text.splitlines()
            if any(PERSON.match(line) and not ORGANISATION.search(line) for line in lines):
                return  # a name on its own line under the closing
        yield Found(-1, 0, 0, "", {}, (Suggestion(SIGNATURE, False, replaces=False),))


_TENANT = re.compile(r"huurder|aanhef|klant|bewoner|geadresseerde|ontvanger", re.IGNORECASE)


def _staff_placeholder(block) -> bool:
    """A name placeholder that is not the tenant's ("{{ medewerker.naam }}")."""
    return any(
        s.placeholder is not None
        and s.placeholder.kind is PlaceholderKind.NAME
        and not _TENANT.search(s.placeholder.source)
        for s in block.content.segments
    )
