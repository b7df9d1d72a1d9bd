"""Rare words and long compounds, by wordfreq's Dutch word frequencies (Zipf scale: 3 is a
word seen once per million words, 1 once per billion).

A word below ``min-zipf`` is rare, unless it is a short compound of two common words
("antwoordenvelop"). A word of ``long-compound`` letters or more is a long compound when it is
itself not common (Zipf below 2.5) and splits into two common words; the rewrite then spells
it out with "van"
("huurprijsbeschikking" → "beschikking van de huurprijs" is a start the writer can refine).
Names, numbers, placeholders, the organisation's accepted words (``accept`` in the
configuration) and words another rule pack already explains (jargon, abbreviations,
officialese) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.findings import Suggestion

_CONTENT = ("NOUN", "ADJ", "VERB", "ADV")


@lru_cache(maxsize=1)
def covered_elsewhere() -> frozenset[str]:
    """Words and terms the shipped term and substitution rules handle themselves."""
    from lint_brieven.checks.loader import rules_for  # the rules the run loaded already

    words: set[str] = set()
    for rule in rules_for().values():
        for entry in rule.spec.get("terms", []) + rule.spec.get("swap", []):
            for text in [entry.get("term") or entry.get("phrase"), *entry.get("forms", [])]:
                words.update(text.lower().split())
    return frozenset(words)


def split_compound(word: str, min_zipf: float = 3.0) -> tuple[str, str] | None:
    """The best split of a compound into two common words, linking -s-/-e- allowed."""
    lower = word.lower()
    best = None
    for i in range(3, len(lower) - 2):
        head, tail = lower[:i], lower[i:]
        for left in (head, head[:-1] if head.endswith(("s", "e")) else None):
            if not left or len(left) < 3:
                continue
            score = min(zipf_frequency(left, "nl"), zipf_frequency(tail, "nl"))
            if score >= min_zipf and (best is None or score > best[0]):
                best = (score, left, tail)
    return (best[1], best[2]) if best else None


@register("rare-words")
class RareWords(Detector):
    defaults = {"min-zipf": 1.5, "long-compound": 16}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        min_zipf = float(self.options["min-zipf"])  # type: ignore[arg-type]
        long = int(self.options["long-compound"])  # type: ignore[arg-type]
        skip = covered_elsewhere()
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            seen: set[str] = set()
            for token in doc:
                word = token.lower_
                if (
                    token.pos_ not in _CONTENT
                    or not token.is_alpha
                    or word in skip
                    or word in seen
                    or content.placeholders_in(token.idx, token.idx + len(token))
                ):
                    continue
                found = self._check(token, min_zipf, long)
                if found is not None:
                    seen.add(word)
                    yield Found(index, token.idx, token.idx + len(token), token.text, *found)

    @staticmethod
    def _check(token: Token, min_zipf: float, long: int):
        zipf = zipf_frequency(token.lower_, "nl")
        if zipf >= 2.5 or (zipf >= min_zipf and len(token.text) < long):
            return None  # a word many people know, however long ("identiteitskaart")
        parts = split_compound(token.text)
        if parts and len(token.text) >= long:
            left, right = parts
            rewrite = f"{right} van de {left}"
            values = {"why": f"een lang samengesteld woord ({left} + {right})"}
            return values, (Suggestion(rewrite, False),)
        if zipf < min_zipf and not parts:
            return {"why": "een woord dat weinig mensen kennen"}, ()
        return None  # a short compound of common words reads fine ("antwoordenvelop")
