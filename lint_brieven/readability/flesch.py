"""Flesch-Douma: 206.835 - 0.93 * words per sentence - 77 * syllables per word.

The reference is textstat (its Dutch constants and its syllable count); we compute the same
numbers with pyphen, textstat's own syllable source, directly: importing textstat imports nltk
and much more for one count. ``tests/test_flesch.py`` compares both with textstat on the
corpus texts, so an upgrade of textstat or pyphen that changes a count fails there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

BASE = 206.835
SENTENCE_LENGTH = 0.93
SYLLABLES_PER_WORD = 77

# textstat's punctuation removal: an apostrophe stays only before an ending as in "auto's",
# "zo'n" loses it; every other character that is no letter, digit or space goes.
_LOOSE_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")


@cache
def _dutch():
    from pyphen import Pyphen

    return Pyphen(lang="nl")


@lru_cache(maxsize=65_536)  # a letter's words recur (and pyphen's patterns stay)
def syllables(text: str) -> int:
    """Syllables in ``text`` as textstat counts them in Dutch: punctuation removed, lower case,
    per word the hyphenation points pyphen's Dutch patterns give, plus one."""
    if not text:
        return 0
    words = _PUNCTUATION.sub("", _LOOSE_APOSTROPHE.sub("", text)).lower().split()
    return sum(len(_dutch().positions(word)) + 1 for word in words)


def score(sentences: Sequence[Sequence[str]]) -> float | None:
    """Flesch-Douma of sentences given as their words (sentences without words not counted),
    rounded to one decimal; None without words. A word counts at least one syllable."""
    return score_of_counts([counts(sentence) for sentence in sentences])


def counts(words: Sequence[str]) -> tuple[int, int]:
    """A sentence's words and syllables as ``score`` counts them (a word at least one)."""
    return len(words), sum(max(1, syllables(w)) for w in words)


def score_of_counts(sentences: Sequence[tuple[int, int]]) -> float | None:
    """``score`` of sentences given as their ``counts``: the template variants of a letter
    count each sentence they share once."""
    words = sum(n for n, _ in sentences)
    counted = sum(1 for n, _ in sentences if n)
    if not words or not counted:
        return None
    total = sum(s for _, s in sentences)
    return round(
        BASE - SENTENCE_LENGTH * words / counted - SYLLABLES_PER_WORD * total / words,
        1,
    )
