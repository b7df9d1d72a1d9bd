"""The audit as data: one ``LetterResult`` per letter (its page, its entry in
``rapport.json``, its row in ``brieven.csv``) and the ``Audit`` over all of them (the
dashboard and the totals of ``rapport.json``).

Letters come one at a time and are let go once written (``report.ReportWriter``): the
``Audit`` keeps totals, and each letter's row (names, scores, how many findings, the
commitments) goes to disk (``rows``), so an audit of ten thousand letters holds no ten
thousand reports nor ten thousand rows."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lint_brieven.audit.grade import fixed_grade_of, grade_of, words_of
from lint_brieven.audit.moments import MOMENTS
from lint_brieven.audit.promises import Commitment, commitments
from lint_brieven.audit.rows import Row, Rows
from lint_brieven.findings import FileReport
from lint_brieven.reporters.json_format import file_dict

QUICK_WINS = 10  # letters the dashboard lists as quick wins
FORMAT = 2  # of rapport.json; 1 had Dutch keys (``pad``, ``cijfer``, ``bevindingen`` …)
_KEYS = {  # per format: the list of letters, a letter's path, grade and findings, the average
    1: ("brieven", "pad", "cijfer", "bevindingen", "gemiddeld_cijfer"),
    2: ("letters", "path", "grade", "findings", "average_grade"),
}


def most_found(codes: list[str]) -> str | None:
    """The code found most often; of equals the first in order (the same on every run)."""
    return most_counted(Counter(codes))


def most_counted(counts: Counter) -> str | None:
    """``most_found`` of the codes counted in ``counts``."""
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


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
class MomentTotals:
    """Of the readable letters of one moment."""

    letters: int = 0
    graded: int = 0  # letters with a grade
    codes: Counter = field(default_factory=Counter)  # of their findings


@dataclass
class Audit:
    """The letters' totals and the few lists the dashboard shows whole; each letter's row is
    kept on disk (``rows``, while the report is written), so memory does not grow with the
    letters. Only the letters that could not be read are kept here (``errors``)."""

    rules: dict = field(default_factory=dict)  # code → Rule (or collect.RuleInfo)
    previous: Previous | None = None  # an earlier rapport.json, for --compare
    skipped: list[FileReport] = field(default_factory=list)  # not read on purpose, see notices
    rows: Rows | None = None  # the letters' rows, while the report is written
    count: int = 0  # letters
    errors: list[Summary] = field(default_factory=list)  # letters that could not be read
    codes: Counter = field(default_factory=Counter)  # of the readable letters' findings
    levels: Counter = field(default_factory=Counter)
    grades: Counter = field(default_factory=Counter)
    eights: int = 0  # readable letters with an 8 or more
    graded: int = 0  # readable letters with a grade
    moments: dict[str, MomentTotals] = field(default_factory=dict)  # as first found
    moment_names: set[str] = field(default_factory=set)  # of all letters
    wins: list[tuple] = field(default_factory=list)  # the best quick wins so far (``QUICK_WINS``)
    _average: tuple[float | None] | None = None

    def add(self, summary: Summary) -> None:
        """The next letter (number ``count`` after this)."""
        self.count += 1
        self.moment_names.add(summary.moment)
        row = Row(
            summary.path,
            summary.location,
            summary.error,
            summary.moment,
            summary.slug,
            summary.grade,
            summary.fixed_grade,
            summary.score,
            summary.level,
            len(summary.codes),
        )
        if self.rows is not None:
            self.rows.add(self.count, row, summary.commitments)
        if summary.error:
            self.errors.append(summary)
            return
        self.codes.update(summary.codes)
        self.levels[str(summary.level or "-")] += 1
        grade = summary.grade
        if grade:
            self.grades[str(round(grade))] += 1
        self.eights += (grade or 0) >= 8
        moment = self.moments.setdefault(summary.moment, MomentTotals())
        moment.letters += 1
        moment.codes.update(summary.codes)
        if grade is not None:
            self.graded += 1
            moment.graded += 1
            if summary.fixed_grade is not None:
                gain = round(summary.fixed_grade - grade, 1)
                if gain > 0:
                    self.wins.append((-gain, summary.path, self.count, row))
                    if len(self.wins) > 4 * QUICK_WINS:
                        self.wins = self._best_wins()

    def _best_wins(self) -> list[tuple]:
        return sorted(self.wins, key=lambda win: win[:3])[:QUICK_WINS]

    def quick_wins(self) -> list[tuple[Row, float]]:
        """The letters whose grade rises most with the safe fixes, with the rise; ties by
        path, then in order."""
        return [(row, -gain) for gain, _path, _number, row in self._best_wins()]

    def rule_counts(self) -> Counter:
        return self.codes

    def level_counts(self) -> dict[str, int]:
        return {k: self.levels.get(k, 0) for k in ("1", "2", "3", "4")}

    def grade_counts(self) -> dict[str, int]:
        return {str(g): self.grades.get(str(g), 0) for g in range(1, 11)}

    def average_grade(self) -> float | None:
        if self._average is None:
            total = sum(self.rows.grades()) if self.rows is not None and self.graded else 0
            self._average = (round(total / self.graded, 1) if self.graded else None,)
        return self._average[0]

    def by_moment(self) -> list[tuple[str, int, float | None, int, str | None]]:
        """Per moment (in the order of the tenant's journey): letters, average grade,
        findings and the rule found most."""
        order = {m: i for i, m in enumerate(MOMENTS)}
        moments = sorted(self.moments.items(), key=lambda kv: order.get(kv[0], len(order)))
        out = []
        for name, totals in moments:
            average = None
            if totals.graded and self.rows is not None:
                average = round(sum(self.rows.grades(name)) / totals.graded, 1)
            found = sum(totals.codes.values())
            out.append((name, totals.letters, average, found, most_counted(totals.codes)))
        return out

    def conflicts(self) -> dict[str, Terms]:
        """Topics for which letters promise different terms: topic → term → commitments
        (read from ``rows`` as they are shown)."""
        if self.rows is None:
            return {}
        rows = self.rows
        return {t: Terms(rows, t, rows.terms(t)) for t in rows.conflicting_topics()}

    def totals_json(self) -> dict:
        """``rapport.json`` after the letters."""
        return {
            "skipped": [
                {"path": report.path, "reason": " ".join(report.notices)} for report in self.skipped
            ],
            "findings_by_code": dict(self.rule_counts().most_common()),
            "average_grade": self.average_grade(),
            "conflicting_promises": {
                topic: {term: self.rows.promising(topic, term) for term in terms}
                for topic, terms in self.conflicts().items()
            },
        }


class Terms:
    """The terms promised for a topic (iterate) and, per term, the commitments (``values``),
    read from the rows when they are shown."""

    def __init__(self, rows: Rows, topic: str, terms: list[str]) -> None:
        self.rows, self.topic, self.terms = rows, topic, terms

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def values(self) -> Iterator[Iterator[Commitment]]:
        return (self.rows.commitments(self.topic, term) for term in self.terms)
