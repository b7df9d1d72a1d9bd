"""Whitespace handling shared by the layouts, keeping the source map."""

from __future__ import annotations

import re

from lint_brieven.letter import MappedText

_RUN = re.compile(r"\s+")
_AFTER_FIRST = re.compile(r"(?<=\s)\s+")  # a run of whitespace but its first character


def collapse(text: MappedText) -> MappedText:
    """Each run of whitespace becomes one space mapped to the run's first character; trimmed.

    ``squeeze(text, _RUN).strip()``, without a match object for every single space."""
    if not _RUN.search(text.text):
        return text.strip()
    kept = remove(text, [m.span() for m in _AFTER_FIRST.finditer(text.text)])
    return MappedText(_RUN.sub(" ", text.text), kept.segments).strip()


def squeeze(text: MappedText, pattern: re.Pattern[str]) -> MappedText:
    """Each match of ``pattern`` becomes one space mapped to the match's first character."""
    matches = list(pattern.finditer(text.text))
    if not matches:
        return text
    kept = remove(text, [(m.start() + 1, m.end()) for m in matches if m.end() > m.start() + 1])
    spaced = pattern.sub(" ", text.text)  # same characters as ``kept``, matches now one space
    return MappedText(spaced, kept.segments)


def remove(text: MappedText, spans: list[tuple[int, int]]) -> MappedText:
    """``text`` without the given (sorted, non-overlapping) character ranges."""
    keep: list[tuple[int, int]] = []
    pos = 0
    for start, end in spans:
        keep.append((pos, start))
        pos = end
    keep.append((pos, len(text.text)))
    return text.select(keep)
