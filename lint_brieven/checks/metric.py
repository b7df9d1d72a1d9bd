"""Sentence metrics: a number per sentence against a maximum (Vale's ``metric``).

``words`` counts the sentence's words as ``sentence_words`` defines them: no punctuation,
placeholders, numbers, dates, amounts, postcodes, web or e-mail addresses or proper names.
A sentence is long above ``max`` words, or above the option ``clause-max`` when it holds an
embedded clause, a participle phrase before a noun or officialese (the officialese rules' own
words), and never when it is one simple clause plus a list or the count comes from an aside
in brackets at its end (``long_sentence``). The message says why: the number of words, and
what makes a shorter sentence long ({why}). A long sentence's hit
carries its reason (``Long``), so that it merges with LB402 and LB206 on the same sentence
into one finding (``sentence_findings``).

``average-words`` (one finding for the whole letter) says what the long-sentence rule does
not: that the sentences that are *not* too long are still long on average. It averages the
sentences of ``min-words`` words or more and at most ``long-sentence`` words (the longer ones
are the long-sentence rule's), and only when there are at least ``min-sentences`` of them: the
average of one or two sentences says nothing a per-sentence finding does not.
"""

from __future__ import annotations

from spacy.tokens import Span

from lint_brieven.checks import long_sentence, sentence_difficulty, sentence_words
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.checks.doc_cache import doc_sentences, span_text
from lint_brieven.letter import MappedText
from lint_brieven.sentence_findings import Long, long_why

# ``average-words`` options (rule pack ``options``, or ``[rule-options.LB203]``)
AVERAGE_DEFAULTS = {"min-sentences": 4, "long-sentence": 25}


def word_count(sentence: Span, content: MappedText, names: frozenset[str] = frozenset()) -> int:
    return len(sentence_words.words(sentence, content, names))


METRICS = {"words": word_count}


class MetricCheck(Check):
    skips_placeholders = False

    @property
    def scope(self) -> str:  # (see Check.scope) an average is over the whole letter
        return "letter" if self.rule.spec["metric"] == "average-words" else "block"

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        names = sentence_words.organisation_names(ctx.organisation)
        if self.rule.spec["metric"] == "average-words":
            return self._average(letter, ctx, names)
        if self.rule.spec["metric"] == "words":
            return self._long(letter, ctx, names)
        measure = METRICS[self.rule.spec["metric"]]
        limit = self.rule.spec["max"]
        suggestions = self.fixed_suggestions(ctx)
        hits: list[Hit] = []
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            for sentence in doc_sentences(doc):
                value = measure(sentence, content, names)
                if value > limit:
                    message = self.message(ctx, value=value, max=_number(limit), why="")
                    hits.append(_hit(index, sentence, message, suggestions))
        return hits

    def _long(self, letter: AnalysedLetter, ctx: CheckContext, names: frozenset[str]) -> list[Hit]:
        """Sentences too long to read in one go (``long_sentence``)."""
        options = {**long_sentence.DEFAULTS, **self.rule.spec.get("options", {})}
        most = float(self.rule.spec["max"])
        clause_most = float(options["clause-max"])
        items = int(options["list-item-words"])
        suggestions = self.fixed_suggestions(ctx)
        hits: list[Hit] = []
        for index in range(len(letter.docs)):
            content = letter.letter.blocks[index].content
            stiff = None
            for sentence, words in sentence_words.of_block(letter, index, names):
                if len(words) <= clause_most:
                    continue  # it counts no more words than these: never too long
                if stiff is None:
                    stiff = sentence_difficulty.officialese(letter, index)
                length = long_sentence.measure(sentence, content, names, items, stiff, words)
                if not long_sentence.too_long(length, most, clause_most):
                    continue
                reason = Long(length.words, most, length.clause, length.kind)
                why = long_why(reason)
                message = self.message(ctx, value=length.words, max=_number(most), why=why)
                hits.append(_hit(index, sentence, message, suggestions, reason))
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
            for index in range(len(letter.docs))
            for _, words in sentence_words.of_block(letter, index, names)
            if least <= (n := len(words)) <= longest
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


def _hit(index, sentence: Span, message: str, suggestions, reason: Long | None = None) -> Hit:
    written = span_text(sentence)
    text = written.strip()
    start = sentence.start_char + (len(written) - len(written.lstrip()))
    return Hit(index, start, start + len(text), message, suggestions, text, reason)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
