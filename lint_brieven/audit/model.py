"""The audit as data: one ``LetterResult`` per letter (its page, its entry in
``rapport.json``, its row in ``brieven.csv``) and the ``Audit`` over all of them (the
dashboard and the totals of ``rapport.json``).

Letters come one at a time and are let go once written (``report.ReportWriter``): the
``Audit`` keeps of each only its ``Summary`` (names, scores, the codes found and the
commitments), so an audit of ten thousand letters holds no ten thousand reports."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lint_brieven.audit.grade import fixed_grade_of, grade_of, words_of
from lint_brieven.audit.moments import MOMENTS
from lint_brieven.audit.promises import Commitment, commitments, conflicts
from lint_brieven.findings import FileReport
from lint_brieven.reporters.json_format import file_dict

FORMAT = 2  # of rapport.json; 1 had Dutch keys (``pad``, ``cijfer``, ``bevindingen`` …)
_KEYS = {  # per format: the list of letters, a letter's path, grade and findings, the average
    1: ("brieven", "pad", "cijfer", "bevindingen", "gemiddeld_cijfer"),
    2: ("letters", "path", "grade", "findings", "average_grade"),
}


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
    layout: dict | None = None  # the letter as the tenant reads it (``audit.layout``)

    @property
    def path(self) -> str:
        return self.report.path

    @cached_property
    def grade(self) -> float | None:
        return grade_of(self.report)

    @cached_property
    def fixed_grade(self) -> float | None:
        """The grade once the safe fixes are applied (the dashboard's quick wins)."""
        return fixed_grade_of(self.report)

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


def letter_json(letter: LetterResult, rules: Mapping[str, object]) -> dict:
    """The letter's entry in ``rapport.json``: check's JSON object of the file (the same keys
    and values as ``check --output-format json``) with the audit's moment, grade and words."""
    return {
        **file_dict(letter.report, rules),
        "moment": letter.moment,
        "grade": letter.grade,
        "words": letter.words,
    }


@dataclass(frozen=True, slots=True)
class PreviousLetter:
    grade: float | None
    findings: int  # how many


@dataclass(frozen=True)
class Previous:
    """What ``--compare`` reads of an earlier ``rapport.json`` (``previous_report``)."""

    version: int  # its format
    letters: dict[str, PreviousLetter]  # by path
    average_grade: float | None


class NotAReport(ValueError):
    """The data is no ``rapport.json`` that ``--compare`` can read; the text says why in Dutch."""


def previous_report(data: object) -> Previous:
    """An earlier ``rapport.json`` (already decoded) for ``--compare``: of format 2 (English
    keys) or 1 (Dutch keys, before ``version`` was written); ``NotAReport`` when it is
    neither, or of a newer format."""
    wrong = NotAReport("dit is geen rapport.json van 'lint-brieven audit'.")
    if not isinstance(data, dict):
        raise wrong
    version = data.get("version", 1)
    if type(version) is not int:
        raise wrong
    if version not in _KEYS:
        raise NotAReport(
            f"dit rapport.json heeft versie {version}; deze lint-brieven kan alleen rapporten "
            f"van versie 1 tot en met {FORMAT} vergelijken. Maak het rapport opnieuw, of "
            "vergelijk met de lint-brieven die het maakte."
        )
    letters_key, path_key, grade_key, findings_key, average_key = _KEYS[version]
    if not isinstance(data.get(letters_key), list) or not _is_grade(data.get(average_key)):
        raise wrong
    letters = {}
    for letter in data[letters_key]:
        if not (
            isinstance(letter, dict)
            and isinstance(letter.get(path_key), str)
            and isinstance(letter.get(findings_key), list)
            and _is_grade(letter.get(grade_key))
        ):
            raise wrong
        letters[letter[path_key]] = PreviousLetter(letter[grade_key], len(letter[findings_key]))
    return Previous(version, letters, data[average_key])


def _is_grade(value: object) -> bool:
    return value is None or type(value) in (int, float)


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
    fixed_grade: float | None = None  # the grade once the safe fixes are applied

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
            letter.fixed_grade,
        )


@dataclass
class Audit:
    letters: list[Summary] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # code → Rule (or collect.RuleInfo)
    previous: Previous | None = None  # an earlier rapport.json, for --compare
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
            "skipped": [
                {"path": report.path, "reason": " ".join(report.notices)} for report in self.skipped
            ],
            "findings_by_code": dict(self.rule_counts().most_common()),
            "average_grade": self.average_grade(),
            "conflicting_promises": {
                topic: {term: sorted({c.path for c in cs}) for term, cs in terms.items()}
                for topic, terms in self.conflicts().items()
            },
        }
