"""Readability checks on LiNT-II levels: of the whole letter, or of each sentence.

``scope: letter`` flags a letter above the target level (``max``, else the configuration's
``target-level``); ``scope: sentence`` flags sentences (with a verb, and at least ``min-words``
words) above ``max`` and names what makes them hard: their hard words and their longest
distance between two words that belong together (LiNT-II's dependency length).

A hard word is one of the sentence's words (``sentence_words``: never a placeholder, number,
date, amount, postcode, web or e-mail address, punctuation or proper name) whose frequency in
LiNT-II's own word list (SUBTLEX-NL, log scale) is below the option ``hard-word-frequency``;
the rarest ``MAX_HARD_WORDS`` are named, rarest first. The default 3.3 sits just below the
ordinary words of a housing letter (huurder 3.35, reparatie 3.39, aannemer 3.43), so those are
never named as the difficulty. A sentence hit carries its reason (``Hard``), so that it merges
with LB201 and LB206 on the same sentence into one finding (``sentence_findings``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from lint_brieven.checks import sentence_words
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.readability import SentenceScore, lint_ii_bridge
from lint_brieven.sentence_findings import Apart, Hard, comma, listed

# sentence-scope options (rule pack ``options``, or ``[rule-options.LB402]``)
SENTENCE_DEFAULTS = {"hard-word-frequency": 3.0, "max-gap": 8}
MAX_HARD_WORDS = 3


class ReadabilityCheck(Check):
    skips_placeholders = False

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
        below = float(options["hard-word-frequency"])
        max_gap = int(options["max-gap"])
        names = sentence_words.organisation_names(ctx.organisation)
        hits = []
        for s in readability.sentences:
            if s.level is None or s.level <= limit or not s.has_verb:
                continue  # a fragment (address line, heading) is no sentence to rewrite
            if len(s.text.split()) < least:
                continue  # LiNT-II weighs a few rare words heavily in a very short sentence
            reason = _reason(letter, s, names, below, max_gap)
            apart = reason.apart
            message = self.message(
                ctx,
                level=s.level,
                score=comma(s.lint_ii),
                max=limit,
                why=why(reason),
                rare_words=listed(reason.words) or "-",
                dependency=f"'{apart.second}' hoort bij '{apart.first}', {apart.gap} woorden eerder"
                if apart
                else "-",
            ).strip()
            hits.append(Hit(s.block, s.start, s.end, message, suggestions, s.text, reason))
        return hits


def why(reason: Hard) -> str:
    """ "Lastig zijn de zeldzame woorden 'a' en 'b' en de afstand tussen 'x' en 'y' (19
    woorden)." — or the part there is, or nothing."""
    parts = []
    if reason.words:
        noun = "de zeldzame woorden" if len(reason.words) > 1 else "het zeldzame woord"
        parts.append(f"{noun} {listed(reason.words)}")
    if reason.apart:
        a = reason.apart
        parts.append(f"de afstand tussen '{a.first}' en '{a.second}' ({a.gap} woorden)")
    if not parts:
        return ""
    verb = "zijn" if len(parts) > 1 or len(reason.words) > 1 else "is"
    joined = ", en ".join(parts) if len(reason.words) > 1 and reason.apart else " en ".join(parts)
    return f"Lastig {verb} {joined}."


def _reason(
    letter: AnalysedLetter, s: SentenceScore, names: frozenset[str], below: float, max_gap: int
) -> Hard:
    doc = letter.docs[s.block]
    span = doc.char_span(s.start, s.end, alignment_mode="expand")
    score = s.lint_ii if s.lint_ii is not None else 0.0
    if span is None:
        return Hard(int(s.level or 0), score)
    block = letter.letter.blocks[s.block]
    words = sentence_words.words(span, block.content, names)
    written = block.text  # the parse reads typographic quotes as ASCII at the same offsets
    return Hard(
        int(s.level or 0),
        score,
        _hard_words(words, below, written),
        _apart(span, {t.i for t in words}, written, max_gap),
    )


def _features(token: Token):
    lint_ii_bridge.install()
    from lint_ii.core.word_features import WordFeatures

    return WordFeatures(token)


def _frequency(token: Token) -> float | None:
    """LiNT-II's frequency of the word (None for a word LiNT-II does not weigh), or of its
    lower-case form or lemma when that is higher: a word is not rare when its plain form is
    common ("Reparaties" at the start of a sentence, "reparaties" beside "reparatie")."""
    frequency = _features(token).word_frequency
    if frequency is None:
        return None
    from lint_ii.linguistic_data.wordlists import FREQ_DATA, NOUN_DATA

    for form in {token.text.lower(), token.lemma_.lower()}:
        known = FREQ_DATA.get(NOUN_DATA.get(form, {}).get("head", form))
        if known is not None:
            frequency = max(frequency, known)
    return frequency


def _as_written(token: Token, written: str) -> str:
    return written[token.idx : token.idx + len(token)] or token.text


def _hard_words(words: list[Token], below: float, written: str) -> tuple[str, ...]:
    """The rarest of ``words`` below the frequency ``below``, each once, rarest first."""
    rare: dict[str, tuple[float, int, str]] = {}
    for token in words:
        frequency = _frequency(token)
        if frequency is None or frequency >= below:
            continue
        key = token.text.lower()
        if key not in rare:
            rare[key] = (frequency, token.i, _as_written(token, written))
    ranked = sorted(rare.values())
    return tuple(text for _, _, text in ranked[:MAX_HARD_WORDS])


def _apart(span: Span, words: set[int], written: str, max_gap: int) -> Apart | None:
    """LiNT-II's longest dependency in the sentence, between two real words (a placeholder's
    stand-in or a number is not named), in reading order; None when it is ``max_gap`` words
    or fewer (no difficulty worth naming)."""
    best: tuple[int, Token, Token] | None = None
    for token in span:
        if token.i not in words:
            continue
        features = _features(token)
        for head in features.heads:
            if head.i == token.i or head.i not in words or not (span.start <= head.i < span.end):
                continue
            lo, hi = sorted((token.i, head.i))
            gap = sum(1 for t in token.doc[lo + 1 : hi] if t.dep_ != "punct" and not t.is_space)
            if gap and (best is None or gap > best[0]):
                best = (gap, *sorted((token, head), key=lambda t: t.i))
    if best is None or best[0] <= max_gap:
        return None
    gap, first, second = best
    return Apart(_as_written(first, written), _as_written(second, written), gap)
