"""The audit dashboard (``index.html``) and one page per letter (``brieven/*.html``).

Self-contained: the CSS (``assets/rapport.css``) and the chart script (``assets/grafieken.js``,
SVG bars drawn from the data in the page) are written into every page; nothing is fetched, so
the report opens from disk without a network. Highlights are ``<mark>`` elements with a
tooltip (message and suggestion) that shows on hover and on keyboard focus. Everything the
writer reads is in Dutch.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from importlib import resources

from lint_brieven.audit.model import Audit, Summary, most_found

COLOURS = {
    "ambtelijk": "#f6c744",
    "jargon": "#f59f6b",
    "afkortingen": "#f2b5a0",
    "zinnen": "#8ecae6",
    "stappen": "#b8e08d",
    "kanalen": "#c9a7eb",
    "beloftes": "#f7a8c4",
    "toon": "#ff8f8f",
    "leesbaarheid": "#a3c4f3",
    "lint-brieven": "#d0d0d0",
}
_ASSETS = resources.files("lint_brieven.audit") / "assets"


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _page(title: str, body: str, root: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_asset('rapport.css')}</style></head><body>"
        f'<header><h1>{escape(title)}</h1><a href="{root}index.html">Overzicht</a></header>'
        f"<main>{body}</main></body></html>\n"
    )


def _grade(value: float | None) -> str:
    if value is None:
        return "-"
    css = "ok" if value >= 8 else "low"
    return f'<span class="{css}">{value:.1f}'.replace(".", ",") + "</span>"


def dashboard(audit: Audit, generated: str) -> str:
    letters = audit.readable
    counts = audit.rule_counts()
    parts = [f"<p>Gemaakt op {escape(generated)}.</p>", '<div class="kpis">']
    average = audit.average_grade()
    eights = sum(1 for letter in letters if (letter.grade or 0) >= 8)
    parts += [
        f'<div class="kpi"><b>{len(audit.letters)}</b>brieven</div>',
        f'<div class="kpi"><b>{_grade(average)}</b>gemiddeld cijfer</div>',
        f'<div class="kpi"><b>{eights}</b>brieven met een 8 of hoger</div>',
        f'<div class="kpi"><b>{sum(counts.values())}</b>bevindingen</div>',
    ]
    errors = [x for x in audit.letters if x.error]
    if errors:
        parts.append(f'<div class="kpi"><b>{len(errors)}</b>niet gelezen</div>')
    parts.append("</div>")
    parts += _unread(errors)
    parts += _skipped(audit)
    data = {"niveaus": audit.level_counts(), "cijfers": audit.grade_counts()}
    parts += [
        "<h2>Verdeling</h2>",
        '<div class="charts">',
        '<figure class="chart"><figcaption>LiNT-II-niveau per brief</figcaption>'
        '<div data-grafiek="niveaus" aria-label="Aantal brieven per LiNT-II-niveau"></div>'
        "</figure>",
        '<figure class="chart"><figcaption>Cijfer per brief (afgerond)</figcaption>'
        '<div data-grafiek="cijfers" aria-label="Aantal brieven per cijfer"></div></figure>',
        "</div>",
        f'<script type="application/json" id="grafiekdata">{json.dumps(data)}</script>',
        f"<script>{_asset('grafieken.js')}</script>",
    ]
    parts += _compare(audit)
    parts += ["<h2>Meest gevonden regels</h2>", "<table><tr><th>Regel</th><th>Naam</th>"]
    parts += ["<th>Categorie</th><th>Aantal</th></tr>"]
    for code, n in counts.most_common(15):
        rule = audit.rules.get(code)
        name, category = (rule.name, rule.category) if rule else ("", "")
        parts.append(
            f"<tr><td>{code}</td><td>{escape(name)}</td><td>{escape(category)}</td><td>{n}</td></tr>"
        )
    parts.append("</table>")
    parts += [
        "<h2>Begin hier: de brieven met het laagste cijfer</h2>",
        _letter_table(
            sorted(letters, key=lambda x: (x.grade if x.grade is not None else 11, x.path))[:15]
        ),
    ]
    parts += ["<h2>Per moment in de huurreis</h2>", "<table><tr><th>Moment</th><th>Brieven</th>"]
    parts += ["<th>Gemiddeld cijfer</th><th>Bevindingen</th><th>Meest gevonden</th></tr>"]
    for moment, group in audit.by_moment().items():
        grades = [x.grade for x in group if x.grade is not None]
        found = [code for x in group for code in x.codes]
        top = most_found(found) or "-"
        avg = round(sum(grades) / len(grades), 1) if grades else None
        parts.append(
            f"<tr><td>{escape(moment)}</td><td>{len(group)}</td><td>{_grade(avg)}</td>"
            f"<td>{len(found)}</td><td>{top}</td></tr>"
        )
    parts.append("</table>")
    parts += _conflicts(audit)
    return _page(f"Audit van {len(audit.letters)} brieven", "".join(parts))


def _unread(errors: list[Summary]) -> list[str]:
    """The letters that could not be read, each with the reason; they have no grade."""
    if not errors:
        return []
    parts = [
        '<h2 id="niet-gelezen">Niet gelezen</h2>',
        "<p>"
        + (
            "1 brief kon niet worden gelezen. Die telt niet mee in de cijfers."
            if len(errors) == 1
            else f"{len(errors)} brieven konden niet worden gelezen. Die tellen niet mee in "
            "de cijfers."
        )
        + "</p>",
        "<table><tr><th>Brief</th><th>Waarom niet</th></tr>",
    ]
    parts += [
        f"<tr><td>{escape(x.location)}</td><td>{escape(x.error or '')}</td></tr>" for x in errors
    ]
    parts.append("</table>")
    return parts


def _skipped(audit: Audit) -> list[str]:
    """Files not read on purpose (a named pipe, a link out of the folder), with the notice."""
    if not audit.skipped:
        return []
    parts = [
        '<h2 id="overgeslagen">Overgeslagen</h2>',
        "<table><tr><th>Bestand of map</th><th>Waarom</th></tr>",
    ]
    parts += [
        f"<tr><td>{escape(r.path)}</td><td>{escape(' '.join(r.notices))}</td></tr>"
        for r in audit.skipped
    ]
    parts.append("</table>")
    return parts


def _letter_table(letters: list[Summary]) -> str:
    rows = ["<table><tr><th>Brief</th><th>Moment</th><th>Cijfer</th><th>LiNT-II</th>"]
    rows.append("<th>Bevindingen</th></tr>")
    for x in letters:
        score = "-" if x.score is None else f"{x.score:.1f} (niveau {x.level})".replace(".", ",")
        rows.append(
            f'<tr><td><a href="brieven/{x.slug}.html">{escape(x.path)}</a></td>'
            f"<td>{escape(x.moment)}</td><td>{_grade(x.grade)}</td><td>{score}</td>"
            f"<td>{len(x.codes)}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _conflicts(audit: Audit) -> list[str]:
    found = audit.conflicts()
    parts = ["<h2>Beloftes die elkaar tegenspreken</h2>"]
    if not found:
        return [*parts, "<p>Geen: waar brieven een termijn noemen, noemen ze dezelfde.</p>"]
    parts.append(
        "<p>Voor deze onderwerpen beloven brieven verschillende termijnen. Kies één termijn "
        "die u kunt waarmaken.</p>"
    )
    for topic, terms in found.items():
        parts.append(f"<h3>{escape(topic)}</h3><table><tr>")
        parts += [f"<th>{escape(term)}</th>" for term in terms]
        parts.append("</tr><tr>")
        for commitments in terms.values():
            items = "".join(
                f"<li><b>{escape(c.path)}</b>: {escape(c.sentence)}</li>" for c in commitments
            )
            parts.append(f"<td><ul>{items}</ul></td>")
        parts.append("</tr></table>")
    return parts


def _compare(audit: Audit) -> list[str]:
    if not audit.previous:
        return []
    before = audit.previous.letters
    now = {x.path: x for x in audit.readable}
    old_avg = audit.previous.average_grade
    new_avg = audit.average_grade()
    old_findings = sum(b.findings for b in before.values())
    new_findings = sum(len(x.codes) for x in now.values())
    rows = ["<h2>Vergeleken met de vorige audit</h2><table>"]
    rows.append("<tr><th></th><th>Vorige</th><th>Nu</th></tr>")
    rows.append(f"<tr><td>Brieven</td><td>{len(before)}</td><td>{len(now)}</td></tr>")
    rows.append(
        f"<tr><td>Gemiddeld cijfer</td><td>{_grade(old_avg)}</td><td>{_grade(new_avg)}</td></tr>"
    )
    rows.append(f"<tr><td>Bevindingen</td><td>{old_findings}</td><td>{new_findings}</td></tr>")
    rows.append("</table>")
    changed = [
        (x.grade - before[p].grade, p)
        for p, x in now.items()
        if p in before and before[p].grade is not None and x.grade is not None
    ]
    moved = sorted((d, p) for d, p in changed if abs(d) >= 0.1)
    if moved:
        rows.append("<table><tr><th>Brief</th><th>Cijfer toen</th><th>Nu</th></tr>")
        for _delta, p in moved[:10] + moved[-10:] if len(moved) > 20 else moved:
            rows.append(
                f"<tr><td>{escape(p)}</td><td>{_grade(before[p].grade)}</td>"
                f"<td>{_grade(now[p].grade)}</td></tr>"
            )
        rows.append("</table>")
    new = sorted(set(now) - set(before))
    if new:
        rows.append(f"<p>Nieuw: {escape(', '.join(new[:20]))}</p>")
    return rows
