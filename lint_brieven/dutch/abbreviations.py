"""Whether a text spells out an abbreviation: "Autoriteit Consument & Markt" for ACM,
"Vereniging van Eigenaars" for VvE, "zelf aangebrachte voorzieningen" for ZAV.

The initial letters of consecutive words make the abbreviation. Small words ("van", "de",
"en", "&") may count or be skipped, as the abbreviation needs: VvE counts "van", ACM skips "&".
Two letters are spelled out only by capitalised words ("Raad van Toezicht" for RvT), so that
any two words in a row ("kunt bellen") are not taken for "KB".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+|&")
# words an abbreviation may leave out
_SMALL = frozenset({"van", "de", "het", "en", "&", "voor", "der", "den", "op", "in", "of", "te"})


def spelled_out(abbreviation: str, text: str) -> bool:
    """Whether ``text`` holds words whose initials, in order, are the letters of
    ``abbreviation`` (case does not matter; small words may be skipped)."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    if len(letters) < 2:
        return False
    words = [w for w in _WORD.findall(text) if w.lower() != abbreviation.lower()]
    capitals = len(letters) < 3
    return any(_match(words, start, letters, 0, capitals) for start in range(len(words)))


def _match(words: list[str], i: int, letters: list[str], k: int, capitals: bool) -> bool:
    if k == len(letters):
        return True
    if i >= len(words):
        return False
    word = words[i]
    small = word.lower() in _SMALL
    if (
        word[0].lower() == letters[k]
        and (not capitals or word[0].isupper() or small)
        and _match(words, i + 1, letters, k + 1, capitals)
    ):
        return True
    # a small word inside the run may be left out ("Consument & Markt")
    return k > 0 and small and _match(words, i + 1, letters, k, capitals)
