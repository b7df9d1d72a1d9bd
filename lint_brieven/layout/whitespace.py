"""Whitespace handling shared by the layouts, keeping the source map."""

from __future__ import annotations

import re

from lint_brieven.letter import MappedText

_RUN = re.compile(r"\s+")


def collapse(text: MappedText) -> MappedText:
    """Each run of whitespace becomes one space mapped to the run's first character; trimmed."""
    return squeeze(text, _RUN).strip()


def squeeze(text: MappedText, pattern: re.Pattern[str]) -> MappedText:
    """Each match of ``pattern`` becomes one space mapped to the match's first character."""
    parts: list[MappedText] = []
    pos = 0
    for m in pattern.finditer(text.text):
        parts.append(text.slice(pos, m.start()))
        first = text.slice(m.start(), m.start() + 1)
        parts.append(MappedText(" ", first.segments))
        pos = m.end()
    parts.append(text.slice(pos, len(text.text)))
    return MappedText.join(parts)


def remove(text: MappedText, spans: list[tuple[int, int]]) -> MappedText:
    """``text`` without the given (sorted, non-overlapping) character ranges."""
    parts: list[MappedText] = []
    pos = 0
    for start, end in spans:
        parts.append(text.slice(pos, start))
        pos = end
    parts.append(text.slice(pos, len(text.text)))
    return MappedText.join(parts)
