"""The letter's main message comes first. A first paragraph that only looks back ("Naar
aanleiding van uw brief van 3 maart…", "Hierbij ontvangt u…", "Zoals u weet…") and asks
nothing makes the tenant read on to find out what the letter is about.

The rewrite proposes the letter's first request (or its first sentence with a date or an
amount) as the opening.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import sentence_span
from lint_brieven.dutch.letter_parts import body_blocks, is_complete_letter
from lint_brieven.dutch.requests import DEADLINE, requests_in
from lint_brieven.findings import Suggestion

_LOOKING_BACK = re.compile(
    r"^\s*(?:naar aanleiding van|hierbij|bij deze|zoals u weet|zoals bekend|zoals eerder|"
    r"in uw brief|in uw e-mail|op \d{1,2} \w+ (?:heeft|hebt) u|u heeft ons|u hebt ons|"
    r"wij hebben uw \w+ (?:van|op) |onlangs|enige tijd geleden|"
    r"met deze brief willen wij u informeren"
    r"|graag informeren wij u)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"€\s?\d|\b\d+(?:,\d{2})? euro\b", re.IGNORECASE)


@register("main-message-first")
class MainMessageFirst(Detector):
    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return  # a fragment's first paragraph is not the letter's opening
        body = body_blocks(letter)
        if len(body) < 2:
            return
        first = body[0]
        doc = letter.docs[first]
        text = doc.text
        if not _LOOKING_BACK.match(text) or requests_in(doc) or _AMOUNT.search(text):
            return
        kern = self._kern(letter, body[1:])
        if kern is None:
            return
        start, end, opening = sentence_span(next(iter(doc.sents)))
        yield Found(
            first, start, end, opening, {"kern": kern}, (Suggestion(kern, False, replaces=False),)
        )

    @staticmethod
    def _kern(letter: AnalysedLetter, blocks: list[int]) -> str | None:
        for index in blocks:
            requests = requests_in(letter.docs[index])
            if requests:
                return sentence_span(requests[0])[2]
        for index in blocks:
            for sentence in letter.docs[index].sents:
                if DEADLINE.search(sentence.text) or _AMOUNT.search(sentence.text):
                    return sentence_span(sentence)[2]
        return None
