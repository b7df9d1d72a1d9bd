"""Words from decisions, subsidies, allowances and money (issue 15): the officialese entries of
LB101/LB102 and the government and legal terms of LB501 that a tenant meets in letters from
the municipality, the government or the corporation. Through the command line: each is found
in a letter sentence, a legal term is fine where the letter explains it, the places where the
word is plain or another rule's stay silent, and ``--fix --unsafe-fixes`` writes correct Dutch."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

CODES = "LB101,LB102,LB501"


def found(tmp_path, capsys, text: str, codes: str = CODES) -> list[tuple[str, str]]:
    write(tmp_path, {"brief.txt": text + "\n"})
    capsys.readouterr()
    main(["check", "brief.txt", "--select", codes, "--output-format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [(f["code"], f["text"]) for r in report["files"] for f in r["findings"]]


def fixed(tmp_path, text: str) -> str:
    write(tmp_path, {"brief.txt": text + "\n"})
    main(["check", "brief.txt", "--fix", "--unsafe-fixes", "--select", CODES])
    return (tmp_path / "brief.txt").read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("Wij hebben u een vergoeding van 200 euro toegekend.", "LB101", "toegekend"),
        ("U heeft een aanvraag gedaan om toekenning van een vergoeding.", "LB101", "toekenning"),
        ("Wij hebben het voorschot voor de servicekosten bijgesteld.", "LB101", "bijgesteld"),
        ("De kosten worden per woning afzonderlijk berekend.", "LB101", "afzonderlijk"),
        ("Voor de garage vragen wij een marktconforme huur.", "LB101", "marktconforme"),
        ("U kunt storingen rapporteren via onze website.", "LB101", "rapporteren"),
        ("De bezwaartermijn is verstreken.", "LB101", "verstreken"),
        ("Wij houden ons aan de regelgeving voor huurwoningen.", "LB101", "regelgeving"),
        ("U krijgt een correctie op de afrekening.", "LB101", "correctie"),
        ("De lasten van de verwarming zijn gestegen.", "LB101", "lasten"),
        ("Wij werken aan de transitie naar aardgasvrij wonen.", "LB101", "transitie"),
        ("Bij overlast zijn verschillende interventies mogelijk.", "LB101", "interventies"),
        ("Er is een nieuwe normering voor geluid.", "LB101", "normering"),
        ("Wij betalen de instandhouding van de speeltuin.", "LB101", "instandhouding"),
        ("De onderneming voert de werkzaamheden uit.", "LB101", "De onderneming"),
        ("De aannemer is een dochteronderneming van ons.", "LB101", "een dochteronderneming"),
        ("De emissies van de cv-ketel zijn te hoog.", "LB101", "emissies"),
        ("Dit leidt tot een CO2-emissiereductie van 25 procent.", "LB101", "CO2-emissiereductie"),
        ("Dit is een rappel voor de factuur van maart.", "LB101", "rappel"),
        (
            "Wij informeren de direct-belanghebbenden over het plan.",
            "LB101",
            "direct-belanghebbenden",
        ),
        ("U komt mogelijk in aanmerking voor een verhuisvergoeding.", "LB102", "in aanmerking"),
        (
            "Rekening houdend met uw inkomen hebben wij de huur bepaald.",
            "LB102",
            "Rekening houdend met",
        ),
        (
            "Na het verstrijken van de termijn sturen wij een herinnering.",
            "LB102",
            "Na het verstrijken van",
        ),
        ("Dit houdt in dat u meer huur betaalt.", "LB102", "houdt in dat"),
        (
            "Het voorgaande houdt in dat u niets hoeft te doen.",
            "LB102",
            "Het voorgaande houdt in dat",
        ),
        ("De nu geldende regels staan op onze website.", "LB102", "nu geldende"),
        ("Wij houden ons aan de wet- en regelgeving.", "LB102", "wet- en regelgeving"),
        ("U kunt ook enig ander bewijs meesturen.", "LB102", "enig ander"),
        ("Na de ontruiming kunnen wij uw spullen in bewaring nemen.", "LB102", "in bewaring nemen"),
        ("U kunt een zienswijze indienen tot 1 mei.", "LB501", "zienswijze"),
        ("De gemeente legt u een last onder dwangsom op.", "LB501", "last onder dwangsom"),
        ("De rechter heeft een dwangsom opgelegd.", "LB501", "dwangsom"),
        ("De gemeente past bestuursdwang toe.", "LB501", "bestuursdwang"),
        ("Het besluit is onherroepelijk.", "LB501", "onherroepelijk"),
        ("Ook een gemachtigde kan het formulier invullen.", "LB501", "gemachtigde"),
        ("De regeling staat in de Staatscourant.", "LB501", "Staatscourant"),
        ("Wij renoveren de woningen in drie tranches.", "LB501", "tranches"),
        ("De Belastingdienst kan de huurtoeslag terugvorderen.", "LB501", "terugvorderen"),
        ("Tegen de terugvordering kunt u bezwaar maken.", "LB501", "terugvordering"),
        ("De nieuwe huur geldt met terugwerkende kracht.", "LB501", "met terugwerkende kracht"),
        ("U krijgt van het CAK een beschikking.", "LB501", "beschikking"),
        ("Het budget voor de isolatiesubsidie is overtekend.", "LB501", "overtekend"),
        ("In de routekaart staat wanneer uw woning aan de beurt is.", "LB501", "routekaart"),
        ("In de jaarrekening staan de baten en lasten van 2024.", "LB501", "baten en lasten"),
    ],
)
def test_each_word_is_found_in_a_letter_sentence(tmp_path, capsys, text, code, words):
    assert (code, words) in found(tmp_path, capsys, text), text


@pytest.mark.parametrize(
    "text",
    [
        # everyday words and the words of other rules
        "U betaalt uw vaste lasten elke maand op tijd.",
        "U heeft de beschikking over een eigen parkeerplaats.",
        "Dat mag niet baten.",
        "Dit is de enige andere woning die wij u kunnen aanbieden.",
        "Wij nemen uw situatie in aanmerking bij ons besluit.",
        # a refusal is the tone rule's (LB803)
        "Wij kunnen de vergoeding niet toekennen, omdat de schade al is betaald.",
        # a legal term the letter explains
        "U kunt uw mening geven over het plan. Dit heet een zienswijze.",
        "Een gemachtigde (iemand die namens u zaken mag regelen) kan het formulier invullen.",
        "Wij kunnen de vergoeding terugvorderen. Dit betekent dat u het geld terugbetaalt.",
        "Ik leg u een last onder dwangsom op: u moet de schutting voor 1 juni weghalen.",
    ],
)
def test_no_finding_where_the_word_is_plain_explained_or_another_rules(tmp_path, capsys, text):
    assert found(tmp_path, capsys, text) == [], text


def test_one_finding_for_a_term_inside_a_longer_term(tmp_path, capsys):
    text = "U krijgt een last onder dwangsom. In de jaarrekening staan de baten en lasten."
    assert found(tmp_path, capsys, text) == [
        ("LB501", "last onder dwangsom"),
        ("LB501", "baten en lasten"),
    ]
    # "tot uw beschikking" is officialese (LB102), not the legal "beschikking"
    text = "De sleutel ligt tot uw beschikking bij de balie."
    assert found(tmp_path, capsys, text) == [("LB102", "tot uw beschikking")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dit is een rappel voor de factuur.", "Dit is een herinnering voor de factuur."),
        ("De nu geldende regels staan hieronder.", "De huidige regels staan hieronder."),
        (
            "De huur volgt de wet- en regelgeving.",
            "De huur volgt de wetten en regels.",
        ),
        ("Wij hebben de huur bijgesteld.", "Wij hebben de huur aangepast."),
        (
            "Wij hebben u een vergoeding van 200 euro toegekend.",
            "Wij hebben u een vergoeding van 200 euro gegeven.",
        ),
        (
            "De kosten worden per woning afzonderlijk berekend.",
            "De kosten worden per woning apart berekend.",
        ),
        ("U kunt ook enig ander bewijs meesturen.", "U kunt ook een ander bewijs meesturen."),
        (
            "Dit leidt tot een CO2-emissiereductie van 25 procent.",
            "Dit leidt tot een CO2-besparing van 25 procent.",
        ),
        ("Dit houdt in dat u meer huur betaalt.", "Dit betekent dat u meer huur betaalt."),
        ("De lasten zijn enorm gestegen.", "De kosten zijn enorm gestegen."),
    ],
)
def test_fix_writes_correct_dutch(tmp_path, text, expected):
    assert fixed(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an application is approved, not given: the writer chooses
        "Wij hebben uw aanvraag toegekend.",
        "U komt mogelijk in aanmerking voor een verhuisvergoeding.",
        "Rekening houdend met uw inkomen hebben wij de huur bepaald.",
        "De bezwaartermijn is verstreken.",
        "Voor de garage vragen wij een marktconforme huur.",
    ],
)
def test_where_the_alternative_needs_a_new_sentence_fix_leaves_the_text(tmp_path, capsys, text):
    assert found(tmp_path, capsys, text), text
    assert fixed(tmp_path, text) == text
