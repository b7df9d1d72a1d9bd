"""Abbreviations in capitals: a known one gets its explanation proposed (LB512), any other one
the letter does not explain is reported (LB513). Explained ones, placeholders in capitals,
headings and sentences in capitals, Dutch words in capitals, postcodes, IBANs, Roman
numerals, codes with digits, names and what every tenant knows are not. Through the command
line."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.checks.loader import load_rules
from lint_brieven.cli import main
from lint_brieven.dutch.abbreviations import spelled_out

pytestmark = pytest.mark.usefixtures("in_tmp")


def findings(tmp_path, capsys, text: str, code: str = "LB513", name: str = "brief.txt"):
    write(tmp_path, {name: text + "\n"})
    capsys.readouterr()
    main(["check", name, "--select", code, "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == code]


def test_an_unexplained_abbreviation_is_flagged_once(tmp_path, capsys):
    text = "Het OPK wordt elke vier weken opgehaald. Zet het OPK op tijd buiten."
    (found,) = findings(tmp_path, capsys, text)
    assert (found["line"], found["column"], found["text"]) == (1, 5, "OPK")
    assert "'OPK' is een afkorting die de brief niet uitlegt" in found["message"]
    assert not any(s["replaces"] for s in found["suggestions"])  # only the writer knows


def test_without_an_article_an_abbreviation_is_a_name(tmp_path, capsys):
    assert findings(tmp_path, capsys, "Dit geldt ook voor RVO.") == []
    # a name in one place does not make the noun elsewhere plain
    (found,) = findings(tmp_path, capsys, "Zet OPK op dinsdag buiten. Het OPK gaat naar de pers.")
    assert found["column"] == 32  # "Het OPK", not "Zet OPK"
    explained = "Zet OPK (oud papier en karton) buiten. Het OPK gaat naar de pers."
    assert findings(tmp_path, capsys, explained) == []


def test_the_capitals_before_a_hyphen_are_the_abbreviation(tmp_path, capsys):
    (found,) = findings(tmp_path, capsys, "Lever uw verf in bij het KCA-depot.")
    assert found["text"] == "KCA"


@pytest.mark.parametrize(
    "text",
    [
        "Lever uw verf in bij het depot voor klein chemisch afval (KCA).",
        "Lever uw verf in bij het KCA (klein chemisch afval) depot.",
        "KCA: klein chemisch afval, zoals verf en batterijen. Lever het KCA in bij het depot.",
        "Lever het KCA in bij het depot. KCA staat voor klein chemisch afval.",
        "Het KCA, dat is klein chemisch afval, haalt de gemeente op.",
        "Bel het KCC Woonstad als u vragen heeft.",  # next to a capitalised word: a name
        "Klacht? Dien hem in bij ACM ConsuWijzer, het loket van de Autoriteit Consument & Markt.",
    ],
)
def test_an_explained_abbreviation_or_a_name_is_fine(tmp_path, capsys, text):
    assert findings(tmp_path, capsys, text, code="LB512,LB513") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Beste ACHTERNAAM,\n\nUw reparatie is op 3 maart.", "brief.txt"),
        ("Beste heer UW NAAM,\n\nUw reparatie is op 3 maart.", "brief.txt"),
        ("Uw kenmerk: XXX\n\nUw reparatie is op 3 maart.", "brief.txt"),
        ("# WAT MOET U DOEN\n\nBel ons op 088 123 45 67.", "brief.md"),
        ("WIJ KOMEN OP DINSDAG 3 JUNI BIJ U LANGS.", "brief.txt"),
        ("LET OP: de werkzaamheden beginnen op 3 juni.", "brief.txt"),
        ("Stuur het formulier naar Postbus 1234, 3500 AA Utrecht.", "brief.txt"),
        ("Maak het bedrag over naar NL91 ABNA 0417 1643 00.", "brief.txt"),
        ("U hoeft NIET opnieuw te betalen.", "brief.txt"),
        ("De werkzaamheden van fase II beginnen in mei.", "brief.txt"),
        ("Parkeer niet naast de auto met kenteken AB-123-C.", "brief.txt"),
        ("De bijeenkomst is in zaal B2.14 van het gemeentehuis.", "brief.txt"),
        ("Volgens de wet (art. 7:248 BW) mag dat.", "brief.txt"),
        ("Aannemer KWS begint op 3 juni met het werk in uw straat.", "brief.txt"),
        ("Over dit bedrag betaalt u geen BTW. Het IBAN staat op de factuur.", "brief.txt"),
        ("De GGD en het UWV helpen u verder. Bel ook uw bank, bijvoorbeeld ING.", "brief.txt"),
        ("Mail ons via info@woonstad.nl of kijk op www.woonstad.nl/KCC.", "brief.txt"),
    ],
)
def test_no_abbreviation(tmp_path, capsys, text, name):
    assert findings(tmp_path, capsys, text, name=name) == []


def test_a_known_abbreviation_gets_its_explanation_from_lb512_not_a_second_finding(
    tmp_path, capsys
):
    text = "De monteur vervangt op 5 maart de WTW-unit op zolder."
    assert findings(tmp_path, capsys, text) == []
    (found,) = findings(tmp_path, capsys, text, code="LB512")
    assert found["text"] == "WTW-unit"
    assert "warmteterugwinning:" in found["message"]


def test_a_reference_in_brackets_does_not_explain(tmp_path, capsys):
    text = (
        "Het CAK stuurt u een rekening. Kijk op de site van het CAK (te vinden op www.hetcak.nl)."
    )
    (found,) = findings(tmp_path, capsys, text, code="LB512")
    assert found["text"] == "CAK"


def test_first_use_in_a_heading_is_reported_where_the_text_uses_it(tmp_path, capsys):
    text = "# Nieuw OPK-beleid\n\nVanaf mei halen wij het OPK elke vier weken op."
    (found,) = findings(tmp_path, capsys, text, name="brief.md")
    assert (found["line"], found["text"]) == (3, "OPK")
    only_heading = "# Nieuw OPK-beleid\n\nVanaf mei halen wij het papier elke vier weken op."
    (found,) = findings(tmp_path, capsys, only_heading, name="brief.md")
    assert found["line"] == 1


def test_the_configuration_accept_list_applies(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": 'accept = ["OPK"]\n'})
    assert findings(tmp_path, capsys, "Het OPK wordt elke vier weken opgehaald.") == []


def test_the_organisations_own_name_is_no_abbreviation(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": '[organisatie]\nnaam = "Woonstichting VBW"\n'})
    assert findings(tmp_path, capsys, "Het VBW vervangt uw keuken.") == []


def test_the_accept_list_is_data_in_the_pack():
    options = load_rules()["LB513"].spec["options"]
    assert {"IBAN", "BTW", "GGD", "UWV", "NS", "CV", "WC", "ID"} <= set(options["accept"])


@pytest.mark.parametrize(
    ("abbreviation", "text", "expected"),
    [
        ("ACM", "het loket van de Autoriteit Consument & Markt", True),
        ("VvE", "de Vereniging van Eigenaars besluit", True),
        ("ZAV", "zelf aangebrachte voorzieningen", True),
        ("RvT", "de Raad van Toezicht", True),
        ("KB", "u kunt bellen", False),
        ("CAK", "Het CAK berekent uw bijdrage", False),
    ],
)
def test_spelled_out(abbreviation, text, expected):
    assert spelled_out(abbreviation, text) is expected
