"""Placeholders of every convention ("[naam]", "<datum>", "«Naam»", "UW NAAM", "……", "XXX",
"{{ naam }}" outside a template) are placeholders like a template's ``{{ … }}``: a stand-in for
the parser, never flagged, never counted as a word, and a name placeholder under the closing
signs the letter. Through the command line, on every reader."""

from __future__ import annotations

import html
import json

import pytest
from docx_factory import new_document, to_bytes

from lint_brieven.cli import main
from lint_brieven.letter import PlaceholderKind
from lint_brieven.readers import ReadOptions, read

pytestmark = pytest.mark.usefixtures("in_tmp")

# (salutation name, date, signature) in each convention
CONVENTIONS = {
    "haken": ("[naam]", "[datum]", "[naam medewerker]"),
    "punthaken": ("<naam>", "<datum>", "<naam medewerker>"),
    "dubbele-punthaken": ("<<naam>>", "<<datum>>", "<<naam medewerker>>"),
    "samenvoegveld": ("«Naam»", "«Datum»", "«Naam medewerker»"),
    "hoofdletters": ("ACHTERNAAM", "DATUM AFSPRAAK", "NAAM MEDEWERKER"),
    "invulruimte": ("……", "…………", "Naam: ………"),
    "kruisjes": ("XXX", "xx-xx-xxxx", "Naam: XXX"),
    "accolades": ("{naam}", "{datum}", "{naam_medewerker}"),
}
# Twenty words of the writer's own (LB201's limit) around the date placeholder.
SENTENCE = (
    "Wij komen op {date} bij u langs om de kraan in de keuken en de douche in de badkamer "
    "te vervangen."
)
ONE_MORE = SENTENCE.replace("te vervangen", "snel te vervangen")
CONTACT = "Heeft u vragen? Bel ons op 030 123 45 67 of mail naar info@delinde.nl."


def paragraphs(name: str, date: str, signature: str, sentence: str = SENTENCE) -> list[str]:
    return [
        f"Beste {name},",
        sentence.format(date=date),
        CONTACT,
        "Met vriendelijke groet,",
        signature,
    ]


def write_letter(tmp_path, suffix: str, paras: list[str]) -> str:
    name = f"brief{suffix}"
    if suffix == ".docx":
        document = new_document()
        for text in paras:
            document.add_paragraph(text)
        (tmp_path / name).write_bytes(to_bytes(document))
    elif suffix in (".html", ".html.j2"):
        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
        (tmp_path / name).write_text(f"<html><body>\n{body}\n</body></html>\n", encoding="utf-8")
    else:
        (tmp_path / name).write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return name


def check(capsys, *files: str) -> tuple[int, dict]:
    code = main(["check", *files, "--select", "ALL", "--output-format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def findings(report: dict) -> list[dict]:
    return [f for file in report["files"] for f in file["findings"]]


SUFFIXES = [".txt", ".md", ".html", ".html.j2", ".docx"]
CASES = [(c, s) for c in CONVENTIONS for s in SUFFIXES]


@pytest.mark.parametrize(("convention", "suffix"), CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_placeholder_is_no_word_and_signs_the_letter(tmp_path, capsys, convention, suffix):
    name, date, signature = CONVENTIONS[convention]
    letter = write_letter(tmp_path, suffix, paragraphs(name, date, signature))
    _, report = check(capsys, letter)
    assert [f["error"] for f in report["files"]] == [None]
    found = findings(report)
    codes = {f["code"] for f in found}
    # the sentence has twenty words of the writer's own: the placeholder is not counted
    assert "LB201" not in codes, found
    # phone and e-mail are there; the name placeholder under the closing is a contact person
    # (the convention with a blank after "Naam:" too)
    assert not codes & {"LB301", "LB302", "LB303"}, found
    # no finding names or flags a placeholder's own characters
    for placeholder in (name, date, signature.removeprefix("Naam: ")):
        for finding in found:
            assert f"'{placeholder}'" not in finding["message"], finding
            assert finding["text"] != placeholder, finding
    assert not any("']'" in f["message"] or "'…'" in f["message"] for f in found), found


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_one_more_real_word_makes_the_sentence_long(tmp_path, capsys, suffix):
    """The control for the test above: twenty-one words of the writer's own are too many."""
    paras = paragraphs("[naam]", "[datum]", "[naam medewerker]", ONE_MORE)
    _, report = check(capsys, write_letter(tmp_path, suffix, paras))
    long = [f for f in findings(report) if f["code"] == "LB201"]
    assert len(long) == 1 and "21 woorden" in long[0]["message"]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_jinja_tags_in_a_file_that_is_no_template(tmp_path, capsys, suffix):
    paras = paragraphs("{{ huurder.naam }}", "{{ afspraak.datum }}", "{{ medewerker.naam }}")
    _, report = check(capsys, write_letter(tmp_path, suffix, paras))
    codes = {f["code"] for f in findings(report)}
    assert not codes & {"LB201", "LB303"}


def test_signature_without_a_name_still_lacks_a_contact_person(tmp_path, capsys):
    """A blank without a name label under the closing is no contact person."""
    paras = paragraphs("[naam]", "[datum]", "Woonstichting De Linde")
    _, report = check(capsys, write_letter(tmp_path, ".txt", paras))
    assert "LB303" in {f["code"] for f in findings(report)}


def test_html_letter_with_a_typed_placeholder_tag(tmp_path, capsys):
    """ "<datum>" typed into an HTML letter is a tag to the browser, a placeholder to us."""
    paras = paragraphs("<naam>", "<datum>", "<naam medewerker>")
    body = "\n".join(f"<p>{p}</p>" for p in paras)  # not escaped: "<datum>" is a start tag
    (tmp_path / "brief.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    _, report = check(capsys, "brief.html")
    codes = {f["code"] for f in findings(report)}
    assert not codes & {"LB201", "LB303"}
    letter = read("brief.html", (tmp_path / "brief.html").read_bytes(), ReadOptions()).letters[0]
    kinds = [s.placeholder.kind for b in letter.blocks for s in b.content.segments if s.placeholder]
    assert kinds == [PlaceholderKind.NAME, PlaceholderKind.DATE, PlaceholderKind.NAME]


def _placeholders(text: str, name: str = "brief.txt") -> list[tuple[str, PlaceholderKind, str]]:
    """(as written, kind, stand-in) of every placeholder the reader found in ``text``."""
    result = read(name, text.encode("utf-8"), ReadOptions())
    return [
        (s.placeholder.source, s.placeholder.kind, b.text[s.start : s.end])
        for letter in result.letters
        for b in letter.blocks
        for s in b.content.segments
        if s.placeholder is not None
    ]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("[datum]", PlaceholderKind.DATE),
        ("[bedrag]", PlaceholderKind.AMOUNT),
        ("€ [bedrag]", PlaceholderKind.AMOUNT),
        ("€ xx,xx", PlaceholderKind.AMOUNT),
        ("[naam huurder]", PlaceholderKind.NAME),
        ("«Achternaam»", PlaceholderKind.NAME),
        ("UW NAAM", PlaceholderKind.NAME),
        ("NAAM HUURDER", PlaceholderKind.NAME),
        ("<adres>", PlaceholderKind.ADDRESS),
        ("[straatnaam]", PlaceholderKind.ADDRESS),
        ("[telefoonnummer]", PlaceholderKind.PHONE),
        ("[e-mailadres]", PlaceholderKind.EMAIL),
        ("[aantal]", PlaceholderKind.NUMBER),
        ("xx-xx-xxxx", PlaceholderKind.DATE),
        ("xx:xx", PlaceholderKind.TIME),
        ("[functie]", PlaceholderKind.TEXT),
    ],
)
def test_kind_comes_from_the_words_inside(written, kind):
    found = _placeholders(f"Dit is {written} in een zin.")
    assert [(w, k) for w, k, _ in found] == [(written, kind)]


def test_blank_takes_the_kind_of_its_label_and_stand_ins_keep_the_sentence():
    found = _placeholders("Naam: ……………\n\nDatum: ______\n\nHandtekening: .........")
    assert [(w, k) for w, k, _ in found] == [
        ("……………", PlaceholderKind.NAME),
        ("______", PlaceholderKind.DATE),
        (".........", PlaceholderKind.TEXT),
    ]
    stand_ins = _placeholders("U betaalt € [bedrag] vanaf [datum] om xx.xx uur.")
    assert [s for _, _, s in stand_ins] == ["€ 100", "1 maart 2026", "10.00 uur"]


@pytest.mark.parametrize(
    "text",
    [
        "Zie de voetnoot [1] en kruis aan: [ ] ja [x] nee.",
        "De WOZ-waarde en de BTW staan op de aanslag. NB: lees dit goed.",
        "BELANGRIJK",
        "WAT MOET U DOEN?",
        "LET OP: UW ADRES WIJZIGT PER 1 MEI",
        "NAAM: Jansen",
        "Wij hopen... dat het lukt.",
        "Lees [de regels](https://www.delinde.nl/regels) op onze website.",
        "Mail naar <info@delinde.nl> of kijk op <https://www.delinde.nl>.",
        "Dit is <b>vet</b> en dit<br>niet.",
        "De XXL-container komt op 3 mei.",
    ],
)
def test_no_false_placeholders(text):
    assert _placeholders(text, "brief.md") == []


def test_markdown_link_text_stays_prose_and_brackets_without_link_are_placeholders():
    text = "Lees [de regels](https://x.nl) en vul [uw naam] in."
    result = read("brief.md", text.encode("utf-8"), ReadOptions())
    block = result.letters[0].blocks[0]
    assert block.text == "Lees de regels en vul Jansen in."
    start = block.text.index("Jansen")
    span = block.content.span(start, start + len("Jansen"))
    assert (span.column, span.end_column) == (text.index("[uw naam]") + 1, len(text) - 3)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_paragraph_full_of_placeholders_is_read(tmp_path, suffix):
    """Every placeholder looks back a bounded stretch (a blank's label, a "€"): 90.000
    characters of placeholders in one paragraph read in well under a second, not minutes."""
    paragraph = "Naam: ……… [naam] UW NAAM € xx,xx om xx.xx uur " * 2000
    write_letter(tmp_path, suffix, [paragraph])
    data = (tmp_path / f"brief{suffix}").read_bytes()
    result = read(f"brief{suffix}", data, ReadOptions())
    segments = result.letters[0].blocks[0].content.segments
    assert sum(1 for s in segments if s.placeholder) == 5 * 2000
