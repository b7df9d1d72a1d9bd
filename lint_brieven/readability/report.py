"""The per-file readability block of every output: the hardest variant of a letter.

Shape (JSON ``files[].readability``): ``{"lint_ii": {"score", "level"}, "flesch_douma",
"variant", "sentences": [{"line", "column", "text", "lint_ii", "level"}]}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint_brieven.checks.base import AnalysedLetter


def report_readability(letters: Sequence[AnalysedLetter]) -> dict | None:
    """Readability of the hardest letter (highest LiNT-II score) a file can produce."""
    if not letters:
        return None
    hardest = max(letters, key=lambda a: a.readability.lint_ii or -1.0)
    r = hardest.readability
    sentences = []
    for s in r.sentences:
        span = hardest.letter.blocks[s.block].content.span(s.start, s.end)
        sentences.append(
            {
                "line": span.line if span else None,
                "column": span.column if span else None,
                "text": s.text,
                "lint_ii": s.lint_ii,
                "level": s.level,
            }
        )
    return {
        "lint_ii": {"score": r.lint_ii, "level": r.level},
        "flesch_douma": r.flesch_douma,
        "variant": hardest.letter.variant if len(letters) > 1 else None,
        "sentences": sentences,
    }
