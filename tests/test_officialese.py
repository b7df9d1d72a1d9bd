"""The officialese pack (rules/ambtelijk.yaml, LB101 ambtelijk-woord and LB102
ambtelijke-uitdrukking) through the command line: its size and consistency (no entry twice, no
word of LB101 inside a phrase of LB102 or of the tone pack, so one place gives one finding), the
stiff openings and closings of letters in the ik-, wij- and je-forms, what ``--fix
--unsafe-fixes`` writes for a sample of the entries taken from public plain-language word lists,
the places where an entry is the plain word or its alternative does not fit (advice only or no
finding)."""

from __future__ import annotations

import json

import pytest
import yaml
from lintkit import REPO, write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

PACK = yaml.safe_load((REPO / "rules" / "ambtelijk.yaml").read_text(encoding="utf-8"))
RULES = {rule["code"]: rule for rule in PACK["rules"]}


def entries(code: str) -> list[dict]:
    return RULES[code]["swap"]


def written(entry: dict) -> list[str]:
    return [entry["phrase"].lower(), *(f.lower() for f in entry.get("forms", []))]


def run_json(tmp_path, capsys, text: str, codes: str) -> list[dict]:
    write(tmp_path, {"brief.txt": text + "\n"})
    capsys.readouterr()
    main(["check", "brief.txt", "--select", codes, "--output-format", "json"])
    out = capsys.readouterr().out
    return [f for r in json.loads(out)["files"] for f in r["findings"]]


def fixed(tmp_path, text: str, codes: str = "LB101,LB102") -> str:
    write(tmp_path, {"brief.txt": text + "\n"})
    main(["check", "brief.txt", "--fix", "--unsafe-fixes", "--select", codes])
    return (tmp_path / "brief.txt").read_text(encoding="utf-8").rstrip("\n")


# -- the pack ----------------------------------------------------------------------------------


def test_the_pack_has_at_least_1000_entries():
    assert len(entries("LB101")) + len(entries("LB102")) >= 1000


def test_no_phrase_or_form_is_listed_twice():
    seen: dict[str, str] = {}
    for code in ("LB101", "LB102"):
        for entry in entries(code):
            for text in written(entry):
                assert text not in seen, f"'{text}' in {seen.get(text)} and {entry['phrase']}"
                seen[text] = entry["phrase"]


def test_every_entry_has_a_first_alternative_and_a_known_fit():
    for code in ("LB101", "LB102"):
        for entry in entries(code):
            assert entry["use"] and all(u.strip() for u in entry["use"]), entry["phrase"]
            assert entry.get("fit") in (None, "conditional", "clause-start", "main-clause")


def _paragraphs(phrases: list[str]) -> str:
    return "\n\n".join(f"Wij schrijven u omdat {p} dit nodig is." for p in phrases)


def _overlaps(found: list[dict], first: set[str], second: set[str]) -> list[tuple[str, str]]:
    spans = {
        code: [
            (f["line"], f["column"], f["end_column"], f["text"]) for f in found if f["code"] == code
        ]
        for code in first | second
    }
    out = []
    for a in first:
        for b in second:
            for line, start, end, text in spans[a]:
                for line2, start2, end2, text2 in spans[b]:
                    if line == line2 and start < end2 and start2 < end:
                        out.append((f"{a} {text}", f"{b} {text2}"))
    return out


def test_a_phrase_of_lb102_gives_no_lb101_finding_inside_it(tmp_path, capsys):
    phrases = sorted({text for entry in entries("LB102") for text in written(entry)})
    found = run_json(tmp_path, capsys, _paragraphs(phrases), "LB101,LB102")
    assert len({(f["line"]) for f in found if f["code"] == "LB102"}) >= len(phrases) * 0.95
    assert _overlaps(found, {"LB101"}, {"LB102"}) == []


def test_phrases_of_the_tone_and_jargon_packs_give_no_officialese_finding_inside(tmp_path, capsys):
    other = yaml.safe_load((REPO / "rules" / "toon.yaml").read_text(encoding="utf-8"))["rules"]
    examples = [e for rule in other for e in rule.get("examples", {}).get("flag", [])]
    text = "\n\n".join(e.replace("\n", " ") for e in examples)
    found = run_json(tmp_path, capsys, text, "LB101,LB102,LB801,LB802,LB804")
    assert _overlaps(found, {"LB101", "LB102"}, {"LB801", "LB802", "LB804"}) == []
    found = run_json(tmp_path, capsys, "De woning wordt in bewoonde staat verbouwd.", "LB101,LB102")
    assert found == []


# -- openings and closings of letters, in every person ----------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("Hierbij bericht ik u dat de reparatie klaar is.", "LB102", "Hierbij bericht ik u"),
        ("Hierbij berichten wij u dat de reparatie klaar is.", "LB102", "Hierbij berichten wij u"),
        ("Graag bericht ik u over de stand van zaken.", "LB102", "bericht ik u"),
        ("Hierbij deel ik u mede dat uw huur omhoog gaat.", "LB102", "Hierbij deel ik u mede"),
        ("Graag deel ik u mee dat de lift weer werkt.", "LB102", "deel ik u mee"),
        ("Ik verzoek u het formulier voor 1 mei terug te sturen.", "LB102", "Ik verzoek u"),
        ("Hierbij verzoek ik u de sleutels in te leveren.", "LB102", "Hierbij verzoek ik u"),
        ("Daarom verzoek ik je het formulier te tekenen.", "LB102", "verzoek ik je"),
        (
            "Naar aanleiding van uw schrijven van 3 mei bellen wij u.",
            "LB102",
            "Naar aanleiding van uw schrijven",
        ),
        (
            "Naar aanleiding van uw brief komt er een monteur.",
            "LB102",
            "Naar aanleiding van uw brief",
        ),
        (
            "In antwoord op uw brief van 3 mei laat ik u weten dat de keuken wordt vervangen.",
            "LB102",
            "In antwoord op uw brief",
        ),
        (
            "Onder verwijzing naar uw brief sturen wij u het formulier.",
            "LB102",
            "Onder verwijzing naar uw brief",
        ),
        ("Ten behoeve van de renovatie sluiten wij het water af.", "LB102", "Ten behoeve van"),
        (
            "Door middel van deze brief informeren wij u over de werkzaamheden.",
            "LB102",
            "Door middel van deze brief",
        ),
        ("Mocht u nog vragen hebben, bel ons dan.", "LB102", "Mocht u"),
        ("Mocht je nog vragen hebben, bel ons dan.", "LB102", "Mocht je"),
        (
            "Mocht er iets niet duidelijk zijn, dan kunt u ons bellen.",
            "LB102",
            "Mocht er iets niet duidelijk zijn",
        ),
        (
            "Ik vertrouw erop dat u hiermee voldoende bent geïnformeerd.",
            "LB102",
            "dat u hiermee voldoende bent geïnformeerd",
        ),
        ("Wij verblijven, met vriendelijke groet,", "LB102", "Wij verblijven"),
        ("Bij voorbaat dank voor uw medewerking.", "LB102", "Bij voorbaat dank"),
        ("Wij betreuren het dat de werkzaamheden vertraging hebben.", "LB102", "Wij betreuren het"),
        ("Ik betreur het dat de afspraak niet doorging.", "LB102", "Ik betreur het"),
        ("Hiermede sturen wij u het contract.", "LB101", "Hiermede"),
    ],
)
def test_stiff_openings_and_closings_are_found_in_every_person(tmp_path, capsys, text, code, words):
    found = run_json(tmp_path, capsys, text, "LB101,LB102")
    assert [f["text"] for f in found if f["code"] == code] == [words]


def test_closings_of_the_tone_pack_are_left_to_it(tmp_path, capsys):
    for text in (
        "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.",
        "Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd.",
        "Hierbij delen wij u mede dat de lift weer werkt.",
        "Hiermede delen wij u mede dat de lift weer werkt.",
    ):
        assert run_json(tmp_path, capsys, text, "LB101,LB102") == [], text


# -- what --fix writes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mocht er iets niet duidelijk zijn, dan kunt u ons bellen.",
            "Als er iets niet duidelijk is, dan kunt u ons bellen.",
        ),
        ("Wellicht heeft u het al gehoord.", "Misschien heeft u het al gehoord."),
        ("Graag vernemen wij van u of de datum past.", "Graag horen wij van u of de datum past."),
        ("Wij vernamen dat de lift kapot was.", "Wij hoorden dat de lift kapot was."),
        (
            "De wijze waarop de monteur werkte was niet goed.",
            "De manier waarop de monteur werkte was niet goed.",
        ),
        ("Wij zenden u de stukken per post.", "Wij sturen u de stukken per post."),
        ("Wij hebben het formulier bijgevoegd.", "Wij hebben het formulier meegestuurd."),
        ("Dit heeft betrekking op de huur van uw woning.", "Dit gaat over de huur van uw woning."),
        ("Zij hebben zitting in de huurdersraad.", "Zij zijn lid van de huurdersraad."),
        ("Wij achten het noodzakelijk dat u thuis bent.", "Wij vinden het nodig dat u thuis bent."),
        (
            "Het bedrag is abusievelijk twee keer afgeschreven.",
            "Het bedrag is per ongeluk twee keer afgeschreven.",
        ),
        ("De woning is voorshands niet beschikbaar.", "De woning is voorlopig niet beschikbaar."),
        ("Desondanks gaan de werkzaamheden door.", "Toch gaan de werkzaamheden door."),
        (
            "De vermoedelijke oorzaak is een lekkende leiding.",
            "De waarschijnlijke oorzaak is een lekkende leiding.",
        ),
        ("Wij hebben de bescheiden ontvangen.", "Wij hebben de stukken ontvangen."),
        (
            "In het vervolg stuurt u de meterstanden via de website.",
            "Voortaan stuurt u de meterstanden via de website.",
        ),
        (
            "Dit geldt in het bijzonder voor huurders met een laag inkomen.",
            "Dit geldt vooral voor huurders met een laag inkomen.",
        ),
        (
            "Wij hechten eraan u te laten weten dat de huur gelijk blijft.",
            "Wij vinden het belangrijk u te laten weten dat de huur gelijk blijft.",
        ),
        ("Het verheugt ons dat u bij ons komt wonen.", "Wij zijn blij dat u bij ons komt wonen."),
        (
            "Wij ontvingen uw brief jongstleden vrijdag.",
            "Wij ontvingen uw brief afgelopen vrijdag.",
        ),
        ("De werkzaamheden starten medio maart.", "De werkzaamheden starten half maart."),
        (
            "Ten vervolge op ons gesprek sturen wij u het contract.",
            "Na ons gesprek sturen wij u het contract.",
        ),
        ("Met ingang van heden is de balie gesloten.", "Vanaf vandaag is de balie gesloten."),
        (
            "Ondanks het feit dat de lift kapot is, gaat de verhuizing door.",
            "Hoewel de lift kapot is, gaat de verhuizing door.",
        ),
        ("Van gemeentewege wordt het gras gemaaid.", "Door de gemeente wordt het gras gemaaid."),
        ("De woning staat te uwen name.", "De woning staat op uw naam."),
        ("Het ligt in de rede dat u de kosten betaalt.", "Het is logisch dat u de kosten betaalt."),
        (
            "Wij zien geen aanleiding om de huur te verlagen.",
            "Wij zien geen reden om de huur te verlagen.",
        ),
        ("Wij hebben de rekening voldaan.", "Wij hebben de rekening betaald."),
        (
            "Hierbij berichten wij u dat de werkzaamheden klaar zijn.",
            "Wij laten u weten dat de werkzaamheden klaar zijn.",
        ),
        (
            "Wij verzoeken je het formulier terug te sturen.",
            "Wij vragen je het formulier terug te sturen.",
        ),
        (
            "Wij willen u graag dankzeggen voor uw hulp.",
            "Wij willen u graag bedanken voor uw hulp.",
        ),
        ("De buurman assisteert bij de verhuizing.", "De buurman helpt bij de verhuizing."),
        (
            "Wij hebben toegezegd de tuin te herstellen.",
            "Wij hebben beloofd de tuin te herstellen.",
        ),
        ("De huur gaat significant omhoog.", "De huur gaat flink omhoog."),
        (
            "Er is een discrepantie tussen de meterstanden.",
            "Er is een verschil tussen de meterstanden.",
        ),
        (
            "Wij onderschrijven het plan van de huurdersraad.",
            "Wij zijn het eens met het plan van de huurdersraad.",
        ),
        ("Ik ben van mening dat de huur te hoog is.", "Ik vind dat de huur te hoog is."),
        (
            "Mocht u onverhoopt niet kunnen komen, bel ons dan.",
            "Als u toch niet kunt komen, bel ons dan.",
        ),
    ],
)
def test_fix_writes_correct_dutch(tmp_path, text, expected):
    assert fixed(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a strong participle in -en reads as an infinitive: "hebben horen" would be wrong
        "Wij hebben vernomen dat de lift kapot is.",
        # "jammer" takes no adverb after it
        "Wij betreuren het zeer.",
        # "goedkeuren" and "terugbetalen" split in a main clause
        "Wij accorderen de offerte.",
        "Wij restitueren het bedrag.",
        "Wij honoreren uw aanvraag voor een parkeerplaats.",
        # "zijn besloten", "heeft tevreden geweest": the auxiliary changes
        "Wij zijn tot een besluit gekomen.",
        "De huurder heeft genoegen genomen met de uitleg.",
        # "tot slot van de avond": another meaning
        "Ter afsluiting van de avond is er een borrel.",
        # "ten laste van … brengen" is "laten betalen door"
        "De kosten worden ten laste van de huurder gebracht.",
        # after "je" the verb takes the je-form ("hebt"): advice only
        "Mocht je vragen hebben, bel ons dan.",
        # "bijgevoegde" before a noun is no "meesturen"
        "De bijgevoegde folder vertelt meer.",
    ],
)
def test_where_the_alternative_does_not_fit_fix_leaves_the_text(tmp_path, capsys, text):
    assert run_json(tmp_path, capsys, text, "LB101,LB102"), text  # it is found
    assert fixed(tmp_path, text) == text


# -- where the word is plain, or another pack's -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hij is een bescheiden man.",
        "Wij vragen een bescheiden bijdrage.",
        "Wij realiseren ons dat dit vervelend is.",
        "Wij kunnen uw aanvraag helaas niet honoreren.",
        "Vroeger mocht je in de tuin een schuur bouwen.",
        "Toen mocht er nog gerookt worden in de hal.",
        "Dat is bij wijze van spreken een tweede huis.",
        "Uw kind gaat naar het primair onderwijs.",
        "Dit is van essentieel belang.",
        "Wij sturen u de factuur per separate post.",
        "Wij verzoeken u vriendelijk doch dringend te betalen.",
        "Hopende u hiermee voldoende te hebben geïnformeerd.",
        "Dit is een wijze beslissing van de huurdersraad.",
    ],
)
def test_no_officialese_finding_where_the_word_is_plain_or_another_rules(tmp_path, capsys, text):
    found = run_json(tmp_path, capsys, text, "LB101,LB102")
    double = {
        "Dit is van essentieel belang.": ["van essentieel belang"],
        "Wij sturen u de factuur per separate post.": ["per separate post"],
        "Wij verzoeken u vriendelijk doch dringend te betalen.": ["Wij verzoeken u"],
    }
    assert [f["text"] for f in found] == double.get(text, [])
