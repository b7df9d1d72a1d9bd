""" "Geachte heer/mevrouw", "Geachte bewoner", "Beste huurder" in a template that knows the
tenant's name. The housing system fills in the name everywhere else; the salutation can use
it too. The rewrite uses the template's own name placeholder: "Beste {{ huurder.naam }},",
"Beste [naam],". A placeholder that is, or may be, the last name only ("ACHTERNAAM",
"«Achternaam»", an "XXX" in the address block) gets advice instead ("Geachte mevrouw
«Achternaam»"): "Beste Jansen" is no way to greet a tenant.

The tenant's name is there when the letter has, above the closing, a placeholder of any
convention ({{ naam }}, [naam], <naam>, «Naam», ACHTERNAAM…) whose words say it is a name and
not a member of staff's ("[naam medewerker]" signs the letter), an organisation's or the
writer's own ("[uw naam]"); or a placeholder without such words (XXX, ……) where a name
stands in the address block above the salutation: alone on the line above the street or the
postcode, after "t.a.v." or "aan", or after "heer" or "mevrouw".

"Geachte heer/mevrouw «Achternaam»" names the tenant, but with both titles: the letter shows
it does not know whom it addresses. That is flagged too (advice: the salutation of the
customer system, or "Beste" with the full name). "Geachte mevrouw {{ achternaam }}" is fine.
Not checked: a web page and a tenant's letter to the landlord (``letter_parts.document_kind``),
which have no tenant to address; a model letter the reader signs himself ("[Uw naam en
handtekening]" under the closing); and a letter signed with the very name placeholder it
would address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from lint_brieven.checks.base import AnalysedLetter, CheckContext, first_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import written_text
from lint_brieven.dutch.letter_parts import closing_line, document_kind
from lint_brieven.findings import Suggestion
from lint_brieven.letter import DocumentKind, Letter, Placeholder, PlaceholderKind

_BOTH_TITLES = (
    r"heer\s*[/,]\s*mevrouw|mevrouw\s*[/,]\s*(?:heer|meneer)|meneer\s*[/,]\s*mevrouw|"
    r"heer of mevrouw|mevrouw of (?:heer|meneer)|dames en heren"
)
IMPERSONAL = re.compile(
    rf"\b(?:geachte|beste|hallo|dag)\s+(?:{_BOTH_TITLES}|"
    r"bewoner(?:\(s\)|s)?|huurder(?:\(s\)|s)?|relatie|klant)(?!\w)",
    re.IGNORECASE,
)
_TWO_TITLES = re.compile(_BOTH_TITLES, re.IGNORECASE)
# A member of staff's name signs the letter ("[naam medewerker]").
_STAFF = (
    r"medewerker|afzender|behandelaar|contactpersoon|consulent|ondertekenaar|team|afdeling|"
    r"functie|beheerder|opzichter|directeur|manager"
)
# Names that are not the tenant's: a member of staff, an organisation, or the writer's own name
# in a template a person fills in for himself ("[uw naam]", "[uw naam en handtekening]").
_NOT_TENANT = re.compile(
    rf"{_STAFF}|leverancier|verhuurder|bedrijf|organisatie|corporatie|gemeente|instantie|"
    r"aannemer|handtekening|\buw\b",
    re.IGNORECASE,
)
_LAST_NAME_ONLY = re.compile(r"achter|last|sur|familie", re.IGNORECASE)
# Where a placeholder without a name's words stands for the tenant's name.
_NAME_BEFORE = re.compile(
    r"(?:^\s*(?:t\.?\s?a\.?\s?v\.?|aan)|\bheer|\bmevrouw|\bmeneer)[:\s]*$", re.IGNORECASE
)
_ADDRESS_LINE = re.compile(r"\d|\b\d{4}\s?[A-Z]{2}\b")
_NOT_CHECKED = (DocumentKind.WEB_TEXT, DocumentKind.TENANT_LETTER)


@register("impersonal-salutation")
class ImpersonalSalutation(Detector):
    scope = "letter"  # the salutation, the address block and the closing
    defaults = {"greeting": "Beste"}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if document_kind(letter.letter) in _NOT_CHECKED:
            return
        blocks = letter.letter.blocks
        first = first_in(letter, "impersonal-salutation", lambda d: _first(written_text(d)))
        if first is not None:
            index, match = first
            block = blocks[index]
            line_end = block.text.find("\n", match.end)
            line_end = len(block.text) if line_end == -1 else line_end
            named = _name_in(block.content.placeholders_in(match.end, line_end))
            if named is not None:
                if _TWO_TITLES.search(match.text):
                    # "Geachte heer/mevrouw «Achternaam»": named, but with both titles
                    yield self._found(index, match, named, both_titles=True)
                return
            name = _tenant_name(letter.letter, (index, match.start))
            if name is not None:
                yield self._found(index, match, name, both_titles=False)
            return

    def _found(
        self, index: int, match: _Match, placeholder: Placeholder, both_titles: bool
    ) -> Found:
        greeting = str(self.options["greeting"])
        name = placeholder.source
        if both_titles:
            why = (
                f"zet 'heer/mevrouw' voor de naam ({name}): de huurder ziet dat de brief niet "
                "weet wie hij aanspreekt"
            )
        else:
            why = f"is onpersoonlijk, terwijl het sjabloon de naam van de huurder kent ({name})"
        if (
            both_titles
            or placeholder.kind is not PlaceholderKind.NAME
            or _LAST_NAME_ONLY.search(name)
        ):
            # "Beste Jansen" is no greeting: after "heer/mevrouw", in an address line or named
            # so, the placeholder is (or may be) the last name; the title comes from the
            # customer system
            suggestions = (
                Suggestion(f"Geachte mevrouw {name}", False, replaces=False),
                Suggestion(f"Geachte heer {name}", False, replaces=False),
            )
        else:
            suggestions = (Suggestion(f"{greeting} {name}", False),)
        values = {"name": name, "why": why}
        return Found(index, match.start, match.end, match.text, values, suggestions)


class _Match(NamedTuple):
    """Where :data:`IMPERSONAL` matched in a block's text (kept once per file: template
    variants share the doc of a text)."""

    start: int
    end: int
    text: str


def _first(text: str) -> _Match | None:
    found = IMPERSONAL.search(text)
    return None if found is None else _Match(found.start(), found.end(), found.group())


def _name_in(segments) -> Placeholder | None:
    """A placeholder right after the salutation's words: the name, whatever its words."""
    for segment in segments:
        placeholder = segment.placeholder
        if placeholder is not None and placeholder.kind in (
            PlaceholderKind.NAME,
            PlaceholderKind.TEXT,
        ):
            return placeholder
    return None


def _tenant_name(letter: Letter, salutation: tuple[int, int]) -> Placeholder | None:
    """The first placeholder above the closing that stands for the tenant's name: one whose
    words say so, or one without such words in the address block above the salutation."""
    closing = closing_line(letter)
    if closing and _signed_by_the_user(letter, closing):
        return None
    for index, block in enumerate(letter.blocks):
        text = block.text
        for seg in block.content.segments:
            if closing and (index, seg.start) >= closing:
                return None
            placeholder = seg.placeholder
            if placeholder is None or _NOT_TENANT.search(placeholder.source):
                continue
            if placeholder.kind is PlaceholderKind.NAME:
                # the same name under the closing: the named person writes the letter
                return None if closing and _signed_by(letter, closing, placeholder) else placeholder
            above = (index, seg.start) < salutation
            if (
                placeholder.kind is PlaceholderKind.TEXT
                and above
                and _where_a_name_stands(text, seg)
            ):
                return placeholder
    return None


_USERS_NAME = re.compile(r"\buw\b[^\]»>}]*naam|handtekening", re.IGNORECASE)


def _signed_by_the_user(letter: Letter, closing: tuple[int, int]) -> bool:
    """ "[Uw naam en handtekening]" under the closing: a model letter the reader fills in and
    sends himself (to a supplier, a landlord); its name placeholders are the writer's."""
    for index, block in enumerate(letter.blocks[closing[0] :], start=closing[0]):
        start = closing[1] if index == closing[0] else 0
        for seg in block.content.placeholders_in(start, len(block.text)):
            if seg.placeholder is not None and _USERS_NAME.search(seg.placeholder.source):
                return True
    return False


def _signed_by(letter: Letter, closing: tuple[int, int], name: Placeholder) -> bool:
    """The same name placeholder under the closing: the named person writes the letter."""
    for index, block in enumerate(letter.blocks[closing[0] :], start=closing[0]):
        start = closing[1] if index == closing[0] else 0
        for seg in block.content.placeholders_in(start, len(block.text)):
            if seg.placeholder is not None and seg.placeholder.source == name.source:
                return True
    return False


def _where_a_name_stands(text: str, seg) -> bool:
    """A placeholder without a name's words ("XXX") alone on an address block's first line,
    or after "t.a.v.", "aan", "heer", "mevrouw"."""
    line_start = text.rfind("\n", 0, seg.start) + 1
    before = text[line_start : seg.start]
    if _NAME_BEFORE.search(before):
        return True
    line_end = text.find("\n", seg.end)
    rest = text[seg.end : len(text) if line_end == -1 else line_end]
    if before.strip() or rest.strip() or line_end == -1:
        return False
    next_end = text.find("\n", line_end + 1)
    next_line = text[line_end + 1 : len(text) if next_end == -1 else next_end]
    return bool(_ADDRESS_LINE.search(next_line))
