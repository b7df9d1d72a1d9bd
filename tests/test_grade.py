"""The grade (audit/grade.py): its formula, and that it ranks the letters of the corpus (each
"na" letter above its "voor" letter, the "voor" letters spread over at least two points) and
the real letters of eval/dev (not all at the bottom). A grade held by the audit cache's views
is never served once the formula changed."""

from __future__ import annotations

import json
import shutil
import statistics

import pytest
from lintkit import REPO, write

from lint_brieven.audit import grade as grading
from lint_brieven.audit.grade import grade
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config
from lint_brieven.findings import Finding, Severity

pytestmark = pytest.mark.usefixtures("fresh_config")


def _findings(severity, n):
    return [Finding("a.txt", "LB101", severity, "", 1, 1, 1, 2)] * n


def test_the_docstring_states_the_formula_with_its_constants():
    stated = (
        f"grade = 10 − {grading.PER_LOG:g} × ln(1 + F) − {grading.PER_SCORE:g} × "
        f"max(0, S − {grading.EASY:g}), between 1 and 10, to one decimal"
    )
    assert stated in grading.__doc__
    assert f"counts as S = {grading.NO_SCORE:g}" in grading.__doc__


def test_grade_formula():
    assert grade(30.0, [], 200) == 10.0  # an easy text without findings
    assert grade(40.0, [], 200) == 10.0
    assert grade(58.0, [], 200) == 7.1  # the end of level 3: −0.16 × 18
    assert grade(None, [], 200) == 8.4  # no LiNT-II score: counted as 50
    assert grade(40.0, _findings(Severity.WARNING, 2), 200) == 9.4  # 1 per 100 words: −0.9 ln 2
    assert grade(40.0, _findings(Severity.ERROR, 1), 200) == 9.4  # an error weighs 2 warnings
    assert grade(40.0, _findings(Severity.INFO, 8), 200) == 9.4  # a tip a quarter
    # a very short letter counts as 50 words
    assert grade(40.0, _findings(Severity.WARNING, 1), 10) == grade(
        40.0, _findings(Severity.WARNING, 1), 50
    )
    assert grade(90.0, _findings(Severity.ERROR, 100), 100) == 1.0  # never below 1


def test_the_grade_does_not_saturate():
    """Every further finding still costs: letters full of findings are told apart."""
    marks = [grade(55.0, _findings(Severity.WARNING, n), 100) for n in (10, 20, 40, 80)]
    assert marks == sorted(marks, reverse=True) and len(set(marks)) == 4
    assert min(marks) > 1.0


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """``audit`` of the corpus and of eval/dev (real letters), each with its configuration."""
    root = tmp_path_factory.mktemp("grade")
    out = {}
    for name, source in (("corpus", REPO / "corpus"), ("dev", REPO / "eval" / "dev")):
        shutil.copytree(source, root / name)
        find_config_file.cache_clear()
        load_config.cache_clear()
        assert main(["audit", str(root / name), "--out", str(root / f"rapport-{name}")]) == 0
        data = json.loads((root / f"rapport-{name}" / "rapport.json").read_text("utf-8"))
        out[name] = {b["path"]: b["grade"] for b in data["letters"]}
    return out


def test_each_na_letter_scores_above_its_voor_letter(audited):
    grades = audited["corpus"]
    voor = {p: g for p, g in grades.items() if "/voor/" in p}
    assert len(voor) == 24  # 12 templates and 12 Word letters
    for path, mark in voor.items():
        after = grades[path.replace("/voor/", "/na/")]
        assert after > mark, f"{path}: voor {mark}, na {after}"


def test_the_voor_letters_spread_over_at_least_two_points(audited):
    voor = [g for p, g in audited["corpus"].items() if "/voor/" in p]
    assert max(voor) - min(voor) >= 2.0, sorted(voor)
    assert min(voor) > 1.0  # none pinned to the floor


def test_real_letters_do_not_all_end_up_at_the_bottom(audited):
    real = list(audited["dev"].values())
    voor = [g for p, g in audited["corpus"].items() if "/voor/" in p]
    assert max(real) - min(real) >= 3.0, sorted(real)  # they are told apart
    assert statistics.median(real) > max(voor)  # most are clearer than the made-up bad ones


def test_a_cached_view_with_another_grade_formula_is_not_served(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"brieven/a.txt": "Wij sturen u middels deze brief reeds het formulier.\n"})
    args = ["audit", "brieven", "--out", "rapport", "--jobs", "1"]

    def grade_in_report():
        data = json.loads((tmp_path / "rapport" / "rapport.json").read_text("utf-8"))
        return data["letters"][0]["grade"]

    assert main(args) == 0
    before = grade_in_report()
    monkeypatch.setattr(grading, "PER_LOG", grading.PER_LOG * 2)  # a new formula …
    monkeypatch.setattr(grading, "FORMULA", grading.FORMULA + " (twice the findings)")  # … named
    assert main(args) == 0
    assert grade_in_report() < before  # the view of the old grade was not served
