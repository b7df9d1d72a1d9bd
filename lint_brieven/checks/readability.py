"""Readability checks on LiNT-II levels: of the whole letter, or of each sentence.

``scope: letter`` flags a letter above the target level (``max``, else the configuration's
``target-level``); ``scope: sentence`` flags sentences (with a verb, and at least ``min-words``
words) above ``max`` and names what makes them hard: their rarest words and their longest
dependency.
"""

from __future__ import annotations

from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit


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
                ctx, level=readability.level, score=_comma(readability.lint_ii), max=target
            )
            return [Hit(-1, 0, 0, message, suggestions)]
        limit = int(self.rule.spec["max"])
        least = int(self.rule.spec.get("min-words", 0))
        hits = []
        for s in readability.sentences:
            if s.level is None or s.level <= limit or not s.has_verb:
                continue  # a fragment (address line, heading) is no sentence to rewrite
            if len(s.text.split()) < least:
                continue  # LiNT-II weighs a few rare words heavily in a very short sentence
            word, head, distance = s.longest_dependency or ("", "", 0)
            message = self.message(
                ctx,
                level=s.level,
                score=_comma(s.lint_ii),
                max=limit,
                rare_words=listed(s.rare_words) or "-",
                dependency=f"'{word}' hoort bij '{head}', {distance} woorden verder"
                if word
                else "-",
            )
            hits.append(Hit(s.block, s.start, s.end, message, suggestions, s.text))
        return hits


def listed(words: tuple[str, ...]) -> str:
    """ "'a', 'b' en 'c'"."""
    quoted = [f"'{w}'" for w in words]
    return " en ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else "".join(quoted)


def _comma(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}".replace(".", ",")
