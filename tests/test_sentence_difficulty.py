"""Sentence difficulty as an editor judges it (issue 15), through the command line: LB201
counts real words and structure (a list is no length, a clause is), LB402 needs evidence
beyond the LiNT-II level and names it, LB205 finds light verbs with an action noun, LB210 the
writer's 'zullen', LB204 the passives the pack lists besides the shipped ones."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")


def findings(capsys, tmp_path, codes: str, *sentences: str) -> dict[int, list[dict]]:
    """Findings of ``codes`` per sentence (each sentence its own paragraph of a fragment)."""
    write(tmp_path, {"_zinnen.txt": "\n\n".join(sentences) + "\n"})
    main(["check", "_zinnen.txt", "--select", codes, "--output-format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    data = json.loads(out)
    by_line: dict[int, list[dict]] = {}
    for f in data["files"][0]["findings"]:
        by_line.setdefault(f["line"], []).append(f)
    return {i: by_line.get(2 * i + 1, []) for i in range(len(sentences))}


# -- LB201 -----------------------------------------------------------------------------------

LIST = (
    "Voor de start van het werk krijgt u een brief met de exacte startdatum, de duur van de "
    "werkzaamheden en de eventuele hinder die u kunt hebben."
)
LIST_AND_CLAUSE = (
    "Omdat de planning nog niet klaar is, krijgt u later een brief met de startdatum, de duur "
    "van de werkzaamheden en de hinder."
)
ASIDE = (
    "U kunt bezwaar maken bij het bestuursorgaan dat het besluit heeft genomen (het college "
    "van burgemeester en wethouders, de gemeenteraad of de burgemeester)."
)
CONDITIONS = (
    "Dus ook als u het bedrag in 1 keer betaalt, als u het laat verrekenen of als u maandelijks "
    "een bedrag betaalt."
)
TWENTY_TWO_PLAIN = (
    "De monteur komt op maandag bij u langs en hij kijkt dan ook meteen naar de kraan in de "
    "keuken van uw woning."
)
TWENTY_FOUR_CLAUSE = (
    "De openbare verlichting en de bomen in uw straat worden vervangen, omdat de verlichting "
    "oud is en de bomen geen goede plek meer hebben."
)
PARTICIPLE = (
    "Wij hebben de door u op de website ingevulde gegevens over uw inkomen en uw gezin op 3 "
    "maart goed en volledig van u ontvangen."
)
LONG = (
    "Wij komen op maandag bij u langs en dan kijken wij samen met u naar de kraan in de keuken "
    "en naar de deur van de schuur achter uw huis."
)


def test_one_simple_clause_plus_a_list_is_not_long(capsys, tmp_path):
    found = findings(capsys, tmp_path, "LB201", LIST, ASIDE, CONDITIONS)
    assert found == {0: [], 1: [], 2: []}


def test_a_clause_outside_the_list_makes_it_long_and_is_named(capsys, tmp_path):
    found = findings(capsys, tmp_path, "LB201", LIST_AND_CLAUSE, TWENTY_FOUR_CLAUSE)
    assert len(found[0]) == 1 and "bijzin ('Omdat de planning …')" in found[0][0]["message"]
    assert [f["message"] for f in found[1]] == [
        "Deze zin heeft 24 woorden en een bijzin ('omdat de verlichting …'). Maak er twee of "
        "drie korte zinnen van."
    ]


def test_up_to_25_words_a_sentence_needs_a_clause_to_be_long(capsys, tmp_path):
    found = findings(capsys, tmp_path, "LB201", TWENTY_TWO_PLAIN, PARTICIPLE, LONG)
    assert found[0] == []
    assert len(found[1]) == 1
    assert "een ingeschoven bepaling ('door u op de website ingevulde')" in found[1][0]["message"]
    assert [f["message"] for f in found[2]] == [
        "Deze zin heeft 30 woorden (meer dan 25). Maak er twee of drie korte zinnen van."
    ]


# -- LB402 -----------------------------------------------------------------------------------


def test_a_level_4_sentence_without_evidence_is_left_alone(capsys, tmp_path):
    """LiNT-II puts these at level 4 for a title, a long ordinary word or a name."""
    found = findings(
        capsys,
        tmp_path,
        "LB402",
        "U schakelt de Huurcommissie in door het formulier Huurverlaging volgens puntentelling "
        "in te sturen.",
        "De huurder moet eerst een voorstel tot huurverlaging naar de verhuurder sturen.",
        "U herkent zo'n voorlopige berekening aan de kop 'Voorschotbeschikking' bovenaan de brief.",
        "In november hebben de leden van het lezerspanel voor het eerst hun mening gegeven "
        "over onze teksten.",
    )
    assert found == {0: [], 1: [], 2: [], 3: []}


def test_a_hard_sentence_names_exactly_what_makes_it_hard(capsys, tmp_path):
    found = findings(
        capsys,
        tmp_path,
        "LB402",
        "De aannemer Beentjes GWW is in november gestart met de herinrichtingswerkzaamheden.",
        "Bewoners die in de afgelopen twee jaar bij de bewonerscommissie een klacht over "
        "geluidsoverlast hebben gemeld, worden door ons uitgenodigd.",
        "Bronscheiding is scheiding door de inwoners en daarmee wordt het beste resultaat "
        "behaald, zeker bij de ontstening van tuinen.",
    )
    first = found[0][0]["message"]
    assert first.endswith("Lastig is het zeldzame woord 'herinrichtingswerkzaamheden'.")
    assert "Beentjes" not in first and "GWW" not in first and "november" not in first
    assert "de afstand tussen 'Bewoners' en 'worden'" in found[1][0]["message"]
    third = found[2][0]["message"]
    assert "de lijdende vorm 'wordt … behaald'" in third and "'ontstening'" in third


def test_a_term_explained_in_brackets_is_not_a_hard_word(capsys, tmp_path):
    found = findings(
        capsys,
        tmp_path,
        "LB402",
        "Ook iemand die officieel namens u zaken mag regelen (gemachtigde), kan subsidie voor u "
        "aanvragen.",
    )
    assert found[0] == []


# -- LB205 -----------------------------------------------------------------------------------


def test_a_light_verb_with_an_action_noun_is_nominal_style(capsys, tmp_path):
    found = findings(
        capsys,
        tmp_path,
        "LB205",
        "Via de website voeren wij een faillissementscontrole uit.",
        "Er zijn vorige maand controles uitgevoerd in alle bergingen.",
        "U heeft een overtreding begaan.",
        "Voor het aanvragen van een parkeervergunning gebruikt u het formulier.",
        "U kunt een bezwaarschrift indienen bij de gemeente.",
        "Wij controleren alle rookmelders.",
    )
    assert [f["text"] for f in found[0]] == ["voeren wij een faillissementscontrole uit"]
    assert found[0][0]["message"].endswith("Gebruik het werkwoord: 'controleren'.")
    assert [f["text"] for f in found[1]] == ["controles uitgevoerd"]
    assert "'overtreden'" in found[2][0]["message"]
    assert found[3] == found[4] == found[5] == []


# -- LB210 -----------------------------------------------------------------------------------


def test_the_writers_zullen_becomes_the_present_tense(capsys, tmp_path):
    found = findings(
        capsys,
        tmp_path,
        "LB210",
        "Wij zullen de werkzaamheden in de eerste week van maart uitvoeren.",
        "Ik zal u de nieuwe sleutels toesturen.",
        "Wij laten u weten dat wij de reparatie zullen uitvoeren.",
        "Zullen wij u bellen om een afspraak te maken?",
        "Wij zullen de kosten moeten doorberekenen.",
        "De kosten zullen wel meevallen.",
    )

    def rewrite(f: dict) -> str:
        return next(s["text"] for s in f["suggestions"] if s["replaces"])

    first = found[0][0]
    assert "'wij voeren … uit' in plaats van 'zullen … uitvoeren'" in first["message"]
    assert rewrite(first) == "voeren de werkzaamheden in de eerste week van maart uit"
    assert rewrite(found[1][0]) == "stuur u de nieuwe sleutels toe"
    assert rewrite(found[2][0]) == "uitvoeren"
    assert found[3] == found[4] == found[5] == []


# -- LB204 -----------------------------------------------------------------------------------


def test_the_pack_lists_more_passives_that_hide_the_organisation(capsys, tmp_path):
    found = findings(
        capsys,
        tmp_path,
        "LB204",
        "Aan de begeleiding van nieuwe huurders wordt veel aandacht besteed.",
        "Bij een te hoog inkomen kan de toeslag worden teruggevorderd.",
        "Het geld wordt besteed aan nieuwe speeltoestellen.",
        "Uw woning is verbonden met het warmtenet.",
    )
    assert len(found[0]) == 1 and len(found[1]) == 1
    assert found[2] == found[3] == []


def test_a_title_before_a_name_is_part_of_the_name(capsys, tmp_path):
    # 24 words if "de heer de" and "mevrouw" counted, 20 without: a name is not a word
    found = findings(
        capsys,
        tmp_path,
        "LB201",
        "Omdat de monteur ziek is, komt nu de heer de Boer van de afdeling Onderhoud samen met "
        "mevrouw Jansen bij u langs om de kraan te maken.",
    )
    assert found[0] == []
