"""Loading rule packs: bad packs are clear Dutch errors naming the file and the rule."""

from __future__ import annotations

import pytest
from lintkit import write

from lint_brieven.checks.loader import RulePackError, build_check, load_pack, load_rules

GOOD = """
pack: eigen
rules:
  - code: LB901
    name: eigen-woord
    category: huisstijl
    severity: info
    kind: substitution
    message: "'{match}': schrijf {suggestion}."
    rationale: "Onze huisstijl."
    swap:
      - {phrase: bewoner, use: [huurder], safe: true}
    examples:
      flag: ["De bewoner krijgt een brief."]
      pass: ["De huurder krijgt een brief."]
"""


def test_extra_pack_adds_rules(tmp_path):
    write(tmp_path, {"eigen.yaml": GOOD})
    rules = load_rules([tmp_path])
    assert rules["LB901"].pack == "eigen"
    assert "LB101" in rules


def test_unknown_severity_names_file_rule_and_field(tmp_path):
    write(tmp_path, {"eigen.yaml": GOOD.replace("severity: info", "severity: fout")})
    with pytest.raises(RulePackError) as exc:
        load_pack(tmp_path / "eigen.yaml")
    message = str(exc.value)
    assert "eigen.yaml" in message and "LB901" in message and "severity" in message


def test_missing_examples_is_an_error(tmp_path):
    broken = GOOD.replace('      flag: ["De bewoner krijgt een brief."]\n', "")
    write(tmp_path, {"eigen.yaml": broken})
    with pytest.raises(RulePackError, match="ongeldig regelpakket"):
        load_pack(tmp_path / "eigen.yaml")


def test_duplicate_code_is_an_error(tmp_path):
    write(tmp_path, {"eigen.yaml": GOOD.replace("LB901", "LB101")})
    with pytest.raises(RulePackError, match="LB101 bestaat al"):
        load_rules([tmp_path])


def test_yaml_syntax_error_names_file(tmp_path):
    write(tmp_path, {"kapot.yaml": "pack: [x\n"})
    with pytest.raises(RulePackError, match="kapot.yaml"):
        load_pack(tmp_path / "kapot.yaml")


def test_bad_token_pattern_is_an_error(tmp_path):
    pattern_pack = GOOD.replace("kind: substitution", "kind: pattern").replace(
        "    swap:\n      - {phrase: bewoner, use: [huurder], safe: true}\n",
        "    patterns:\n      - [{LOWERR: bewoner}]\n",
    )
    write(tmp_path, {"eigen.yaml": pattern_pack})
    rule = load_pack(tmp_path / "eigen.yaml")[0]
    with pytest.raises(RulePackError, match="ongeldig patroon"):
        build_check(rule)


def test_missing_pack_path_is_an_error(tmp_path):
    with pytest.raises(RulePackError, match="niet gevonden"):
        load_rules([tmp_path / "bestaat-niet"])
