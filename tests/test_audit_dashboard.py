"""The audit dashboard (index.html): every letter page linked from a table of all letters
that sorts and filters, charts in inline SVG that show without JavaScript, and the quick wins
(the letters whose grade the safe fixes raise most). Checked in the raw HTML (as without
JavaScript) and in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from lintkit import REPO
from test_audit import ARTEFACTS, _render

from lint_brieven.audit.grade import grade
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config
from lint_brieven.findings import Finding, Severity, Suggestion

LINK = re.compile(r'<a href="brieven/([^"]+\.html)">([^<]+)</a>')


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("dashboard")
    shutil.copytree(REPO / "corpus", root / "corpus")
    find_config_file.cache_clear()
    load_config.cache_clear()
    out = root / "rapport"
    assert main(["audit", str(root / "corpus"), "--out", str(out), "--jobs", "2"]) == 0
    data = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    return out, (out / "index.html").read_text(encoding="utf-8"), data


def _table(html: str) -> str:
    return html[
        html.index('<table id="alle-brieven"') : html.index(
            "</table>", html.index('id="alle-brieven"')
        )
    ]


def test_every_letter_page_is_linked_from_the_table_without_javascript(report):
    out, html, data = report
    pages = {
        p.name
        for p in (out / "brieven").glob("*.html")
        if not p.name.startswith("gedeeld-")  # a shared piece's page: linked from its letters
    }
    assert len(pages) == len(data["letters"]) == 48
    table = dict((page, path) for page, path in LINK.findall(_table(html)))
    assert set(table) == pages  # every letter page, in the table itself
    assert sorted(table.values()) == sorted(b["path"] for b in data["letters"])
    # without JavaScript the table is sorted by grade, lowest first
    grade_cells = r'<tr [^>]*><td>.*?</td><td>.*?</td><td data-waarde="([0-9.]+)">'
    shown = [float(v) for v in re.findall(grade_cells, _table(html))]
    assert shown == sorted(shown) and len(shown) == 48


def test_the_charts_are_inline_svg(report):
    out, html, data = report
    assert "<script>" not in html.split('<svg class="grafiek"')[0]  # nothing draws them
    assert html.count('<svg class="grafiek"') == 2
    assert html.count('class="staaf"') == 14  # 4 LiNT-II levels, 10 grades
    bars = re.findall(r"<title>(\d+): (\d+)</title>", html)
    grades = dict(bars[4:])
    for mark in range(1, 11):
        expected = sum(1 for b in data["letters"] if b["grade"] and round(b["grade"]) == mark)
        assert int(grades[str(mark)]) == expected
    assert not (REPO / "lint_brieven" / "audit" / "assets" / "grafieken.js").exists()


def _without_safe_fixes(letter: dict) -> float:
    """The grade of a rapport.json letter with the findings that have a safe fix taken out."""
    kept = [
        Finding(letter["path"], f["code"], Severity(f["severity"]), "", 1, 1, 1, 1)
        for f in letter["findings"]
        if not (f["suggestions"] and Suggestion(**f["suggestions"][0]).safe)
    ]
    score = (letter["readability"] or {}).get("lint_ii", {}).get("score")
    return grade(score, kept, letter["words"])


def test_quick_wins_are_the_letters_the_safe_fixes_raise_most(report):
    _out, html, data = report
    section = html[html.index('id="snelle-winst"') : html.index('id="brieven"')]
    rows = re.findall(
        r'<a href="brieven/[^"]+">([^<]+)</a></td><td><span class="\w+">([\d,]+)</span></td>'
        r'<td><span class="\w+">([\d,]+)</span></td><td>\+([\d,]+)</td>',
        section,
    )
    assert rows, "geen snelle winst getoond"
    gains = {
        b["path"]: round(_without_safe_fixes(b) - b["grade"], 1)
        for b in data["letters"]
        if b["grade"] is not None
    }
    shown = [(path, float(gain.replace(",", "."))) for path, _now, _then, gain in rows]
    for path, gain in shown:
        assert gain == gains[path] > 0
    best = sorted(gains.values(), reverse=True)[: len(shown)]
    assert [gain for _path, gain in shown] == best  # the largest gains, largest first
    for path, now, then, _gain in rows:
        letter = next(b for b in data["letters"] if b["path"] == path)
        assert float(now.replace(",", ".")) == letter["grade"]
        assert float(then.replace(",", ".")) == _without_safe_fixes(letter)


def _with_script(out, name: str, script: str):
    """index.html with a script run after the page's own (a click, a typed filter)."""
    html = (out / "index.html").read_text(encoding="utf-8")
    page = out / name
    page.write_text(html.replace("</body>", f"<script>{script}</script></body>"), "utf-8")
    return page


def _rows(dom: str) -> list[tuple[str, bool]]:
    body = dom[dom.index('id="alle-brieven"') :]
    body = body[: body.index("</table>")]
    return [
        (path, "hidden" in attrs)
        for attrs, path in re.findall(r"<tr ([^>]*)><td><a [^>]*>([^<]+)</a>", body)
    ]


def test_the_table_sorts_and_filters_in_a_real_browser(report, tmp_path):
    out, _html, data = report
    ARTEFACTS.mkdir(exist_ok=True)
    dom, _shot = _render(  # the screenshot is kept in the artefacts folder
        (out / "index.html").as_uri(), ARTEFACTS / "audit-dashboard.png", tmp_path
    )
    assert dom.count("<svg") >= 2 and dom.count('class="staaf"') == 14
    assert "48 van 48 brieven" in dom and '<form class="filter">' in dom  # the script ran
    # a click on "Brief" sorts by name
    page = _with_script(
        out, "gesorteerd.html", 'document.querySelector("#alle-brieven th").click();'
    )
    rows = _rows(_render(page.as_uri(), tmp_path / "gesorteerd.png", tmp_path)[0])
    assert [p for p, _ in rows] == sorted((b["path"] for b in data["letters"]), key=str.lower)
    # the table comes sorted by grade, lowest first: a click on "Cijfer" turns it round
    page = _with_script(
        out, "cijfer.html", 'document.querySelectorAll("#alle-brieven th")[2].click();'
    )
    rows = _rows(_render(page.as_uri(), tmp_path / "cijfer.png", tmp_path)[0])
    grades = {b["path"]: b["grade"] for b in data["letters"]}
    assert [grades[p] for p, _ in rows] == sorted(grades.values(), reverse=True)
    # typing in the filter hides the other letters
    page = _with_script(
        out,
        "filter.html",
        'var z = document.getElementById("zoek"); z.value = "huurcontract";'
        'z.dispatchEvent(new Event("input"));',
    )
    dom = _render(page.as_uri(), tmp_path / "filter.png", tmp_path)[0]
    visible = [p for p, hidden in _rows(dom) if not hidden]
    assert len(visible) == 4 and all("huurcontract" in p for p in visible)
    assert "4 van 48 brieven" in dom
