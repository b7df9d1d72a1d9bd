"""Readability checks on LiNT-II levels: of the whole letter, or of each sentence.

``scope: letter`` flags a letter above the target level (``max``, else the configuration's
``target-level``); ``scope: sentence`` flags sentences (with a verb, and at least ``min-words``
words) above ``max`` that also show what an editor would change (``sentence_difficulty``:
hard words, officialese, a passive without a doer, a subject that holds a clause far from its
verb), and names exactly that. A level-4 sentence whose score comes from a name, a title or
one long but ordinary word is left alone. A sentence hit carries its reason (``Hard``), so
that it merges with LB201 and LB206 on the same sentence into one finding
(``sentence_findings``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lint_brieven.checks import sentence_difficulty, sentence_words
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.checks.sentence_difficulty import unexplained_jargon
from lint_brieven.findings import Suggestion
from lint_brieven.readability import SentenceScore
from lint_brieven.sentence_findings import Hard, comma, hard_causes, joined, listed

# sentence-scope options (rule pack ``options``, or ``[rule-options.LB402]``)
SENTENCE_DEFAULTS = sentence_difficulty.DEFAULTS


class ReadabilityCheck(Check):
    skips_placeholders = False
    scope = "letter"  # the letter's level; a sentence's jargon counts if unexplained anywhere

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        readability = letter.readability
        suggestions = self.fixed_suggestions(ctx)
        if self.rule.spec["scope"] == "letter":
            target = int(self.rule.spec.get("max", ctx.target_level))
            if readability.level is None or readability.level <= target:
                return []
            message = self.message(
                ctx, level=readability.level, score=comma(readability.lint_ii), max=target
            )
            return [Hit(-1, 0, 0, message, suggestions)]
        limit = int(self.rule.spec["max"])
        least = int(self.rule.spec.get("min-words", 0))
        options = {**SENTENCE_DEFAULTS, **self.rule.spec.get("options", {})}
        names = sentence_words.organisation_names(ctx.organisation)
        hits = []
        for s in readability.sentences:
            if s.level is None or s.level <= limit or not s.has_verb:
                continue  # a fragment (address line, heading) is no sentence to rewrite
            if s.spaced_words < least:
                continue  # LiNT-II weighs a few rare words heavily in a very short sentence
            hit = self._sentence_hit(
                letter,
                s,
                lambda s=s: self._new_sentence_hit(letter, s, ctx, names, options, suggestions),
            )
            if hit is not None:
                hits.append(hit if hit.block == s.block else replace(hit, block=s.block))
        return hits

    def _sentence_hit(
        self, letter: AnalysedLetter, s: SentenceScore, make: Callable[[], Hit | None]
    ) -> Hit | None:
        """``make()``, the hit on a hard sentence (None when it shows too little of what makes
        it hard), once per file for the sentence of a doc with the same placeholders and the
        same jargon the letter explains nowhere (all the letter adds: template variants share
        the sentence)."""
        doc = letter.docs[s.block]
        content = letter.letter.blocks[s.block].content
        marks = tuple((g.start, g.end) for g in content.segments if g.placeholder is not None)
        jargon = tuple(id(span) for span in unexplained_jargon(letter, s.block))
        key = ("readability:sentence-hit", id(self), id(doc), s.start, s.end, marks, jargon)
        found = letter.shared.get(key)
        if found is None:
            found = letter.shared[key] = (doc, make())
        return found[1]

    def _new_sentence_hit(
        self,
        letter: AnalysedLetter,
        s: SentenceScore,
        ctx: CheckContext,
        names: frozenset[str],
        options: dict,
        suggestions: tuple[Suggestion, ...],
    ) -> Hit | None:
        limit = int(self.rule.spec["max"])
        reason = _reason(letter, s, names, options)
        if reason is None:
            return None  # the score alone: nothing an editor would change
        message = self.message(
            ctx,
            level=s.level,
            score=comma(s.lint_ii),
            max=limit,
            why=why(reason),
            rare_words=listed(reason.words) or "-",
            dependency=f"'{reason.apart.second}' hoort bij '{reason.apart.first}', "
            f"{reason.apart.gap} woorden eerder"
            if reason.apart
            else "-",
        ).strip()
        return Hit(s.block, s.start, s.end, message, suggestions, s.text, reason)


def why(reason: Hard) -> str:
    """ "Lastig zijn het zeldzame woord 'a', de ambtelijke taal 'b' en de afstand tussen 'x'
    en 'y' (12 woorden)." — or the part there is, or nothing."""
    parts = hard_causes(reason)
    if reason.apart:
        a = reason.apart
        parts.append(f"de afstand tussen '{a.first}' en '{a.second}' ({a.gap} woorden)")
    if not parts:
        return ""
    many = len(parts) > 1 or any(len(r) > 1 for r in (reason.words, reason.jargon, reason.stiff))
    return f"Lastig {'zijn' if many else 'is'} {joined(parts)}."


def _reason(
    letter: AnalysedLetter, s: SentenceScore, names: frozenset[str], options: dict
) -> Hard | None:
    """The sentence's reason when it shows enough of what makes it hard, else None."""
    span = letter.docs[s.block].char_span(s.start, s.end, alignment_mode="expand")
    if span is None:
        return None
    found = sentence_difficulty.evidence(letter, s.block, span, names, options)
    if found.points < options["min-evidence"]:
        return None
    score = s.lint_ii if s.lint_ii is not None else 0.0
    return Hard(
        int(s.level or 0),
        score,
        found.words,
        found.subject,
        found.stiff,
        found.passive,
        found.jargon,
    )
