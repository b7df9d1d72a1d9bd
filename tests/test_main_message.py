"""Main message first (LB306), through the command line: from the first paragraph of a
complete letter the tenant can tell why he gets it and whether he must act. A first paragraph
of background only, or a first sentence that opens with a long reference, is found; a short
polite opening before the news is not. The proposed first sentence reads on its own: a
back-reference ("Daarom", "Op grond van het vorenstaande", "Ik kan u nu wel mededelen dat") is
left out, a sentence with officialese or one that still points back is never proposed."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.checks.replacement_check import rewrite_problems
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")


def letter(*paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"Beste mevrouw Bakker,\n\n{body}\n\nMet vriendelijke groet,\n\nTeam Onderhoud\n"


def findings(tmp_path, capsys, text: str, name: str = "brief.txt") -> list[dict]:
    write(tmp_path, {name: text})
    capsys.readouterr()
    main(["check", name, "--select", "LB306", "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == "LB306"]


@pytest.mark.parametrize(
    "opening",
    [
        "Op 12 maart heeft u ons gevraagd om de keuken te vervangen.",
        "In 2019 is besloten om de flats aan de Lindelaan te renoveren.",
        "Zoals u weet, zijn wij bezig met de renovatie van uw straat.",
        "Naar aanleiding van uw brief van 3 maart hebben wij uw situatie bekeken. "
        "Wij hebben daarvoor in februari met de opzichter gesproken.",
        "Eerder hebben wij u geïnformeerd over de werkzaamheden. "
        "Toen gaven we aan dat het werk in het voorjaar zou beginnen.",
        "Hierbij bevestigen wij de ontvangst van uw melding van 3 maart over de lekkage in de "
        "badkamer van uw woning aan de Lindelaan.",
    ],
)
def test_a_first_paragraph_of_background_only_is_found(tmp_path, capsys, opening):
    text = letter(opening, "De aannemer vervangt uw keuken op 14 april.")
    (found,) = findings(tmp_path, capsys, text)
    assert opening.startswith(found["text"])
    assert "alinea 2" in found["message"]
    assert "De aannemer vervangt uw keuken op 14 april." in found["message"]


def test_the_news_in_paragraph_three_after_a_receipt(tmp_path, capsys):
    text = letter(
        "Wij hebben uw brief ontvangen.",
        "Op 12 maart heeft u ons gevraagd om de keuken te vervangen.",
        "De aannemer vervangt uw keuken op 14 april.",
    )
    (found,) = findings(tmp_path, capsys, text)
    assert found["text"] == "Wij hebben uw brief ontvangen."
    assert "alinea 3" in found["message"]


def test_a_long_reference_before_the_news_is_found(tmp_path, capsys):
    text = letter(
        "Naar aanleiding van uw verzoek om de keuken in uw woning aan de Lindelaan te "
        "vervangen laten wij u weten dat de aannemer op 3 mei langskomt.",
        "Heeft u vragen? Bel ons.",
    )
    (found,) = findings(tmp_path, capsys, text)
    assert "begint met een verwijzing" in found["message"]
    assert found["suggestions"] and not found["suggestions"][0]["replaces"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # the news first
        ("De aannemer vervangt uw keuken op 14 april.", "U vroeg ons dat op 12 maart."),
        # a short polite opening, then the news
        ("Wij hebben uw brief van 3 maart ontvangen.", "De aannemer komt op 14 april."),
        ("Hierbij ontvangt u informatie over de werkzaamheden.", "De schilder komt op 12 mei."),
        # background first, but the news still in the first paragraph
        (
            "U heeft in juli informatie ontvangen over het riool. De aannemer heeft het "
            "contract teruggegeven. Daardoor beginnen wij later.",
            "Heeft u vragen? Bel ons.",
        ),
        (
            "Eerder hebben wij u geïnformeerd over de werkzaamheden. Dit is helaas niet gelukt.",
            "Wij beginnen in september.",
        ),
        # a reference with a decision about the reader's case
        (
            "Naar aanleiding van uw aanvraag hebben wij besloten u € 150 toe te kennen.",
            "Heeft u vragen? Bel ons.",
        ),
        # a request in the first paragraph
        ("Zoals u weet, renoveren wij uw flat. Stuur het formulier vóór 1 mei terug.", "Dank u."),
    ],
)
def test_a_letter_that_opens_with_the_news_passes(tmp_path, capsys, paragraphs):
    assert findings(tmp_path, capsys, letter(*paragraphs)) == []


def test_a_fragment_is_not_asked(tmp_path, capsys):
    text = (
        "Op 12 maart heeft u ons gevraagd om de keuken te vervangen.\n\n"
        "De aannemer vervangt uw keuken op 14 april.\n"
    )
    assert findings(tmp_path, capsys, text) == []


def test_a_heading_with_the_news_above_the_first_paragraph_counts(tmp_path, capsys):
    text = (
        "# Brief\n\nBeste mevrouw Bakker,\n\n## U krijgt € 100 terug\n\n"
        "Wij hebben in maart uw servicekosten uitgerekend.\n\n"
        "Wij maken het geld vóór 1 mei over.\n\nMet vriendelijke groet,\n\nTeam Verhuur\n"
    )
    assert findings(tmp_path, capsys, text, "brief.md") == []


# -- the proposed first sentence reads on its own ----------------------------------------------

BACKGROUND = "Op 12 maart heeft u ons gevraagd om de keuken te vervangen."


@pytest.mark.parametrize(
    ("news", "proposal"),
    [
        # a back-reference before the verb is dropped, the subject goes first
        (
            "Daarom vervangt de aannemer uw keuken op 14 april.",
            "De aannemer vervangt uw keuken op 14 april.",
        ),
        (
            "Zoals gezegd komt de aannemer op 14 april.",
            "De aannemer komt op 14 april.",
        ),
        # a frame that only announces: its dat-clause becomes the sentence
        (
            "Ik kan u nu wel mededelen dat de afdeling uitvoering in week 16 en 17 "
            "(14 t/m 24 april) uw keuken gaat vervangen.",
            "De afdeling uitvoering gaat in week 16 en 17 (14 t/m 24 april) uw keuken vervangen.",
        ),
        (
            "Wij laten u weten dat er op 14 april een monteur komt.",
            "Er komt op 14 april een monteur.",
        ),
    ],
)
def test_a_back_reference_is_left_out_of_the_proposal(tmp_path, capsys, news, proposal):
    (found,) = findings(tmp_path, capsys, letter(BACKGROUND, news))
    assert f"bijvoorbeeld: '{proposal}'" in found["message"]
    assert [s["text"] for s in found["suggestions"]] == [proposal]


def test_a_news_sentence_with_officialese_is_not_proposed(tmp_path, capsys):
    """'geen aanleiding' is LB102's: the next news sentence is proposed instead."""
    text = letter(
        BACKGROUND,
        "Op grond van het vorenstaande zien wij geen aanleiding de kosten te vergoeden. "
        "De opzichter komt op 14 april naar de keuken kijken.",
    )
    (found,) = findings(tmp_path, capsys, text)
    proposal = "De opzichter komt op 14 april naar de keuken kijken."
    assert f"bijvoorbeeld: '{proposal}'" in found["message"]
    assert "vorenstaande" not in found["message"] and "aanleiding" not in found["message"]


@pytest.mark.parametrize(
    "news",
    [
        # stripped, the rest still has officialese ('geen aanleiding', LB102)
        "Op grond van het vorenstaande zien wij geen aanleiding aansprakelijkheid te erkennen.",
        # stripped, the rest still points back ('dit', 'dit gesprek')
        "Daarom is dit helaas niet mogelijk.",
        "Daarom kunnen wij u op 14 april niet informeren over de uitkomst van dit gesprek.",
        # stripped, the rest has 'u dient' (LB202)
        "Daarom dient u zich op 14 april te melden bij de balie.",
    ],
)
def test_no_proposal_when_no_news_sentence_can_open_the_letter(tmp_path, capsys, news):
    (found,) = findings(tmp_path, capsys, letter(BACKGROUND, news))
    assert "alinea 2" in found["message"]
    assert "bijvoorbeeld" not in found["message"]
    assert "Begin met de kern: wat er besloten is" in found["message"]
    (advice,) = found["suggestions"]
    assert not advice["replaces"] and advice["text"].startswith("Zet in de eerste zin wat er")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("Daarom komt de schilder op 12 mei.", "De schilder komt op 12 mei.", None),
        ("Daarom komt de schilder op 12 mei.", "Op 12 mei de schilder komt.", "v2"),
        ("Ik kan u melden dat u de sleutels inlevert.", "U levert de sleutels in.", None),
        ("Ik kan u melden dat u de sleutels inlevert.", "U inlevert de sleutels.", "particle"),
        ("Wij melden u dat de bewoners verhuizen.", "De bewoners verhuist.", "agreement"),
    ],
)
def test_a_rewritten_opening_is_parsed_again(old, new, problem):
    """The check a proposed first sentence passes (``replacement_check.rewrite_problems``)."""
    found = rewrite_problems(old, new)
    assert found == [] if problem is None else any(problem in p for p in found), found
