"""The letter grade, 1 to 10, as Dutch schools give them (the target: at least an 8).

    grade = base(LiNT-II level) − 0.25 × weighted findings per 100 words, between 1 and 10

- base: level 1 → 10, level 2 → 9, level 3 → 7, level 4 → 5 (no level: 8);
- weights: error 2, warning 1, info 0.25;
- rounded to one decimal.

So a B1 letter (level 1 or 2) with two warnings per 100 words gets 9.5 or 8.5; a letter at
level 3 with eight warnings per 100 words gets 5. The words are the letter's sentence words
(at least 50 are counted, so a very short letter is not judged harsher).
"""

from __future__ import annotations

from collections.abc import Iterable

from lint_brieven.findings import FileReport, Finding, Severity

BASE = {1: 10.0, 2: 9.0, 3: 7.0, 4: 5.0}
NO_LEVEL = 8.0
WEIGHTS = {Severity.ERROR: 2.0, Severity.WARNING: 1.0, Severity.INFO: 0.25}
PER_POINT = 0.25  # grade points lost per weighted finding per 100 words


def words_of(readability: dict | None) -> int:
    if not readability:
        return 0
    return sum(len(s["text"].split()) for s in readability.get("sentences", []))


def grade(level: int | None, findings: Iterable[Finding], words: int) -> float:
    base = BASE.get(level, NO_LEVEL) if level else NO_LEVEL
    weighted = sum(WEIGHTS[f.severity] for f in findings)
    per_100 = 100.0 * weighted / max(words, 50)  # a very short text is not judged harsher
    return round(min(10.0, max(1.0, base - PER_POINT * per_100)), 1)


def grade_of(report: FileReport) -> float | None:
    """The grade of a checked file; None for a file that could not be read."""
    if report.error:
        return None
    readability = report.readability or {}
    level = (readability.get("lint_ii") or {}).get("level")
    return grade(level, report.findings, words_of(readability))
