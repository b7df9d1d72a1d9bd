"""A promise whose term differs from the organisation's service terms
(``[servicetermijnen]`` in lint-brieven.toml, e.g. reparatie = "binnen 5 werkdagen"): a letter
that says "Wij repareren de kraan binnen 3 werkdagen" promises something else than the
organisation keeps. Staff making different promises for the same request was one of the
lessons of the tenant journeys.

Without a service term for the topic, a letter (not a web page, ``commitments.makes_promises``)
is held to itself: a second promise, in another sentence, of the same thing (same topic, verb
and object) with another term ("Wij nemen binnen 2 werkdagen contact met u op" and further on
"Wij nemen binnen 5 werkdagen contact met u op") is found, with the first term as the
proposal. A sentence that names two terms for two things ("een lekkage binnen 24 uur, een
kapotte deurbel binnen 2 weken") is a list, not a contradiction.

Only the organisation's commitment (``dutch.commitments``): "U moet de lekkage binnen 24 uur
melden" is the tenant's deadline, not a promise. The topic decides which service term applies
(``dutch.service_terms``); a term that cannot be compared (no number and unit) is left
alone. The proposal is the configured term in place of the letter's, where it reads correctly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from spacy.tokens import Doc, Span

from lint_brieven.audit.promises import topic_of
from lint_brieven.checks.base import AnalysedLetter, CheckContext, found_in, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, span_text
from lint_brieven.dutch.commitments import commitment, is_request_or_question, makes_promises
from lint_brieven.dutch.service_terms import normalised_term, terms_in, topic_terms
from lint_brieven.findings import Suggestion


@register("service-term")
class ServiceTerm(Detector):
    scope = "letter"  # whether the letter makes promises; a term promised earlier in it

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        organisation = ctx.organisation.get("naam", "")
        in_letter = makes_promises(letter.letter)
        # the promises of each block depend on that block alone (and on the run's settings):
        # worked out once per file (template variants share their blocks)
        service_terms = tuple(ctx.service_terms.items())
        cache_name = f"service-term:{organisation!r}:{service_terms!r}"
        work = partial(_promises, organisation, service_terms)
        first: dict[tuple[str, str], str] = {}  # (topic, what) → the first term promised
        for index, promises in found_in(letter, cache_name, work):
            for kept, promised, topic in promises:
                for span, term, action in promised:
                    if kept:
                        if term in {normalised_term(value) for _, value in kept}:
                            continue  # the term of (one of) the sentence's topics
                        (name, configured), source = kept[0], _CONFIGURED
                    else:
                        if topic is None or not in_letter:
                            continue
                        key = (topic, action)
                        if key not in first:
                            first[key] = span.text
                            continue
                        configured = first[key]
                        if normalised_term(configured) == term:
                            continue
                        name, source = topic, _IN_LETTER
                    yield Found(
                        index,
                        span.start_char,
                        span.end_char,
                        span.text,
                        {"onderwerp": name, "termijn": configured, "bron": source},
                        (Suggestion(match_case(span.text, configured), False),),
                    )


_Promise = tuple[Span, str, str]  # the term's span, the normalised term, what is promised


def _promises(
    organisation: str, service_terms: tuple[tuple[str, str], ...], doc: Doc
) -> tuple[tuple[tuple[tuple[str, str], ...], tuple[_Promise, ...], str | None], ...]:
    """For each sentence of a block with one term promised (not a request or a question, not
    a list of terms): the configured service terms of its topics, its promises, and its topic
    (when no service term applies)."""
    out = []
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        found = terms_in(text)
        if not found or is_request_or_question(sentence):
            continue
        if len({t for _, _, t in found}) > 1:
            continue  # "een lekkage binnen 24 uur, een deurbel binnen 2 weken": a list
        promised = _promised(doc, sentence, found, organisation)
        if not promised:
            continue
        kept = tuple(_kept(text, dict(service_terms)))
        out.append((kept, tuple(promised), None if kept else topic_of(text)))
    return tuple(out)


_CONFIGURED = "uw organisatie (servicetermijnen in lint-brieven.toml)"
_IN_LETTER = "deze brief elders"


def _promised(doc, sentence, found, organisation: str) -> list[tuple[Span, str, str]]:
    """The terms in the sentence that are the organisation's commitment, with what is
    promised: the verb that has the subject and its object ("beantwoorden klacht", "opnemen
    contact"), so that two promises are compared only when they are about the same thing."""
    out = []
    for start, end, term in found:
        span = doc.char_span(sentence.start_char + start, sentence.start_char + end, "expand")
        made = commitment(span.root, organisation) if span is not None else None
        if made is not None:
            verb = made.infinitives[-1] if made.infinitives else ""
            objects = sorted(
                c.lemma_.lower() for v in made.verbs for c in v.children if c.dep_ == "obj"
            )
            out.append((span, term, " ".join([verb, *objects])))
    return out


def _kept(text: str, service_terms: dict[str, str]) -> list[tuple[str, str]]:
    """The configured service terms of the sentence's topics that name a term."""
    return [
        (key, value)
        for key, value in topic_terms(text, service_terms)
        if normalised_term(value) is not None
    ]
