"""Channels (rules/kanalen.yaml), through the command line a user runs: "schriftelijk" without
an address (LB604), a website without its address in a letter (LB605), information or an
action only online (LB606), and an absence without a stand-in (LB607). The organisation's own
postadres, website and phone number from lint-brieven.toml count where the letter gives them,
and fill the proposals."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

PROFILE = """
[organisatie]
naam = "Woonstichting De Linde"
telefoon = "030 123 45 67"
website = "delinde.nl"
postadres = "Stationsplein 4, 3511 ED Utrecht"
"""


def letter(*paragraphs: str, above: str = "") -> str:
    body = "\n\n".join(paragraphs)
    closing = "Met vriendelijke groet,\n\nPetra de Vries\nTeam Verhuur"
    return f"{above}Beste mevrouw Jansen,\n\n{body}\n\n{closing}\n"


def findings(tmp_path, capsys, text: str, code: str, config: str | None = None) -> list[dict]:
    files = {"brief.txt": text}
    if config is not None:
        files["lint-brieven.toml"] = config
    write(tmp_path, files)
    capsys.readouterr()
    main(["check", "brief.txt", "--select", code, "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == code]


# -- LB604 schriftelijk-zonder-adres -----------------------------------------------------------


def test_written_without_an_address_is_found_and_proposes_the_postal_address(tmp_path, capsys):
    text = letter("Bent u het niet eens met de nieuwe huur? Dan kunt u schriftelijk bezwaar maken.")
    found = findings(tmp_path, capsys, text, "LB604", PROFILE)
    assert [f["text"] for f in found] == ["kunt u schriftelijk"]
    advice = " ".join(s["text"] for s in found[0]["suggestions"])
    assert "Stationsplein 4, 3511 ED Utrecht" in advice


@pytest.mark.parametrize(
    "text",
    [
        # an address anywhere: under the signature, a Postbus in the letterhead, an e-mail
        letter("U moet de huur schriftelijk opzeggen.")
        + "Woonstichting De Linde, Lindeplein 4, 3531 KL Utrecht\n",
        letter(
            "U kunt schriftelijk bezwaar maken.",
            above="Woonstichting De Linde\nPostbus 1234\n3500 AA Utrecht\n\n",
        ),
        letter("Wilt u ons schriftelijk laten weten of u meedoet? Mail naar info@delinde.nl."),
        # the organisation's postal address from the configuration, laid out as in a letterhead
        letter(
            "U moet de huur schriftelijk opzeggen.",
            above="Woonstichting De Linde\nStationsplein 4\n3511 ED Utrecht\n\n",
        ),
        # nothing to send: the organisation writes, or it need not be in writing
        letter("Wij bevestigen de afspraak schriftelijk."),
        letter("U hoeft uw opzegging niet schriftelijk te doen."),
    ],
)
def test_no_written_finding_when_an_address_is_given(tmp_path, capsys, text):
    assert findings(tmp_path, capsys, text, "LB604", PROFILE) == []


def test_the_tenants_own_address_is_no_address_to_write_to(tmp_path, capsys):
    above = "Mevrouw A. Jansen\nDorpsstraat 12\n3511 AB Utrecht\n\n"
    text = letter(
        "Het gaat om de woning aan de Dorpsstraat 12.",
        "U moet de huur schriftelijk opzeggen.",
        above=above,
    )
    found = findings(tmp_path, capsys, text, "LB604")
    assert [f["text"] for f in found] == ["U moet de huur schriftelijk"]


# -- LB605 website-zonder-adres ----------------------------------------------------------------


def test_website_without_address_in_a_letter(tmp_path, capsys):
    text = letter(
        "Meer informatie vindt u op onze website. Vragen? Mail naar verhuur@delinde.nl.",
        "Uw huurcontract staat in Mijn De Linde. Bel ons gerust op 030 123 45 67.",
    )
    found = findings(tmp_path, capsys, text, "LB605")
    # an e-mail domain is no web address
    assert [f["text"] for f in found] == ["op onze website", "in Mijn De Linde"]


@pytest.mark.parametrize(
    ("text", "config"),
    [
        (letter("Meer informatie vindt u op onze website: www.delinde.nl/renovatie."), None),
        (letter("Meer informatie vindt u op onze website, delinde.nl."), PROFILE),
        # a web page (the reader is on the website) and a piece of a letter
        ("Meer informatie over de renovatie vindt u op onze website.\n", None),
    ],
)
def test_no_website_finding_when_the_address_is_there_or_no_letter(tmp_path, capsys, text, config):
    assert findings(tmp_path, capsys, text, "LB605", config) == []


# -- LB606 alleen-online-informatie ------------------------------------------------------------


def test_letter_with_only_online_ways_is_found_with_the_phone_number_proposed(tmp_path, capsys):
    text = letter(
        "De planning vindt u op www.delinde.nl/renovatie.",
        "Vragen? Mail naar renovatie@delinde.nl. Wij bellen u voor een afspraak.",
    )
    found = findings(tmp_path, capsys, text, "LB606", PROFILE)
    assert len(found) == 1
    assert found[0]["text"].startswith("vindt u op www.delinde.nl")
    assert any("030 123 45 67" in s["text"] for s in found[0]["suggestions"])


@pytest.mark.parametrize(
    "text",
    [
        letter("De planning vindt u op www.delinde.nl. Geen internet? Bel 030 123 45 67."),
        letter("Kies een datum in het huurdersportaal of kom langs bij de balie."),
        letter("Het ontwerp vindt u in de bijlage en op www.delinde.nl/ontwerp."),
        "De planning van de renovatie vindt u op www.delinde.nl/renovatie.\n",
    ],
)
def test_no_online_only_finding_with_a_way_without_internet(tmp_path, capsys, text):
    assert findings(tmp_path, capsys, text, "LB606") == []


# -- LB607 afwezig-zonder-vervanger ------------------------------------------------------------


def test_absence_without_stand_in_is_found(tmp_path, capsys):
    text = letter(
        "Heeft u nog vragen? U kunt mij mailen via omgevingsmanagement@purmerend.nl of bellen "
        "via 0299 452 452. Van 26 april tot 6 mei ben ik met vakantie."
    )
    found = findings(tmp_path, capsys, text, "LB607")
    assert [f["text"] for f in found] == ["ben ik met vakantie"]
    text = letter("Ik ben op maandag en dinsdag niet bereikbaar.")
    assert [f["text"] for f in findings(tmp_path, capsys, text, "LB607")] == [
        "Ik ben op maandag en dinsdag niet bereikbaar"
    ]
    text = letter("Ons kantoor is gesloten van 24 december tot en met 1 januari.")
    assert len(findings(tmp_path, capsys, text, "LB607")) == 1


@pytest.mark.parametrize(
    "text",
    [
        letter(
            "Van 26 april tot 6 mei ben ik met vakantie. Dan kunt u terecht bij mijn collega "
            "Jan de Boer."
        ),
        letter(
            "Van 1 tot 19 juli ben ik met vakantie. Voor vragen kunt u mailen naar info@delinde.nl."
        ),
        letter("Bent u met vakantie als de monteur komt? Bel ons dan."),
        letter("Vorige maand was ik met vakantie."),
        # no absence, or the weekly opening hours
        letter("Ik ben er niet van overtuigd dat dit nodig is."),
        letter("Wij zijn niet bereikbaar via WhatsApp."),
        letter("Ons kantoor is op zaterdag gesloten."),
    ],
)
def test_no_absence_finding_with_a_stand_in_or_not_the_writer(tmp_path, capsys, text):
    assert findings(tmp_path, capsys, text, "LB607") == []
