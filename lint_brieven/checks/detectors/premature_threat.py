"""A threat out of proportion: legal steps (the bailiff, the court, eviction, a debt collection
agency, extrajudicial costs) in a first letter. A first reminder asks calmly and offers help;
the heavy steps come later, in a formal notice (ingebrekestelling).

"First" is read from the letter itself: it mentions no earlier letter, reminder, call or
warning ("eerder", "onze herinnering van", "aanmaning", "tweede", "laatste", "nogmaals",
"opnieuw", "ondanks", "in gebreke", "sommatie", "op 3 maart schreven wij u", "wij hebben u
gebeld"…). A letter that is itself an aanmaning or a formal notice
says so and is not checked. The title of a first reminder ("Betalingsherinnering") is no
earlier reminder.

A legal word is a threat only where the letter says it will happen: in a sentence with the
writer acting ("zien wij ons genoodzaakt", "schakelen wij … in", "gaan wij"), a consequence
("dan", "anders", "zo niet", "volgt") or a condition ("als u niet betaalt", "als de overlast
niet stopt").
Not a threat: the tenant's own rights ("u kunt naar de rechter"), a negated step ("wij
schakelen geen incassobureau in"). Checked in complete letters only (a fragment or a web page
cannot tell whether it is the first letter); one finding per letter, at the first threat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, span_text
from lint_brieven.dutch.letter_parts import is_complete_letter

# The heavy steps. ("gerechtelijke stappen" and "juridische stappen" are threatening words of
# LB801 already; the same words never give two findings.)
_LEGAL = re.compile(
    r"\b(?:(?:gerechts)?deurwaarders?(?:kosten)?|(?:kanton)?rechter|rechtbank|rechtszaak|"
    r"gerechtelijke (?:procedure|maatregelen|invordering|incasso)|"
    r"ontruiming|ontruimen|ontruimd|huisuitzetting|uitzetting|"
    r"incassobureau|incassokosten|buitengerechtelijke (?:incasso)?kosten|"
    r"ontbinding van (?:de|uw) huurovereenkomst|huurovereenkomst (?:te )?ontbinden|"
    r"beslaglegging|beslag (?:te )?leggen|dagvaarding|dagvaarden|"
    r"(?:vordering|zaak|dossier) uit handen (?:te )?geven|uit handen gegeven)\b",
    re.IGNORECASE,
)
# The letter tells of an earlier letter, reminder or warning, or is a formal notice itself.
_NOT_FIRST = re.compile(
    r"\b(?:eerder|eerdere|reeds|nogmaals|opnieuw|wederom|ondanks|herhaald|herhaaldelijk|"
    r"herhaalde|al eens|al vaker|al meerdere|meerdere (?:keren|malen)|"
    r"(?:eerste|tweede|derde|vorige|laatste|onze|de|een) (?:betalings)?herinnering|"
    r"herinneringen|herinnering (?:van|d\.d\.|gestuurd|verstuurd|gekregen|ontvangen)|"
    r"aanmaning|aanmaningen|tweede|laatste|ingebrekestelling|in gebreke|sommatie|"
    r"(?:vorige|onze|eerdere) brief|brief van \d|waarschuwing|gewaarschuwd|"
    r"(?:stuurden|schreven|belden|spraken|stuurde|schreef|belde|sprak) (?:wij|we|ik) u|"
    r"(?:wij|we|ik) (?:hebben|heb) u (?:al |eerder |op \d+ \w+ )?(?:een brief|geschreven|"
    r"gebeld|gesproken|gestuurd|gevraagd)|hebben (?:wij|we) u (?:al |eerder )?(?:geschreven|"
    r"gebeld|gesproken|gevraagd)|(?:in|met) (?:onze|de) brief van)",
    re.IGNORECASE,
)
# The letter says it will happen.
_THREAT = re.compile(
    r"\b(?:genoodzaakt|zullen wij|zullen we|zal ik|gaan wij|gaan we|moeten wij|moeten we|"
    r"schakelen wij|schakelen we|dan|anders|zo niet|volgt|volgen|overgaan|overgedragen|"
    r"overdragen|uit handen|als|indien|wanneer|mocht|bij (?:geen|niet[- ]tijdige|"
    r"uitblijven|uitblijvende|het uitblijven))\b",
    re.IGNORECASE,
)
# The tenant's own right, or a step that will not be taken.
_NOT_A_THREAT = re.compile(
    r"\b(?:u kunt|kunt u|u mag|mag u|u heeft het recht|u hebt het recht|uw recht)\b|"
    r"\b(?:geen|niet naar de|niet de|nooit)\s+(?:\w+\s+)?(?:deurwaarder|rechter|rechtbank|"
    r"incassobureau|ontruiming)",
    re.IGNORECASE,
)


@register("premature-threat")
class PrematureThreat(Detector):
    scope = "letter"  # earlier letters mentioned anywhere in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return
        if any(_NOT_FIRST.search(block.text) for block in letter.letter.blocks):
            return
        for index, doc in enumerate(letter.docs):
            for sentence in doc_sentences(doc):
                text = span_text(sentence)
                match = _LEGAL.search(text)
                if match is None or not _THREAT.search(text) or _NOT_A_THREAT.search(text):
                    continue
                start = sentence.start_char + match.start()
                end = sentence.start_char + match.end()
                yield Found(index, start, end, match.group(), {})
                return
