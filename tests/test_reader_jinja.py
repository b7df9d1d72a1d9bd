"""Jinja2 templates: read with jinja2's parser, never rendered; every branch; exact positions."""

from __future__ import annotations

import pytest
from lintkit import at, where, write

from lint_brieven.letter import BlockKind, PlaceholderKind
from lint_brieven.readers import ReaderError, ReadOptions, read
from lint_brieven.readers.placeholders import classify, stand_in


def read_template(root, name, files, **options):
    write(root, files)
    path = root / name
    return read(str(path), path.read_bytes(), ReadOptions(**options))


def texts(letter):
    return [b.text for b in letter.blocks]


def test_every_if_branch_is_a_variant(tmp_path):
    source = (
        "<p>Beste {{ huurder.naam }},</p>\n"
        "{% if achterstand > 0 %}<p>U heeft een achterstand.</p>\n"
        "{% elif tegoed %}<p>U heeft een tegoed.</p>\n"
        "{% else %}<p>Alles is betaald.</p>{% endif %}\n"
    )
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    assert [texts(x)[1] for x in result.letters] == [
        "U heeft een achterstand.",
        "U heeft een tegoed.",
        "Alles is betaald.",
    ]
    assert result.letters[0].variant == "regel 2 {% if %}"
    assert "elif" in result.letters[1].variant
    assert result.notices == []


def test_if_without_else_also_yields_the_letter_without_it(tmp_path):
    source = "<p>Hallo.</p>{% if x %}<p>Extra.</p>{% endif %}"
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    assert [texts(x) for x in result.letters] == [["Hallo.", "Extra."], ["Hallo."]]


def test_positions_map_to_template_line_and_column(tmp_path):
    source = (
        "{# kop #}\n<p>Beste {{ huurder.naam }},</p>\n"
        "{% if x %}<p>Wij sturen   u middels\n   deze brief.</p>{% endif %}\n"
    )
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    block = result.letters[0].blocks[1]
    assert block.text == "Wij sturen u middels deze brief."
    assert where(block, "middels") == at(source, "middels")
    assert where(block, "deze") == at(source, "deze")


def test_placeholders_are_stand_ins_with_kinds_and_map_to_the_tag(tmp_path):
    source = "<p>Op {{ afspraak.datum|datum }} betaalt {{ huurder.naam }} {{ bedrag }}.</p>"
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    block = result.letters[0].blocks[0]
    tags = {s.src_start: s.placeholder for s in block.content.segments if s.placeholder}
    kinds = [p.kind for p in tags.values()]
    assert kinds == [PlaceholderKind.DATE, PlaceholderKind.NAME, PlaceholderKind.AMOUNT]
    assert "{{" not in block.text
    first = next(s for s in block.content.segments if s.placeholder)
    assert first.placeholder.source == "{{ afspraak.datum|datum }}"
    span = block.content.span(first.start, first.end)
    assert (span.line, span.column) == (1, 7)
    assert span.end_column == 7 + len("{{ afspraak.datum|datum }}")


def test_extends_blocks_super_include_and_macros(tmp_path):
    files = {
        "gedeeld/basis.html.j2": (
            "<p>Woonstichting</p>{% block inhoud %}<p>Standaard.</p>{% endblock %}"
            '{% include "gedeeld/contact.html.j2" %}'
        ),
        "gedeeld/contact.html.j2": "<p>Bel ons op {{ telefoon }}.</p>",
        "gedeeld/macros.html.j2": "{% macro groet(naam) %}<p>Groet, {{ naam }}.</p>{% endmacro %}",
        "brieven/b.html.j2": (
            '{% extends "gedeeld/basis.html.j2" %}\n'
            '{% import "gedeeld/macros.html.j2" as m %}\n'
            "{% block inhoud %}<p>Eigen tekst.</p>{{ super() }}{{ m.groet(x) }}{% endblock %}"
        ),
    }
    result = read_template(tmp_path, "brieven/b.html.j2", files, template_paths=(tmp_path,))
    letter = result.letters[0]
    assert texts(letter) == [
        "Woonstichting",
        "Eigen tekst.",
        "Standaard.",
        "Groet, Jansen.",
        "Bel ons op 030 123 45 67.",
    ]
    paths = [b.content.span(0, 1).source.path for b in letter.blocks]
    assert paths[0].endswith("basis.html.j2")
    assert paths[1].endswith("b.html.j2")
    assert paths[3].endswith("macros.html.j2")
    assert paths[4].endswith("contact.html.j2")


def test_from_import_call_block_set_block_and_for_else(tmp_path):
    files = {
        "m.j2": "{% macro kader() %}<div>{{ caller() }}</div>{% endmacro %}",
        "b.html.j2": (
            '{% from "m.j2" import kader as k %}'
            "{% set slot %}Tot ziens.{% endset %}"
            "{% call k() %}Binnen het kader.{% endcall %}"
            "<ul>{% for w in werk %}<li>{{ w }}</li>{% else %}<li>Geen werk.</li>{% endfor %}</ul>"
            "<p>{{ slot }}</p>"
        ),
    }
    result = read_template(tmp_path, "b.html.j2", files)
    assert [texts(x) for x in result.letters] == [
        ["Binnen het kader.", "Xxx", "Tot ziens."],
        ["Binnen het kader.", "Geen werk.", "Tot ziens."],
    ]
    assert result.letters[0].blocks[1].kind == BlockKind.LIST_ITEM


def test_variant_cap_covers_every_branch_and_is_reported(tmp_path):
    source = "".join(f"{{% if a{i} %}}<p>Tak {i}.</p>{{% endif %}}" for i in range(8))
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source}, max_variants=4)
    assert len(result.letters) <= 4
    seen = {t for letter in result.letters for t in texts(letter)}
    assert seen == {f"Tak {i}." for i in range(8)}
    assert len(result.notices) == 1 and "256" in result.notices[0]


def test_template_is_never_rendered(tmp_path):
    source = "{% set x = 1 / 0 %}<p>{{ undefined_function()|unknown_filter }} hallo.</p>"
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    assert texts(result.letters[0]) == ["Xxx hallo."]


def test_markup_from_inner_extension(tmp_path):
    files = {
        "b.md.j2": "# Kop\n\n- {{ punt }}\n",
        "b.txt.j2": "Beste {{ naam }},\n\nWij komen.\n",
    }
    md = read_template(tmp_path, "b.md.j2", files).letters[0]
    assert [(b.kind, b.text) for b in md.blocks] == [
        (BlockKind.HEADING, "Kop"),
        (BlockKind.LIST_ITEM, "Xxx"),
    ]
    txt = read_template(tmp_path, "b.txt.j2", files).letters[0]
    assert texts(txt) == ["Beste Jansen,", "Wij komen."]


def test_syntax_error_names_the_line(tmp_path):
    with pytest.raises(ReaderError) as exc:
        read_template(tmp_path, "b.html.j2", {"b.html.j2": "<p>a</p>\n<p>{% if x %}b</p>\n"})
    assert exc.value.line == 2 or exc.value.line == 3
    assert "Sjabloonfout" in exc.value.message


def test_missing_include_names_template_and_line(tmp_path):
    source = "<p>Hallo.</p>\n\n{% include 'gedeeld/weg.html.j2' %}"
    with pytest.raises(ReaderError) as exc:
        read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    assert exc.value.line == 3
    assert "gedeeld/weg.html.j2" in exc.value.message and "niet gevonden" in exc.value.message


def test_ignore_missing_include_is_fine(tmp_path):
    source = "<p>Hallo.</p>{% include 'weg.j2' ignore missing %}"
    result = read_template(tmp_path, "b.html.j2", {"b.html.j2": source})
    assert texts(result.letters[0]) == ["Hallo."]


def test_include_cycle_is_an_error(tmp_path):
    files = {
        "a.html.j2": "<p>A</p>{% include 'b.j2' %}",
        "b.j2": "<p>B</p>{% include 'a.html.j2' %}",
    }
    with pytest.raises(ReaderError, match="kringverwijzing"):
        read_template(tmp_path, "a.html.j2", files)


def test_non_utf8_template_names_line(tmp_path):
    write(tmp_path, {"b.html.j2": b"<p>Hallo</p>\n<p>Caf\xe9</p>\n"})
    with pytest.raises(ReaderError) as exc:
        read(str(tmp_path / "b.html.j2"), (tmp_path / "b.html.j2").read_bytes(), ReadOptions())
    assert exc.value.line == 2


def test_branch_labels_name_other_templates(tmp_path):
    files = {
        "basis.html.j2": "{% if kop %}<p>Kop.</p>{% endif %}{% block b %}{% endblock %}",
        "b.html.j2": '{% extends "basis.html.j2" %}{% block b %}\n{% if x %}<p>X.</p>{% endif %}'
        "{% endblock %}",
    }
    result = read_template(tmp_path, "b.html.j2", files)
    assert result.letters[0].variant == "basis.html.j2 regel 1 {% if %}, regel 2 {% if %}"


@pytest.mark.parametrize(
    ("names", "filters", "kind", "word"),
    [
        (["huur", "percentage"], [], PlaceholderKind.NUMBER, "3"),
        (["huur", "peiljaar"], [], PlaceholderKind.DATE, "2026"),
        (["huurder", "huur"], [], PlaceholderKind.AMOUNT, "€ 100"),  # "huur" is not "uur"
        (["afspraak", "tijd_van"], ["tijd"], PlaceholderKind.TIME, "10.00 uur"),
        (["a", "straat"], [], PlaceholderKind.ADDRESS, "Dorpsstraat"),
        (["a", "huisnummer"], [], PlaceholderKind.ADDRESS, "1"),
        (["a", "postcode"], [], PlaceholderKind.ADDRESS, "1234 AB"),
        (["a", "woonplaats"], [], PlaceholderKind.ADDRESS, "Utrecht"),
        (["woning", "adres"], [], PlaceholderKind.ADDRESS, "Dorpsstraat 1"),
    ],
)
def test_placeholder_kind_and_stand_in(names, filters, kind, word):
    assert classify(names, filters) == kind
    assert stand_in(kind, names) == word


def test_an_address_macro_reads_as_one_address(tmp_path):
    files = {
        "b.html.j2": (
            "{% macro adres(a) %}{{ a.straat }} {{ a.huisnummer }} in {{ a.plaats }}"
            "{% endmacro %}<p>Uw woning aan de {{ adres(woning.adres) }} is klaar.</p>"
        )
    }
    block = read_template(tmp_path, "b.html.j2", files).letters[0].blocks[0]
    assert block.text == "Uw woning aan de Dorpsstraat 1 in Utrecht is klaar."


def test_positions_in_every_template_a_letter_reads(tmp_path):
    # each template is lexed once, by its parse; the offsets of its text and {{ }} tags are
    # read from those tokens, also when the parse of one template loads others
    files = {
        "gedeeld/contact.html.j2": "{# voet #}\n<p>Bel   ons op {{ telefoon }} of\n mail ons.</p>",
        "gedeeld/macros.html.j2": (
            "{% macro groet(naam) %}\n<p>Met groet,   {{ naam }} namens ons.</p>{% endmacro %}"
        ),
        "b.html.j2": (
            '{% import "gedeeld/macros.html.j2" as m %}\n<p>Beste {{ huurder.naam }},</p>\n'
            "<p>Wij sturen   u\n deze brief.</p>{{ m.groet(x) }}\n"
            '{% include "gedeeld/contact.html.j2" %}'
        ),
    }
    result = read_template(tmp_path, "b.html.j2", files, template_paths=(tmp_path,))
    blocks = result.letters[0].blocks
    assert texts(result.letters[0])[1:] == [
        "Wij sturen u deze brief.",
        "Met groet, Jansen namens ons.",
        "Bel ons op 030 123 45 67 of mail ons.",
    ]
    assert where(blocks[1], "deze") == at(files["b.html.j2"], "deze")
    assert where(blocks[2], "namens") == at(files["gedeeld/macros.html.j2"], "namens")
    assert where(blocks[3], "mail") == at(files["gedeeld/contact.html.j2"], "mail")


def test_an_error_of_the_lexer_in_an_included_template_names_it(tmp_path):
    files = {
        "gedeeld/kapot.html.j2": "<p>Hallo.</p>\n{# nooit gesloten\n",
        "b.html.j2": '<p>Beste lezer,</p>\n{% include "gedeeld/kapot.html.j2" %}',
    }
    with pytest.raises(ReaderError) as exc:
        read_template(tmp_path, "b.html.j2", files, template_paths=(tmp_path,))
    assert "Sjabloonfout" in exc.value.message
    assert exc.value.path.endswith("kapot.html.j2")
