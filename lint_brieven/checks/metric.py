"""Sentence metrics: a number per sentence against a maximum (Vale's ``metric``).

``words`` counts the sentence's words as ``sentence_words`` defines them: no punctuation,
placeholders, numbers, dates, amounts, postcodes, web or e-mail addresses or proper names.
A long sentence's hit carries its reason (``Long``), so that it merges with LB402 and LB206
on the same sentence into one finding (``sentence_findings``).

``average-words`` (one finding for the whole letter) says what the long-sentence rule does
not: that the sentences that are *not* too long are still long on average. It averages the
sentences of ``min-words`` words or more and at most ``long-sentence`` words (the longer ones
are the long-sentence rule's), and only when there are at least ``min-sentences`` of them: the
average of one or two sentences says nothing a per-sentence finding does not.
"""

from __future__ import annotations

from spacy.tokens import Span

from lint_brieven.checks import sentence_words
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.letter import MappedText
from lint_brieven.sentence_findings import Long

# ``average-words`` options (rule pack ``options``, or ``[rule-options.LB203]``)
AVERAGE_DEFAULTS = {"min-sentences": 4, "long-sentence": 20}


def word_count(sentence: Span, content: MappedText, names: frozenset[str] = frozenset()) -> int:
    return len(sentence_words.words(sentence, content, names))


METRICS = {"words": word_count}


class MetricCheck(Check):
    skips_placeholders = False

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        names = sentence_words.organisation_names(ctx.organisation)
        if self.rule.spec["metric"] == "average-words":
            return self._average(letter, ctx, names)
        measure = METRICS[self.rule.spec["metric"]]
        limit = self.rule.spec["max"]
        suggestions = self.fixed_suggestions(ctx)
        hits: list[Hit] = []
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            for sentence in doc.sents:
                value = measure(sentence, content, names)
                if value > limit:
                    text = sentence.text.strip()
                    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
                    message = self.message(ctx, value=value, max=_number(limit))
                    reason = Long(value, float(limit))
                    hits.append(
                        Hit(index, start, start + len(text), message, suggestions, text, reason)
                    )
        return hits

    def _average(
        self, letter: AnalysedLetter, ctx: CheckContext, names: frozenset[str]
    ) -> list[Hit]:
        """Words per sentence over the letter's sentences that are not too long; fragments
        (address lines, headings, closings: fewer than ``min-words`` words) are left out."""
        options = {**AVERAGE_DEFAULTS, **self.rule.spec.get("options", {})}
        least = int(self.rule.spec.get("min-words", 4))
        longest = int(options["long-sentence"])
        counts = [
            n
            for index, doc in enumerate(letter.docs)
            for sentence in doc.sents
            if least
            <= (n := word_count(sentence, letter.letter.blocks[index].content, names))
            <= longest
        ]
        if len(counts) < int(options["min-sentences"]):
            return []
        average = sum(counts) / len(counts)
        limit = self.rule.spec["max"]
        if average <= limit:
            return []
        value = f"{average:.1f}".replace(".", ",")
        message = self.message(ctx, value=value, max=_number(limit), long=longest)
        return [Hit(-1, 0, 0, message, self.fixed_suggestions(ctx))]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
