"""Whitespace handling shared by the layouts, keeping the source map."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lint_brieven.letter import MappedText, Segment, _part_of

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


def collapse_joined(parts: Sequence[MappedText]) -> MappedText:
    """``collapse(MappedText.join(parts))``, the same text and map, without the joined map and
    the collapsed one it goes through: the ranges kept (each run of whitespace but its first
    character, inside the text without its leading and trailing whitespace, which is what
    ``strip`` drops of the collapsed text: ``\\s`` and ``str.isspace`` are the same characters)
    are taken from the parts' segments in one walk, each piece of a segment made as ``select``
    makes it (``_part_of``): a segment is in a range when it ends after the range's start and
    starts before its end."""
    text = "".join([part.text for part in parts])
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= start:
        return MappedText("", ())
    ranges: list[tuple[int, int]] = []
    pos = start
    for match in _AFTER_FIRST.finditer(text, start, end):
        ranges.append((pos, match.start()))
        pos = match.end()
    ranges.append((pos, end))
    segments: list[Segment] = []
    count = len(ranges)
    first = 0  # the first range not yet wholly before the segment being placed
    moved = [0] * count  # per range: how far its characters move in the new text
    offset = 0
    for index, (range_start, range_end) in enumerate(ranges):
        moved[index] = offset - range_start
        offset += range_end - range_start
    offset = 0
    for part in parts:
        for seg in part.segments:
            seg_start, seg_end = seg.start + offset, seg.end + offset
            while first < count and ranges[first][1] <= seg_start:
                first += 1
            index = first
            while index < count:
                range_start, range_end = ranges[index]
                if range_start >= seg_end:
                    break
                if seg_end > range_start and seg_start < range_end:
                    lo, hi = max(seg_start, range_start), min(seg_end, range_end)
                    segments.append(_part_of(seg, lo - offset, hi - offset, moved[index] + offset))
                index += 1
        offset += len(part.text)
    return MappedText(_RUN.sub(" ", text[start:end]), tuple(segments))
