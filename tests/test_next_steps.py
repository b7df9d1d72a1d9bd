"""Unclear next steps and the sentence rules that stayed silent (issue 15), through the
command line a user runs: a request to the tenant says by when and how (LB304), "dienen te"
to whomever it is said (LB202), double negations in one clause (LB207)."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

PROFILE = """\
[organisatie]
naam = "Woonstichting De Linde"
telefoon = "030 123 45 67"
email = "info@delinde.nl"
postadres = "Postbus 1234, 3500 AA Utrecht"
iban = "NL91 ABNA 0417 1643 00"
balie = "Lindeplein 4 in Utrecht"
"""


def letter(*paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"Beste heer Jansen,\n\n{body}\n\nMet vriendelijke groet,\n\nPetra de Vries\n"


def findings(tmp_path, capsys, text: str, code: str, profile: bool = False) -> list[dict]:
    files = {"brief.txt": text}
    if profile:
        files["lint-brieven.toml"] = PROFILE
    write(tmp_path, files)
    capsys.readouterr()
    main(["check", "brief.txt", "--select", code, "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == code]


# --- LB304: a request says by when and how -------------------------------------------------


def test_request_in_a_letter_names_what_is_missing_with_the_organisations_channels(
    tmp_path, capsys
):
    text = letter("Stuur het ingevulde formulier terug.")
    (found,) = findings(tmp_path, capsys, text, "LB304", profile=True)
    assert found["text"] == "Stuur het ingevulde formulier terug."
    assert "vóór wanneer en hoe" in found["message"]
    assert "vóór [datum]" in found["message"]
    assert "Postbus 1234, 3500 AA Utrecht" in found["message"]
    assert "info@delinde.nl" in found["message"]
    assert all(not s["replaces"] for s in found["suggestions"])  # advice, never written in


def test_a_payment_request_proposes_the_account_number(tmp_path, capsys):
    text = letter("U heeft een huurachterstand. Wij vragen u € 240 binnen 14 dagen te betalen.")
    (found,) = findings(tmp_path, capsys, text, "LB304", profile=True)
    assert "hoe of waar" in found["message"] and "vóór wanneer" not in found["message"]
    assert "NL91 ABNA 0417 1643 00" in found["message"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # said in the same sentence
        ("Stuur het formulier vóór 1 mei terug in de antwoordenvelop.",),
        # said in the next sentence
        ("Geef uw meterstanden door. Doe dat vóór 15 juni via www.delinde.nl/meterstanden.",),
        # the steps right after it
        (
            "Lever de sleutels in:",
            "- bij de opzichter",
            "- op de dag van de eindinspectie",
        ),
        # the same action, specified in the steps further on
        (
            "U moet nog € 240 betalen.",
            "Maak het bedrag uiterlijk 1 mei over naar NL91 ABNA 0417 1643 00.",
        ),
        # information, an option, an offer
        ("In de brief staat het bedrag dat u moet betalen.",),
        ("U kunt het formulier ook per post opsturen.",),
        ("Heeft u vragen? Bel ons dan op 030 123 45 67.",),
        # a wish question and a prohibition ask nothing to hand in
        ("Wilt u dat wij het formulier opsturen?",),
    ],
)
def test_requests_that_say_it_or_ask_nothing_pass(tmp_path, capsys, paragraphs):
    assert findings(tmp_path, capsys, letter(*paragraphs), "LB304") == []


def test_a_conditional_request_counts_in_a_letter(tmp_path, capsys):
    text = letter("Bent u het niet eens met de nieuwe huur? Stuur dan het bezwaarformulier terug.")
    (found,) = findings(tmp_path, capsys, text, "LB304")
    assert found["text"] == "Stuur dan het bezwaarformulier terug."


def test_a_web_page_is_asked_how_but_not_by_when(tmp_path, capsys):
    page = "Stuur het formulier op binnen 4 maanden na de ingangsdatum van de huurverhoging.\n"
    (found,) = findings(tmp_path, capsys, page, "LB304")
    assert "hoe of waar" in found["message"] and "vóór wanneer" not in found["message"]
    general = (
        "Kunt u niet in 1 keer terugbetalen? Dan is een betalingsregeling mogelijk. "
        "U moet het bedrag dan binnen 24 maanden terugbetalen.\n\n"
        "Bijvoorbeeld: uw verhuurder verhoogt de huur per 1 juli. "
        "Stuur uw verzoekschrift vóór 1 november op.\n\n"
        "Stuur daarvoor een brief aan uw verhuurder.\n"
    )
    assert findings(tmp_path, capsys, general, "LB304") == []


def test_a_tenants_letter_to_the_landlord_is_not_asked(tmp_path, capsys):
    text = (
        "Geachte verhuurder,\n\nIk huur de woning aan de Dorpsstraat 1. "
        "Stuur mij het overzicht van de servicekosten.\n\nMet vriendelijke groet,\n\nJansen\n"
    )
    assert findings(tmp_path, capsys, text, "LB304") == []


# --- LB202: "dienen te", whoever it is said to ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "flagged", "rewrite"),
    [
        (
            "U dient het formulier voor 1 mei terug te sturen.",
            "U dient het formulier voor 1 mei terug te sturen",
            "U moet het formulier voor 1 mei terugsturen",
        ),
        (
            "Bij vertrek dient u de sleutels in te leveren.",
            "dient u de sleutels in te leveren",
            "moet u de sleutels inleveren",
        ),
        (
            "Huurders dienen de tuin netjes te houden.",
            "dienen de tuin netjes te houden",
            "moeten de tuin netjes houden",
        ),
        (
            "Het voertuig dient op naam van de aanvrager te staan.",
            "dient op naam van de aanvrager te staan",
            "moet op naam van de aanvrager staan",
        ),
    ],
)
def test_dienen_te_becomes_moeten_without_te(tmp_path, capsys, sentence, flagged, rewrite):
    (found,) = findings(tmp_path, capsys, sentence + "\n", "LB202")
    assert found["text"] == flagged
    replacements = [s["text"] for s in found["suggestions"] if s["replaces"]]
    assert replacements[:1] == [rewrite]


def test_a_preposition_of_er_does_not_join_the_verb(tmp_path, capsys):
    text = "U dient er zorg voor te dragen dat de woning toegankelijk is.\n"
    (found,) = findings(tmp_path, capsys, text, "LB202")
    assert found["text"] == "U dient er zorg voor te dragen"
    assert not any("voordragen" in s["text"] for s in found["suggestions"])


@pytest.mark.parametrize(
    "sentence",
    [
        "De huur dient vóór de eerste van de maand te worden betaald.",
        "Het formulier dient door beide huurders ondertekend te worden.",
        "De woning dient bij de eindinspectie leeg te zijn.",
    ],
)
def test_dienen_te_not_said_to_u_is_found_too(tmp_path, capsys, sentence):
    (found,) = findings(tmp_path, capsys, sentence + "\n", "LB202")
    assert found["text"].startswith("dient")
    assert "moet" in found["message"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dient u het formulier vóór 1 mei in?",
        "U dient uw bezwaar in bij de Huurcommissie.",
        "Deze brief dient als bewijs dat u de sleutels heeft ingeleverd.",
        "Het nieuwe hek dient een duidelijk doel.",
        "Dit overzicht dient om u te laten zien wat u betaalt.",
        "U kunt uw bezwaar indienen. U hoeft niets te betalen.",
    ],
)
def test_indienen_and_dienen_as_to_serve_are_left_alone(tmp_path, capsys, sentence):
    assert findings(tmp_path, capsys, sentence + "\n", "LB202") == []


def test_a_rewrite_that_does_not_parse_leaves_advice_only(tmp_path, capsys):
    (found,) = findings(tmp_path, capsys, "De woning dient leeg te zijn.\n", "LB202")
    advice = [s for s in found["suggestions"] if not s["replaces"]]
    assert advice and "moet" in advice[0]["text"]
    write(tmp_path, {"brief.txt": "De woning dient leeg te zijn.\n"})
    main(["check", "brief.txt", "--fix", "--unsafe-fixes", "--select", "LB202"])
    fixed = (tmp_path / "brief.txt").read_text(encoding="utf-8")
    assert fixed in ("De woning dient leeg te zijn.\n", "De woning moet leeg zijn.\n")


# --- LB207: two negations in one clause ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Het komt niet zelden voor dat de lift stilstaat.", "niet zelden"),
        ("Niemand hoeft zich geen zorgen te maken.", "Niemand hoeft zich geen"),
        ("Het aantal parkeerplaatsen is niet onbeperkt.", "niet onbeperkt"),
        ("Het is geenszins onmogelijk dat u huurtoeslag krijgt.", "geenszins onmogelijk"),
        ("Wij weigeren niet om u te helpen.", "weigeren niet"),
        ("Het is niet uitgesloten dat de werkzaamheden langer duren.", "niet uitgesloten"),
        ("U bent niet niet verplicht om mee te doen.", "niet niet"),
        ("Wij zijn het niet oneens met uw voorstel.", "niet oneens"),
    ],
)
def test_double_negations_in_one_clause_are_found(tmp_path, capsys, sentence, flagged):
    (found,) = findings(tmp_path, capsys, sentence + "\n", "LB207")
    assert found["text"] == flagged


def test_double_negation_advice_names_the_positive_word(tmp_path, capsys):
    (found,) = findings(tmp_path, capsys, "Het komt niet zelden voor.\n", "LB207")
    assert "'vaak'" in found["suggestions"][0]["text"]


@pytest.mark.parametrize(
    "sentence",
    [
        "U mag de sleutels niet onbeheerd achterlaten in de hal.",
        "Wij kunnen niet garanderen dat er geen overlast is.",
        "U hoeft niet te betalen als u geen inkomen heeft.",
        "Als u niet thuis bent, kunnen wij niet komen.",
        "Zonder vergunning mag u hier niet parkeren.",
    ],
)
def test_negations_in_two_clauses_or_an_on_word_of_manner_pass(tmp_path, capsys, sentence):
    assert findings(tmp_path, capsys, sentence + "\n", "LB207") == []
