"""Every request to hand in, pass on, pay or arrange something says by when and how. "Stuur
het formulier terug." leaves both open; "Stuur het formulier vóór 1 mei terug in de
antwoordenvelop." does not. What is around the request counts: its paragraph, the heading or
introduction just before it, and the two paragraphs after it; and a request for the same
action elsewhere in the letter ("U moet nog € 100 betalen" in the opening, "Betaal € 100
uiterlijk 1 mei via …" in the steps). Requests under a question such as "Heeft u vragen?" are
offers (ways to reach us), not requests; headings announce, they do not ask.

The rewrite adds what is missing, with the organisation's channels from the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext, fill
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import sentence_span
from lint_brieven.dutch.requests import (
    CHANNEL,
    DEADLINE,
    action,
    asks_to_hand_in,
    is_conditional_question,
    requests_in,
)
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind

INVITATION = re.compile(
    r"^\s*(?:bel|mail|e-?mail|app|neem|kijk)\b.*(?:\bons\b|\b0\d|\b14 ?0\d\d|@|www\.)"
    r"|^\s*kom\b.*\blangs\b",
    re.IGNORECASE,
)

_WHEN = "Doe dit vóór [datum]."
_HOW = (
    "U kunt dit doen via {organisatie.website}, per e-mail ({organisatie.email}) "
    "of aan de balie ({organisatie.balie})."
)


@register("request-details")
class RequestDetails(Detector):
    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        requests = []  # (block, sentence, action verb, when, how)
        for index, (block, doc) in enumerate(zip(letter.letter.blocks, letter.docs, strict=True)):
            if block.kind is BlockKind.HEADING:
                continue  # "Dit moet u nog betalen" announces a list; it asks nothing itself
            # What is around the request counts: its paragraph, the two blocks before it (a
            # heading, an introduction to a list) and the two after it.
            before = [d.text for d in letter.docs[max(0, index - 2) : index]]
            heading = _heading_above(letter, index)
            if any(is_conditional_question(t.strip()) for t in [*before, heading]):
                continue  # under "Heeft u vragen?": ways to reach us, not requests
            around = " ".join(d.text for d in letter.docs[max(0, index - 2) : index + 3])
            for sentence in requests_in(doc):
                if not asks_to_hand_in(sentence):
                    continue
                how = bool(CHANNEL.search(around))
                if how and INVITATION.match(sentence.text):
                    continue  # "Bel ons op …", "Bel de gemeente op 14 030": an invitation
                when = bool(DEADLINE.search(around))
                requests.append((index, sentence, action(sentence), when, how))
        # A request is specified once for the letter: "U moet nog € 100 betalen" in the
        # opening is fine when "Betaal € 100 uiterlijk 1 mei via …" follows in the steps.
        done = {(v, "when") for _, _, v, when, _ in requests if when}
        done |= {(v, "how") for _, _, v, _, how in requests if how}
        for index, sentence, verb, when, how in requests:
            when = when or (verb, "when") in done
            how = how or (verb, "how") in done
            if when and how:
                continue
            missing = " en ".join(m for m, ok in (("vóór wanneer", when), ("hoe", how)) if not ok)
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


def _heading_above(letter: AnalysedLetter, index: int) -> str:
    for block in reversed(letter.letter.blocks[:index]):
        if block.kind is BlockKind.HEADING:
            return block.text.strip()
    return ""
