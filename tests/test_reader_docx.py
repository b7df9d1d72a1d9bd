"""Word letters (.docx): reading order, structure, positions, Jinja tags, comments, bad input."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx.oxml import parse_xml
from docx_factory import (
    add_alternate_text_box,
    add_runs,
    add_vml_text_box,
    entries,
    merge_down,
    new_document,
    to_bytes,
    with_entry,
    with_lying_size,
    with_zero_entry,
    zip_bytes,
)
from lintkit import where

from lint_brieven.letter import BlockKind, PlaceholderKind, ReadResult
from lint_brieven.readers import ReaderError, ReadOptions, read
from lint_brieven.readers import docx as docx_reader

BOLD = {"bold": True}
ITALIC = {"italic": True}


def read_docx(data: bytes, options: ReadOptions | None = None) -> ReadResult:
    return read("brief.docx", data, options or ReadOptions())


def lines(result: ReadResult) -> list[str]:
    """The stand-in source, one line per paragraph."""
    return result.sources[0].text.split("\n")


def blocks(result: ReadResult):
    return result.letters[0].blocks


def block(result: ReadResult, text: str):
    matches = [b for b in blocks(result) if text in b.text]
    assert len(matches) == 1, [b.text for b in blocks(result)]
    return matches[0]


# -- reading order and structure ---------------------------------------------------------------


@pytest.fixture(scope="module")
def letter() -> ReadResult:
    document = new_document()
    document.add_heading("Uw huurverhoging", level=1)  # ¶1
    document.add_paragraph("Beste heer Jansen,")  # ¶2
    document.add_paragraph("")  # ¶3
    table = document.add_table(rows=2, cols=2)  # ¶4 .. ¶6
    table.cell(0, 0).text = "Huur nu"
    table.cell(0, 1).text = "Kolom B"
    table.cell(1, 0).text = "Huur straks"
    merge_down(table.cell(0, 1), table.cell(1, 1))
    box = document.add_paragraph("Lees ook het kader.")  # ¶7, its box ¶8
    add_alternate_text_box(box, ["Bel ons gerust."])
    old_box = document.add_paragraph("Oud kader hierna.")  # ¶9, its box ¶10
    add_vml_text_box(old_box, ["Tekst in oud kader."])
    document.add_heading("Wat moet u doen?", level=2)  # ¶11
    document.add_paragraph("Betaal de huur.", style="List Number")  # ¶12
    document.add_paragraph("Bewaar deze brief.", style="List Number")  # ¶13
    document.add_paragraph("Let op de datum.", style="List Bullet")  # ¶14
    document.add_paragraph("Vraag hulp.", style="List Number")  # ¶15
    soft = document.add_paragraph()  # ¶16
    soft.add_run("Met vriendelijke groet,").add_break()
    soft.add_run("Woonstichting De Linde")
    document.add_paragraph("  Slotzin met spaties.")  # ¶17
    document.sections[0].header.paragraphs[0].text = "Woonstichting De Linde"  # ¶18
    document.sections[0].footer.paragraphs[0].text = "Pagina voet"  # ¶19
    return read_docx(to_bytes(document))


def test_one_line_per_paragraph_in_reading_order(letter):
    assert lines(letter) == [
        "Uw huurverhoging",
        "Beste heer Jansen,",
        "",
        "Huur nu",
        "Kolom B",
        "Huur straks",
        "Lees ook het kader.",
        "Bel ons gerust.",
        "Oud kader hierna.",
        "Tekst in oud kader.",
        "Wat moet u doen?",
        "Betaal de huur.",
        "Bewaar deze brief.",
        "Let op de datum.",
        "Vraag hulp.",
        "Met vriendelijke groet,\x0bWoonstichting De Linde",
        "  Slotzin met spaties.",
        "Woonstichting De Linde",
        "Pagina voet",
    ]
    assert letter.sources[0].paragraphs is True
    assert letter.sources[0].path == "brief.docx"


def test_blocks_kinds_and_text(letter):
    got = [(b.kind, b.text) for b in blocks(letter)]
    assert got == [
        (BlockKind.HEADING, "Uw huurverhoging"),
        (BlockKind.PARAGRAPH, "Beste heer Jansen,"),
        (BlockKind.TABLE_CELL, "Huur nu"),
        (BlockKind.TABLE_CELL, "Kolom B"),
        (BlockKind.TABLE_CELL, "Huur straks"),
        (BlockKind.PARAGRAPH, "Lees ook het kader."),
        (BlockKind.TEXT_BOX, "Bel ons gerust."),
        (BlockKind.PARAGRAPH, "Oud kader hierna."),
        (BlockKind.TEXT_BOX, "Tekst in oud kader."),
        (BlockKind.HEADING, "Wat moet u doen?"),
        (BlockKind.LIST_ITEM, "Betaal de huur."),
        (BlockKind.LIST_ITEM, "Bewaar deze brief."),
        (BlockKind.LIST_ITEM, "Let op de datum."),
        (BlockKind.LIST_ITEM, "Vraag hulp."),
        (BlockKind.PARAGRAPH, "Met vriendelijke groet,\nWoonstichting De Linde"),
        (BlockKind.PARAGRAPH, "Slotzin met spaties."),
        (BlockKind.HEADER, "Woonstichting De Linde"),
        (BlockKind.FOOTER, "Pagina voet"),
    ]
    assert letter.letters[0].format == "docx"
    assert letter.letters[0].path == "brief.docx"
    assert letter.letters[0].variant is None


def test_headings_take_their_level_from_the_style(letter):
    assert block(letter, "Uw huurverhoging").level == 1
    assert block(letter, "Wat moet u doen?").level == 2


def test_list_numbers_as_word_shows_them(letter):
    items = [b for b in blocks(letter) if b.kind == BlockKind.LIST_ITEM]
    assert [(b.text, b.level, b.number) for b in items] == [
        ("Betaal de huur.", 0, "1."),
        ("Bewaar deze brief.", 0, "2."),
        ("Let op de datum.", 0, "•"),
        ("Vraag hulp.", 0, "3."),  # the same numbered list goes on after the bullet
    ]
    assert all(b.number is None for b in blocks(letter) if b.kind != BlockKind.LIST_ITEM)


def test_text_box_in_alternate_content_is_read_once(letter):
    assert lines(letter).count("Bel ons gerust.") == 1
    assert [b.text for b in blocks(letter)].count("Bel ons gerust.") == 1


def test_vertically_merged_cell_is_read_once(letter):
    assert lines(letter).count("Kolom B") == 1
    assert where(block(letter, "Huur straks"), "straks") == (6, 6, 6, 12)


def test_horizontally_merged_cell_is_read_once():
    document = new_document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Samen"
    table.cell(1, 0).text = "Links"
    table.cell(1, 1).text = "Rechts"
    table.cell(0, 0).merge(table.cell(0, 1))
    document.add_paragraph("Na de tabel.")
    result = read_docx(to_bytes(document))
    assert lines(result) == ["Samen", "Links", "Rechts", "Na de tabel."]
    assert [b.kind for b in blocks(result)] == [BlockKind.TABLE_CELL] * 3 + [BlockKind.PARAGRAPH]
    assert where(block(result, "Na de tabel."), "tabel") == (4, 7, 4, 12)


def test_python_docx_vertical_merge_is_read_once():
    document = new_document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Boven"
    table.cell(1, 0).text = "Onder"
    table.cell(0, 1).text = "Rechts"
    table.cell(0, 0).merge(table.cell(1, 0))
    result = read_docx(to_bytes(document))
    # the merged cell holds both paragraphs; the empty cell under "Rechts" is the last line
    assert lines(result) == ["Boven", "Onder", "Rechts", ""]


def test_soft_line_break_stays_in_one_paragraph(letter):
    soft = block(letter, "groet")
    assert soft.text == "Met vriendelijke groet,\nWoonstichting De Linde"
    assert where(soft, "groet") == (16, 18, 16, 23)
    assert where(soft, "Linde") == (16, 42, 16, 47)
    assert letter.runs[16] == ((0, 0, 24), (1, 24, 46))


def test_each_header_and_footer_once():
    document = new_document()
    document.add_paragraph("Eerste deel.")
    document.sections[0].header.paragraphs[0].text = "Kop"
    document.sections[0].footer.paragraphs[0].text = "Voet"
    document.add_section()  # its header and footer link to the previous section's
    document.add_paragraph("Tweede deel.")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Eerste kop"
    result = read_docx(to_bytes(document))
    assert lines(result) == ["Eerste deel.", "", "Tweede deel.", "Eerste kop", "Kop", "Voet"]
    assert [b.kind for b in blocks(result)][-3:] == [
        BlockKind.HEADER,
        BlockKind.HEADER,
        BlockKind.FOOTER,
    ]


# -- positions and runs ----------------------------------------------------------------------


def test_span_is_paragraph_and_character(letter):
    assert where(block(letter, "Beste"), "Jansen") == (2, 12, 2, 18)
    assert where(block(letter, "Bewaar"), "brief") == (13, 13, 13, 18)
    assert where(block(letter, "Bel ons"), "gerust") == (8, 9, 8, 15)
    assert where(block(letter, "Pagina"), "voet") == (19, 8, 19, 12)
    header = blocks(letter)[-2]
    assert where(header, "Linde") == (18, 18, 18, 23)


def test_span_counts_stripped_leading_spaces(letter):
    slot = block(letter, "Slotzin")
    assert slot.text == "Slotzin met spaties."
    assert where(slot, "Slotzin") == (17, 3, 17, 10)
    assert where(slot, "spaties") == (17, 15, 17, 22)


def test_span_source_offsets_point_into_the_stand_in_source(letter):
    b = block(letter, "Beste")
    span = b.content.span(6, 10)
    assert letter.sources[0].text[span.src_start : span.src_end] == "heer"
    assert letter.sources[0].line_text(span.line) == "Beste heer Jansen,"


def test_runs_per_paragraph_including_empty_paragraphs(letter):
    assert letter.runs[2] == ((0, 0, 18),)
    assert letter.runs[3] == ()
    assert sorted(letter.runs) == list(range(1, 20))


def test_word_over_two_runs():
    document = new_document()
    paragraph = document.add_paragraph()
    add_runs(paragraph, ["De huur", ("verhoging", BOLD), " gaat in."])
    result = read_docx(to_bytes(document))
    b = blocks(result)[0]
    assert b.text == "De huurverhoging gaat in."
    assert where(b, "huurverhoging") == (1, 4, 1, 17)
    assert result.runs[1] == ((0, 0, 7), (1, 7, 16), (2, 16, 25))
    # the word starts at 3 and ends at 16: in run 0 from 3 and all of run 1
    word = [(i, max(3, s), min(16, e)) for i, s, e in result.runs[1] if s < 16 and e > 3]
    assert word == [(0, 3, 7), (1, 7, 16)]


def test_runs_inside_a_hyperlink_count():
    document = new_document()
    paragraph = document.add_paragraph("Kijk op ")
    paragraph._p.append(
        paragraph._p.makeelement(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink", {}
        )
    )
    link = paragraph._p[-1]
    link.append(paragraph.add_run("onze website")._r)
    paragraph.add_run(" voor meer.")
    result = read_docx(to_bytes(document))
    assert lines(result) == ["Kijk op onze website voor meer."]
    assert result.runs[1] == ((0, 0, 8), (1, 8, 20), (2, 20, 31))


# -- Jinja tags ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> ReadResult:
    document = new_document()
    greeting = document.add_paragraph()  # ¶1
    add_runs(
        greeting,
        [
            "Beste ",
            ("{{ huur", BOLD),
            ("der.na", ITALIC),
            ("am }}", {"bold": True, "italic": True}),
            ",",
        ],
    )
    document.add_paragraph("{%p if achterstand %}")  # ¶2
    amount = document.add_paragraph()  # ¶3
    add_runs(amount, ["U moet ", ("{{ achterstand", BOLD), " }}", " betalen."])
    document.add_paragraph("{%p endif %}")  # ¶4
    document.add_paragraph("Tot ziens.{# interne notitie #}")  # ¶5
    document.add_paragraph("{% if x %}Wel{% else %}Niet{% endif %} zo.")  # ¶6
    return read_docx(to_bytes(document))


def test_split_tag_becomes_a_stand_in(template):
    first = blocks(template)[0]
    assert first.text == "Beste Jansen,"
    assert "{{" not in template.letters[0].text
    assert lines(template)[0] == "Beste {{ huurder.naam }},"
    assert template.runs[1] == ((0, 0, 6), (1, 6, 13), (2, 13, 19), (3, 19, 24), (4, 24, 25))


def test_placeholder_segment_maps_to_the_whole_tag(template):
    first = blocks(template)[0]
    [segment] = first.content.placeholders_in(6, 12)
    assert segment.placeholder is not None
    assert segment.placeholder.source == "{{ huurder.naam }}"
    assert segment.placeholder.kind == PlaceholderKind.NAME
    assert (segment.start, segment.end) == (6, 12)
    assert segment.exact is False
    assert template.sources[0].text[segment.src_start : segment.src_end] == "{{ huurder.naam }}"
    assert where(first, "Jansen") == (1, 7, 1, 25)
    assert where(first, ",") == (1, 25, 1, 26)  # the comma after the tag is still exact


def test_amount_tag_over_two_runs(template):
    b = block(template, "U moet")
    assert b.text == "U moet € 100 betalen."
    [segment] = b.content.placeholders_in(0, len(b.text))
    assert segment.placeholder.kind == PlaceholderKind.AMOUNT
    assert where(b, "betalen") == (3, 26, 3, 33)


def test_control_tags_and_comments_are_not_prose(template):
    assert [b.text for b in blocks(template)] == [
        "Beste Jansen,",
        "U moet € 100 betalen.",
        "Tot ziens.",
        "Wel\nNiet zo.",  # inline branches kept apart as lines
    ]
    assert all("{%" not in b.text and "{#" not in b.text for b in blocks(template))
    # the tag paragraphs still count as paragraphs
    assert lines(template)[1] == "{%p if achterstand %}"
    assert where(block(template, "Tot ziens"), "ziens") == (5, 5, 5, 10)
    assert where(block(template, "zo."), "zo") == (6, 40, 6, 42)


# -- comments --------------------------------------------------------------------------------


def test_word_comment_suppresses_its_paragraph():
    document = new_document()
    document.add_paragraph("Eerste alinea.")
    document.add_paragraph("")
    target = document.add_paragraph()
    runs = add_runs(target, ["Deze zin ", ("mag lang zijn.", BOLD)])
    document.add_comment(runs, text="lint-brieven: disable=LB101", author="Redactie")
    other = document.add_paragraph("Gewone opmerking hier.")
    document.add_comment(other.runs, text="Mooi geschreven!", author="Redactie")
    result = read_docx(to_bytes(document))
    [suppression] = result.suppressions
    assert suppression.codes == frozenset({"LB101"})
    assert (suppression.first_line, suppression.last_line) == (3, 3)
    assert (suppression.line, suppression.column) == (3, 1)
    assert suppression.paragraphs is True
    assert suppression.path == "brief.docx"
    assert suppression.comment == "lint-brieven: disable=LB101"
    assert suppression.covers("brief.docx", 3, "LB101")
    assert not suppression.covers("brief.docx", 4, "LB101")
    assert not suppression.covers("brief.docx", 3, "LB102")


def test_comment_with_several_codes_in_a_table_cell():
    document = new_document()
    document.add_paragraph("Boven de tabel.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Links"
    table.cell(0, 1).text = "Rechts"
    cell_run = table.cell(0, 1).paragraphs[0].runs[0]
    document.add_comment(cell_run, text="lint-brieven: disable=lb101, LB305", author="x")
    result = read_docx(to_bytes(document))
    [suppression] = result.suppressions
    assert suppression.codes == frozenset({"LB101", "LB305"})
    assert suppression.first_line == suppression.last_line == 3


def test_ordinary_comments_suppress_nothing():
    document = new_document()
    paragraph = document.add_paragraph("Een zin.")
    document.add_comment(
        paragraph.runs, text="Graag korter: lint-brieven: disable=LB101", author="x"
    )
    document.add_comment(paragraph.runs, text="Klopt dit bedrag?", author="x")
    result = read_docx(to_bytes(document))
    assert result.suppressions == []


def test_no_comments_no_suppressions(letter):
    assert letter.suppressions == []


# -- bad input -------------------------------------------------------------------------------


def simple_docx(text: str = "Beste heer Jansen, wij verhogen de huur.") -> bytes:
    document = new_document()
    document.add_paragraph(text)
    return to_bytes(document)


def refused(data: bytes, options: ReadOptions | None = None) -> str:
    with pytest.raises(ReaderError) as info:
        read_docx(data, options)
    assert info.value.message == str(info.value)
    return info.value.message


def document_xml(data: bytes) -> str:
    return entries(data)["word/document.xml"].decode("utf-8")


def test_corrupt_zip():
    assert "beschadigd" in refused(b"PK\x03\x04 dit is geen zip" * 20)
    assert "beschadigd" in refused(b"Beste heer Jansen,\n")


def test_truncated_docx():
    data = simple_docx()
    message = refused(data[: len(data) // 2])
    assert "onvolledig" in message


def damaged_deflate() -> bytes:
    """A package whose central directory is fine but whose document.xml data is garbled."""
    data = simple_docx("Hallo wereld. " * 200)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(data)
    for i in range(start + 10, start + 60):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def encrypted_entry() -> bytes:
    """A package that marks document.xml as encrypted (zipfile wants a password)."""
    data = bytearray(simple_docx())
    pos = data.find(b"PK\x01\x02")
    while data[pos + 46 : pos + 46 + 17] != b"word/document.xml":
        pos = data.find(b"PK\x01\x02", pos + 1)
    data[pos + 8] |= 0x01
    return bytes(data)


def test_damaged_deflate_data():
    message = refused(damaged_deflate())
    assert "beschadigd" in message
    assert "word/document.xml" in message


def test_encrypted_entry():
    assert "uitgepakt" in refused(encrypted_entry())


def test_zip_bomb_over_a_small_limit():
    document = new_document()
    for _ in range(10):  # paragraphs below the block limit; document.xml is the largest part
        document.add_paragraph("Wij verhogen de huur. " * 3_000)
    data = to_bytes(document)
    size = len(document_xml(data).encode())
    message = refused(data, ReadOptions(max_docx_entry_bytes=size - 1))
    assert "zip-bom" in message
    assert "word/document.xml" in message
    assert f"grens {size - 1:,}".replace(",", ".") in message
    # just at the limit is fine
    assert blocks(read_docx(data, ReadOptions(max_docx_entry_bytes=size)))


def test_zip_bomb_with_the_default_limit():
    data = with_zero_entry(simple_docx(), "word/media/nullen.bin", 60 * 1024 * 1024)
    assert len(data) < 1024 * 1024  # tiny on disk
    message = refused(data)
    assert "zip-bom" in message
    assert "word/media/nullen.bin" in message
    assert "62.914.560 bytes" in message


def test_zip_bomb_over_the_total_limit():
    data = with_zero_entry(simple_docx(), "word/media/a.bin", 600_000)
    data = with_zero_entry(data, "word/media/b.bin", 600_000)
    message = refused(data, ReadOptions(max_docx_total_bytes=1_000_000))
    assert "zip-bom" in message
    assert "samen" in message


def test_entry_that_lies_about_its_size():
    data = with_lying_size(simple_docx(), "word/document.xml", 100)
    assert "beschadigd" in refused(data)


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>'
)


def with_doctype(data: bytes) -> str:
    xml = document_xml(data)
    declaration, rest = xml.split("?>", 1)
    return declaration + "?>" + BILLION_LAUGHS + rest.replace("Beste heer", "&lol2;")


def test_doctype_and_entities_are_refused():
    data = simple_docx()
    message = refused(with_entry(data, "word/document.xml", with_doctype(data).encode()))
    assert "DOCTYPE" in message
    assert "geweigerd" in message


def test_doctype_in_utf16_is_refused():
    data = simple_docx()
    xml = with_doctype(data).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    message = refused(with_entry(data, "word/document.xml", xml.encode("utf-16")))
    assert "DOCTYPE" in message


def test_entity_in_another_part_is_refused():
    data = simple_docx()
    styles = entries(data)["word/styles.xml"].decode()
    declaration, rest = styles.split("?>", 1)
    evil = declaration + '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rest
    message = refused(with_entry(data, "word/styles.xml", evil.encode()))
    assert "word/styles.xml" in message


def test_zip_that_is_not_a_word_document():
    message = refused(zip_bytes({"mimetype": b"application/zip", "inhoud.txt": b"Hallo"}))
    assert "geen Word-document" in message
    assert "word/document.xml" in message


def test_document_xml_that_is_no_xml():
    data = with_entry(simple_docx(), "word/document.xml", b"dit is geen xml")
    assert "kan niet worden gelezen" in refused(data)


def test_docx_without_text():
    document = new_document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    assert "geen tekst" in refused(to_bytes(document))


def test_empty_file():
    assert "leeg" in refused(b"")


def test_header_without_its_part():
    document = new_document()
    document.add_paragraph("Tekst.")
    document.sections[0].header.paragraphs[0].text = "Kop"
    data = to_bytes(document)
    rels = entries(data)["word/_rels/document.xml.rels"].decode()
    start = rels.rfind("<Relationship ", 0, rels.index("/header"))
    end = rels.index("/>", start) + 2
    data = with_entry(data, "word/_rels/document.xml.rels", (rels[:start] + rels[end:]).encode())
    assert "beschadigd" in refused(data)


def test_list_level_that_is_no_number():
    document = new_document()
    document.add_paragraph("Een punt.", style="List Number")
    data = to_bytes(document)
    xml = document_xml(data).replace(
        '<w:pStyle w:val="ListNumber"/>',
        '<w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="x"/><w:numId w:val="5"/></w:numPr>',
    )
    assert "beschadigd" in refused(with_entry(data, "word/document.xml", xml.encode()))


def test_merge_continuing_in_the_first_row_is_read():
    document = new_document()
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Boven"
    table.cell(1, 0).text = "Onder"
    # broken, yet Word opens it: the first row "continues" a cell above it that is not there
    merge_down(table.cell(1, 0), table.cell(0, 0))
    assert lines(read_docx(to_bytes(document))) == ["Boven", "Onder"]


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# name: (bytes, options, a Dutch word the message must hold)
BAD_INPUTS = {
    "corrupt zip": (lambda: b"PK\x03\x04" + bytes(range(256)) * 4, {}, "beschadigd"),
    "truncated": (lambda: half(simple_docx()), {}, "onvolledig"),
    "damaged deflate": (damaged_deflate, {}, "beschadigd"),
    "encrypted entry": (encrypted_entry, {}, "uitgepakt"),
    "zip bomb, small limit": (simple_docx, {"max_docx_entry_bytes": 500}, "zip-bom"),
    "zip bomb, lying size": (
        lambda: with_lying_size(simple_docx(), "word/document.xml", 100),
        {},
        "beschadigd",
    ),
    "doctype": (
        lambda: with_entry(
            simple_docx(), "word/document.xml", with_doctype(simple_docx()).encode()
        ),
        {},
        "geweigerd",
    ),
    "not word": (lambda: zip_bytes({"a.txt": b"x"}), {}, "geen Word-document"),
    "no text": (lambda: to_bytes(new_document()), {}, "geen tekst"),
    "no xml": (
        lambda: with_entry(simple_docx(), "word/document.xml", b"<w:document"),
        {},
        "kan niet worden gelezen",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_read_only_ever_raises_reader_error(name):
    make, settings, word = BAD_INPUTS[name]
    data, options = make(), ReadOptions(**settings)
    for reader in (read, docx_reader.read):  # the dispatcher and the DOCX reader itself
        try:
            reader("brief.docx", data, options)
        except ReaderError as exc:
            assert word in exc.message
            assert exc.line is None
            assert exc.path is None
        except Exception as exc:  # the point: nothing but ReaderError
            pytest.fail(f"{name}: {type(exc).__name__}: {exc}")
        else:
            pytest.fail(f"{name}: no ReaderError")


# -- purity ----------------------------------------------------------------------------------


def test_read_does_not_change_its_input():
    document = new_document()
    paragraph = document.add_paragraph()
    add_runs(paragraph, ["Beste ", ("{{ huurder.naam }}", BOLD), ","])
    data = to_bytes(document)
    before = bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    first = read_docx(data)
    second = read_docx(data)
    assert data == before
    assert hashlib.sha256(data).hexdigest() == digest
    assert first.letters == second.letters
    assert first.runs == second.runs
    assert "word/comments.xml" not in entries(data)  # python-docx added one only in memory


def test_runs_in_content_controls_and_tracked_insertions_are_read():
    document = new_document()
    paragraph = document.add_paragraph()
    add_runs(paragraph, ["Wij sturen u "])
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:r><w:t>{{{{ brief }}}}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="x"><w:r><w:t xml:space="preserve"> middels'
            "</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="x"><w:r><w:delText> weg</w:delText></w:r></w:del>'
        )
    )
    add_runs(paragraph, [" de post."])
    b = blocks(read_docx(to_bytes(document)))[0]
    assert b.text == "Wij sturen u Xxx middels de post."
