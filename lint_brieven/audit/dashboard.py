"""The audit dashboard (``index.html``), rendered with the Jinja2 template
``audit/templates/dashboard.html`` (the environment of ``letter_page``: autoescape on).

Everything shows without JavaScript: the charts are inline SVG drawn here, the table of all
letters is in the page whole (each row links to the letter's page), sorted by grade, lowest
first. A little script adds sorting by any column (a click on its heading) and a filter (text
and moment). Quick wins: the letters whose grade rises most when the findings with a safe fix
(``--fix``) are fixed (``grade.fixed_grade_of``; ``Audit.quick_wins``).

The page is made in parts (``dashboard``) and written as they come: the table of all letters
and the promises are read from the letters' rows on disk (``rows``) as they are written.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from markupsafe import Markup

from lint_brieven.audit.letter_page import environment
from lint_brieven.audit.model import QUICK_WINS, Audit

__all__ = ["QUICK_WINS", "dashboard"]
TOP_RULES = 15
_BAR = 40  # px per bar
_HEIGHT = 160  # px of the tallest bar


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Chart:
    title: str
    label: str  # for screen readers
    bars: list[Bar]
    width: int
    height: int


def chart(title: str, label: str, series: dict[str, int]) -> Chart:
    top = max([1, *series.values()])
    bars = []
    for i, (key, count) in enumerate(series.items()):
        height = round(_HEIGHT * count / top)
        bars.append(Bar(key, count, 10 + i * _BAR, _HEIGHT - height + 25, height))
    return Chart(title, label, bars, _BAR * len(series) + 20, _HEIGHT + 60)


def grade_html(value: float | None) -> Markup:
    """A grade with a Dutch decimal comma, green from 8, red below."""
    if value is None:
        return Markup("-")
    css = "ok" if value >= 8 else "low"
    return Markup('<span class="{}">{}</span>').format(css, f"{value:.1f}".replace(".", ","))


def dashboard(audit: Audit, generated: str) -> Iterator[str]:
    """The page in parts, as Jinja2 makes it (``Template.generate``): the table of all letters
    is read from ``audit.rows`` a row at a time while it is written."""
    counts = audit.rule_counts()
    rules = []
    for code, n in counts.most_common(TOP_RULES):
        rule = audit.rules.get(code)
        rules.append((code, rule.name if rule else "", rule.category if rule else "", n))
    moments = [
        (moment, n, average, found, top or "-")
        for moment, n, average, found, top in audit.by_moment()
    ]
    return (
        environment()
        .get_template("dashboard.html")
        .generate(
            title=f"Audit van {audit.count} brieven",
            generated=generated,
            total=audit.count,
            average=audit.average_grade(),
            eights=audit.eights,
            findings=sum(counts.values()),
            errors=audit.errors,
            skipped=audit.skipped,
            charts=[
                chart(
                    "LiNT-II-niveau per brief",
                    "Aantal brieven per LiNT-II-niveau",
                    audit.level_counts(),
                ),
                chart(
                    "Cijfer per brief (afgerond)", "Aantal brieven per cijfer", audit.grade_counts()
                ),
            ],
            compare=_compare(audit),
            rules=rules,
            wins=audit.quick_wins(),
            letters=audit.rows.by_grade() if audit.rows is not None else (),
            moment_names=sorted(audit.moment_names),
            moments=moments,
            conflicts=audit.conflicts(),
            grade=grade_html,
            number=lambda value: "" if value is None else f"{value:.1f}".replace(".", ","),
        )
    )


@dataclass(frozen=True)
class Comparison:
    letters_before: int
    letters_now: int
    average_before: float | None
    average_now: float | None
    findings_before: int
    findings_now: int
    moved: list[tuple[str, float | None, float | None]]  # path, grade then, grade now
    new: list[str]


def _compare(audit: Audit) -> Comparison | None:
    if not audit.previous or audit.rows is None:
        return None
    before = audit.previous.letters
    rows = audit.rows

    def now():  # path, grade, findings of the readable letters (the last of a path), by path
        return rows.last_of_each_path()

    def moved():  # grade now − grade then, path, grade now
        for p, grade, _findings in now():
            if p in before and before[p].grade is not None and grade is not None:
                delta = grade - before[p].grade
                if abs(delta) >= 0.1:
                    yield delta, p, grade

    if sum(1 for _ in moved()) > 20:
        shown = heapq.nsmallest(10, moved()) + sorted(heapq.nlargest(10, moved()))
    else:
        shown = sorted(moved())
    return Comparison(
        len(before),
        sum(1 for _ in now()),
        audit.previous.average_grade,
        audit.average_grade(),
        sum(b.findings for b in before.values()),
        sum(findings for _p, _grade, findings in now()),
        [(p, before[p].grade, grade) for _delta, p, grade in shown],
        list(islice((p for p, _grade, _findings in now() if p not in before), 20)),
    )
