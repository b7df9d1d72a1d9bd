"""Flesch-Douma: 206.835 - 0.93 * words per sentence - 77 * syllables per word.

The reference is textstat (its Dutch constants and its syllable count); we compute the same
numbers with pyphen, textstat's own syllable source, directly: importing textstat imports nltk
and much more for one count. ``tests/test_flesch.py`` compares both with textstat on the
corpus texts, so an upgrade of textstat or pyphen that changes a count fails there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

BASE = 206.835
SENTENCE_LENGTH = 0.93
SYLLABLES_PER_WORD = 77

# textstat's punctuation removal: an apostrophe stays only before an ending as in "auto's",
# "zo'n" loses it; every other character that is no letter, digit or space goes.
_LOOSE_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")


@cache
def _dutch():
    """pyphen's Dutch hyphenation, as ``Pyphen(lang="nl")``. Parsing pyphen's pattern file
    (16,000 patterns) took 70 ms of every start: the parsed table is kept in the rule cache
    (``checks/rule_cache``, keyed on the file's bytes and pyphen's version) and handed to
    pyphen's own cache of parsed files, so that pyphen finds it there. Counting is pyphen's
    own ``positions`` on the same patterns (``tests/test_flesch.py``)."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("nl")]
    if path not in pyphen.hdcache:
        table = _patterns(path)
        if table is not None:
            pyphen.hdcache[path] = table
    return pyphen.Pyphen(lang="nl")


def _patterns(path: Path):
    """pyphen's ``HyphDict`` of ``path``: from the rule cache when it holds the file's table,
    else parsed by pyphen (and its table kept, when every value is a plain number: no
    nonstandard hyphenation, which Dutch has none of). None when the file cannot be read."""
    from pyphen import HyphDict, __version__

    from lint_brieven.checks import rule_cache

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    key = {"file": hashlib.sha256(raw).hexdigest(), "pyphen": __version__, "format": 1}
    parsed: list[HyphDict] = []

    def parse() -> dict | None:
        parsed.append(HyphDict(path))
        patterns = parsed[0].patterns
        if any(type(v) is not int for _, values in patterns.values() for v in values):
            return None  # DataInt: not kept
        table = [[text, start, list(values)] for text, (start, values) in patterns.items()]
        return {"maxlen": parsed[0].maxlen, "patterns": table}

    data = rule_cache.cached("hyphenation", key, parse)
    if parsed:
        return parsed[0]

    class Parsed(HyphDict):
        """pyphen's ``HyphDict`` holding the patterns it parsed before (its attributes as
        ``HyphDict.__init__`` sets them; every method is pyphen's)."""

        def __init__(self, patterns: dict, maxlen: int) -> None:  # no super(): no parsing
            self.patterns = patterns
            self.cache: dict = {}
            self.maxlen = maxlen

    try:
        table = {text: (start, tuple(values)) for text, start, values in data["patterns"]}
        return Parsed(table, int(data["maxlen"]))
    except (TypeError, ValueError, KeyError):  # not a table after all: pyphen parses the file
        return HyphDict(path)


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
    return score_of_totals([totals(sentences)])


def totals(sentences: Sequence[tuple[int, int]]) -> tuple[int, int, int]:
    """The words, the sentences with words and the syllables of sentences given as their
    ``counts`` (a block's: a letter's score adds up its blocks' totals)."""
    return (
        sum(n for n, _ in sentences),
        sum(1 for n, _ in sentences if n),
        sum(s for _, s in sentences),
    )


def score_of_totals(parts: Sequence[tuple[int, int, int]]) -> float | None:
    """``score`` of the sentences of parts given as their ``totals``."""
    words = sum(w for w, _, _ in parts)
    counted = sum(c for _, c, _ in parts)
    if not words or not counted:
        return None
    total = sum(s for _, _, s in parts)
    return round(
        BASE - SENTENCE_LENGTH * words / counted - SYLLABLES_PER_WORD * total / words,
        1,
    )
