"""One sentence, one sentence finding: a long sentence (LB201) at LiNT-II level 4 (LB402) with
a split verb (LB206) gives one finding naming every reason; selection and suppression decide
which reasons take part; LB203 only speaks when an average means something; names, numbers,
amounts and placeholders are never counted as words nor named as hard words."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.audit.cache_entry import BadEntry, Checked, from_json, to_json
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config
from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.sentence_findings import Apart, Hard, Long, Split

pytestmark = pytest.mark.usefixtures("in_tmp")

SENTENCE_CODES = {"LB201", "LB402", "LB206"}

HARD = (
    "De monteur heeft bij zijn bezoek aan uw woning in verband met de jaarlijkse controle van "
    "de installatie een inpandige lekkage in de leiding van de voornoemde badkamer gevonden, "
    "waardoor de benodigde reparatie door de aannemer noodzakelijkerwijs zal moeten worden "
    "uitgevoerd."
)


def letter(*paragraphs: str) -> str:
    return (
        "\n\n".join(
            ["Beste heer Jansen,", *paragraphs, "Met vriendelijke groet,", "Petra de Vries"]
        )
        + "\n"
    )


def check(capsys, path: str, *args: str) -> tuple[int, list[dict]]:
    """Exit code and findings of ``check PATH --select ALL … --output-format json``."""
    code = main(["check", path, "--select", "ALL", *args, "--output-format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    data = json.loads(out)
    assert [f["error"] for f in data["files"]] == [None]
    return code, [f for file in data["files"] for f in file["findings"]]


def on_line(findings: list[dict], line: int, codes=SENTENCE_CODES) -> list[dict]:
    return [f for f in findings if f["line"] == line and f["code"] in codes]


def single(capsys, path: str, code: str, line: int) -> dict:
    """The one finding of rule ``code`` alone on ``line`` (no other rule to merge with)."""
    main(["check", path, "--select", code, "--output-format", "json"])
    data = json.loads(capsys.readouterr()[0])
    found = [f for file in data["files"] for f in file["findings"] if f["line"] == line]
    assert [f["code"] for f in found] == [code]
    return found[0]


def test_long_hard_split_sentence_gives_one_finding_with_every_reason(capsys, tmp_path):
    write(tmp_path, {"brief.txt": letter(HARD)})
    path = "brief.txt"
    alone = {c: single(capsys, path, c, 3) for c in ("LB201", "LB402", "LB206")}
    assert alone["LB201"]["message"].startswith("Deze zin heeft ")
    split = alone["LB206"]["text"].split()
    first, second = split[0], split[-1]

    code, findings = check(capsys, path)
    assert code == 1
    sentence = on_line(findings, 3)
    assert len(sentence) == 1, sentence
    merged = sentence[0]
    assert merged["code"] == "LB201" and merged["rule"] == "lange-zin"
    assert merged["column"] == alone["LB201"]["column"]
    assert merged["end_column"] == alone["LB201"]["end_column"]
    message = merged["message"]
    assert message.startswith("Deze zin is te moeilijk: ")
    words = alone["LB201"]["message"].split()[3]  # "Deze zin heeft 40 woorden …"
    assert f"{words} woorden (meer dan 25)" in message
    assert "LiNT-II-niveau 4 (score " in message
    # what makes it hard, by name: the officialese words (not ordinary ones)
    assert " door de ambtelijke taal " in message and "'voornoemde'" in message
    assert "'monteur'" not in message and "'woning'" not in message
    assert f"'{second}' staat " in message and f" woorden na '{first}'" in message
    # one advice, the most helpful for a long sentence, and no stacked lists
    assert message.endswith(". Maak er twee of drie korte zinnen van.")
    assert message.count(". ") == 1 and "Ook:" not in message
    assert all(not s["replaces"] for s in merged["suggestions"])
    # word-level findings stay separate
    assert any(f["code"] == "LB101" and f["text"] == "benodigde" for f in findings)


def test_only_long_sentence_keeps_its_own_message(capsys, tmp_path):
    plain = (
        "Wij komen op maandag bij u langs en dan kijken wij samen met u naar de kraan in de "
        "keuken en naar de deur van de schuur."
    )
    write(tmp_path, {"brief.txt": letter(plain)})
    _, findings = check(capsys, "brief.txt")
    assert [(f["code"], f["message"]) for f in on_line(findings, 3)] == [
        ("LB201", "Deze zin heeft 27 woorden (meer dan 25). Maak er twee of drie korte zinnen van.")
    ]


def test_ignoring_lb201_leaves_lb402_for_that_sentence(capsys, tmp_path):
    write(tmp_path, {"brief.txt": letter(HARD)})
    _, findings = check(capsys, "brief.txt", "--ignore", "LB201")
    sentence = on_line(findings, 3)
    assert [f["code"] for f in sentence] == ["LB402"]
    message = sentence[0]["message"]
    assert message.startswith("Deze zin is te moeilijk: LiNT-II-niveau 4 (score ")
    assert "woorden (meer dan" not in message  # LB201 was ignored: no reason of its own
    assert " woorden na '" in message  # the split verb (LB206) still takes part
    assert "'voornoemde'" in message  # the officialese is named …
    # … but with the verb parts 25 words apart, the one advice is to bring them together
    assert message.endswith(" dichter bij elkaar.") and "Vervang " not in message

    _, findings = check(capsys, "brief.txt", "--ignore", "LB201,LB206")
    sentence = on_line(findings, 3)
    assert [f["code"] for f in sentence] == ["LB402"]
    assert sentence[0]["message"].startswith("Deze zin heeft LiNT-II-niveau 4 (score ")
    assert "Lastig zijn de ambtelijke taal " in sentence[0]["message"]
    assert "'voornoemde'" in sentence[0]["message"]


def test_suppressing_lb201_merges_the_others_under_the_next_code(capsys, tmp_path):
    source = letter("<!-- lint-brieven: disable-next-line=LB201 -->\n" + HARD)
    write(tmp_path, {"brief.md": source})
    code, findings = check(capsys, "brief.md")
    assert code == 1
    sentence = on_line(findings, 4)
    assert [f["code"] for f in sentence] == ["LB402"]
    assert sentence[0]["message"].startswith("Deze zin is te moeilijk: LiNT-II-niveau 4")
    assert " woorden na '" in sentence[0]["message"]
    # the suppression was used (LB201 was there to suppress), so it is not reported unused
    assert [f for f in findings if f["code"] == "LB001"] == []

    write(tmp_path, {"brief.md": source.replace("=LB201", "=LB201,LB402,LB206")})
    _, findings = check(capsys, "brief.md")
    assert on_line(findings, 4) == []


# 16 to 18 words each: none too long (over 20), but long on average (over 15)
MEDIUM = [
    "Wij hebben uw verzoek om de keuken in uw woning te vervangen in goede orde van u ontvangen.",
    "Wij zullen uw verzoek in het komende overleg met de aannemer en de opzichter graag bespreken.",
    "Zodra wij meer weten over de planning van het werk laten wij het u zo snel mogelijk weten.",
    "Wij verwachten dat het werk aan de keukens in uw straat na de zomer kan beginnen.",
    "De opzichter komt daarna bij u langs om samen met u de nieuwe keuken uit te kiezen.",
]


def test_average_needs_enough_sentences_and_something_new(capsys, tmp_path):
    write(
        tmp_path, {"kort.txt": letter(" ".join(MEDIUM[:2])), "lang.txt": letter(" ".join(MEDIUM))}
    )
    _, findings = check(capsys, "kort.txt")
    assert [f for f in findings if f["code"] == "LB203"] == []
    _, findings = check(capsys, "lang.txt")  # the same sentences, five of them: an average
    average = [f for f in findings if f["code"] == "LB203"]
    assert len(average) == 1
    assert "zinnen van meer dan 25 woorden niet meegeteld" in average[0]["message"]
    assert not any(f["code"] == "LB201" for f in findings)

    # four long sentences: LB201 names each; an average would say nothing new
    long = " ".join(
        s.rstrip(".") + " en daar zijn wij als organisatie erg blij mee, want dat wilt u ook."
        for s in MEDIUM[:4]
    )
    write(tmp_path, {"vier.txt": letter(long)})
    _, findings = check(capsys, "vier.txt")
    assert [f for f in findings if f["code"] == "LB203"] == []
    assert len([f for f in findings if f["code"] == "LB201"]) == 4


NUMBERS = (
    "Wij hebben op 3 maart 2025 om 10.00 uur € 712,40 ontvangen van {{ naam }} uit 3512 AB "
    "Utrecht via www.woonstad.nl en info@woonstad.nl voor de huur van uw woning aan de "
    "Kerkstraat 12a in Utrecht."
)


def test_numbers_amounts_names_and_placeholders_are_not_words(capsys, tmp_path):
    hard = (
        "Indien u verhinderd bent, verzoeken wij u derhalve tijdig contact op te nemen met "
        "Woonstichting Zuiderkwartier of met {{ contactpersoon_achternaam }} teneinde een "
        "nieuwe afspraak voor de navolgende inspectie te plannen."
    )
    longer = NUMBERS.removesuffix(".") + " en wij danken u daar heel hartelijk voor."
    write(tmp_path, {"brief.txt.j2": letter(hard, NUMBERS, longer)})
    _, findings = check(capsys, "brief.txt.j2")
    # 18 words besides the date, time, amount, placeholder, postcode, names, addresses
    assert on_line(findings, 5, {"LB201"}) == []
    counted = on_line(findings, 7, {"LB201"})
    assert len(counted) == 1 and "26 woorden (meer dan 25)" in counted[0]["message"]
    # the hard words are real words; never the name, the placeholder or a number
    named = on_line(findings, 3)
    assert len(named) == 1
    message = named[0]["message"]
    assert " door de ambtelijke taal '" in message  # "Indien", "derhalve", …: real words
    for not_a_word in ("Woonstichting", "Zuiderkwartier", "contactpersoon", "{{", "712", "3512"):
        assert not_a_word not in message


def test_the_organisations_own_name_is_not_a_word(capsys, tmp_path):
    # 26 words with "Woonstichting" at the start (no capital inside the sentence to tell)
    sentence = (
        "Woonstichting Zuiderkwartier komt maandag bij u langs en dan kijken wij samen met u "
        "naar de kraan in de keuken en de deur van de oude schuur."
    )
    write(tmp_path, {"brief.txt": letter(sentence)})
    _, findings = check(capsys, "brief.txt")
    assert [f["message"] for f in on_line(findings, 3, {"LB201"})] == [
        "Deze zin heeft 26 woorden (meer dan 25). Maak er twee of drie korte zinnen van."
    ]
    write(
        tmp_path,
        {"lint-brieven.toml": '[organisatie]\nnaam = "Woonstichting Zuiderkwartier"\n'},
    )
    find_config_file.cache_clear()
    load_config.cache_clear()
    _, findings = check(capsys, "brief.txt")
    assert on_line(findings, 3, {"LB201"}) == []


@pytest.mark.parametrize(
    "reason",
    [
        Long(41, 25.0),
        Long(23, 25.0, "omdat de bomen …"),
        Hard(4, 58.4, ("lekkage", "benodigde"), Apart("wijzen", "uitgevoerd", 19)),
        Hard(4, 61.0),
        Hard(4, 66.9, (), Apart("Bomen", "worden", 12), ("en/of",), ("worden … gerooid",)),
        Split(Apart("kan", "uitgevoerd", 12)),
        None,
    ],
)
def test_the_audit_cache_keeps_a_findings_reason(reason):
    finding = Finding("a.txt", "LB201", Severity.WARNING, "m", 3, 1, 3, 9, reason=reason)
    checked = Checked(FileReport("a.txt", findings=[finding]), "tekst")
    back = from_json(json.loads(json.dumps(to_json("k", checked))), "k")
    assert back.report.findings[0].reason == reason


def test_the_audit_cache_refuses_a_bad_reason():
    finding = Finding("a.txt", "LB201", Severity.WARNING, "m", 3, 1, 3, 9, reason=Long(41, 20.0))
    data = to_json("k", Checked(FileReport("a.txt", findings=[finding]), "tekst"))
    for bad in ({"kind": "long", "words": -1, "limit": 20}, {"kind": "x"}, [1], "long"):
        data["report"]["findings"][0]["reason"] = bad
        with pytest.raises(BadEntry):
            from_json(data, "k")


def test_placeholders_of_every_convention_are_not_counted(capsys, tmp_path):
    # 26 words besides [datum], «Achternaam» and UW NAAM (a mail-merge template in plain text)
    sentence = (
        "Wij komen op [datum] bij u langs en dan kijken wij samen met «Achternaam» en UW NAAM "
        "naar de kraan in de keuken en de deur van de oude schuur."
    )
    write(tmp_path, {"brief.txt": letter(sentence)})
    _, findings = check(capsys, "brief.txt")
    assert [f["message"] for f in on_line(findings, 3, {"LB201"})] == [
        "Deze zin heeft 26 woorden (meer dan 25). Maak er twee of drie korte zinnen van."
    ]
