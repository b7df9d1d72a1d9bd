"""The journey rule set: its size and shape, and what the parse-based rules build."""

from __future__ import annotations

import pytest
from lintkit import lint_text, write

from lint_brieven.checks.base import CheckContext
from lint_brieven.checks.loader import build_check, load_rules
from lint_brieven.checks.options import OptionError, with_options
from lint_brieven.commands.explain import explanation
from lint_brieven.config import find_config_file, load_config
from lint_brieven.engine import analyse
from lint_brieven.readers import ReadOptions, read
from lint_brieven.runner import RunRequest, run

RULES = load_rules()
PACKS = {"ambtelijk", "jargon", "afkortingen", "zinnen", "stappen", "kanalen", "beloftes", "toon"}


def test_eight_journey_packs_at_their_sizes():
    assert {r.pack for r in RULES.values()} >= PACKS
    swaps = sum(len(r.spec.get("swap", [])) for r in RULES.values() if r.pack == "ambtelijk")
    terms = sum(len(r.spec.get("terms", [])) for r in RULES.values() if r.pack == "jargon")
    assert swaps >= 300 and terms >= 60
    assert all(r.spec.get("match") == "lemma" for r in RULES.values() if r.pack == "ambtelijk")


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.kind != "builtin"))
def test_every_rule_has_three_examples_each_way_and_a_rationale(code):
    rule = RULES[code]
    assert len(rule.examples_flag) >= 3 and len(rule.examples_pass) >= 3
    assert len(rule.rationale) > 80


def _first(text, code):
    found = [f for f in lint_text(text, [code]) if f.code == code]
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Uw aanvraag is afgewezen.", "Wij hebben uw aanvraag afgewezen"),
        ("Uw woning wordt na uw vertrek gecontroleerd.", "Wij controleren uw woning na uw vertrek"),
        ("Er wordt contact met u opgenomen.", "Wij nemen contact met u op"),
    ],
)
def test_passive_gets_an_active_rewrite_from_the_parse(text, rewrite):
    assert _first(text, "LB204").suggestions[0].text == rewrite


@pytest.mark.parametrize(
    "text",
    [
        "De reparatie wordt door de aannemer uitgevoerd.",
        "U wordt gebeld door onze medewerker.",
        "De sleutels worden door de monteurs opgehaald.",
        "Wij bellen u, omdat de ketel door de monteur wordt vervangen.",
    ],
)
def test_no_passive_finding_when_the_clause_says_who_acts(text):
    """Issue 14: a passive that names its agent ("door de aannemer") hides nobody."""
    assert not [f for f in lint_text(text, ["LB204"])]


def test_no_passive_for_perfect_tense_with_zijn():
    assert not [f for f in lint_text("Het is gebleken dat de ketel stuk is.", ["LB204"])]


def test_nominalisation_gives_the_verb_back():
    fronted = "Voor het indienen van een klacht kunt u het formulier gebruiken."
    assert not lint_text(fronted, ["LB205"])  # a short fronted phrase: an editor leaves it
    # on request (option fronted-purpose) the fronted phrase is rewritten in place
    check = build_check(with_options(RULES["LB205"], {"fronted-purpose": True}))
    result = read("brief.txt", fronted.encode("utf-8"), ReadOptions())
    (finding,) = analyse(result, [check], CheckContext()).findings
    assert finding.text == "Voor het indienen van een klacht"
    assert finding.suggestions[0].text == "Om een klacht in te dienen"
    # elsewhere the verb needs a sentence of its own: advice, not a replacement
    finding = _first("De betaling van de huur vindt plaats op de eerste dag van de maand.", "LB205")
    assert not finding.suggestions[0].replaces
    assert "de huur betalen" in finding.suggestions[0].text


def test_double_negation_of_an_on_adjective_becomes_positive():
    assert _first("Het is niet onmogelijk dat hij komt.", "LB207").suggestions[0].text == "mogelijk"


def test_jargon_is_fine_once_explained_anywhere_in_the_letter():
    assert _first("De mutatie is op 1 mei.", "LB501").text == "mutatie"
    explained = (
        "De mutatie (het moment dat u vertrekt) is op 1 mei. Na de mutatie komt de schilder."
    )
    assert not lint_text(explained, ["LB501"])
    named = "U betaalt een bedrag voor de schoonmaak. Dat zijn de servicekosten."
    assert not lint_text(named, ["LB501"])


def test_abbreviation_explained_in_brackets_is_fine():
    assert not lint_text("De Vereniging van Eigenaars (VvE) beslist. De VvE is blij.", ["LB512"])
    assert _first("De VvE beslist over het dak.", "LB512").text == "VvE"


def test_lemma_match_on_another_form_is_not_safe_to_apply():
    exact = _first("Wij retourneren het formulier.", "LB101")
    inflected = _first("Wij hebben het formulier geretourneerd.", "LB101")
    assert exact.suggestions[0].safe is False or exact.text.lower() == "retourneren"
    assert all(not s.safe for s in inflected.suggestions)
    assert "(in de juiste vorm)" in inflected.message


def test_refusal_with_a_reason_in_the_next_sentence_is_fine():
    assert _first("Dat is niet mogelijk.", "LB803")
    assert not lint_text("Dat is niet mogelijk. Want de woning is al verhuurd.", ["LB803"])


def test_request_without_deadline_gets_the_organisation_channels():
    # by when is asked in a complete letter (a fragment's deadline may be in the letter around it)
    letter = (
        "Beste heer Jansen,\n\nStuur het ingevulde formulier terug.\n\n"
        "Met vriendelijke groet,\nPetra de Vries"
    )
    finding = _first(letter, "LB304")
    assert "vóór [datum]" in finding.suggestions[0].text
    assert "[e-mailadres]" in finding.suggestions[0].text


def test_three_requests_become_a_numbered_list():
    text = "Stuur het formulier terug. Lever de sleutels in. Maak de woning leeg."
    suggestion = _first(text, "LB305").suggestions[0].text
    assert suggestion.splitlines() == [
        "Wat moet u doen?",
        "1. Stuur het formulier terug.",
        "2. Lever de sleutels in.",
        "3. Maak de woning leeg.",
    ]


def test_impersonal_salutation_uses_the_templates_own_name():
    text = "Geachte heer/mevrouw,\n\nDeze brief is voor {{ huurder.naam }}."
    assert _first(text, "LB805").suggestions[0].text == "Beste {{ huurder.naam }}"


def test_rule_options_change_a_threshold_and_reject_unknown_ones():
    rule = with_options(RULES["LB201"], {"max": 30})
    assert rule.spec["max"] == 30 and RULES["LB201"].spec["max"] == 25
    assert with_options(RULES["LB206"], {"max-gap": 3}).spec["options"]["max-gap"] == 3
    with pytest.raises(OptionError, match="geen optie 'maxx'"):
        with_options(RULES["LB201"], {"maxx": 1})
    with pytest.raises(OptionError, match="hetzelfde soort"):
        with_options(RULES["LB209"], {"min-zipf": "laag"})


def test_rule_options_from_the_configuration_apply_per_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    find_config_file.cache_clear()
    load_config.cache_clear()
    sentence = " ".join(["woord"] * 27) + "."
    write(tmp_path, {"a.txt": sentence, "lint-brieven.toml": "select = ['LB201']\n"})
    assert [f.code for r in run(RunRequest(["a.txt"])).reports for f in r.findings] == ["LB201"]
    write(tmp_path, {"lint-brieven.toml": "select = ['LB201']\n[rule-options.LB201]\nmax = 30\n"})
    load_config.cache_clear()
    assert [f.code for r in run(RunRequest(["a.txt"])).reports for f in r.findings] == []


def test_explain_shows_the_rewrites_a_detector_builds():
    page = explanation(RULES["LB204"])
    assert "→ Wij hebben uw aanvraag afgewezen" in page
    assert "## Woorden en uitleg" in explanation(RULES["LB501"])


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.kind != "builtin"))
def test_every_finding_on_a_flag_example_carries_a_suggestion(code):
    for example in RULES[code].examples_flag:
        for finding in lint_text(example, [code]):
            assert finding.suggestions, (code, example)
            assert all(s.text.strip() for s in finding.suggestions)
