"""The housing jargon list (LB501): at least 300 terms a tenant at B1 may not know, each with a
plain gloss that fits in brackets; every term and form is found in a sentence; a term is fine
where the letter explains it, uses it as part of a name or a file's name, or where the
reader's own question (a heading in the ik-form) uses it. Through the command line."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from lintkit import REPO, lint_text, write

from lint_brieven.checks.loader import load_rules
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

RULES = load_rules()
TERMS = RULES["LB501"].spec["terms"]
# every spelling the list matches, with the entry it belongs to
SPELLINGS = [(entry, form) for entry in TERMS for form in [entry["term"], *entry.get("forms", [])]]
# words the pack header lists as left out on purpose: every tenant knows them
LEFT_OUT = ("huurachterstand", "huurtoeslag", "huurcontract", "deurwaarder", "renovatie")
EVERYDAY = ("huur", "woning", "reparatie", "monteur", "lekkage", "schimmel", "verhuizen")


def findings(tmp_path, capsys, text: str, code: str = "LB501", name: str = "brief.txt"):
    write(tmp_path, {name: text + "\n"})
    capsys.readouterr()
    main(["check", name, "--select", code, "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == code]


def letter(body: str) -> str:
    return f"Beste mevrouw Jansen,\n\n{body}\n\nMet vriendelijke groet,\n\nPetra de Vries"


def test_the_list_has_at_least_300_terms_with_a_plain_gloss():
    assert len(TERMS) >= 300
    for entry in TERMS:
        assert entry["term"] == entry["term"].lower(), entry["term"]
        gloss = entry["explain"]
        assert gloss == gloss.strip() and not gloss.endswith((".", "!", "?")), entry["term"]
        assert len(gloss.split()) <= 20, entry["term"]  # fits in brackets after the word
        assert entry["term"] not in gloss.lower().split(), entry["term"]  # no circular gloss


def test_no_spelling_twice_and_no_everyday_or_left_out_word():
    spellings = [form.lower() for _, form in SPELLINGS]
    assert len(spellings) == len(set(spellings))
    assert not set(spellings) & set(LEFT_OUT + EVERYDAY)
    header = (REPO / "rules" / "jargon.yaml").read_text(encoding="utf-8").split("\npack:")[0]
    for word in LEFT_OUT:
        assert word in header


def test_no_term_is_also_officialese_or_an_abbreviation():
    """One word, one rule: a jargon term is not in the officialese lists (LB101, LB102) or in
    the known abbreviations (LB512), which would report it twice."""
    others: set[str] = set()
    for rule in RULES.values():
        if rule.code == "LB501":
            continue
        for entry in rule.spec.get("swap", []) + rule.spec.get("terms", []):
            text = entry.get("phrase") or entry.get("term")
            others.update(f.lower() for f in [text, *entry.get("forms", [])])
    assert not {form.lower() for _, form in SPELLINGS} & others


def test_every_term_and_form_is_found_in_a_sentence():
    """Letter k holds the k-th spelling of every entry, one paragraph each (only the first use
    of an entry is reported, so the spellings of one entry go into different letters)."""
    depth = max(len(entry.get("forms", [])) for entry in TERMS) + 1
    for k in range(depth):
        forms = [
            [entry["term"], *entry.get("forms", [])][k]
            for entry in TERMS
            if k <= len(entry.get("forms", []))
        ]
        body = "\n\n".join(
            f"Wij schrijven u over {form} en over het regenwater in uw straat." for form in forms
        )
        found = {f.text.lower() for f in lint_text(letter(body), ["LB501"]) if f.code == "LB501"}
        assert set(forms) - found == set()


def test_a_term_is_found_in_capitals_too():
    """Terms match whatever their capitals ("WOZ-WAARDE", "Last Onder Dwangsom"), also a
    word group whose first word starts a sentence."""
    groups = {entry["term"]: entry["term"] for entry in TERMS if " " in entry["term"]}
    forms = [*list(groups.values())[:15], "woz-waarde", "vve"]
    body = "\n\n".join(
        f"{form.upper() if i % 2 else form.title()} is waar deze brief over gaat."
        for i, form in enumerate(forms)
    )
    found = {f.text.lower() for f in lint_text(letter(body), ["LB501", "LB512"])}
    assert set(forms) - found == set()


def test_an_unexplained_term_is_flagged_with_its_gloss(tmp_path, capsys):
    (found,) = findings(tmp_path, capsys, "Op 3 juni controleren wij de kruipruimte.")
    assert found["text"] == "kruipruimte"
    assert "vakwoord" in found["message"]
    assert "'kruipruimte (de lage ruimte onder de vloer van de woning)'" in found["message"]
    glosses = [s["text"] for s in found["suggestions"] if s["replaces"]]
    assert glosses == ["kruipruimte (de lage ruimte onder de vloer van de woning)"]


def test_a_term_explained_where_it_is_used_is_fine(tmp_path, capsys):
    explained = (
        "Op 3 juni vervangen wij de boeiboorden (de brede planken langs de rand van het dak)."
    )
    assert findings(tmp_path, capsys, explained) == []
    described = "Bij een bouwkundige vooropname wordt de huidige staat van uw woning vastgelegd."
    assert findings(tmp_path, capsys, described) == []
    # a particular inspection is not a description of what one is
    assert findings(tmp_path, capsys, "Bij de vooropname wordt uw woning gefotografeerd.")
    defined = "Planmatig onderhoud is onderhoud dat wij een paar jaar vooraf plannen."
    assert findings(tmp_path, capsys, defined) == []
    assert findings(tmp_path, capsys, "De vooropname is op 14 mei om 10.00 uur.")


def test_a_term_in_the_readers_own_question_is_the_readers_word(tmp_path, capsys):
    page = (
        "# Ik heb de afrekening servicekosten niet ontvangen, wat nu?\n\n"
        "Vraag de afrekening van de servicekosten eerst bij uw verhuurder op."
    )
    assert findings(tmp_path, capsys, page, name="pagina.md") == []
    # a heading that only names the subject is no question of the reader
    subject = "# Servicekosten\n\nVraag de afrekening van de servicekosten bij uw verhuurder op."
    (found,) = findings(tmp_path, capsys, subject, name="pagina.md")
    assert (found["line"], found["text"]) == (3, "servicekosten")


def test_a_file_name_is_a_name_and_plain_uses_are_not_flagged(tmp_path, capsys):
    assert findings(tmp_path, capsys, "Omgevingsvergunning kap en herplant.pdf") == []
    assert findings(tmp_path, capsys, "Wij vragen een omgevingsvergunning aan.")
    kale = "Noem de kale huurprijs die u nu betaalt, dus zonder de servicekosten."
    assert findings(tmp_path, capsys, kale) == []
    assert findings(tmp_path, capsys, "De monteur gaat de oude kabel afkoppelen.") == []
    assert findings(tmp_path, capsys, "Wij gaan het regenwater afkoppelen van het riool.")
    assert findings(tmp_path, capsys, "Toegelaten instelling volkshuisvesting") == []


def test_a_bracket_that_only_refers_on_is_no_explanation(tmp_path, capsys):
    (found,) = findings(
        tmp_path, capsys, "In de servicekostenafrekening (zie bijlage) staat het bedrag."
    )
    assert found["text"] == "servicekostenafrekening"


def test_huurachterstand_is_plain_now(tmp_path, capsys):
    assert findings(tmp_path, capsys, "Uw huurachterstand is nu € 1.240,00.") == []
    yaml_text = (REPO / "rules" / "jargon.yaml").read_text(encoding="utf-8")
    assert not re.search(r"term: huurachterstand\b", yaml_text)
    assert yaml.safe_load(yaml_text)["rules"][0]["code"] == "LB501"
