"""Every request for action says by when and how. "Stuur het formulier terug." leaves both
open; "Stuur het formulier vóór 1 mei terug in de antwoordenvelop." does not. The paragraph
around the request counts: a deadline in the next sentence is fine.

The rewrite adds what is missing, with the organisation's channels from the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext, fill
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import sentence_span
from lint_brieven.dutch.requests import CHANNEL, DEADLINE, requests_in
from lint_brieven.findings import Suggestion

INVITATION = re.compile(
    r"^\s*(?:bel|mail|e-?mail|app|neem)\b.*\bons\b|^\s*kom\b.*\blangs\b", re.IGNORECASE
)

_WHEN = "Doe dit vóór [datum]."
_HOW = (
    "U kunt dit doen via {organisatie.website}, per e-mail ({organisatie.email}) "
    "of aan de balie ({organisatie.balie})."
)


@register("request-details")
class RequestDetails(Detector):
    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for index, doc in enumerate(letter.docs):
            paragraph = doc.text
            for sentence in requests_in(doc):
                text = sentence.text
                when = bool(DEADLINE.search(text) or DEADLINE.search(paragraph))
                how = bool(CHANNEL.search(text) or CHANNEL.search(paragraph))
                if (when and how) or (how and INVITATION.match(text)):
                    continue  # "Bel ons op …" invites; it needs no deadline
                missing = " en ".join(
                    m for m, ok in (("vóór wanneer", when), ("hoe", how)) if not ok
                )
                start, end, stripped = sentence_span(sentence)
                added = " ".join(p for p, ok in ((_WHEN, when), (fill(_HOW, ctx), how)) if not ok)
                yield Found(
                    index,
                    start,
                    end,
                    stripped,
                    {"missing": missing},
                    (Suggestion(f"{stripped} {added}", False),),
                )
