"""Plain letters (.txt, .md, .html): blocks, structure and exact positions; bad input."""

from __future__ import annotations

import pytest
from lintkit import at, where

from lint_brieven.letter import BlockKind
from lint_brieven.readers import ReaderError, ReadOptions, kind_of, read


def blocks(name: str, text: str):
    return read(name, text.encode("utf-8"), ReadOptions()).letters[0].blocks


def test_kinds_by_extension():
    options = ReadOptions()
    assert kind_of("a.docx", options) == "docx"
    assert kind_of("a.html.j2", options) == "jinja"
    assert kind_of("a.jinja2", options) == "jinja"
    assert kind_of("a.md", options) == "markdown"
    assert kind_of("a.HTM", options) == "html"
    assert kind_of("a.txt", options) == "plain"
    assert kind_of("a.pdf", options) is None
    assert kind_of("a.tpl", ReadOptions(template_suffixes=(".tpl",))) == "jinja"


def test_txt_paragraphs_lists_and_positions():
    text = (
        "Beste heer Jansen,\n\nWij komen op maandag\nlangs om de kraan te maken.\n\n"
        "1. Zet de kraan dicht.\n2. Bel ons als het lekt.\n"
    )
    b = blocks("brief.txt", text)
    assert [x.text for x in b] == [
        "Beste heer Jansen,",
        "Wij komen op maandag langs om de kraan te maken.",
        "Zet de kraan dicht.",
        "Bel ons als het lekt.",
    ]
    assert [x.kind for x in b[2:]] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]
    assert b[2].number == "1."
    assert where(b[1], "kraan") == at(text, "kraan te")[:3] + (at(text, "kraan te")[1] + 5,)
    assert where(b[3], "lekt") == at(text, "lekt")


def test_txt_keeps_line_break_before_capital_as_boundary():
    b = blocks("brief.txt", "Met vriendelijke groet\nWoonstichting De Linde\n")
    assert b[0].text == "Met vriendelijke groet\nWoonstichting De Linde"


def test_markdown_headings_lists_and_inline_markup():
    text = "# Uw **reparatie**\n\nBeste [meneer](https://x.nl) Jansen,\n\n- eerste *punt*\n"
    b = blocks("brief.md", text)
    assert [(x.kind, x.text) for x in b] == [
        (BlockKind.HEADING, "Uw reparatie"),
        (BlockKind.PARAGRAPH, "Beste meneer Jansen,"),
        (BlockKind.LIST_ITEM, "eerste punt"),
    ]
    assert where(b[0], "reparatie") == at(text, "reparatie")
    assert where(b[1], "Jansen") == at(text, "Jansen")


def test_html_blocks_entities_and_positions():
    text = (
        "<h1>Uw reparatie</h1>\n<p>Wij komen &amp; gaan\n   morgen.<br>Tot dan.</p>"
        "<ol><li>Eén</li><li>Twee</li></ol><table><tr><td>Huur</td></tr></table>"
        "<script>var x = 'middels';</script>"
    )
    b = blocks("brief.html", text)
    assert [(x.kind, x.text) for x in b] == [
        (BlockKind.HEADING, "Uw reparatie"),
        (BlockKind.PARAGRAPH, "Wij komen & gaan morgen."),
        (BlockKind.PARAGRAPH, "Tot dan."),
        (BlockKind.LIST_ITEM, "Eén"),
        (BlockKind.LIST_ITEM, "Twee"),
        (BlockKind.TABLE_CELL, "Huur"),
    ]
    assert [x.number for x in b[3:5]] == ["1.", "2."]
    assert where(b[1], "morgen") == at(text, "morgen") == (3, 4, 3, 10)
    assert where(b[1], "&") == at(text, "&amp;")  # the whole entity


@pytest.mark.parametrize(
    ("name", "data", "words", "line"),
    [
        ("leeg.txt", b"", "leeg", None),
        ("spaties.md", b"  \n\n  ", "leeg", None),
        ("latin1.txt", "Beste heer,\nUw huur is €\n".encode("cp1252"), "UTF-8", 2),
        ("brief.pdf", b"%PDF-1.4", "bestandstype", None),
    ],
)
def test_bad_text_input_is_a_dutch_error(name, data, words, line):
    with pytest.raises(ReaderError) as exc:
        read(name, data, ReadOptions())
    assert words in exc.value.message
    assert exc.value.line == line


def test_utf8_bom_and_crlf_are_accepted():
    b = blocks("brief.txt", "\ufeffBeste heer,\r\n\r\nWij komen.\r\n")
    assert [x.text for x in b] == ["Beste heer,", "Wij komen."]
    assert where(b[1], "komen") == (3, 5, 3, 10)  # the BOM is not a column
