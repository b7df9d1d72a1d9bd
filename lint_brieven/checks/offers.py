"""What a word-list finding offers: the alternatives fitted to the sentence and checked there
(concrete replacements, applied by ``--fix``), and the ones that did not fit (advice: the
writer has to rephrase). See ``swap_fit`` and ``replacement_check``.

All concrete replacements of one finding replace the same words: when one alternative needs
more of the sentence ("Mocht u vragen hebben" → "Als u vragen heeft"), the others are widened
to the same words. A replacement that would touch a template placeholder is advice only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span

from lint_brieven import nlp
from lint_brieven.checks import swap_fit
from lint_brieven.checks.base import match_case
from lint_brieven.checks.replacement_check import Replacement, holds, prepare
from lint_brieven.checks.swap_fit import Fitted, fit
from lint_brieven.dutch.forms import prime_genders
from lint_brieven.findings import Suggestion
from lint_brieven.letter import MappedText

_OWN_FIT = {"conditional", "clause-start", "main-clause"}  # see swap_fit.fit


@dataclass
class Offer:
    """Characters ``start:end`` of the block (``text`` as written) and what replaces them."""

    start: int
    end: int
    text: str
    concrete: list[Suggestion] = field(default_factory=list)
    advice: list[Suggestion] = field(default_factory=list)

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        return (*self.concrete, *self.advice)


@dataclass(frozen=True)
class Candidates:
    """Each alternative fitted to the place of a span (None: it cannot be, or is advice), and
    the replacement that puts it there (None: none to check)."""

    fitted: tuple[Fitted | None, ...]
    replacements: tuple[Replacement | None, ...]


def prime(wanted: Iterable[tuple[Span, list[str], str | None]]) -> None:
    """Have the made-up sentences that fitting each (span, options, how) of ``candidates``
    reads parsed in one batch (``nlp.Probe``): which word of an alternative is its verb, and
    the gender of an alternative for a noun and of the noun it replaces. Only the generic fit
    reads them (``swap_fit._generic``)."""
    options: list[str] = []
    nouns: list[str] = []
    for span, use, how in wanted:
        if how in _OWN_FIT:
            continue
        options += use
        if len(span) == 1 and span[0].pos_ == "NOUN":
            nouns += [span[0].lower_, *(o.split()[0] for o in use if o.split())]
    swap_fit.prime(options)
    prime_genders(nouns)


def candidates(
    span: Span,
    options: list[str],
    content: MappedText,
    *,
    how: str | None = None,
    replace: bool = True,
    exact: bool = True,
) -> Candidates:
    """The alternatives ``options`` fitted to the place of ``span`` (see ``offer``): what a
    caller with many matches gathers to have every sentence checked in one batch
    (``replacement_check.prepare``) before it makes their offers."""
    doc = span.doc
    fitted = tuple(fit(span, option, how, exact) if replace else None for option in options)
    replacements = tuple(
        Replacement(doc, c.start, c.end, c.text)
        if c is not None and not content.placeholders_in(c.start, c.end)
        else None
        for c in fitted
    )
    return Candidates(fitted, replacements)


def offer(
    span: Span,
    options: list[str],
    content: MappedText,
    *,
    how: str | None = None,
    safe: bool = False,
    replace: bool = True,
    exact: bool = True,
    planned: Candidates | None = None,
) -> Offer:
    """The alternatives ``options`` for the words of ``span``: fitted and checked, or advice.
    ``exact``: the words are the list's phrase as written. ``safe`` (the word list's claim)
    holds only then, for an alternative used as listed, in place of exactly those words.
    ``planned``: ``candidates`` of the same arguments, worked out (and prepared) before."""
    doc = span.doc
    source = nlp.source_text(doc)
    fitted: list[Fitted] = []
    advice = []
    if planned is None:  # (else the caller has had their sentences parsed together)
        planned = candidates(span, options, content, how=how, replace=replace, exact=exact)
        prepare(r for r in planned.replacements if r is not None)  # parsed together
    replacements = planned.replacements
    for option, candidate, rep in zip(options, planned.fitted, replacements, strict=True):
        if candidate is not None and rep is not None and holds(rep):
            fitted.append(candidate)
        else:
            advice.append(Suggestion(match_case(span.text, option), False, False))
    start = min((f.start for f in fitted), default=span.start_char)
    end = max((f.end for f in fitted), default=span.end_char)
    result = Offer(start, end, source[start:end], advice=advice)
    seen = set()
    for candidate in fitted:
        text = source[start : candidate.start] + candidate.text + source[candidate.end : end]
        if text in seen or text == result.text:
            continue
        seen.add(text)
        same = (candidate.start, candidate.end) == (span.start_char, span.end_char)
        result.concrete.append(Suggestion(text, safe and exact and same and not candidate.reformed))
    return result
