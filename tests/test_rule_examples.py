"""Every rule runs on its own examples: each 'flag' example is found, no 'pass' example is."""

from __future__ import annotations

import pytest
from lintkit import lint_text

from lint_brieven.checks.loader import builtin_pack_dir, load_pack, load_rules
from lint_brieven.checks.precision import PRECISION_FILE

RULES = [r for r in load_rules().values() if r.kind != "builtin"]


def _ids(items):
    return [f"{r.code}-{i}" for r, i in items]


FLAG = [(r, i) for r in RULES for i in range(len(r.examples_flag))]
PASS = [(r, i) for r in RULES for i in range(len(r.examples_pass))]


@pytest.mark.parametrize(("rule", "index"), FLAG, ids=_ids(FLAG))
def test_flag_example_is_found(rule, index):
    text = rule.examples_flag[index]
    found = [f for f in lint_text(text, [rule.code]) if f.code == rule.code]
    assert found, f"{rule.code} missed its flag example: {text!r}"


@pytest.mark.parametrize(("rule", "index"), PASS, ids=_ids(PASS))
def test_pass_example_is_clean(rule, index):
    text = rule.examples_pass[index]
    found = [f for f in lint_text(text, [rule.code]) if f.code == rule.code]
    assert not found, f"{rule.code} flagged its pass example: {text!r} -> {found}"


SWAPS = [(r, e) for r in RULES if r.kind == "substitution" for e in r.spec["swap"]]


@pytest.mark.parametrize(
    ("rule", "entry"), SWAPS, ids=[f"{r.code}-{e['phrase']}" for r, e in SWAPS]
)
def test_every_substitution_entry_matches_in_a_sentence(rule, entry):
    phrase = entry["phrase"]
    text = f"Wij schrijven u omdat {phrase} dit nodig is."
    if "fragment" in (entry.get("unless") or {}).get("kind", []):
        # an entry for complete letters only ("verhuurder" as the writer itself)
        text = f"Beste mevrouw Jansen,\n\n{text}\n\nMet vriendelijke groet,\nPetra de Vries"
    found = [f for f in lint_text(text, [rule.code]) if f.code == rule.code]
    assert [f.text.lower() for f in found] == [phrase]


def test_rule_codes_are_unique_and_every_pack_is_valid():
    packs = sorted(p for p in builtin_pack_dir().glob("*.yaml") if p.name != PRECISION_FILE)
    codes = [r.code for path in packs for r in load_pack(path)]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 4


def test_first_pack_has_at_least_40_substitutions_and_a_long_sentence_rule():
    rules = load_rules()
    swaps = sum(len(r.spec.get("swap", [])) for r in rules.values() if r.category == "ambtelijk")
    assert swaps >= 40
    assert rules["LB201"].kind == "metric" and rules["LB201"].spec["metric"] == "words"
