"""Precision of the grammar-aware detectors (LB204-LB207) and rare words (LB209) on sentences
written in the style of housing-corporation and municipal letters, through the command line.

Each set holds sentences an editor would flag for that rule (True) and sentences an editor
would leave alone (False): the counter-cases the issue names (stative participles, the
perfect tense with "zijn", a named agent, negations in different clauses, a modal with the
verb at the end of an ordinary clause, names, numbers and codes). All sentences go into one
plain-text fragment, one sentence per paragraph; a finding belongs to the sentence on its line.

Precision must be at least 90% per rule; recall on the "flag" half must not fall below the
floor recorded here (measured before the rules were narrowed, see RECALL_BEFORE).
"""

# ruff: noqa: E501  (the sentences are written out whole, as in a letter)

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config

PASSIVE = [
    # hides who acts, usually the corporation
    ("Uw huur wordt per 1 juli verhoogd.", True),
    ("Uw verzoek om een andere woning is afgewezen.", True),
    ("Er wordt binnen twee weken contact met u opgenomen.", True),
    ("Uw bezwaar wordt op dit moment beoordeeld.", True),
    ("U wordt verzocht de sleutels vóór 1 mei in te leveren.", True),
    ("De kosten van de reparatie worden bij u in rekening gebracht.", True),
    ("Uw aanvraag kan niet in behandeling worden genomen.", True),
    ("Het teveel betaalde bedrag wordt binnen acht weken aan u terugbetaald.", True),
    ("Uw huurovereenkomst wordt per 1 september beëindigd.", True),
    ("De waarborgsom wordt verrekend met de openstaande huur.", True),
    ("U wordt binnenkort uitgenodigd voor een gesprek.", True),
    ("Reparatieverzoeken moeten worden ingediend via het klantportaal.", True),
    ("Het formulier dient volledig ingevuld te worden teruggestuurd.", True),
    ("Uw melding is geregistreerd onder nummer 2024-118.", True),
    ("Er is besloten om de huur van uw garage niet te verlagen.", True),
    ("Uw woning wordt op 12 maart geïnspecteerd.", True),
    ("De servicekosten voor uw woning zijn opnieuw berekend.", True),
    ("Uw opzegging is geaccepteerd per 1 augustus.", True),
    ("Bij een betalingsachterstand wordt uw dossier overgedragen aan de deurwaarder.", True),
    ("Wij laten u weten dat uw inschrijving als woningzoekende is verlengd.", True),
    ("Afspraken kunnen niet per e-mail worden gemaakt.", True),
    ("Het bedrag wordt automatisch van uw rekening afgeschreven.", True),
    ("Er wordt van u verwacht dat u de tuin bijhoudt.", True),
    ("De nieuwe huurprijs is vastgesteld op € 712,40 per maand.", True),
    # the agent is named
    ("De reparatie wordt door de aannemer uitgevoerd.", False),
    ("Uw aanvraag is door ons afgewezen, omdat uw inkomen te hoog is.", False),
    # stative participles, copula + adjective
    ("Ons kantoor is gesloten op Tweede Paasdag.", False),
    ("De woning is gelegen aan de rand van het park.", False),
    ("De huurprijs is gebaseerd op het puntensysteem.", False),
    ("U bent verplicht om schade direct aan ons te melden.", False),
    ("De berging is verbonden met de garage.", False),
    ("Dit formulier is bedoeld voor huurders met een laag inkomen.", False),
    ("Het kantoor is op werkdagen geopend van 9.00 tot 17.00 uur.", False),
    ("Uw schuld wordt dan hoger.", False),
    ("Het is niet toegestaan om zelf maatregelen te nemen.", False),
    # perfect tense of verbs that take "zijn"
    ("De reparatie is gelukt.", False),
    ("Door de storm is er schade ontstaan aan het dak.", False),
    ("De bewonersavond is niet doorgegaan.", False),
    ("De vorige huurder is op 1 maart vertrokken.", False),
    ("Uw buren zijn vorige maand verhuisd.", False),
    ("De werkzaamheden zijn op maandag begonnen.", False),
    ("De gemeente is gestart met het project.", False),
    # active, or a passive whose actor does not matter to the tenant
    ("Wij hebben uw aanvraag afgewezen.", False),
    ("De bomen langs het fietspad worden in maart gesnoeid.", False),
    ("De bestrating in de Kerkstraat wordt volgend jaar vervangen.", False),
    ("Het gebouw is in 1965 gebouwd.", False),
    ("De bewonersavond wordt op 3 maart in het buurthuis gehouden.", False),
    ("De nieuwe kozijnen worden in juni verwacht.", False),
]

NOMINAL = [
    ("De betaling van de huur vindt plaats op de eerste dag van de maand.", True),
    ("Het aanvragen van een parkeervergunning gaat via de website.", True),
    ("Het treffen van een betalingsregeling is alleen mogelijk als u op tijd belt.", True),
    ("Het aanbrengen van een schotelantenne is niet toegestaan.", True),
    ("Wij zullen overgaan tot het nemen van maatregelen.", True),
    ("De oplevering van de woning vindt plaats op 30 juni.", True),
    ("U moet zorgen voor het vrijmaken van de gang.", True),
    ("De afhandeling van uw klacht zal binnen vier weken plaatsvinden.", True),
    ("De inspectie van de woning geschiedt door de opzichter.", True),
    ("Het ophalen van grofvuil vindt plaats op dinsdag.", True),
    ("Volgende week voeren wij een controle uit van alle rookmelders.", True),
    ("De uitbetaling van de waarborgsom vindt plaats na de eindinspectie.", True),
    ("Het doorgeven van uw meterstanden is verplicht.", True),
    ("Het plaatsen van een dakkapel is alleen toegestaan met onze toestemming.", True),
    ("Wij gaan over tot het ontbinden van de huurovereenkomst.", True),
    ("De verrekening van de servicekosten vindt jaarlijks plaats.", True),
    ("Het verwijderen van de vloerbedekking dient te geschieden vóór de eindinspectie.", True),
    ("U dient zorg te dragen voor het afsluiten van de energiecontracten.", True),
    ("De ondertekening van het huurcontract zal plaatsvinden op ons kantoor.", True),
    ("Het melden van een reparatie is mogelijk via de website.", True),
    ("U heeft een overtreding begaan door uw auto op het grasveld te zetten.", True),
    ("Het betalen van de huur dient te geschieden vóór de eerste van de maand.", True),
    # a verb is used, or the noun names an activity in an ordinary clause
    ("U betaalt de huur op de eerste dag van de maand.", False),
    ("Wij beginnen in maart met het vervangen van de kozijnen.", False),
    ("Heeft u hulp nodig bij het invullen van het formulier?", False),
    ("Na het kappen van de bomen planten wij nieuwe bomen.", False),
    ("De werkzaamheden bestaan uit het vervangen van de riolering.", False),
    ("U kunt bezwaar maken tegen de verhoging van uw huur.", False),
    ("Wij sturen u een uitnodiging voor de bewonersavond.", False),
    ("Wij helpen u graag met het aanvragen van huurtoeslag.", False),
    ("Tijdens het schilderen van de kozijnen kunt u gewoon thuisblijven.", False),
    ("De reparatie van de lekkage duurt ongeveer twee uur.", False),
    ("De verhuizing naar uw nieuwe woning regelen wij samen met u.", False),
    ("U krijgt nog een brief over het vervangen van uw keuken.", False),
    ("Het vervangen van de damwanden duurt ongeveer zes weken.", False),
    ("Wij zijn gestopt met het ophalen van oud papier.", False),
    ("Door het isoleren van de gevel wordt uw energierekening lager.", False),
    ("Wij zorgen voor een nieuwe sleutel.", False),
    ("De huur gaat op 1 juli omhoog.", False),
    ("Het aanvragen gaat snel via onze website.", False),
    ("De planning van de werkzaamheden vindt u in de bijlage.", False),
    ("De betaling van uw huur hebben wij op 3 maart ontvangen.", False),
    ("Informatie over het vervangen van de damwanden in de Brantjesstraat.", False),
    # a short fronted purpose phrase: an editor leaves it (judged so on eval/dev, issue 15)
    ("Voor het indienen van een bezwaar kunt u het formulier gebruiken.", False),
    ("Voor het aanvragen van huurtoeslag moet u naar de Belastingdienst.", False),
    # light verb + noun where the noun is ordinary or the legal word itself
    ("U kunt een bezwaarschrift indienen bij de gemeente.", False),
    ("De monteur maakt een afspraak met u.", False),
]

SPLIT = [
    (
        "Wij zullen de reparatie van de lekkage in de badkamer en de keuken op maandag uitvoeren.",
        True,
    ),
    (
        "De monteur heeft bij zijn bezoek aan uw woning op dinsdag 4 maart een lek in de leiding gevonden.",
        True,
    ),
    (
        "U kunt uw bezwaar tegen de nieuwe huurprijs met de reden waarom u het er niet mee eens bent schriftelijk indienen.",
        True,
    ),
    (
        "De werkzaamheden zullen naar verwachting in de periode van 1 maart tot en met 15 april plaatsvinden.",
        True,
    ),
    (
        "Wij hebben uw verzoek om een grotere woning in een andere wijk vanwege uw gezondheid zorgvuldig bekeken.",
        True,
    ),
    (
        "De opzichter komt op maandag 12 mei tussen negen en twaalf uur bij u in de woning langs.",
        True,
    ),
    (
        "Wij nemen na ontvangst van uw formulier en de bewijsstukken van uw inkomen binnen twee weken contact met u op.",
        True,
    ),
    (
        "U moet de sleutels van de woning, de berging en de brievenbus uiterlijk op de laatste dag van de huur inleveren.",
        True,
    ),
    (
        "Indien zonder toestemming wijzigingen worden aangebracht, kan de verhuurder bij het einde van de huur van de huurder verlangen dat de oorspronkelijke staat wordt hersteld.",
        True,
    ),
    (
        "Wij willen u graag voor de overlast van de werkzaamheden aan de gevels van uw flat in de afgelopen maanden bedanken.",
        True,
    ),
    (
        "Het bedrag zal na de eindafrekening, onder aftrek van eventuele openstaande huur en kosten van herstel, aan u worden terugbetaald.",
        True,
    ),
    (
        "Het aantal klachten over geluidsoverlast, dat na de renovatie van de flat sterk is gestegen doordat de vloeren dun zijn, is nu weer lager.",
        True,
    ),
    (
        "Huurders die in de afgelopen twaalf maanden meer dan drie keer een betalingsachterstand hebben gehad, krijgen geen betalingsregeling.",
        True,
    ),
    (
        "Wij gaan de kozijnen, de voordeur en de dakgoten van alle woningen aan de Lindelaan in de zomer schilderen.",
        True,
    ),
    (
        "U kunt voor vragen over de nieuwe huurprijs, de servicekosten of de huurtoeslag elke werkdag met ons bellen.",
        True,
    ),
    (
        "De aannemer zal de steigers na afloop van de werkzaamheden aan het dak en de schoorstenen weer weghalen.",
        True,
    ),
    (
        "Wij hebben de huurprijs van uw woning met ingang van 1 juli op grond van de wettelijke regels opnieuw vastgesteld.",
        True,
    ),
    (
        "Stuur het formulier met een kopie van uw loonstroken van de afgelopen drie maanden en uw paspoort vóór 1 juni terug.",
        True,
    ),
    (
        "Wij zullen u over de planning van de werkzaamheden in uw straat en de gevolgen voor uw parkeerplaats later informeren.",
        True,
    ),
    (
        "De huurder moet eventuele door hem aangebrachte voorzieningen, zoals een schotel of een zonnescherm, vóór de eindinspectie verwijderen.",
        True,
    ),
    # ordinary clauses: a modal or auxiliary with the verb at the end, a short gap
    ("Wij zullen de lekkage op maandag repareren.", False),
    ("De monteur heeft een lek in de leiding gevonden.", False),
    ("U moet de sleutels op de laatste dag van de huur inleveren.", False),
    ("De huurder moet eerst een voorstel tot huurverlaging naar de verhuurder sturen.", False),
    ("Reacties op deze aanbieding kunnen alleen via het klantportaal worden ingediend.", False),
    ("Wij nemen binnen twee weken contact met u op.", False),
    ("Kunt u de monteur op dinsdag 4 maart binnenlaten?", False),
    ("U kunt uw bezwaar schriftelijk indienen.", False),
    ("Heeft u in 2024 de inkomensafhankelijke huurverhoging gehad?", False),
    ("Zorg er dan voor dat uw verhuurder de brief vóór 1 mei krijgt.", False),
    (
        "Maak het bedrag over naar NL91 ABNA 0417 1643 00, op naam van Woonstichting De Linde.",
        False,
    ),
    (
        "Heeft u naar aanleiding van deze brief nog vragen, dan kunt u contact met ons opnemen.",
        False,
    ),
    ("Wij komen op 12 maart tussen 8.00 en 12.00 uur uw cv-ketel controleren.", False),
    ("De huurder die vertrekt, moet de woning leeg en schoon opleveren.", False),
    ("Wij willen u graag bedanken voor uw hulp.", False),
    ("De verhuurder mag de huur één keer per jaar verhogen.", False),
    ("Wilt u het formulier invullen en vóór 1 mei naar ons terugsturen?", False),
    ("Op de afgesproken dag komt de monteur tussen acht en twaalf uur langs.", False),
    ("De bewoners van de flat aan de Lindelaan krijgen deze week een brief.", False),
    ("U kunt de huur per maand of per kwartaal aan ons betalen.", False),
]

NEGATION = [
    ("Het is niet onmogelijk dat de monteur later komt.", True),
    ("Deze kosten zijn niet onbelangrijk voor uw begroting.", True),
    ("Wij kunnen de woning niet zonder uw toestemming betreden.", True),
    ("Het is niet ondenkbaar dat de huur volgend jaar weer stijgt.", True),
    ("Zonder geldig legitimatiebewijs kunnen wij de sleutels niet afgeven.", True),
    ("Het is niet onwaarschijnlijk dat de werkzaamheden uitlopen.", True),
    ("Uw klacht is niet onterecht.", True),
    ("Wij sluiten niet uit dat de kosten hoger worden.", True),
    ("Het is niet ongebruikelijk dat een reparatie langer duurt.", True),
    ("Wij nemen geen aanvraag zonder handtekening in behandeling.", True),
    ("Dit is geen onbekend probleem in oudere flats.", True),
    ("Het is niet onredelijk om een vergoeding te vragen.", True),
    ("Een huisdier is in deze flat niet verboden.", True),
    ("U kunt de woning niet zonder afspraak bezichtigen.", True),
    ("Het is niet onverstandig om uw inboedel te verzekeren.", True),
    ("Wij kunnen niet zonder uw handtekening beginnen.", True),
    ("Een legitimatiebewijs mag bij de sleuteloverdracht niet ontbreken.", True),
    ("Het is voor ons niet onduidelijk waarom u bezwaar maakt.", True),
    ("Nooit zonder toestemming een muur weghalen.", True),
    ("Deze regel is niet ongeldig.", True),
    # one negation per clause, or no negation at all
    ("Het kan zijn dat de monteur later komt.", False),
    ("Als u niet thuis bent, kunnen wij de reparatie niet uitvoeren.", False),
    ("Wij kunnen niet komen als u geen afspraak heeft gemaakt.", False),
    ("Heeft u geen internet of lukt het niet?", False),
    ("U hoeft niets te doen als u geen bezwaar heeft.", False),
    ("Wij zijn noch de eigenaar noch de beheerder van de parkeerplaats.", False),
    ("Huurders zonder huurachterstand hoeven niet bang te zijn.", False),
    ("Een woning zonder lift is niet geschikt voor u.", False),
    ("U heeft onlangs de huur niet betaald.", False),
    ("De huur wordt dit jaar niet verhoogd.", False),
    ("Wij hebben geen bericht van u ontvangen en kunnen daarom niets doen.", False),
    ("Betaal de huur op tijd, zodat u geen extra kosten heeft.", False),
    ("U kunt niet alleen bellen, maar ook mailen.", False),
    ("De lift is niet onmiddellijk gerepareerd.", False),
    ("Wij kunnen de reparatie niet onder de garantie laten vallen.", False),
    ("Wij weten niet of de monteur geen onderdelen meer nodig heeft.", False),
    ("U betaalt de huur onverminderd door, ook als u het niet eens bent met de afrekening.", False),
    ("Gebruik geen schoonmaakmiddel en laat de kraan niet openstaan.", False),
    ("Bent u het niet eens met de nieuwe huur en heeft u nog geen bezwaar gemaakt?", False),
    ("Wij vinden het niet erg als u later belt, maar wij kunnen dan geen monteur sturen.", False),
]

RARE = [
    ("U ontvangt de huurprijsaanpassingsbrief volgende week.", True),
    ("Wij doen een asbestinventarisatieonderzoek in uw woning.", True),
    ("Wij sturen u de terugvorderingsbeschikking per post.", True),
    ("De huurverhogingspercentages staan in de bijlage.", True),
    ("De retributie voor het ophalen van grofvuil is verhoogd.", True),
    ("U betaalt precariobelasting voor de container op straat.", True),
    ("Voor de schutting tussen de tuinen geldt mandeligheid.", True),
    ("Wij sturen u een ingebrekestelling.", True),
    ("De deurwaarder heeft een exploot uitgebracht.", True),
    ("Uw verzoek valt onder de hardheidsclausule.", True),
    ("De gedoogbeschikking geldt tot 1 januari.", True),
    ("De invorderingsbeschikking is verstuurd.", True),
    ("De opstalverzekering dekt schade aan het gebouw.", True),
    ("Er is een rechtsvermoeden van instemming.", True),
    ("De erfpachtcanon wordt elk jaar geïndexeerd.", True),
    ("De huur wordt verhoogd met het indexatiepercentage.", True),
    ("De vordering is opeisbaar geworden.", True),
    ("Wij doen een beroep op de verrekeningsbevoegdheid.", True),
    ("De gemeente kiest voor eigenrisicodragerschap.", True),
    ("Er geldt een retentierecht op uw spullen.", True),
    # names, numbers, codes, ordinary words and compounds of common words
    ("Woonstichting De Linde stuurt u deze brief.", False),
    ("Uw nieuwe adres is Brantjesstraat 14, 1442 AB Purmerend.", False),
    ("Mail uw vragen naar info@delinde.nl of kijk op www.delinde.nl.", False),
    ("Het project Hoger Einde-Noord start in september.", False),
    ("U betaalt vanaf 1 juli € 712,40 per maand.", False),
    ("De monteur komt op 12-03-2026 om 8.30 uur.", False),
    ("Bel de storingsdienst op 030 123 45 67.", False),
    ("Wij hebben de krentenboompjes in het plantsoen vervangen.", False),
    ("Het speelterreintje achter uw woning krijgt nieuwe toestellen.", False),
    ("U ontvangt een ontvangstbevestiging per e-mail.", False),
    ("Wij nodigen u uit voor een kennismakingsgesprek.", False),
    ("Uw reparatieverzoek is bij ons binnengekomen.", False),
    ("Het dakraam in de badkamer lekt.", False),
    ("De Lindelaan is volgende week afgesloten.", False),
    ("Mevrouw Jansen van de afdeling Verhuur belt u.", False),
    ("Het Onderhoudsabonnement kost € 4,50 per maand.", False),
    ("Stuur het formulier naar Postbus 1234, 3500 AB Utrecht.", False),
    ("De herinneringsbrief is op 3 maart verstuurd.", False),
    ("U kunt de sleutels inleveren bij de sleutelinlevering.", False),
    ("De bewonerswerkgroep vergadert op dinsdag.", False),
    ("De rioleringswerkzaamheden duren tot en met 15 april 2026.", False),
    ("Wij vervangen de dakgoten en de regenpijpen.", False),
    ("Uw huuropzegging hebben wij ontvangen.", False),
    ("De voorrijkosten betaalt u niet.", False),
]

SETS = {"LB204": PASSIVE, "LB205": NOMINAL, "LB206": SPLIT, "LB207": NEGATION, "LB209": RARE}

# Recall on the "flag" half with the rules as they were before issue 14 narrowed them
# (commit 87bfb73, measured with these sentences through the same command line); it may not
# fall below this. Precision then was 57%, 64%, 71%, 81% and 48%.
RECALL_BEFORE = {
    "LB204": 23 / 24,
    "LB205": 21 / 22,
    "LB206": 17 / 20,
    "LB207": 17 / 20,
    "LB209": 12 / 20,
}

# LB209 leaves a word to the rule that explains it (jargon, officialese, abbreviations): the
# word still gets its finding, from that rule. Recall counts it as found.
EXPLAINED_BY = ("LB101", "LB102", "LB501", "LB511", "LB512")

CONFIG = """\
[organisatie]
naam = "Woonstichting De Linde"
telefoon = "030 123 45 67"
email = "info@delinde.nl"
website = "www.delinde.nl"
balie = "Lindelaan 12 in Utrecht"
"""


def write_fragment(folder: Path) -> tuple[list[tuple[str, str, bool]], Path]:
    """Every set's sentences in one plain-text fragment, one per paragraph (sentence ``i`` on
    line ``2 i + 1``), beside a configuration with the organisation's profile."""
    rows = [(code, sentence, flag) for code, items in SETS.items() for sentence, flag in items]
    text = "\n\n".join(sentence for _code, sentence, _flag in rows) + "\n"
    (folder / "lint-brieven.toml").write_text(CONFIG, encoding="utf-8")
    fragment = folder / "zinnen.txt"
    fragment.write_text(text, encoding="utf-8")
    return rows, fragment


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Per rule: the sentences of its own set it flagged (tp: meant, fp: not meant, with the
    flagged words) and missed (fn), through ``lint-brieven check … --output-format json``."""
    find_config_file.cache_clear()
    load_config.cache_clear()
    rows, fragment = write_fragment(tmp_path_factory.mktemp("precisie"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        selected = ",".join([*SETS, *EXPLAINED_BY])
        code = main(["check", str(fragment), "--select", selected, "--output-format", "json"])
    assert code == 1, err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    report = json.loads(out.getvalue())
    assert [f["error"] for f in report["files"]] == [None]
    flagged: dict[tuple[str, int], list[str]] = {}
    for finding in report["files"][0]["findings"]:
        flagged.setdefault((finding["code"], finding["line"]), []).append(finding["text"])
    per_rule: dict[str, dict] = {
        code: {"tp": [], "fp": [], "fn": [], "explained": []} for code in SETS
    }
    for index, (rule, sentence, flag) in enumerate(rows):
        line = 2 * index + 1
        texts = flagged.get((rule, line))
        if texts:
            per_rule[rule]["tp" if flag else "fp"].append((sentence, texts))
        elif flag and rule == "LB209" and any((c, line) in flagged for c in EXPLAINED_BY):
            per_rule[rule]["explained"].append(sentence)  # a jargon or officialese rule's word
        elif flag:
            per_rule[rule]["fn"].append(sentence)
    return per_rule


def test_every_set_has_forty_sentences_half_of_them_to_flag():
    for code, items in SETS.items():
        flags = sum(flag for _s, flag in items)
        assert len(items) >= 40, code
        assert 0.4 <= flags / len(items) <= 0.6, code
        assert len({s for s, _f in items}) == len(items), code


@pytest.mark.parametrize("code", list(SETS))
def test_precision_at_least_90_percent(results, code):
    stats = results[code]
    flagged = len(stats["tp"]) + len(stats["fp"])
    assert flagged, f"{code} flagged nothing"
    assert len(stats["tp"]) / flagged >= 0.9, stats["fp"]


@pytest.mark.parametrize("code", list(SETS))
def test_recall_not_below_what_it_was(results, code):
    stats = results[code]
    meant = sum(flag for _s, flag in SETS[code])
    assert (len(stats["tp"]) + len(stats["explained"])) / meant >= RECALL_BEFORE[code], stats["fn"]


def test_a_passive_is_marked_by_its_verb_group_and_subject(results):
    """LB204 marks "uw huur wordt … verhoogd", not the whole clause around it."""
    marked = dict(results["LB204"]["tp"])
    assert marked["Uw huur wordt per 1 juli verhoogd."] == ["Uw huur wordt per 1 juli verhoogd"]
    assert marked["U wordt verzocht de sleutels vóór 1 mei in te leveren."] == ["U wordt verzocht"]
    assert marked["Er wordt binnen twee weken contact met u opgenomen."] == [
        "Er wordt binnen twee weken contact met u opgenomen"
    ]
    assert marked["Wij laten u weten dat uw inschrijving als woningzoekende is verlengd."] == [
        "uw inschrijving als woningzoekende is verlengd"
    ]
