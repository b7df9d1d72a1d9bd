"""The audit dashboard (``index.html``), rendered with the Jinja2 template
``audit/templates/dashboard.html`` (the environment of ``letter_page``: autoescape on).

Everything shows without JavaScript: the charts are inline SVG drawn here, the table of all
letters is in the page whole (each row links to the letter's page), sorted by grade, lowest
first. A little script adds sorting by any column (a click on its heading) and a filter (text
and moment). Quick wins: the letters whose grade rises most when the findings with a safe fix
(``--fix``) are fixed (``grade.fixed_grade_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from lint_brieven.audit.letter_page import environment
from lint_brieven.audit.model import Audit, Summary, most_found

QUICK_WINS = 10  # letters listed
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


def quick_wins(letters: list[Summary]) -> list[tuple[Summary, float]]:
    """The letters whose grade rises most with the safe fixes, with the rise; ties by path."""
    gains = [
        (x, round(x.fixed_grade - x.grade, 1))
        for x in letters
        if x.grade is not None and x.fixed_grade is not None
    ]
    gains = [(x, gain) for x, gain in gains if gain > 0]
    return sorted(gains, key=lambda pair: (-pair[1], pair[0].path))[:QUICK_WINS]


def dashboard(audit: Audit, generated: str) -> str:
    letters = audit.readable
    counts = audit.rule_counts()
    rules = []
    for code, n in counts.most_common(TOP_RULES):
        rule = audit.rules.get(code)
        rules.append((code, rule.name if rule else "", rule.category if rule else "", n))
    moments = []
    for moment, group in audit.by_moment().items():
        grades = [x.grade for x in group if x.grade is not None]
        found = [code for x in group for code in x.codes]
        average = round(sum(grades) / len(grades), 1) if grades else None
        moments.append((moment, len(group), average, len(found), most_found(found) or "-"))
    order = sorted(audit.letters, key=lambda x: (x.grade is None, x.grade or 0, x.path))
    return (
        environment()
        .get_template("dashboard.html")
        .render(
            title=f"Audit van {len(audit.letters)} brieven",
            generated=generated,
            total=len(audit.letters),
            average=audit.average_grade(),
            eights=sum(1 for x in letters if (x.grade or 0) >= 8),
            findings=sum(counts.values()),
            errors=[x for x in audit.letters if x.error],
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
            wins=quick_wins(letters),
            letters=order,
            moment_names=sorted({x.moment for x in audit.letters}),
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
    if not audit.previous:
        return None
    before = audit.previous.letters
    now = {x.path: x for x in audit.readable}
    changed = [
        (x.grade - before[p].grade, p)
        for p, x in now.items()
        if p in before and before[p].grade is not None and x.grade is not None
    ]
    moved = sorted((d, p) for d, p in changed if abs(d) >= 0.1)
    shown = moved[:10] + moved[-10:] if len(moved) > 20 else moved
    return Comparison(
        len(before),
        len(now),
        audit.previous.average_grade,
        audit.average_grade(),
        sum(b.findings for b in before.values()),
        sum(len(x.codes) for x in now.values()),
        [(p, before[p].grade, now[p].grade) for _delta, p in shown],
        sorted(set(now) - set(before))[:20],
    )
