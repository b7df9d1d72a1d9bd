"""The shipped example corpus: every letter reads, "voor" letters have findings, "na" letters
are clean, and the SARIF of the whole run validates against the official schema."""

from __future__ import annotations

import json
from collections import Counter
from difflib import SequenceMatcher

import jsonschema
import pytest
import yaml
from lintkit import REPO, sarif_schema

from lint_brieven.config import Overrides, find_config_file, load_config
from lint_brieven.reporters import sarif
from lint_brieven.reporters.base import ReportContext
from lint_brieven.runner import RunRequest, run

CORPUS = REPO / "corpus"
# "na" letters are written to B1; the rules may flag at most this many findings in one (today:
# sentences that LiNT-II puts just over the level-4 boundary, LB402).
MAX_FINDINGS_AFTER = 3


@pytest.fixture(scope="module")
def result():
    find_config_file.cache_clear()
    load_config.cache_clear()
    # every rule, also those off by default: each planted problem is a rule's positive example
    return run(RunRequest([str(CORPUS)], overrides=Overrides(select=("ALL",))))


def by_file(result):
    return {r.path.split("corpus/", 1)[1]: r for r in result.reports}


def test_corpus_has_twelve_key_moments_in_every_form():
    for form, pattern in (("sjablonen", "*.html.j2"), ("docx", "*.docx")):
        for when in ("voor", "na"):
            assert len(list((CORPUS / form / when).glob(pattern))) >= 12, (form, when)


def test_every_corpus_file_reads(result):
    assert [(r.path, r.error) for r in result.reports if r.error] == []


def test_before_letters_have_findings_after_letters_are_clean(result):
    files = by_file(result)
    before = [p for p in files if "/voor/" in p]
    after = [p for p in files if "/na/" in p]
    assert len(before) >= 24 and len(after) >= 24
    assert [p for p in before if not files[p].findings] == []
    assert {
        p: len(files[p].findings) for p in after if len(files[p].findings) > MAX_FINDINGS_AFTER
    } == {}
    codes = Counter(f.code for p in before for f in files[p].findings)
    assert {"LB101", "LB102", "LB201", "LB202", "LB301"} <= set(codes)


def test_corpus_sarif_validates(result):
    log = json.loads(sarif.render(result.reports, ReportContext(rules=result.rules)))
    errors = list(jsonschema.Draft7Validator(sarif_schema()).iter_errors(log))
    assert errors == []
    assert len(log["runs"][0]["results"]) == sum(len(r.findings) for r in result.reports)


PLANTED = sorted(CORPUS.glob("*/voor/*.problemen.yaml"))


def _letter_of(problems) -> str:
    stem = problems.name.removesuffix(".problemen.yaml")
    return next(
        str(p.relative_to(CORPUS)) for p in problems.parent.glob(f"{stem}.*") if p != problems
    )


def test_every_before_letter_lists_its_problems():
    letters = [p for p in CORPUS.glob("*/voor/*") if not p.name.endswith(".yaml")]
    assert len(PLANTED) == len(letters) >= 24


def _same_place(planted: str, flagged: str) -> bool:
    """The finding flags the planted words: they share at least 15 characters in a row (or
    all of the planted words when shorter). Parse-based rules (LB204-LB207) mark a clause whose
    exact edges depend on the parse, so the planted words need not start the finding."""
    if not planted:
        return True
    flagged = flagged.lower()
    match = SequenceMatcher(None, planted, flagged, autojunk=False).find_longest_match(
        0, len(planted), 0, len(flagged)
    )
    return match.size >= min(15, len(planted))


@pytest.mark.parametrize("problems", PLANTED, ids=[p.name for p in PLANTED])
def test_planted_problems_are_found(result, problems):
    listed = yaml.safe_load(problems.read_text(encoding="utf-8"))["problemen"]
    found = by_file(result)[_letter_of(problems)].findings
    missing = [
        p
        for p in listed
        if not any(f.code == p["code"] and _same_place(p["tekst"], f.text or "") for f in found)
    ]
    assert missing == []
    assert {p["code"][:3] for p in listed} >= {"LB1", "LB2", "LB3"}
