"""The explanations the tool proposes for jargon and abbreviations (``explain`` of LB501,
LB512 and every other term rule) are plain Dutch themselves: none of them gives a finding of
the officialese rules LB101 and LB102, through the command line."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.checks.loader import load_rules
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")


def glosses() -> list[tuple[str, str, str]]:
    """(code, term, explain) of every term of every loaded rule."""
    return [
        (code, entry["term"], entry["explain"])
        for code, rule in sorted(load_rules().items())
        for entry in rule.spec.get("terms") or []
    ]


def officialese_in(tmp_path, capsys, texts: list[str]) -> list[tuple[int, str, str]]:
    """(index in ``texts``, code, flagged words) of each LB101/LB102 finding, every text its
    own paragraph of one file."""
    write(tmp_path, {"uitleg.txt": "\n\n".join(texts) + "\n"})
    capsys.readouterr()
    main(["check", "uitleg.txt", "--select", "LB101,LB102", "--output-format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [
        ((f["line"] - 1) // 2, f["code"], f["text"]) for r in report["files"] for f in r["findings"]
    ]


def test_every_gloss_is_free_of_officialese(tmp_path, capsys):
    found = glosses()
    assert len(found) > 300  # the jargon list and the abbreviations are both there
    flagged = officialese_in(tmp_path, capsys, [explain for _, _, explain in found])
    assert [(*found[i][:2], code, words) for i, code, words in flagged] == []


def test_the_check_finds_officialese_in_a_gloss(tmp_path, capsys):
    """The test above can fail: a gloss with 'innen' or 'omtrent' is found, also the
    inflected 'int' at the end of a gloss."""
    texts = [
        "de organisatie die uw eigen bijdrage berekent en int",
        "verklaring omtrent het gedrag: een verklaring van de overheid",
        "een bedrijf dat het geld bij u ophaalt",
    ]
    flagged = officialese_in(tmp_path, capsys, texts)
    assert [(i, code, words.lower()) for i, code, words in flagged] == [
        (0, "LB101", "int"),
        (1, "LB101", "omtrent"),
    ]
