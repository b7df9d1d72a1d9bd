"""The letter grade, 1 to 10, as Dutch schools give them (the target: at least an 8).

    grade = 10 − 0.9 × ln(1 + F) − 0.16 × max(0, S − 40), between 1 and 10, to one decimal

- F: the weighted findings per 100 words: error 2, warning 1, info 0.25, divided by the
  letter's sentence words (at least 50 are counted, so a very short letter is not judged
  harsher), times 100;
- S: the letter's LiNT-II score (higher is harder; level 1 ends at 34, level 2 at 46, level 3
  at 58); a letter without a score counts as S = 50.

Why this shape: the logarithm never saturates. The first findings cost most (one warning per
100 words: −0.6; two: −1.0) and every further one still costs something (10 per 100 words:
−2.2, 20: −2.7), so letters full of findings are still told apart, where a straight line (the
grade before, 10 − 0.25 × F from the level's base) put every such letter at 1. The LiNT-II
term is smooth too (no jump at a level boundary): a letter at S = 40 (level 2) loses nothing,
one at S = 58 (the end of level 3) 2.9 points, one at S = 65 (level 4) 4.

On the corpus (corpus/), the "voor" letters get 2.9 to 5.2 and each "na" letter 9.8 or more;
the real letters of eval/dev spread from 5.4 to 10 (median 8.9).

``FORMULA`` names this formula; the audit's cached views depend on it (``views``), so a
report made with another formula is never served from the cache.

Quick wins (``fixed_grade_of``): the grade the letter would get when the findings whose first
suggestion is safe (``--fix`` applies it) were fixed, that is, without those findings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from lint_brieven.findings import FileReport, Finding, Severity

FORMULA = "10 - 0.9 ln(1 + F) - 0.16 max(0, S - 40); F: error 2 warning 1 info 0.25 per 100 words"
WEIGHTS = {Severity.ERROR: 2.0, Severity.WARNING: 1.0, Severity.INFO: 0.25}
PER_LOG = 0.9  # grade points per unit of ln(1 + weighted findings per 100 words)
PER_SCORE = 0.16  # grade points per LiNT-II point above EASY
EASY = 40.0  # LiNT-II score up to which a text costs nothing (the middle of level 2)
NO_SCORE = 50.0  # a letter without a LiNT-II score counts as this
MIN_WORDS = 50


def words_of(readability: dict | None) -> int:
    if not readability:
        return 0
    return sum(len(s["text"].split()) for s in readability.get("sentences", []))


def grade(score: float | None, findings: Iterable[Finding], words: int) -> float:
    """The grade of a letter with this LiNT-II score, these findings and this many words."""
    weighted = sum(WEIGHTS[f.severity] for f in findings)
    per_100 = 100.0 * weighted / max(words, MIN_WORDS)
    hard = max(0.0, (NO_SCORE if score is None else score) - EASY)
    value = 10.0 - PER_LOG * math.log1p(per_100) - PER_SCORE * hard
    return round(min(10.0, max(1.0, value)), 1)


def safe_fix(finding: Finding) -> bool:
    """Whether ``--fix`` can fix the finding on its own (its first suggestion is safe)."""
    return bool(finding.suggestions) and finding.suggestions[0].safe


def grade_of(report: FileReport) -> float | None:
    """The grade of a checked file; None for a file that could not be read."""
    if report.error:
        return None
    return _grade(report, report.findings)


def fixed_grade_of(report: FileReport) -> float | None:
    """The grade of a checked file once its safe fixes are applied; None when unread."""
    if report.error:
        return None
    return _grade(report, [f for f in report.findings if not safe_fix(f)])


def _grade(report: FileReport, findings: list[Finding]) -> float:
    readability = report.readability or {}
    score = (readability.get("lint_ii") or {}).get("score")
    return grade(score, findings, words_of(readability))
