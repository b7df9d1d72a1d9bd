"""The pieces of text a regular expression cannot match without, read from the expression
itself: a text with none of them is passed by without the expression being searched.

Python's ``re`` tries a long case-insensitive alternation ("\\bin het voorjaar|\\bvolgend
jaar|…") at every position of a text; looking for a few plain strings in the text's lower
case is many times quicker. ``needed(pattern)`` reads the pattern's parse (``re._parser``,
what ``re.compile`` itself reads): a run of plain characters in sequence must stand in every
match, a group or a repeat of at least once needs what its contents need, an alternation
needs one of what each alternative needs. Anything else (a character class, an optional part,
a look-around, a back reference) needs nothing. The answer is a set of lower-case ASCII
strings, one of which every match contains; or None when the pattern needs no such string.

``may_match(strings, text)`` is False only when ``pattern.search(text)`` (and ``match``,
``finditer``) finds nothing: the text has none of the strings in lower case. Compared with
``str.lower``, ``re.IGNORECASE`` also matches four non-ASCII letters with ASCII ones (the
dotted and dotless i, the long s and the Kelvin sign: ``_FOLDING``); a text with one of them
is always searched. (Only ASCII characters are taken into the strings, so every other
character of a text, in lower case or not, differs from all of theirs under the flag.)
"""

from __future__ import annotations

import re

try:  # Python's own parser of regular expressions: private, so its absence is allowed for
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every Python we support (3.11-3.13) has them
    _parser = None

# the non-ASCII characters ``re.IGNORECASE`` matches with an ASCII character ("İ", "ı", "ſ",
# "K"); tests/test_needed_text.py checks every character
_FOLDING = frozenset("\u0130\u0131\u017f\u212a")


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None: none
    known (then every text may match; also where Python's private parser of expressions is
    missing or reads the pattern otherwise than expected)."""
    if _parser is None:
        return None
    try:
        found = _needed(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # another Python's parse tree: no strings known, every text searched
        return None
    if not found:
        return None
    # a string that holds another one is found only where that one is: left out
    return frozenset(s for s in found if not any(t != s and t in s for t in found))


def may_match(strings: frozenset[str] | None, text: str) -> bool:
    """False when the pattern ``strings`` came from (``needed``) cannot match ``text``."""
    if strings is None or not (text.isascii() or _FOLDING.isdisjoint(text)):
        return True
    return any(map(text.lower().__contains__, strings))


def _needed(items) -> set[str] | None:
    """What the sequence ``items`` (parsed) needs: one of its parts' needs (the one whose
    shortest string is longest), or None."""
    choices: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL and value < 128:
            run.append(chr(value))
            continue
        if run:
            choices.append({"".join(run).lower()})
            run = []
        part = None
        if op is sre.SUBPATTERN:
            part = _needed(value[-1])
        elif op is sre.ATOMIC_GROUP:
            part = _needed(value)
        elif op is sre.BRANCH:
            parts = [_needed(alternative) for alternative in value[1]]
            if all(parts):
                part = set().union(*parts)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            part = _needed(value[2])
        if part:
            choices.append(part)
    if run:
        choices.append({"".join(run).lower()})
    return max(choices, key=lambda strings: min(map(len, strings)), default=None)
