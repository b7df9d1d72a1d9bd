"""Content checks per type of letter (rules/inhoud.yaml, kind "content"): a complete letter of a
journey moment contains what the tenant needs to act. Through the command line: each element
left out is found at its place with a proposal filled from the organisation profile; complete
letters are clean; fragments, web pages, tenant letters and template pieces are not asked; the
type comes from front matter, configuration or the letter's words; a bad type is an error."""

from __future__ import annotations

import json

import pytest
from docx_factory import new_document, to_bytes
from lintkit import write

from lint_brieven.checks.loader import RulePackError, load_pack
from lint_brieven.cli import main
from lint_brieven.config import load_config
from lint_brieven.dutch.letter_type import type_from_words
from lint_brieven.readers import ReadOptions, read

pytestmark = pytest.mark.usefixtures("in_tmp")

PROFILE = """
[organisatie]
naam = "Woonstichting De Linde"
telefoon = "030 123 45 67"
openingstijden = "op werkdagen van 8.30 tot 17.00 uur"
email = "info@delinde.nl"
iban = "NL91 ABNA 0417 1643 00"
betaallink = "www.delinde.nl/betalen"
schuldhulp = "Geldzaken Utrecht (14 030)"

[servicetermijnen]
reparatie = "binnen 5 werkdagen"
"""
CLOSING = "\n\nMet vriendelijke groet,\n\nPetra de Vries\nTeam Huurzaken"


def letter(subject: str, salutation: str, *paragraphs: str) -> str:
    return f"Betreft: {subject}\n\n{salutation},\n\n" + "\n\n".join(paragraphs) + CLOSING


AANMANING = (
    "Herinnering: betaal uw huur",
    "Beste mevrouw Jansen",
    "U heeft de huur van maart nog niet betaald. U moet ons nog € 650 betalen.",
    "Betaal het bedrag uiterlijk 15 april. Maak het over naar NL91 ABNA 0417 1643 00, op naam "
    "van Woonstichting De Linde.",
    "Kunt u niet alles in één keer betalen? Dan maken wij samen een betalingsregeling. Heeft u "
    "vaker geldzorgen? De schuldhulp van de gemeente helpt u gratis.",
    "Heeft u op 15 april niet betaald? Dan sturen wij u op 20 april een tweede herinnering.",
    "Heeft u vragen? Bel Petra de Vries van het team Huurincasso op 030 123 45 67.",
)
HUURVERHOGING = (
    "Uw nieuwe huur vanaf 1 juli",
    "Beste heer Jansen",
    "Uw huur gaat omhoog. Nu betaalt u € 650 per maand. Vanaf 1 juli betaalt u € 670 per maand.",
    "Bent u het niet eens met de nieuwe huur? Stuur ons dan uiterlijk 30 juni het "
    "bezwaarformulier. Dat vindt u op www.huurcommissie.nl.",
    "Twijfelt u of de verhoging klopt? De huurdersvereniging helpt u gratis.",
    "Heeft u vragen? Bel ons op 030 123 45 67.",
)
WERKZAAMHEDEN = (
    "Wij vervangen de kozijnen van uw woning",
    "Beste bewoner",
    "Van 3 tot en met 14 maart vervangt bouwbedrijf Bouwman de kozijnen van uw woning. U krijgt "
    "nieuwe kozijnen met dubbel glas. U hoort op werkdagen geluid van boren.",
    "Wat moet u doen?",
    "1. Maak op 2 maart 1 meter ruimte vrij bij de ramen.",
    "2. Zorg dat er op 3 maart iemand thuis is. Dan komen de vakmensen binnen.",
    "Heeft u vragen? Bel Karin Smit op 030 765 43 21.",
)
HUUROPZEGGING = (
    "Uw huur stopt op 31 mei",
    "Beste mevrouw Jansen",
    "Wij hebben uw opzegging ontvangen. Uw huur stopt op 31 mei.",
    "Wat moet u doen?",
    "1. Maak uiterlijk 1 mei een afspraak voor de voorinspectie.",
    "2. Haal voor 31 mei al uw spullen uit de woning. Heeft u zelf iets veranderd? Soms mag dat "
    "blijven.",
    "3. Geef op 31 mei alle sleutels aan de opzichter.",
    "Uw borg krijgt u binnen 30 dagen na het einde van de huur terug.",
    "Heeft u vragen? Bel ons op 030 123 45 67.",
)
REPARATIE = (
    "Uw reparatieverzoek 12345",
    "Beste heer Jansen",
    "U meldde ons dat de kraan in de keuken lekt. Loodgietersbedrijf Van Dam komt die repareren "
    "op 12 maart tussen 8.00 en 12.00 uur.",
    "Heeft u vragen? Bel ons op 030 123 45 67.",
)


def changed(base: tuple[str, ...], old: str | tuple, new: str | tuple) -> str:
    """The letter ``base`` with ``old`` replaced by ``new`` (``old`` must be in it; tuples:
    each in turn)."""
    text = letter(*base)
    pairs = zip(old, new, strict=True) if isinstance(old, tuple) else [(old, new)]
    for before, after in pairs:
        assert before in text, before
        text = text.replace(before, after)
    return text


def check(capsys, *args: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["check", *args, "--output-format", "json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, json.loads(captured.out) if captured.out.strip() else {}


def content_findings(tmp_path, capsys, text: str, name: str = "brief.txt", profile=True):
    files = {name: text}
    if profile:
        files["lint-brieven.toml"] = PROFILE
    write(tmp_path, files)
    _code, report = check(capsys, name, "--select", "LB9")
    return [f for r in report["files"] for f in r["findings"]]


def codes(found: list[dict]) -> list[str]:
    return sorted(f["code"] for f in found)


# -- complete letters are clean ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (AANMANING, "aanmaning"),
        (HUURVERHOGING, "huurverhoging"),
        (WERKZAAMHEDEN, "werkzaamheden"),
        (HUUROPZEGGING, "huuropzegging"),
        (REPARATIE, "reparatie"),
    ],
)
def test_a_complete_letter_of_each_type_is_clean(tmp_path, capsys, base, expected):
    text = letter(*base)
    assert type_from_words(read("brief.txt", text.encode(), ReadOptions()).letters[0]) == expected
    assert content_findings(tmp_path, capsys, text) == []


# -- each element left out: found at its place, with a proposal -------------------------------

# (letter, words replaced, replacement, code, the finding's text: "" for the top of the
# letter, else words of the sentence it marks, proposal words from the profile or None)
MISSING = [
    (AANMANING, "U moet ons nog € 650 betalen.", "", "LB911", "", None),
    (
        AANMANING,
        " Maak het over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        "",
        "LB912",
        "U moet ons nog € 650 betalen.",
        "NL91 ABNA 0417 1643 00",
    ),
    (
        AANMANING,
        (
            "Betaal het bedrag uiterlijk 15 april.",
            "Heeft u op 15 april niet betaald? Dan sturen wij u op 20 april een tweede "
            "herinnering.",
        ),
        (
            "Wij verzoeken u het bedrag binnen 14 dagen na dagtekening te betalen.",
            "Heeft u dan niet betaald? Dan sturen wij u na 14 dagen een tweede herinnering.",
        ),
        "LB913",
        "U moet ons nog € 650 betalen.",
        "uiterlijk [datum]",
    ),
    (
        AANMANING,
        "Kunt u niet alles in één keer betalen? Dan maken wij samen een betalingsregeling. Heeft "
        "u vaker geldzorgen? De schuldhulp van de gemeente helpt u gratis.",
        "Wij rekenen op uw betaling.",
        "LB914",
        "U moet ons nog € 650 betalen.",
        "Geldzaken Utrecht (14 030)",
    ),
    (
        AANMANING,
        "Heeft u vragen? Bel Petra de Vries van het team Huurincasso op 030 123 45 67.",
        "Wij rekenen op uw betaling.",
        "LB915",
        "",
        "030 123 45 67",
    ),
    (
        AANMANING,
        "Heeft u op 15 april niet betaald? Dan sturen wij u op 20 april een tweede herinnering.",
        "Betaalt u niet, dan geven wij de zaak aan de deurwaarder.",
        "LB916",
        "Betaalt u niet, dan geven wij de zaak aan de deurwaarder.",
        None,
    ),
    (
        HUURVERHOGING,
        "Nu betaalt u € 650 per maand. Vanaf 1 juli betaalt u € 670 per maand.",
        "Vanaf 1 juli gaat de huur 3% omhoog.",
        "LB921",
        "Uw huur gaat omhoog.",
        None,
    ),
    (
        HUURVERHOGING,
        "Vanaf 1 juli betaalt u € 670 per maand.",
        "Straks betaalt u € 670 per maand.",
        "LB922",
        "Uw huur gaat omhoog.",
        None,
    ),
    (
        HUURVERHOGING,
        "Bent u het niet eens met de nieuwe huur? Stuur ons dan uiterlijk 30 juni het "
        "bezwaarformulier. Dat vindt u op www.huurcommissie.nl.",
        "U kunt bezwaar maken bij de Huurcommissie.",
        "LB923",
        "U kunt bezwaar maken bij de Huurcommissie.",
        "info@delinde.nl",
    ),
    (
        HUURVERHOGING,
        "Dat vindt u op www.huurcommissie.nl.\n\nTwijfelt u of de verhoging klopt? De "
        "huurdersvereniging helpt u gratis.",
        "Dat vindt u op onze website.",
        "LB924",
        "Bent u het niet eens met de nieuwe huur?",
        "030 123 45 67",
    ),
    (
        WERKZAAMHEDEN,
        " U krijgt nieuwe kozijnen met dubbel glas. U hoort op werkdagen geluid van boren.",
        "",
        "LB931",
        "",
        None,
    ),
    (
        WERKZAAMHEDEN,
        ("Van 3 tot en met 14 maart vervangt", "Maak op 2 maart", "Zorg dat er op 3 maart"),
        ("In het voorjaar vervangt", "Maak de dag ervoor", "Zorg dat er op de eerste dag"),
        "LB932",
        "In het voorjaar vervangt bouwbedrijf Bouwman de kozijnen van uw woning.",
        None,
    ),
    (
        WERKZAAMHEDEN,
        "Wat moet u doen?\n\n1. Maak op 2 maart 1 meter ruimte vrij bij de ramen.\n\n2. Zorg dat "
        "er op 3 maart iemand thuis is. Dan komen de vakmensen binnen.",
        "De vakmensen werken alleen buiten. Thuis zijn is niet nodig.",
        "LB933",
        "",
        None,
    ),
    (
        WERKZAAMHEDEN,
        "2. Zorg dat er op 3 maart iemand thuis is. Dan komen de vakmensen binnen.",
        "2. Zet op 3 maart uw planten weg van de vensterbank.",
        "LB934",
        "",
        None,
    ),
    (
        WERKZAAMHEDEN,
        "vervangt bouwbedrijf Bouwman de kozijnen",
        "vervangt de aannemer de kozijnen",
        "LB935",
        "Van 3 tot en met 14 maart vervangt de aannemer de kozijnen van uw woning.",
        None,
    ),
    (
        WERKZAAMHEDEN,
        "Heeft u vragen? Bel Karin Smit op 030 765 43 21.",
        "Wij danken u voor uw geduld.",
        "LB936",
        "",
        "op werkdagen van 8.30 tot 17.00 uur",
    ),
    (
        HUUROPZEGGING,
        "Wat moet u doen?\n\n1. Maak uiterlijk 1 mei een afspraak voor de voorinspectie.\n\n2. "
        "Haal",
        "Maak uiterlijk 1 mei een afspraak voor de voorinspectie. Haal",
        "LB941",
        "",
        None,
    ),
    (
        HUUROPZEGGING,
        "2. Haal voor 31 mei al uw spullen uit de woning. Heeft u zelf iets veranderd? Soms mag "
        "dat blijven.",
        "2. Zeg voor 31 mei uw energiecontract op.",
        "LB942",
        "",
        None,
    ),
    (
        HUUROPZEGGING,
        "Uw borg krijgt u binnen 30 dagen na het einde van de huur terug.",
        "Uw borg krijgt u na de eindafrekening terug.",
        "LB943",
        "Uw borg krijgt u na de eindafrekening terug.",
        None,
    ),
    (
        REPARATIE,
        "U meldde ons dat de kraan in de keuken lekt. Loodgietersbedrijf Van Dam komt die "
        "repareren op",
        "Wij hebben uw melding ontvangen. Loodgietersbedrijf Van Dam komt op",
        "LB951",
        "",
        None,
    ),
    (
        REPARATIE,
        "Loodgietersbedrijf Van Dam komt die repareren",
        "De aannemer komt die repareren",
        "LB952",
        "De aannemer komt die repareren op 12 maart tussen 8.00 en 12.00 uur.",
        None,
    ),
    (
        REPARATIE,
        "komt die repareren op 12 maart tussen 8.00 en 12.00 uur.",
        "neemt zo spoedig mogelijk contact met u op.",
        "LB953",
        "Loodgietersbedrijf Van Dam neemt zo spoedig mogelijk contact met u op.",
        "binnen 5 werkdagen",
    ),
]


@pytest.mark.parametrize(
    ("base", "old", "new", "code", "place", "proposal"),
    MISSING,
    ids=[m[3] for m in MISSING],
)
def test_each_missing_element_is_found_at_its_place(
    tmp_path, capsys, base, old, new, code, place, proposal
):
    found = content_findings(tmp_path, capsys, changed(base, old, new))
    assert codes(found) == [code]
    finding = found[0]
    if place:
        assert finding["text"] == place
    else:  # the top of the letter, as whole-letter rules are
        assert (finding["line"], finding["column"], finding["text"]) == (1, 1, "")
    advice = finding["suggestions"][0]
    assert not advice["replaces"]  # a proposal to add, not a replacement of the words
    assert "{" not in advice["text"]
    if proposal:
        assert proposal in advice["text"]


# -- an element said another way counts; a look-alike that denies it does not ------------------

# (letter, words replaced, replacement, the codes found in the whole letter)
SAID_ANOTHER_WAY = [
    # a direct debit in main-clause order; and one that is stopped
    (
        AANMANING,
        "Maak het over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        "Wij schrijven het bedrag op 15 april opnieuw van uw rekening af.",
        [],
    ),
    (
        AANMANING,
        "Maak het over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        "Wij schrijven het bedrag niet meer automatisch van uw rekening af.",
        ["LB912"],
    ),
    # a payment plan in other words; and one that is refused
    (
        AANMANING,
        "Dan maken wij samen een betalingsregeling. Heeft u vaker geldzorgen? De schuldhulp van "
        "de gemeente helpt u gratis.",
        "Dan spreken wij samen af hoeveel u per maand aflost.",
        [],
    ),
    (
        AANMANING,
        "Kunt u niet alles in één keer betalen? Dan maken wij samen een betalingsregeling. Heeft u "
        "vaker geldzorgen? De schuldhulp van de gemeente helpt u gratis.",
        "Een betalingsregeling is niet meer mogelijk.",
        ["LB914"],
    ),
    # the start date: "Op 1 juli wordt uw huur …"; "per maand" is no start date
    (
        HUURVERHOGING,
        "Vanaf 1 juli betaalt u € 670 per maand.",
        "Op 1 juli wordt uw huur € 670 per maand.",
        [],
    ),
    (
        HUURVERHOGING,
        ("Vanaf 1 juli betaalt u € 670 per maand.", "uiterlijk 30 juni het "),
        ("Straks betaalt u € 670 per maand.", "uiterlijk 30 juni per post het "),
        ["LB922"],
    ),
    # an objection: "het niet met deze verhoging eens"
    (
        HUURVERHOGING,
        "Bent u het niet eens met de nieuwe huur?",
        "Bent u het niet met deze verhoging eens?",
        [],
    ),
    # what changes for the tenant: "Uw huur verandert niet"
    (
        WERKZAAMHEDEN,
        "U krijgt nieuwe kozijnen met dubbel glas. U hoort op werkdagen geluid van boren.",
        "Uw huur verandert niet.",
        [],
    ),
    # who comes: a passive that names the company
    (
        WERKZAAMHEDEN,
        "vervangt bouwbedrijf Bouwman de kozijnen van uw woning.",
        "worden de kozijnen van uw woning vervangen door Bouwman.",
        [],
    ),
    # what is repaired: "doet het niet"
    (
        REPARATIE,
        "U meldde ons dat de kraan in de keuken lekt. Loodgietersbedrijf Van Dam komt die "
        "repareren op",
        "Uw cv-ketel doet het niet. Loodgietersbedrijf Van Dam komt op",
        [],
    ),
    # what to remove: "Neem al uw spullen mee", not "Neem uw legitimatiebewijs mee"
    (
        HUUROPZEGGING,
        "Haal voor 31 mei al uw spullen uit de woning. Heeft u zelf iets veranderd? Soms mag dat "
        "blijven.",
        "Neem voor 31 mei al uw spullen mee.",
        [],
    ),
    (
        HUUROPZEGGING,
        "Haal voor 31 mei al uw spullen uit de woning. Heeft u zelf iets veranderd? Soms mag dat "
        "blijven.",
        "Neem voor 31 mei uw legitimatiebewijs mee.",
        ["LB942"],
    ),
]


@pytest.mark.parametrize(("base", "old", "new", "expected"), SAID_ANOTHER_WAY)
def test_an_element_said_another_way_counts_and_its_denial_does_not(
    tmp_path, capsys, base, old, new, expected
):
    assert codes(content_findings(tmp_path, capsys, changed(base, old, new))) == expected


def test_a_template_variable_for_the_reported_fault_says_what_is_repaired(tmp_path, capsys):
    text = (
        "Betreft: Uw reparatieverzoek\n\nBeste {{ huurder.naam }},\n\nU meldde ons: {{ melding }}. "
        "Loodgietersbedrijf Van Dam komt op {{ afspraak|datum }} tussen 8.00 en 12.00 uur. Heeft "
        "u vragen? Bel ons op 030 123 45 67." + CLOSING
    )
    for variable, expected in (
        ("melding.omschrijving", []),
        ("klacht", []),
        # a date that happens to be the report's is no fault
        ("melding.datum|datum", ["LB951"]),
    ):
        filled = text.replace("{{ melding }}", "{{ " + variable + " }}")
        assert codes(content_findings(tmp_path, capsys, filled, name="brief.txt.j2")) == expected


def test_a_missing_profile_leaves_a_blank_to_fill_in(tmp_path, capsys):
    text = changed(
        AANMANING,
        " Maak het over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        "",
    )
    [finding] = content_findings(tmp_path, capsys, text, profile=False)
    assert "[rekeningnummer (IBAN)]" in finding["suggestions"][0]["text"]


def test_a_template_is_checked_per_variant_and_the_finding_names_it(tmp_path, capsys):
    text = (
        "{# brieftype: aanmaning #}\n<p>Beste {{ huurder.naam }},</p>\n"
        "<p>U moet ons nog {{ bedrag|bedrag }} betalen. Betaal uiterlijk {{ datum|datum }}.</p>\n"
        "{% if tweede %}<p>Betaalt u niet op {{ datum|datum }}? Dan gaat de zaak op "
        "{{ overdracht|datum }} naar de deurwaarder.</p>{% endif %}\n"
        "<p>Maak het over naar NL91 ABNA 0417 1643 00. Lukt dat niet? Bel ons op 030 123 45 67 "
        "voor een betalingsregeling.</p>\n"
        "<p>Met vriendelijke groet,</p>\n<p>{{ medewerker.naam }}</p>\n"
    )
    found = content_findings(tmp_path, capsys, text, name="herinnering.html.j2")
    assert codes(found) == ["LB916"]
    assert found[0]["variant"]  # only the letter without the second-reminder paragraph


def test_a_word_letter_is_checked(tmp_path, capsys):
    document = new_document()
    for text in (
        "Betreft: Betalingsherinnering",
        "Beste mevrouw Jansen,",
        "U moet ons nog € 650 betalen. Betaal dit bedrag uiterlijk 15 april.",
        "Kunt u niet alles in één keer betalen? Bel ons op 030 123 45 67. Dan maken wij een "
        "betalingsregeling. Betaalt u niet uiterlijk 15 april? Dan sturen wij u op 20 april een "
        "tweede herinnering.",
        "Met vriendelijke groet,",
        "Petra de Vries",
    ):
        document.add_paragraph(text)
    found = content_findings(tmp_path, capsys, to_bytes(document), name="brief.docx")
    assert codes(found) == ["LB912"]
    assert found[0]["line"] == 3  # the paragraph that asks to pay
    assert "www.delinde.nl/betalen" in found[0]["suggestions"][0]["text"]


# -- texts that are no complete letter from the organisation are not asked ---------------------

BARE = (
    "Betalingsherinnering",
    "Beste mevrouw Jansen",
    "U heeft de huur nog niet betaald. Betaal het openstaande bedrag zo snel mogelijk.",
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # a fragment: no salutation and closing
        ("brief.txt", "U heeft de huur nog niet betaald. Betaal het openstaande bedrag."),
        # a web page, by its own front matter
        ("pagina.md", "---\nsoort: webtekst\n---\n\n" + letter(*BARE)),
        # a tenant's letter to the landlord
        (
            "brief.txt",
            "Betreft: Betalingsherinnering\n\nGeachte verhuurder,\n\nIk huur de woning aan de "
            "Dorpsstraat 1. U stuurde mij een herinnering, maar ik heb de huur betaald." + CLOSING,
        ),
        # a template piece (files named _*)
        ("_herinnering.txt.j2", letter(*BARE)),
    ],
    ids=["fragment", "webtekst", "huurder-aan-verhuurder", "sjabloonstuk"],
)
def test_no_complete_letter_gets_no_content_findings(tmp_path, capsys, name, text):
    assert content_findings(tmp_path, capsys, text, name=name) == []


@pytest.mark.parametrize(
    ("subject", "opening", "expected"),
    [
        ("Betalingsherinnering", "Wij hebben de huur van mei nog niet ontvangen.", "aanmaning"),
        ("Herinnering huurbetaling", "De huur van mei is nog niet bij ons binnen.", "aanmaning"),
        ("Ingebrekestelling", "U heeft een huurachterstand van € 1.300.", "aanmaning"),
        ("Huurverhoging per 1 juli", "Per 1 juli wordt uw huur verhoogd.", "huurverhoging"),
        ("Uw huur", "Uw huur gaat op 1 juli met 4% omhoog.", "huurverhoging"),
        ("Onderhoud aan uw woning", "In maart schilderen wij de kozijnen.", "werkzaamheden"),
        ("Nieuws", "Op 3 maart gaan wij de keuken in uw woning vervangen.", "werkzaamheden"),
        ("Uw huuropzegging", "Wij hebben uw opzegging ontvangen.", "huuropzegging"),
        ("Afspraak eindinspectie", "Uw huur stopt op 31 mei.", "huuropzegging"),
        ("Uw reparatieverzoek", "U meldde een lekkage in de badkamer.", "reparatie"),
        # mentioned in passing, or something else that uses the words
        ("Welkom", "Heeft u een reparatie? Meld die via onze website.", None),
        (
            "Afrekening servicekosten",
            "U heeft € 45 te weinig betaald. Het openstaande bedrag schrijven wij in juli af.",
            None,
        ),
        (
            "Onze plannen",
            "Wij gaan de woningen in uw straat verduurzamen. Vult u de vragenlijst in?",
            None,
        ),
        ("Werkzaamheden in uw straat", "Vanaf 4 mei vervangen wij de riolering.", None),
        ("Opknappen speelterrein achter uw woning", "Wij knappen het speelterrein op.", None),
        (
            "Uw reparatieverzoek",
            "Deze reparatie voeren wij niet uit: het is huurdersonderhoud.",
            None,
        ),
        ("Uw huurachterstand", "Uw huurachterstand is helemaal afgelost. Dank u wel.", None),
        (
            "Uitnodiging informatieavond",
            "Wij gaan uw woning renoveren. Kom naar de informatieavond.",
            None,
        ),
        ("Uw bezwaar tegen de huurverhoging", "Wij hebben uw bezwaar ontvangen.", None),
        # the je-form, and the works in a finite verb
        ("Je nieuwe huur per 1 juli", "Vanaf 1 juli betaal je € 617 per maand.", "huurverhoging"),
        ("Je nieuwe huur", "Wil je bezwaar maken? Vul dan het formulier in.", "huurverhoging"),
        ("Je bezwaar tegen de huurverhoging", "We hebben je bezwaar ontvangen.", None),
        ("Schilderwerk aan jouw woning", "Na de zomer schilderen we je kozijnen.", "werkzaamheden"),
        (
            "Nieuwe badkamer",
            "Van 7 tot en met 18 april vernieuwt Bouwbedrijf Kok de badkamer van je woning.",
            "werkzaamheden",
        ),
        ("Je huur stopt op 30 juni", "We hebben je opzegging ontvangen.", "huuropzegging"),
        ("Bedankt", "Bedankt voor je betaling. Je huurachterstand is nu afgelost.", None),
    ],
)
def test_the_type_from_the_words_is_clear_or_none(subject, opening, expected):
    text = letter(subject, "Beste mevrouw Jansen", opening)
    assert type_from_words(read("brief.txt", text.encode(), ReadOptions()).letters[0]) == expected


def test_a_letter_of_no_type_gets_no_content_findings(tmp_path, capsys):
    text = letter("Uw nieuwe buren", "Beste mevrouw Jansen", "Volgende week komen er nieuwe buren.")
    assert content_findings(tmp_path, capsys, text) == []


# -- where the type comes from ----------------------------------------------------------------

NEUTRAL = letter("Uw brief", "Beste mevrouw Jansen", "Wij schrijven u over uw woning.")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("brief.md", "---\nbrieftype: reparatie\n---\n\n" + NEUTRAL),
        ("brief.html", "<!-- brieftype: reparatie -->\n<p>" + NEUTRAL.replace("\n\n", "</p><p>")),
        ("brief.txt.j2", "{# brieftype: reparatie #}\n" + NEUTRAL),
    ],
    ids=["markdown", "html", "jinja"],
)
def test_the_type_comes_from_front_matter(tmp_path, capsys, name, text):
    found = content_findings(tmp_path, capsys, text, name=name)
    assert codes(found) == ["LB951", "LB952", "LB953"]


def test_the_type_comes_from_the_configuration(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'brieftype = "huuropzegging"\n[per-file-brieftype]\n'
            '"betaling/*" = "aanmaning"\n"algemeen/*" = "geen"\n',
            "a.txt": NEUTRAL,
            "betaling/b.txt": NEUTRAL,
            "algemeen/c.txt": letter(*BARE),
        },
    )
    _code, report = check(capsys, ".", "--select", "LB9")
    by_file = {r["path"]: codes(r["findings"]) for r in report["files"]}
    assert by_file["a.txt"] == ["LB941", "LB942"]  # no deposit mentioned: LB943 does not ask
    assert by_file["betaling/b.txt"] == ["LB911", "LB912", "LB913", "LB914", "LB915", "LB916"]
    assert by_file.get("algemeen/c.txt", []) == []  # "geen": no type, not even from the words


def test_a_text_the_configuration_declares_a_letter_is_read_whole(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'soort = "brief"\nbrieftype = "reparatie"\n',
            "stuk.txt": "De aannemer komt de lekkende kraan in uw keuken repareren.",
        },
    )
    _code, report = check(capsys, "stuk.txt", "--select", "LB9")
    assert codes(report["files"][0]["findings"]) == ["LB952", "LB953"]


def test_front_matter_comes_before_the_configuration_and_the_words(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": 'brieftype = "aanmaning"\n'})
    text = "{# brieftype: geen #}\n" + letter(*BARE)
    assert content_findings(tmp_path, capsys, text, name="brief.txt.j2", profile=False) == []


def test_an_unknown_type_in_front_matter_is_an_error_naming_the_file(tmp_path, capsys):
    write(tmp_path, {"brief.md": "---\nbrieftype: aanmanig\n---\n\n" + NEUTRAL})
    code, report = check(capsys, "brief.md", "--select", "LB9")
    assert code == 2
    [file] = report["files"]
    assert file["path"] == "brief.md"
    assert file["error"] == (
        "Onbekend brieftype 'aanmanig'. Kies uit: aanmaning, huuropzegging, huurverhoging, "
        "reparatie, werkzaamheden, geen."
    )


@pytest.mark.parametrize(
    "setting",
    ['brieftype = "aanmanig"', '[per-file-brieftype]\n"*.txt" = "herinnering"', "brieftype = 3"],
)
def test_an_unknown_type_in_the_configuration_is_an_error_naming_the_file(
    tmp_path, capsys, setting
):
    write(tmp_path, {"lint-brieven.toml": setting + "\n", "brief.txt": NEUTRAL})
    capsys.readouterr()
    assert main(["check", "brief.txt"]) == 2
    error = capsys.readouterr().err
    assert "lint-brieven.toml" in error and "brieftype" in error
    assert "'aanmaning', 'huuropzegging', 'huurverhoging', 'reparatie', 'werkzaamheden'" in error


# -- an organisation adjusts the elements -----------------------------------------------------

OWN_PACK = """
pack: eigen
rules:
  - code: LB990
    name: aanbieding-zonder-bezichtiging
    category: inhoud
    severity: warning
    kind: content
    brieftype: woningaanbieding
    element:
      present:
        - regex: '\\bbezichtig'
    message: "Deze woningaanbieding zegt niet wanneer de huurder de woning kan bekijken."
    rationale: "Huurders wilden de woning zien voordat ze ja zeiden."
    suggest:
      - "U kunt de woning bekijken op [datum]. Bel {organisatie.telefoon} voor een afspraak."
    examples:
      flag: ["Beste heer Jansen,\\n\\nWij bieden u een woning aan.\\n\\nGroet,\\n\\nPetra"]
      pass: ["Beste heer Jansen,\\n\\nDe bezichtiging is op 3 mei.\\n\\nGroet,\\n\\nPetra"]
"""


def test_an_own_pack_adds_a_type_and_an_element(tmp_path, capsys):
    write(
        tmp_path,
        {
            "eigen.yaml": OWN_PACK,
            "lint-brieven.toml": 'rule-packs = ["eigen.yaml"]\n' + PROFILE,
            "aanbod.md": "---\nbrieftype: woningaanbieding\n---\n\n" + NEUTRAL,
        },
    )
    _code, report = check(capsys, "aanbod.md", "--select", "LB9")
    [finding] = report["files"][0]["findings"]
    assert finding["code"] == "LB990"
    assert "Bel 030 123 45 67" in finding["suggestions"][0]["text"]


def test_rule_options_add_the_organisations_own_words_for_an_element(tmp_path, capsys):
    text = changed(
        AANMANING,
        "Maak het over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        "Betaal via uw Huurderspas.",
    )
    assert codes(content_findings(tmp_path, capsys, text)) == ["LB912"]
    write(
        tmp_path, {"lint-brieven.toml": PROFILE + '\n[rule-options.LB912]\nook = ["Huurderspas"]\n'}
    )
    load_config.cache_clear()
    _code, report = check(capsys, "brief.txt", "--select", "LB9")
    assert report["files"][0]["findings"] == []


def test_the_deposit_is_asked_only_of_a_letter_that_mentions_one_unless_configured(
    tmp_path, capsys
):
    text = changed(
        HUUROPZEGGING, "Uw borg krijgt u binnen 30 dagen na het einde van de huur terug.", ""
    )
    assert content_findings(tmp_path, capsys, text) == []
    write(tmp_path, {"lint-brieven.toml": PROFILE + "\n[rule-options.LB943]\nalleen-als = []\n"})
    load_config.cache_clear()
    _code, report = check(capsys, "brief.txt", "--select", "LB9")
    assert codes(report["files"][0]["findings"]) == ["LB943"]


def test_a_bad_element_in_a_pack_is_an_error_when_it_is_loaded(tmp_path):
    bad = OWN_PACK.replace("regex: '\\bbezichtig'", "regex: '(bezichtig'")
    (tmp_path / "kapot.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RulePackError, match="regel LB990, veld 'element.present.regex'"):
        load_pack(tmp_path / "kapot.yaml")
    unknown = OWN_PACK.replace("- regex: '\\bbezichtig'", "- recogniser: bezichtiging")
    (tmp_path / "onbekend.yaml").write_text(unknown, encoding="utf-8")
    with pytest.raises(RulePackError, match="LB990"):
        load_pack(tmp_path / "onbekend.yaml")


def test_rules_and_explain_show_the_content_rules(capsys):
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert "LB911" in listed and "aanmaning-zonder-bedrag" in listed
    assert main(["explain", "LB912"]) == 0
    page = capsys.readouterr().out
    assert "rekeningnummer" in page and "betaallink" in page


def test_an_element_in_one_branch_counts_only_in_the_variants_with_that_branch(tmp_path, capsys):
    """The account number is in the body of one branch and not in the other, at the same
    place and of the same length: only the variant without it misses it (fails when a
    paragraph's count is kept by its place in the letter instead of by the paragraph)."""
    text = (
        "{# brieftype: aanmaning #}\n<p>Beste {{ huurder.naam }},</p>\n"
        "<p>U moet ons nog {{ bedrag|bedrag }} betalen. Betaal uiterlijk {{ datum|datum }}.</p>\n"
        "<p>Betaalt u niet op {{ datum|datum }}? Dan gaat de zaak op "
        "{{ overdracht|datum }} naar de deurwaarder.</p>\n"
        "{% if rekening %}<p>Maak het over naar NL91 ABNA 0417 1643 00.</p>"
        "{% else %}<p>Maak het bedrag vandaag nog naar ons over.</p>{% endif %}\n"
        "<p>Lukt dat niet? Bel ons op 030 123 45 67 voor een betalingsregeling.</p>\n"
        "<p>Met vriendelijke groet,</p>\n<p>{{ medewerker.naam }}</p>\n"
    )
    found = content_findings(tmp_path, capsys, text, name="herinnering.html.j2")
    assert codes(found) == ["LB912"]  # where to pay
    assert "{% else %}" in found[0]["variant"]
