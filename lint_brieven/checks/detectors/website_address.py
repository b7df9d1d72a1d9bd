"""A letter sends the tenant to "onze website", "het huurdersportaal" or "Mijn De Linde"
without the address: the tenant has to search for it first.

Only a complete letter from the organisation (``letter_parts.is_complete_letter``): on a web
page the reader is already on the website (the two findings judged on eval/dev were both web
pages), and a piece of a letter may have the address in another piece. Any web address in the
letter counts (www…, https://…, a domain such as delinde.nl/reparatie, an app store), and so
does the organisation's website from the configuration as written in the letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext, first_in, found_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import written_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.letter_parts import is_complete_letter

PORTALS = (
    r"website|site|webpagina|portaal|huurdersportaal|huurderportaal|klantportaal|"
    r"klantenportaal|bewonersportaal|woonportaal|webportaal|app|webformulier"
)
REFERENCE = re.compile(
    rf"\b(?:via|op|in|naar) (?:onze|ons) (?:{PORTALS})\b"
    r"|\b(?:via|op|in|naar) het (?:portaal|huurdersportaal|huurderportaal|klantportaal|"
    r"klantenportaal|bewonersportaal|woonportaal|webportaal)\b"
    r"|\b(?:via|op|in|naar) (?-i:(?:Mijn|MIJN) [A-Z][\w-]*(?: [A-Z][\w-]*)?)",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # an e-mail domain is no web address
WEB_ADDRESS = re.compile(
    r"\bwww\.|\bhttps?://|\b[\w-]+\.(?:nl|com|org|eu|net|info|be|app)\b"
    r"|\b(?:app ?store|google play|play store)\b",
    re.IGNORECASE,
)


@register("website-address")
class WebsiteAddress(Detector):
    scope = "letter"  # the website written anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return  # a web page is the website; a piece of a letter may have it elsewhere
        blocks = letter.letter.blocks
        if first_in(letter, "website-address.web", lambda d: _web_address(written_text(d))):
            return
        website = ctx.organisation.get("website", "").strip().lower()
        if website and website in "\n".join(b.text for b in blocks).lower():
            return
        name = "website-address.references"
        for index, references in found_in(letter, name, lambda d: _references(written_text(d))):
            for start, end, text in references:
                yield Found(index, start, end, text)


def _web_address(text: str) -> bool:
    """A web address in a block's text (an e-mail address is none). Neither pattern reads
    past a line break, so the blocks of a letter can be searched one by one."""
    if may_match(_EMAIL_NEEDED, text):
        text = EMAIL.sub(" ", text)  # (a text without what EMAIL needs has none to replace)
    return may_match(_WEB_ADDRESS_NEEDED, text) and bool(WEB_ADDRESS.search(text))


def _references(text: str) -> list[tuple[int, int, str]]:
    if not may_match(_REFERENCE_NEEDED, text):
        return []
    return [(m.start(), m.end(), m.group()) for m in REFERENCE.finditer(text)]


# the strings each pattern cannot match without (needed_text)
_EMAIL_NEEDED = needed(EMAIL)
_WEB_ADDRESS_NEEDED = needed(WEB_ADDRESS)
_REFERENCE_NEEDED = needed(REFERENCE)
