"""Vague terms in a promise: "Wij nemen zo spoedig mogelijk contact met u op", "U ontvangt
binnenkort een brief", "De keuken wordt op korte termijn geplaatst". The tenant cannot tell
when, and "zo snel mogelijk" means something else to the tenant than to the organisation.

Only where the organisation commits itself (``dutch.commitments``): not in a wish or an aim
("We onderzoeken de mogelijkheden om zo snel mogelijk te kunnen beginnen"), not in a request
to the tenant ("Neem zo snel mogelijk contact op"), not in the past, not negated, not when the
sentence names a date or term as well.

The proposal is the organisation's own service term for the topic of the sentence
(``[servicetermijnen]``: reparatie = "binnen 5 werkdagen"), put in place of the vague words
where it reads correctly (the parse of the changed sentence is checked); without one, or when
the sentence is about two topics with different terms, the rule's advice asks for a date or a
term the organisation keeps.
"""

from __future__ import annotations

from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, span_text
from lint_brieven.dutch.commitments import (
    VAGUE,
    commitment,
    dated_clauses,
    is_request_or_question,
    verb_of,
)
from lint_brieven.dutch.requests import DEADLINE
from lint_brieven.dutch.service_terms import topic_terms
from lint_brieven.findings import Suggestion


@register("vague-term")
class VagueTerm(Detector):
    scope = "block"  # one sentence
    keeps_words = False  # the vague words are swapped for a term, not a clause rewritten

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        organisation = ctx.organisation.get("naam", "")
        for index, doc in enumerate(letter.docs):
            for sentence in doc_sentences(doc):
                text = span_text(sentence)
                # (the words first: most sentences have none, and then whether the sentence
                # asks something does not matter)
                if not VAGUE.search(text) or is_request_or_question(sentence):
                    continue
                dated = dated_clauses(sentence)
                for match in VAGUE.finditer(text):
                    start = sentence.start_char + match.start()
                    span = doc.char_span(start, start + len(match.group()), "expand")
                    if span is None:
                        continue
                    word = span[-1]
                    if span[0].lower_ == "zodra":
                        # "Zodra dit kan, bellen wij u": the promise is the main clause
                        word = verb_of(span[0]).head
                    if verb_of(word).i in dated:
                        continue  # "binnenkort, uiterlijk 1 mei" names the date after all
                    made = commitment(word, organisation)
                    if made is None or made.expects:
                        continue  # "Wij hopen u binnenkort te zien": a wish
                    yield Found(
                        index,
                        span.start_char,
                        span.end_char,
                        span.text,
                        {},
                        _proposal(text, span.text, ctx),
                    )


def _proposal(text: str, vague: str, ctx: CheckContext) -> tuple[Suggestion, ...]:
    """The service term of the sentence's topic in place of the vague words: only for an
    adverbial phrase (not the clause "zodra dit mogelijk is"), and only when the sentence is
    about one configured term ("contact over de reparatie" could be either of two)."""
    if vague.lower().startswith("zodra"):
        return ()
    terms = {value for _, value in topic_terms(text, ctx.service_terms)}
    if len(terms) != 1:
        return ()
    term = terms.pop()
    if not DEADLINE.search(term):
        return ()
    return (Suggestion(match_case(vague, term), False),)
