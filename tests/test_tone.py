"""The tone pack (rules/toon.yaml) through the command line: bad news without a reason (LB803),
tone in every person (LB801 and its ik-forms), blame (LB806), condescension (LB807), legal
threats in a first letter (LB808), stiff openings in every person without doubling ambtelijk
(LB804), the impersonal salutation when the tenant's name is a placeholder of any
convention (LB805), and stiff closing sentences and greetings, each with its own advice (LB802)."""

from __future__ import annotations

import json
import re

import pytest
from lintkit import write

from lint_brieven.checks.loader import load_rules
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

LETTER = "Beste mevrouw Jansen,\n\n{body}\n\nMet vriendelijke groet,\n\nPetra de Vries\nKlantteam"


def findings(tmp_path, capsys, text: str, codes: str, name: str = "brief.txt") -> list[dict]:
    """The JSON findings of ``lint-brieven check`` on ``text`` with the given rules."""
    write(tmp_path, {name: text + "\n"})
    capsys.readouterr()
    main(["check", name, "--select", codes, "--output-format", "json"])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [f for r in json.loads(out)["files"] for f in r["findings"]]


def flagged(tmp_path, capsys, text: str, code: str, name: str = "brief.txt") -> list[str]:
    return [f["text"] for f in findings(tmp_path, capsys, text, code, name) if f["code"] == code]


# -- LB803: bad news without a reason ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # refusals, in every person and in the passive
        ("Wij kunnen uw verzoek om huurverlaging niet toekennen.", "niet toekennen"),
        ("Ik kan uw verzoek om een andere woning niet toekennen.", "niet toekennen"),
        ("Uw aanvraag voor een dakkapel is afgewezen.", "is afgewezen"),
        (
            "Wij wijzen uw verzoek om een parkeerplaats af.",
            "Wij wijzen uw verzoek om een parkeerplaats af",
        ),
        ("Wij nemen uw klacht niet in behandeling.", "Wij nemen uw klacht niet in behandeling"),
        ("Uw bezwaar wordt niet in behandeling genomen.", "wordt niet in behandeling genomen"),
        (
            "Wij gaan niet akkoord met uw voorstel voor een betalingsregeling.",
            "Wij gaan niet akkoord",
        ),
        ("Wij geven u geen toestemming voor de aanbouw.", "Wij geven u geen toestemming"),
        ("U krijgt geen vergoeding voor de schade aan uw vloer.", "krijgt geen vergoeding"),
        ("De kosten van de nieuwe vloer worden niet vergoed.", "worden niet vergoed"),
        ("Dat kan helaas niet.", "kan helaas niet"),
        ("Uw verzoek om een dakkapel is helaas niet mogelijk.", "is helaas niet mogelijk"),
        # cancellation and postponement
        ("De bewonersavond van 12 maart gaat niet door.", "gaat niet door"),
        ("De renovatie kan helaas niet doorgaan.", "kan helaas niet doorgaan"),
        ("De werkzaamheden worden uitgesteld tot het najaar.", "worden uitgesteld"),
        ("Wij hebben besloten de renovatie uit te stellen.", "uit te stellen"),
        ("De bewonersavond vervalt.", "vervalt"),
        ("Uw huurtoeslag stopt per 1 januari.", "stopt"),
        ("De aannemer heeft vertraging opgelopen.", "vertraging opgelopen"),
        ("Dit is helaas niet gelukt.", "is helaas niet gelukt"),
        # increases
        (
            "Het voorschot voor de servicekosten wordt per 1 januari verhoogd.",
            "verhoogd",
        ),
        ("Wij verhogen de huur per 1 juli met 4 procent.", "Wij verhogen de huur"),
        # "helaas" with the writer
        ("Helaas hebben wij geen woning voor u.", "hebben wij geen woning"),
    ],
)
def test_bad_news_without_a_reason_is_found(tmp_path, capsys, text, words):
    assert flagged(tmp_path, capsys, text, "LB803") == [words]


@pytest.mark.parametrize(
    "text",
    [
        # a reason in the sentence, the next or the one before
        "Een dakkapel plaatsen is niet mogelijk, omdat het dak daar niet sterk genoeg voor is.",
        "Wij kunnen uw verzoek niet toekennen. Dat komt doordat uw inkomen boven de grens ligt.",
        "Uw inkomen is te hoog. Daarom kunnen wij uw verzoek niet toekennen.",
        "De werkzaamheden worden uitgesteld vanwege het slechte weer.",
        "Helaas is dit onder andere door het slechte weer niet haalbaar.",
        "Op grond van het vorenstaande zien wij geen aanleiding de schade te vergoeden.",
        "Wij mogen uw gegevens niet aan anderen geven. Dat staat in de privacywet.",
        # a reason told without a reason word: what happened, to someone else
        "De renovatie wordt uitgesteld. De aannemer is failliet gegaan.",
        # the tenant's own negative, information, a request to the tenant
        "Als u de huur niet kunt betalen, bel ons dan.",
        "U kunt niet parkeren op het binnenterrein.",
        "U heeft de woning geweigerd.",
        "U hoeft de kosten niet te betalen.",
        "Zeg uw contract voor gas en stroom zelf op bij uw energiebedrijf.",
        # conditions, questions, examples, relative clauses
        "Is het niet mogelijk om op die dag thuis te zijn? Bel ons dan.",
        "Als dat niet mogelijk is, maken wij een nieuwe afspraak.",
        "Gaat de afspraak niet door, dan bellen wij u.",
        "Vult u een verkeerd adres in, dan stopt de procedure.",
        "Wilt u uw aanvraag intrekken? Dan kunt u ons bellen.",
        "Bijvoorbeeld: uw aanvraag voor een subsidie is afgewezen.",
        "De werkzaamheden die niet doorgaan, staan in de bijlage.",
        "Wij kijken of het mogelijk is om de keuken eerder te vervangen.",
        "U krijgt geen uitstel van betaling in de volgende gevallen:",
        # no refusal
        "Wij vervangen niet alleen de ramen, maar ook de deuren.",
        "Wij kunnen niet anders dan concluderen dat de gemeente niet aansprakelijk is.",
        "Helaas hebben wij u niet thuis getroffen.",
        "Uw huur gaat er niet door omhoog.",
        "De monteur komt niet op zaterdag.",
        "Uw inschrijving vervalt na twee jaar.",
        "Het is niet mogelijk om per e-mail bezwaar te maken.",
        "Het opzeggen van de automatische incasso doet u zelf.",
    ],
)
def test_explained_or_no_bad_news_is_not_flagged(tmp_path, capsys, text):
    assert flagged(tmp_path, capsys, text, "LB803") == []


def test_a_why_section_answers_an_increase(tmp_path, capsys):
    body = (
        "Uw huur verandert op 1 juli.\n\nWaarom gaat uw huur omhoog?\n\n"
        "Uw huur gaat met 3% omhoog. Uw nieuwe huur is € 650 per maand."
    )
    assert flagged(tmp_path, capsys, LETTER.format(body=body), "LB803") == []
    without = "Uw huur verandert op 1 juli.\n\nUw huur gaat met 3% omhoog. Uw nieuwe huur is € 650."
    assert flagged(tmp_path, capsys, LETTER.format(body=without), "LB803") == ["gaat met 3% omhoog"]


def test_a_reason_after_a_paragraph_break_counts(tmp_path, capsys):
    body = "De bewonersavond van 12 maart gaat niet door.\n\nDat komt doordat de zaal niet vrij is."
    assert flagged(tmp_path, capsys, LETTER.format(body=body), "LB803") == []


def test_bad_news_message_says_what_it_is_and_asks_for_the_reason(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": '[organisatie]\ntelefoon = "030 123 45 67"\n'})
    found = findings(tmp_path, capsys, "De werkzaamheden worden uitgesteld.", "LB803")
    assert len(found) == 1
    assert found[0]["message"].startswith(
        "'worden uitgesteld': iets wordt uitgesteld, maar u zegt niet waarom."
    )
    texts = [s["text"] for s in found[0]["suggestions"]]
    assert any("030 123 45 67" in t for t in texts)
    assert not any(s["replaces"] for s in found[0]["suggestions"])


def test_headings_and_a_tenants_letter_are_not_checked(tmp_path, capsys):
    assert (
        flagged(
            tmp_path,
            capsys,
            "# De bewonersavond gaat niet door\n\nWe zoeken een nieuwe datum.",
            "LB803",
            "pagina.md",
        )
        == []
    )
    tenant = (
        "Geachte verhuurder,\n\nU heeft mijn verzoek om een nieuwe keuken afgewezen. "
        "Ik ben het daar niet mee eens.\n\nMet vriendelijke groet,\n\n[naam huurder]"
    )
    assert flagged(tmp_path, capsys, tenant, "LB803") == []


# -- LB801: the same tone in every person ----------------------------------------------------------

# wij-form → ik-form, word by word (the generated ik-form must be an entry or a form of the rule)
_IK = {
    "wij": "ik",
    "we": "ik",
    "ons": "mij",
    "onze": "mijn",
    "zien": "zie",
    "zijn": "ben",
    "zullen": "zal",
    "wijzen": "wijs",
    "willen": "wil",
    "maken": "maak",
    "behouden": "behoud",
    "moeten": "moet",
}
_WIJ = re.compile(r"\b(?:wij|ons|onze)\b")


_PRONOUNS = {"wij", "we", "ons", "onze"}


def _ik_form(phrase: str) -> str:
    """ "willen wij u erop wijzen" → "wil ik u erop wijzen": every pronoun, and the finite verb
    (the first verb) only; an infinitive at the end stays ("zal … genoodzaakt zijn")."""
    out, finite_done = [], False
    for word in phrase.split():
        if word in _PRONOUNS:
            out.append(_IK[word])
        elif word in _IK and not finite_done:
            out.append(_IK[word])
            finite_done = True
        else:
            out.append(word)
    return " ".join(out)


def _wij_entries() -> list[str]:
    return [e["phrase"] for e in load_rules()["LB801"].spec["swap"] if _WIJ.search(e["phrase"])]


def test_every_wij_form_of_lb801_has_its_we_and_ik_form():
    entries = load_rules()["LB801"].spec["swap"]
    known = {p for e in entries for p in [e["phrase"], *e.get("forms", [])]}
    wij = _wij_entries()
    assert len(wij) >= 15
    missing = []
    for phrase in wij:
        if "wij" in phrase.split():
            we = " ".join("we" if w == "wij" else w for w in phrase.split())
            if we not in known:
                missing.append(we)
        if " tot " not in f" {phrase} " and _ik_form(phrase) not in known:
            missing.append(_ik_form(phrase))
    assert missing == []


def test_the_ik_forms_are_found_in_a_letter(tmp_path, capsys):
    ik = [_ik_form(p) for p in _wij_entries() if not p.startswith("tot ")]
    ik += ["tot mijn spijt", "ik zie me genoodzaakt", "het is me opgevallen dat"]
    body = "\n\n".join(f"Daarna {phrase} dit, als het nodig is." for phrase in ik)
    found = [t.lower() for t in flagged(tmp_path, capsys, LETTER.format(body=body), "LB801")]
    assert [p for p in ik if not any(p in t for t in found)] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Indien u niet betaalt, zie ik mij genoodzaakt de zaak uit handen te geven.",
            "zie ik mij genoodzaakt",
        ),
        ("Ik wijs u erop dat fietsen in het trappenhuis niet mogen.", None),
        ("Het is mij opgevallen dat uw tuin erg verwilderd is.", "Het is mij opgevallen dat"),
        ("Tot mijn spijt moet ik u meedelen dat de keuken later komt.", "Tot mijn spijt"),
        ("U hebt verzuimd de huur van maart te betalen.", "U hebt verzuimd"),
    ],
)
def test_ik_forms_of_tone(tmp_path, capsys, text, words):
    found = flagged(tmp_path, capsys, text, "LB801")
    assert len(found) == 1
    if words:
        assert found == [words]


# -- LB806 and LB807: blame and condescension ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (
            "Ondanks herhaalde verzoeken heeft u de tuin nog niet opgeruimd.",
            "LB806",
            "Ondanks herhaalde verzoeken",
        ),
        (
            "Ondanks onze eerdere herinneringen hebben wij niets ontvangen.",
            "LB806",
            "Ondanks onze eerdere herinneringen",
        ),
        (
            "U bent al meerdere malen gewaarschuwd voor het geluid.",
            "LB806",
            "U bent al meerdere malen gewaarschuwd",
        ),
        ("Zoals u weet, moet de huur vóór de 1e betaald zijn.", "LB807", "Zoals u weet"),
        (
            "Zoals u ongetwijfeld weet, is roken in de lift verboden.",
            "LB807",
            "Zoals u ongetwijfeld weet",
        ),
        (
            "U had moeten weten dat de schuur niet bij de woning hoort.",
            "LB807",
            "U had moeten weten",
        ),
        (
            "Wij gaan ervan uit dat u begrijpt dat dit zo niet verder kan.",
            "LB807",
            "Wij gaan ervan uit dat u begrijpt",
        ),
        (
            "Het spreekt voor zich dat u de woning schoon achterlaat.",
            "LB807",
            "Het spreekt voor zich dat u",
        ),
        ("Uiteraard dient u de schade zelf te herstellen.", "LB807", "Uiteraard dient u"),
    ],
)
def test_blame_and_condescension_are_found(tmp_path, capsys, text, code, words):
    assert flagged(tmp_path, capsys, text, code) == [words]


@pytest.mark.parametrize(
    "text",
    [
        "Op 3 maart vroegen wij u om de tuin op te ruimen. Dat is nog niet gebeurd.",
        "Ondanks de regen ging het werk door.",
        "Uiteraard kunt u ons altijd bellen.",
        "Uiteraard helpen wij u graag bij het formulier.",
        "U bent natuurlijk van harte welkom op de bewonersavond.",
        "Als u weet dat u die dag niet thuis bent, bel ons dan.",
        "Zoals afgesproken komt de monteur op 3 maart.",
        "Wij begrijpen dat dit vervelend voor u is.",
    ],
)
def test_calm_sentences_are_not_blame_or_condescension(tmp_path, capsys, text):
    assert findings(tmp_path, capsys, text, "LB806,LB807") == []


# -- LB808: legal steps in a first letter --------------------------------------------------------

_FIRST = (
    "U heeft de huur van maart nog niet betaald. Wilt u € 650 vóór 1 april overmaken? "
    "Betaalt u niet, dan {threat}."
)


@pytest.mark.parametrize(
    ("threat", "words"),
    [
        ("schakelen wij een incassobureau in", "incassobureau"),
        ("geven wij de zaak aan de deurwaarder", "deurwaarder"),
        ("vragen wij de rechter om ontruiming van uw woning", "rechter"),
        ("brengen wij buitengerechtelijke kosten in rekening", "buitengerechtelijke kosten"),
    ],
)
def test_legal_steps_in_a_first_letter_are_found(tmp_path, capsys, threat, words):
    text = LETTER.format(body=_FIRST.format(threat=threat))
    assert flagged(tmp_path, capsys, text, "LB808") == [words]


def test_the_title_of_a_first_reminder_is_no_earlier_reminder(tmp_path, capsys):
    body = "Betalingsherinnering\n\n" + _FIRST.format(threat="schakelen wij een incassobureau in")
    assert flagged(tmp_path, capsys, LETTER.format(body=body), "LB808") == ["incassobureau"]


@pytest.mark.parametrize(
    "before",
    [
        "Op 3 maart stuurden wij u een herinnering.",
        "Dit is onze tweede herinnering.",
        "Wij schreven u hier eerder over.",
        "Aanmaning.",
        "Deze brief is een ingebrekestelling.",
        "Op 3 maart schreven wij u over uw achterstand.",
        "Wij hebben u op 3 maart gebeld over de huur.",
    ],
)
def test_a_later_letter_may_name_the_next_step(tmp_path, capsys, before):
    body = before + " " + _FIRST.format(threat="schakelen wij een incassobureau in")
    assert flagged(tmp_path, capsys, LETTER.format(body=body), "LB808") == []


@pytest.mark.parametrize(
    "text",
    [
        # the tenant's own right; a step that will not be taken
        LETTER.format(body="Bent u het niet eens met de nieuwe huur? Dan kunt u naar de rechter."),
        LETTER.format(body="Wij schakelen geen incassobureau in als u een regeling met ons maakt."),
        # a fragment cannot tell whether it is the first letter
        _FIRST.format(threat="schakelen wij een incassobureau in"),
    ],
)
def test_no_threat_or_no_letter_is_not_flagged(tmp_path, capsys, text):
    assert flagged(tmp_path, capsys, text, "LB808") == []


def test_condescension_and_first_letter_threats_are_off_by_default(tmp_path, capsys):
    body = "Zoals u weet, " + _FIRST.format(threat="schakelen wij een incassobureau in").lower()
    write(tmp_path, {"brief.txt": LETTER.format(body=body) + "\n"})
    capsys.readouterr()
    main(["check", "brief.txt", "--output-format", "json"])
    codes = {f["code"] for r in json.loads(capsys.readouterr().out)["files"] for f in r["findings"]}
    assert not codes & {"LB807", "LB808"}
    assert {"LB807", "LB808"} <= {
        f["code"] for f in findings(tmp_path, capsys, LETTER.format(body=body), "LB807,LB808")
    }


def test_lb808_offers_help_from_the_profile(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": '[organisatie]\ntelefoon = "030 123 45 67"\n'
            'schuldhulp = "Geldfit, 0800 8115"\n'
        },
    )
    text = LETTER.format(body=_FIRST.format(threat="schakelen wij een incassobureau in"))
    found = [f for f in findings(tmp_path, capsys, text, "LB808")]
    assert len(found) == 1
    advice = found[0]["suggestions"][0]["text"]
    assert "030 123 45 67" in advice and "Geldfit, 0800 8115" in advice


# -- LB804: stiff openings in every person, never twice with ambtelijk -----------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hierbij informeer ik u over de renovatie van uw woning.", "Hierbij informeer ik u"),
        (
            "Met deze brief informeren wij u over de werkzaamheden.",
            "Met deze brief informeren wij u",
        ),
        (
            "Met deze brief wil ik u graag informeren over de werkzaamheden.",
            "Met deze brief wil ik u graag informeren",
        ),
        ("Ik deel u graag mee dat uw keuken in mei komt.", "Ik deel u graag mee"),
        ("Bij deze nodig ik u uit voor een gesprek.", "Bij deze nodig ik"),
        (
            "Daarom nodigen wij u allen hierbij graag uit voor de avond.",
            "nodigen wij u allen hierbij",
        ),
        ("Ik doe u hierbij het contract toekomen.", "Ik doe u hierbij het contract toekomen"),
    ],
)
def test_stiff_openings_in_every_person(tmp_path, capsys, text, words):
    assert flagged(tmp_path, capsys, text, "LB804") == [words]


@pytest.mark.parametrize(
    "text",
    [
        "Hierbij deel ik u mede dat uw huur omhoog gaat.",
        "Hierbij delen wij u mede dat uw huur omhoog gaat.",
        "Naar aanleiding van uw schrijven van 3 maart komt de monteur langs.",
        "In antwoord op uw brief van 3 maart bevestigen wij de afspraak.",
        "Onder verwijzing naar onze brief van 3 maart sturen wij u het formulier.",
        "Met deze brief informeren wij u over de werkzaamheden.",
        "Bij deze nodigen wij u uit voor de bewonersavond.",
        "Hierbij bericht ik u dat de monteur komt.",
    ],
)
def test_the_same_opening_words_never_give_two_findings(tmp_path, capsys, text):
    found = findings(tmp_path, capsys, text, "LB101,LB102,LB804")
    spans = sorted((f["column"], f["end_column"], f["code"]) for f in found)
    overlapping = [
        (a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1] and a[2] != b[2]
    ]
    assert overlapping == []


# -- LB805: impersonal salutation, any placeholder convention --------------------------------------


@pytest.mark.parametrize(
    ("text", "salutation", "advice"),
    [
        (
            "Geachte heer/mevrouw,\n\nDeze brief is voor {{ huurder.naam }}.",
            "Geachte heer/mevrouw",
            "Beste {{ huurder.naam }}",
        ),
        (
            "Geachte heer/mevrouw,\n\nDeze brief is voor [naam huurder] op [adres].",
            "Geachte heer/mevrouw",
            "Beste [naam huurder]",
        ),
        (
            "Beste huurder,\n\nDeze brief is voor <naam> op <adres>.",
            "Beste huurder",
            "Beste <naam>",
        ),
        ("Geachte bewoner,\n\nDeze brief is voor «Naam».", "Geachte bewoner", "Beste «Naam»"),
        (
            "ACHTERNAAM\nDorpsstraat 1\n1234 AB Utrecht\n\nGeachte heer, mevrouw,\n\n"
            "Uw reparatie is op 3 maart.",
            "Geachte heer, mevrouw",
            "Geachte mevrouw ACHTERNAAM",
        ),
        (
            "XXX\nDorpsstraat 1\n1234 AB Utrecht\n\nGeachte heer/mevrouw,\n\n"
            "Uw reparatie is op 3 maart.",
            "Geachte heer/mevrouw",
            "Geachte mevrouw XXX",
        ),
        (
            "Geachte heer/mevrouw «Achternaam»,\n\nUw reparatie is op 3 maart.",
            "Geachte heer/mevrouw",
            "Geachte heer «Achternaam»",
        ),
        (
            "Geachte heer/mevrouw XXX,\n\nUw reparatie is op 3 maart.",
            "Geachte heer/mevrouw",
            "Geachte mevrouw XXX",
        ),
    ],
)
def test_impersonal_salutation_with_a_name_placeholder(tmp_path, capsys, text, salutation, advice):
    found = [f for f in findings(tmp_path, capsys, text, "LB805")]
    assert [f["text"] for f in found] == [salutation]
    assert advice in [s["text"] for s in found[0]["suggestions"]]


def test_both_titles_before_the_name_say_so(tmp_path, capsys):
    found = findings(
        tmp_path, capsys, "Geachte heer/mevrouw [naam],\n\nUw reparatie is op 3 maart.", "LB805"
    )
    assert "niet weet wie hij aanspreekt" in found[0]["message"]


@pytest.mark.parametrize(
    "text",
    [
        "Geachte mevrouw «Achternaam»,\n\nUw reparatie is op 3 maart.",
        "Beste bewoner(s),\n\nUw reparatie is op 3 maart.",
        "Geachte heer/mevrouw,\n\nUw reparatie is op 3 maart.\n\nMet vriendelijke groet,\n\n"
        "{{ medewerker.naam }}",
        # a staff name in the body, a placeholder without a name's words
        "Geachte heer/mevrouw,\n\nDe heer XXX van ons team komt langs.\n\n"
        "Met vriendelijke groet,\n\nPetra de Vries",
        # the writer's own name: a template a person fills in for himself
        "[uw naam]\n[adres]\n\nGeachte heer of mevrouw,\n\nIk ben het niet eens met de rekening."
        "\n\nMet vriendelijke groet,\n\n[uw naam]",
        "Afzender\n\n[Naam]\n[Adres]\n\nGeachte heer of mevrouw,\n\nIk maak de koop ongedaan."
        "\n\nMet vriendelijke groet,\n\n[Uw naam en handtekening]",
        # the named person signs
        "[naam]\n[adres]\n\nGeachte heer/mevrouw,\n\nIk zeg mijn abonnement op."
        "\n\nMet vriendelijke groet,\n\n[naam]",
    ],
)
def test_personal_or_nameless_salutations_pass(tmp_path, capsys, text):
    assert flagged(tmp_path, capsys, text, "LB805") == []


# -- LB802: a stiff closing sentence, and a stiff greeting ------------------------------------


def _closing(greeting: str) -> str:
    return (
        "Beste mevrouw Jansen,\n\nDe monteur komt op 3 mei.\n\n"
        f"{greeting},\n\nPetra de Vries\nKlantteam"
    )


@pytest.mark.parametrize(
    "greeting",
    ["Hoogachtend", "Met de meeste hoogachting", "Met vriendelijke groeten en hoogachting"],
)
def test_a_stiff_greeting_becomes_met_vriendelijke_groet(tmp_path, capsys, greeting):
    (found,) = findings(tmp_path, capsys, _closing(greeting), "LB802")
    assert found["text"] == greeting
    assert "groet" in found["message"] and "standaardzin" not in found["message"]
    assert "Met vriendelijke groet" in found["message"]
    assert [(s["text"], s["replaces"]) for s in found["suggestions"]] == [
        ("Met vriendelijke groet", True)
    ]
    main(["check", "brief.txt", "--select", "LB802", "--fix", "--unsafe-fixes"])
    fixed = (tmp_path / "brief.txt").read_text(encoding="utf-8")
    assert fixed.rstrip("\n") == _closing("Met vriendelijke groet")


def test_a_greeting_inside_a_sentence_gets_advice_only(tmp_path, capsys):
    text = LETTER.format(body="Wij groeten u hoogachtend en danken u voor uw brief.")
    (found,) = findings(tmp_path, capsys, text, "LB802")
    assert found["text"] == "hoogachtend"
    assert [(s["text"], s["replaces"]) for s in found["suggestions"]] == [
        ("Met vriendelijke groet", False)
    ]


def test_a_stiff_closing_sentence_asks_for_what_the_tenant_can_do(tmp_path, capsys):
    text = LETTER.format(
        body="De monteur komt op 3 mei.\n\nIk hoop u hiermee voldoende te hebben geïnformeerd."
    )
    write(tmp_path, {"lint-brieven.toml": '[organisatie]\ntelefoon = "030 123 45 67"\n'})
    (found,) = findings(tmp_path, capsys, text, "LB802")
    assert found["text"] == "Ik hoop u hiermee voldoende te hebben geïnformeerd"
    assert "standaardzin" in found["message"] and "vragen" in found["message"]
    assert [(s["text"], s["replaces"]) for s in found["suggestions"]] == [
        ("Heeft u nog vragen? Bel ons op 030 123 45 67 of mail naar [e-mailadres].", False)
    ]


def test_a_plain_greeting_passes(tmp_path, capsys):
    assert findings(tmp_path, capsys, _closing("Met vriendelijke groet"), "LB802") == []


def test_a_closing_with_a_template_blank_is_left_alone(tmp_path, capsys):
    blank = LETTER.format(body="Wij zien uw reactie graag per [e-mail of brief] tegemoet.")
    assert flagged(tmp_path, capsys, blank, "LB802") == []
    filled = LETTER.format(body="Wij zien uw reactie graag per e-mail tegemoet.")
    assert flagged(tmp_path, capsys, filled, "LB802") == [
        "zien uw reactie graag per e-mail tegemoet."
    ]
