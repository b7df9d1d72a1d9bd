"""A season or a vague period instead of a date: "De werkzaamheden beginnen in het voorjaar",
"Wij verwachten de renovatie eind dit jaar af te ronden", "U krijgt in de loop van 2027 een
nieuwe keuken". The tenant cannot plan a day off, a holiday or clearing a room on a season.

Only in a letter (or a declared piece of one, ``commitments.makes_promises``): a web page
about a long project names its phases by season, a letter to this tenant about this home
should not. Only where the organisation commits itself or states its plan (``dutch.
commitments``; an expectation counts: "wij verwachten … in het voorjaar af te ronden" is a
plan stated as a hope). Not when the sentence also gives a date, and not when the letter says
when the tenant hears the exact date ("Voor de start ontvangt u een brief met de exacte
startdatum"): then the period is honest and the follow-up is named. Not for a letter or a
message the tenant will get ("In het voorjaar ontvangt u een uitnodiging"): he has nothing to
plan around it, and not for a habit ("In de winter controleren wij elk jaar de cv-ketel").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from spacy.tokens import Doc

from lint_brieven.checks.base import AnalysedLetter, CheckContext, found_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.checks.needed_text import may_match
from lint_brieven.dutch.commitments import (
    PERIOD,
    PERIOD_NEEDED,
    commitment,
    dated_clauses,
    informs,
    is_request_or_question,
    makes_promises,
    names_follow_up,
    verb_of,
)


@register("vague-period")
class VaguePeriod(Detector):
    scope = "letter"  # whether the letter makes promises or names a follow-up

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not makes_promises(letter.letter):
            return
        if names_follow_up(letter):
            return  # the letter says when the tenant hears the exact date
        organisation = ctx.organisation.get("naam", "")
        # the periods themselves depend on the block alone: worked out once per file
        # (template variants share their blocks)
        name = f"vague-period:{organisation}"
        for index, periods in found_in(letter, name, partial(_periods, organisation)):
            for start, end, text in periods:
                yield Found(index, start, end, text)


def _periods(organisation: str, doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """The vague periods the organisation commits itself to in a block, the first of each
    sentence that is no request or question, as (start, end, text)."""
    out: list[tuple[int, int, str]] = []
    if not may_match(PERIOD_NEEDED, doc_text(doc)):
        return ()  # (nor has any sentence, a part of its text, a period)
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        matches = list(PERIOD.finditer(text))
        if not matches or is_request_or_question(sentence):
            continue
        dated = dated_clauses(sentence)
        for match in matches:
            start = sentence.start_char + match.start()
            span = doc.char_span(start, start + len(match.group()), "expand")
            if span is None or verb_of(span.root).i in dated:
                continue  # "in het voorjaar, op 3 april" names the date
            made = commitment(span.root, organisation)
            if made is None or informs(made):
                continue  # "In het voorjaar ontvangt u een brief": nothing to plan
            out.append((span.start_char, span.end_char, span.text))
            break  # one period per sentence
    return tuple(out)
