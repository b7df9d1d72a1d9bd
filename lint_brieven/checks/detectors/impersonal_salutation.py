""" "Geachte heer/mevrouw" in a template that knows the tenant's name. The housing system
fills in the name everywhere else; the salutation can use it too. The rewrite uses the
template's own name placeholder: "Beste {{ huurder.naam }},", "Beste [naam],".

The tenant's name placeholder is a name placeholder above the closing that is not named for a
member of staff ("[naam medewerker]" signs the letter). A salutation that already names the
tenant ("Geachte heer/mevrouw «Achternaam»") is not impersonal. Not checked: a web page and a
tenant's letter to the landlord (``letter_parts.document_kind``), which have no tenant to
address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.letter_parts import closing_line, document_kind
from lint_brieven.findings import Suggestion
from lint_brieven.letter import DocumentKind, Letter, PlaceholderKind

IMPERSONAL = re.compile(
    r"\bgeachte (?:heer\s*/\s*mevrouw|mevrouw\s*/\s*(?:heer|meneer)|heer of mevrouw|"
    r"mevrouw of heer|"
    r"bewoner(?:s)?|huurder(?:s)?|relatie|klant)\b",
    re.IGNORECASE,
)
_STAFF = re.compile(
    r"medewerker|afzender|behandelaar|contactpersoon|consulent|ondertekenaar|team|afdeling|"
    r"functie|beheerder|opzichter|directeur|manager",
    re.IGNORECASE,
)
_NOT_CHECKED = (DocumentKind.WEB_TEXT, DocumentKind.TENANT_LETTER)


@register("impersonal-salutation")
class ImpersonalSalutation(Detector):
    defaults = {"greeting": "Beste"}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if document_kind(letter.letter) in _NOT_CHECKED:
            return
        name = _tenant_name(letter.letter)
        if name is None:
            return
        for index, block in enumerate(letter.letter.blocks):
            match = IMPERSONAL.search(block.text)
            if match:
                line_end = block.text.find("\n", match.end())
                line_end = len(block.text) if line_end == -1 else line_end
                if _names(block.content.placeholders_in(match.end(), line_end)):
                    return  # "Geachte heer/mevrouw «Achternaam»": the tenant is named
                rewrite = f"{self.options['greeting']} {name}"
                yield Found(
                    index,
                    match.start(),
                    match.end(),
                    match.group(),
                    {"name": name},
                    (Suggestion(rewrite, False),),
                )
                return


def _names(segments) -> bool:
    return any(s.placeholder and s.placeholder.kind is PlaceholderKind.NAME for s in segments)


def _tenant_name(letter: Letter) -> str | None:
    """The written form of the first name placeholder above the closing that is not a member
    of staff's."""
    closing = closing_line(letter)
    for index, block in enumerate(letter.blocks):
        for seg in block.content.segments:
            if closing and (index, seg.start) >= closing:
                return None
            placeholder = seg.placeholder
            if (
                placeholder is not None
                and placeholder.kind is PlaceholderKind.NAME
                and not _STAFF.search(placeholder.source)
            ):
                return placeholder.source
    return None
