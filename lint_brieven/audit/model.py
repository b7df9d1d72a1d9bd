"""The audit as data: one ``LetterResult`` per letter (its page, its entry in
``rapport.json``, its row in ``brieven.csv``) and the ``Audit`` over all of them (the
dashboard and the totals of ``rapport.json``).

Letters come one at a time and are let go once written (``report.ReportWriter``): the
``Audit`` keeps of each only its ``Summary`` (names, scores, the codes found and the
commitments), so an audit of ten thousand letters holds no ten thousand reports."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from lint_brieven.audit.grade import grade_of, words_of
from lint_brieven.audit.moments import MOMENTS
from lint_brieven.audit.promises import Commitment, commitments, conflicts
from lint_brieven.findings import FileReport


def most_found(codes: list[str]) -> str | None:
    """The code found most often; of equals the first in order (the same on every run)."""
    counts = Counter(codes)
    return min(counts, key=lambda c: (-counts[c], c)) if codes else None


@dataclass
class LetterResult:
    report: FileReport
    moment: str
    source: str = ""  # the letter's own source text, for the highlighted page
    slug: str = ""

    @property
    def path(self) -> str:
        return self.report.path

    @cached_property
    def grade(self) -> float | None:
        return grade_of(self.report)

    @property
    def readability(self) -> dict:
        return self.report.readability or {}

    @property
    def level(self) -> int | None:
        return (self.readability.get("lint_ii") or {}).get("level")

    @property
    def score(self) -> float | None:
        return (self.readability.get("lint_ii") or {}).get("score")

    @cached_property
    def words(self) -> int:
        return words_of(self.report.readability)

    @cached_property
    def commitments(self) -> list[Commitment]:
        return commitments(self.path, self.readability.get("sentences", []))


def letter_json(letter: LetterResult) -> dict:
    """The letter's entry in ``rapport.json``."""
    return {
        "pad": letter.path,
        "moment": letter.moment,
        "cijfer": letter.grade,
        "lint_ii": letter.score,
        "niveau": letter.level,
        "flesch_douma": letter.readability.get("flesch_douma"),
        "woorden": letter.words,
        "fout": letter.report.error,
        "fout_regel": letter.report.error_line,
        "bevindingen": [
            {
                "code": f.code,
                "niveau": f.severity.value,
                "regel": f.line,
                "kolom": f.column,
                "tekst": f.text,
                "melding": f.message,
            }
            for f in letter.report.findings
        ],
    }


@dataclass(frozen=True, slots=True)
class Summary:
    """What the dashboard needs of a letter."""

    path: str
    location: str  # the path, with the line of an error
    error: str | None
    moment: str
    slug: str
    grade: float | None
    score: float | None
    level: int | None
    codes: tuple[str, ...]  # of the findings, in order
    commitments: tuple[Commitment, ...]

    @staticmethod
    def of(letter: LetterResult) -> Summary:
        report = letter.report
        return Summary(
            letter.path,
            report.location,
            report.error,
            letter.moment,
            letter.slug,
            letter.grade,
            letter.score,
            letter.level,
            tuple(sys.intern(f.code) for f in report.findings),
            tuple(letter.commitments),
        )


@dataclass
class Audit:
    letters: list[Summary] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # code → Rule (or collect.RuleInfo)
    previous: dict | None = None  # an earlier rapport.json, for --compare
    skipped: list[FileReport] = field(default_factory=list)  # not read on purpose, see notices

    @property
    def readable(self) -> list[Summary]:
        return [letter for letter in self.letters if not letter.error]

    def rule_counts(self) -> Counter:
        return Counter(code for letter in self.readable for code in letter.codes)

    def level_counts(self) -> dict[str, int]:
        counts = Counter(str(letter.level or "-") for letter in self.readable)
        return {k: counts.get(k, 0) for k in ("1", "2", "3", "4")}

    def grade_counts(self) -> dict[str, int]:
        counts = Counter(str(round(letter.grade)) for letter in self.readable if letter.grade)
        return {str(g): counts.get(str(g), 0) for g in range(1, 11)}

    def average_grade(self) -> float | None:
        grades = [letter.grade for letter in self.readable if letter.grade is not None]
        return round(sum(grades) / len(grades), 1) if grades else None

    def by_moment(self) -> dict[str, list[Summary]]:
        out: dict[str, list[Summary]] = {}
        for letter in self.readable:
            out.setdefault(letter.moment, []).append(letter)
        order = {m: i for i, m in enumerate(MOMENTS)}
        return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))

    def conflicts(self) -> dict:
        return conflicts([c for letter in self.readable for c in letter.commitments])

    def totals_json(self) -> dict:
        """``rapport.json`` after the letters."""
        return {
            "overgeslagen": [
                {"pad": report.path, "reden": " ".join(report.notices)} for report in self.skipped
            ],
            "regels": dict(self.rule_counts().most_common()),
            "gemiddeld_cijfer": self.average_grade(),
            "beloftes": {
                topic: {term: sorted({c.path for c in cs}) for term, cs in terms.items()}
                for topic, terms in self.conflicts().items()
            },
        }
