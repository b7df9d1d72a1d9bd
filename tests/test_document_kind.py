"""Kind of document (``soort``): whole-letter checks (phone LB301, e-mail LB302, contact person
LB303, main message first LB306) apply to a complete letter from the organisation only; the
salutation check (LB805) not to a web page or a tenant's letter. The kind comes from the text,
the configuration (``soort``, ``per-file-soort``) or the file's own front matter. Through the
command line."""

from __future__ import annotations

import json

import pytest
from docx_factory import new_document, to_bytes
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

WHOLE_LETTER = {"LB301", "LB302", "LB303", "LB306"}
# A complete letter with neither phone, e-mail nor a person: every whole-letter rule fires.
LETTER = (
    "Beste heer Jansen,\n\n"
    "Naar aanleiding van uw brief van 3 maart hebben wij uw situatie bekeken.\n\n"
    "Stuur het formulier vóór 1 mei terug in de antwoordenvelop.\n\n"
    "Met vriendelijke groet,\n\n"
    "Woonstichting De Linde\n"
)
FRAGMENT = (
    "Naar aanleiding van uw brief van 3 maart hebben wij uw situatie bekeken.\n\n"
    "Stuur het formulier vóór 1 mei terug in de antwoordenvelop.\n"
)
TENANT = (
    "Geachte heer/mevrouw,\n\n"
    "Ik huur de woning aan de Dorpsstraat 1. Sinds 3 maart lekt de kraan in de keuken.\n\n"
    "Met vriendelijke groet,\n\n"
    "[naam huurder]\n"
)


def check(capsys, *files: str) -> tuple[int, dict, str]:
    code = main(["check", *files, "--select", "ALL", "--output-format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out) if out.strip() else {}, err


def codes_by_file(report: dict) -> dict[str, set[str]]:
    return {f["path"]: {x["code"] for x in f["findings"]} for f in report["files"]}


def test_complete_letter_gets_whole_letter_findings_a_fragment_none(tmp_path, capsys):
    write(tmp_path, {"brief.txt": LETTER, "stukje.txt": FRAGMENT})
    code, report, _ = check(capsys, "brief.txt", "stukje.txt")
    codes = codes_by_file(report)
    assert code == 1
    assert codes["brief.txt"] >= WHOLE_LETTER
    assert not codes["stukje.txt"] & WHOLE_LETTER


def test_a_letter_in_the_je_form_opening_with_hoi_is_a_complete_letter(tmp_path, capsys):
    write(tmp_path, {"brief.txt": LETTER.replace("Beste heer Jansen,", "Hoi Daan,")})
    _, report, _ = check(capsys, "brief.txt")
    assert codes_by_file(report)["brief.txt"] >= WHOLE_LETTER


def test_tenant_letter_gets_no_whole_letter_or_salutation_finding(tmp_path, capsys):
    tenant = TENANT.replace("Geachte heer/mevrouw", "Geachte verhuurder")
    write(tmp_path, {"huurder.txt": TENANT, "verhuurder.txt": tenant, "brief.txt": LETTER})
    _, report, _ = check(capsys, "huurder.txt", "verhuurder.txt", "brief.txt")
    codes = codes_by_file(report)
    for name in ("huurder.txt", "verhuurder.txt"):
        assert not codes.get(name, set()) & (WHOLE_LETTER | {"LB805"}), name
    assert codes["brief.txt"] >= WHOLE_LETTER  # checked in the same run


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("web.html", "<!-- soort: webtekst -->\n<p>{}</p>"),
        ("web.md", "<!-- soort: webtekst -->\n\n{}"),
        ("web.md", "---\ntitel: Uw reparatie\nsoort: webtekst\n---\n\n{}"),
        ("web.html.j2", "{{# soort: webtekst #}}\n<p>{}</p>"),
        ("web.txt.j2", "{{#- soort: fragment -#}}\n{}"),
    ],
)
def test_front_matter_declares_the_kind(tmp_path, capsys, name, text):
    body = LETTER.replace("\n\n", "</p>\n<p>") if name.startswith("web.html") else LETTER
    write(tmp_path, {name: text.format(body), "brief.txt": LETTER})
    _, report, _ = check(capsys, name, "brief.txt")
    codes = codes_by_file(report)
    assert not codes.get(name, set()) & WHOLE_LETTER
    assert codes["brief.txt"] >= WHOLE_LETTER
    # the declaration itself is no text of the letter
    assert not any("soort" in (f["text"] or "") for x in report["files"] for f in x["findings"])


def test_front_matter_makes_a_fragment_a_letter(tmp_path, capsys):
    write(tmp_path, {"brief.md": "---\nsoort: brief\n---\n" + FRAGMENT})
    _, report, _ = check(capsys, "brief.md")
    assert {"LB301", "LB302", "LB303"} <= codes_by_file(report)["brief.md"]


def test_unknown_kind_in_front_matter_is_an_error_that_names_the_line(tmp_path, capsys):
    write(tmp_path, {"a.md": "# Kop\n\n<!-- soort: brieff -->\n\n" + LETTER, "b.txt": LETTER})
    code, report, _ = check(capsys, "a.md", "b.txt")
    files = {f["path"]: f for f in report["files"]}
    assert code == 2
    assert files["a.md"]["error"] == (
        "Onbekende soort 'brieff'. Kies uit: brief, fragment, webtekst, huurder-aan-verhuurder."
    )
    assert files["a.md"]["error_line"] == 3
    assert {f["code"] for f in files["b.txt"]["findings"]} >= WHOLE_LETTER


def test_configuration_sets_the_kind_globally_and_per_glob(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'soort = "fragment"\n[per-file-soort]\n"brieven/*" = "brief"\n',
            "stukken/a.txt": LETTER,
            "brieven/b.txt": FRAGMENT,
            "brieven/c.docx": b"",
        },
    )
    document = new_document()
    for paragraph in FRAGMENT.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    (tmp_path / "brieven" / "c.docx").write_bytes(to_bytes(document))
    _, report, _ = check(capsys, "stukken", "brieven")
    codes = codes_by_file(report)
    assert not codes.get("stukken/a.txt", set()) & WHOLE_LETTER
    assert {"LB301", "LB302", "LB303"} <= codes["brieven/b.txt"]
    assert {"LB301", "LB302", "LB303"} <= codes["brieven/c.docx"]


def test_front_matter_wins_over_the_configuration(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'soort = "brief"\n',
            "a.md": "<!-- soort: fragment -->\n\n" + FRAGMENT,
            "b.md": FRAGMENT,
        },
    )
    _, report, _ = check(capsys, "a.md", "b.md")
    codes = codes_by_file(report)
    assert not codes.get("a.md", set()) & WHOLE_LETTER
    assert {"LB301", "LB302"} <= codes["b.md"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('soort = "brieven"', "'soort' moet een van 'brief', 'fragment', 'webtekst'"),
        ("soort = 3", "'soort' moet een van"),
        ('[per-file-soort]\n"a/*" = "web"', "'per-file-soort.a/*' moet een van"),
        ('per-file-soort = "brief"', "'per-file-soort' moet een tabel van patroon naar soort"),
    ],
)
def test_bad_kind_in_the_configuration_is_a_usage_error(tmp_path, capsys, setting, expected):
    write(tmp_path, {"lint-brieven.toml": setting + "\n", "a.txt": LETTER})
    code = main(["check", "a.txt"])
    out, err = capsys.readouterr()
    assert code == 2
    assert expected in out + err
    assert "Traceback" not in out + err


def test_partial_stays_without_whole_letter_checks(tmp_path, capsys):
    write(tmp_path, {"_slot.txt.j2": LETTER, "_slot2.txt": LETTER})
    _, report, _ = check(capsys, "_slot.txt.j2", "_slot2.txt")
    for codes in codes_by_file(report).values():
        assert not codes & WHOLE_LETTER


def test_template_closing_from_a_variable_makes_a_complete_letter(tmp_path, capsys):
    """ "{{ aanhef }}," and "{{ groet }}" are the salutation and the closing of a template."""
    template = (
        "{{ aanhef }},\n\nUw reparatie is op 3 maart.\n\n{{ groet }}\n\nWoonstichting De Linde\n"
    )
    write(tmp_path, {"brief.txt.j2": template})
    _, report, _ = check(capsys, "brief.txt.j2")
    assert {"LB301", "LB302", "LB303"} <= codes_by_file(report)["brief.txt.j2"]


PHONES = [
    "Bel ons op telefoonnummer 030 123 45 67.",
    "Bel ons: tel.030-1234567.",
    "T 088 123 4567",
    "Bel (030) 123 45 67.",
    "Bel gratis 0800-1234.",
    "Vanuit het buitenland: +31 30 123 4567.",
    "Bel de gemeente op 14 030.",
    "Bel 06-12345678.",
    "Bel ons op telefoonnummer [telefoonnummer].",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_count_wherever_written(tmp_path, capsys, phone):
    letter = LETTER.replace("Met vriendelijke groet", f"{phone}\n\nMet vriendelijke groet")
    write(tmp_path, {"brief.txt": letter})
    _, report, _ = check(capsys, "brief.txt")
    assert "LB301" not in codes_by_file(report)["brief.txt"]


@pytest.mark.parametrize(
    "not_a_phone",
    [
        "Maak het over naar NL91 ABNA 0417 1643 00.",
        "Uw klantnummer is 14 0301234.",
        "De huur is € 14.030 per jaar.",
    ],
)
def test_not_a_phone_number(tmp_path, capsys, not_a_phone):
    letter = LETTER.replace("Met vriendelijke groet", f"{not_a_phone}\n\nMet vriendelijke groet")
    write(tmp_path, {"brief.txt": letter})
    _, report, _ = check(capsys, "brief.txt")
    assert "LB301" in codes_by_file(report)["brief.txt"]


@pytest.mark.parametrize(
    "signature",
    [
        "Petra de Vries",
        "P. de Vries\nWoonstichting De Linde",
        "mevrouw S. de Jong",
        "Team Verhuur",
        "Klantenservice",
        "[naam]\n[functie]",
        "«Naam medewerker»",
        "Naam: ………",
    ],
)
def test_any_name_line_under_the_closing_is_a_contact_person(tmp_path, capsys, signature):
    write(tmp_path, {"brief.txt": LETTER.replace("Woonstichting De Linde", signature)})
    _, report, _ = check(capsys, "brief.txt")
    assert "LB303" not in codes_by_file(report)["brief.txt"]


@pytest.mark.parametrize(
    "signature",
    [
        "Woonstichting De Linde\nPostbus 1234\n3500 AA Utrecht",
        "Gemeente Utrecht",
        "De Linde",  # the organisation's configured name
    ],
)
def test_the_organisation_alone_is_no_contact_person(tmp_path, capsys, signature):
    write(
        tmp_path,
        {
            "lint-brieven.toml": '[organisatie]\nnaam = "Woonstichting De Linde"\n',
            "brief.txt": LETTER.replace("Woonstichting De Linde", signature),
        },
    )
    _, report, _ = check(capsys, "brief.txt")
    assert "LB303" in codes_by_file(report)["brief.txt"]


def test_salutation_name_placeholder_is_the_tenant_not_the_contact(tmp_path, capsys):
    write(tmp_path, {"brief.txt": LETTER.replace("heer Jansen", "[naam]")})
    _, report, _ = check(capsys, "brief.txt")
    assert "LB303" in codes_by_file(report)["brief.txt"]


def test_what_a_block_says_goes_with_its_file():
    """The closing, salutation and signature found in a block are kept while the block lives
    (the variants of a template share it) and not after: a long run keeps no file's text."""
    import gc
    import weakref

    from lint_brieven.dutch.letter_parts import document_kind
    from lint_brieven.letter import DocumentKind
    from lint_brieven.readers import ReadOptions, read

    letter = read("brief.txt", LETTER.encode("utf-8"), ReadOptions()).letters[0]
    assert document_kind(letter) is DocumentKind.LETTER  # closing, salutation, signature
    blocks = [weakref.ref(block) for block in letter.blocks]
    del letter
    gc.collect()
    assert all(block() is None for block in blocks)
