"""Sentence metrics: a number per sentence against a maximum (Vale's ``metric``).

``words`` counts tokens that are not punctuation or space, per sentence; a placeholder
(``{{ … }}``, a merge field, "[naam]", "UW NAAM") is no word of the writer's and not
counted. ``average-words`` is the mean over the letter's sentences (one finding for the
whole letter).
"""

from __future__ import annotations

from spacy.tokens import Span

from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.letter import MappedText


def word_count(sentence: Span, content: MappedText) -> int:
    count = 0
    for token in sentence:
        if token.is_punct or token.is_space:
            continue
        if content.placeholders_in(token.idx, token.idx + len(token.text)):
            continue  # a placeholder is filled in later: no word the writer wrote
        count += 1
    return count


METRICS = {"words": word_count}


class MetricCheck(Check):
    skips_placeholders = False

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        if self.rule.spec["metric"] == "average-words":
            return self._average(letter, ctx)
        measure = METRICS[self.rule.spec["metric"]]
        limit = self.rule.spec["max"]
        suggestions = self.fixed_suggestions(ctx)
        hits: list[Hit] = []
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            for sentence in doc.sents:
                value = measure(sentence, content)
                if value > limit:
                    text = sentence.text.strip()
                    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
                    message = self.message(ctx, value=value, max=_number(limit))
                    hits.append(Hit(index, start, start + len(text), message, suggestions, text))
        return hits

    def _average(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        """Words per sentence over the whole letter; fragments (address lines, headings,
        closings: fewer than ``min-words`` words) are left out."""
        least = int(self.rule.spec.get("min-words", 4))
        counts = [
            n
            for index, doc in enumerate(letter.docs)
            for sentence in doc.sents
            if (n := word_count(sentence, letter.letter.blocks[index].content)) >= least
        ]
        if not counts:
            return []
        average = sum(counts) / len(counts)
        limit = self.rule.spec["max"]
        if average <= limit:
            return []
        value = f"{average:.1f}".replace(".", ",")
        message = self.message(ctx, value=value, max=_number(limit))
        return [Hit(-1, 0, 0, message, self.fixed_suggestions(ctx))]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
