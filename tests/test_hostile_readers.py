"""Hostile and odd input for the readers, through the command line users run (issue 13).

Every case builds its bad file itself, small and fast, and runs ``check`` on it together with
a good letter: the bad file gets exactly one Dutch error line and exit code 2, the good letter
is still checked (its finding is printed), and no traceback reaches the user.
"""

from __future__ import annotations

import codecs
import io
import os
import struct
import zipfile
import zlib

import pytest
from docx_factory import entries, new_document, to_bytes, with_entry, zip_bytes
from lintkit import write

from lint_brieven import nlp
from lint_brieven.cli import main
from lint_brieven.nlp.segmenter import MAX_SENTENCE_TOKENS
from lint_brieven.readers import jinja as jinja_reader
from lint_brieven.readers import limits, template_loader

GOOD = "Wij verzoeken u middels dit formulier uw gegevens te retourneren.\n"
GOOD_FINDING = "goed.txt:1:17: LB101 "
CONTENT_TYPES = "[Content_Types].xml"


pytestmark = pytest.mark.usefixtures("in_tmp")


def check(capsys, *paths: str) -> tuple[int, str]:
    code = main(["check", *paths])
    out, err = capsys.readouterr()
    return code, out + err


def refused(capsys, tmp_path, name: str, data: bytes | str, absent: str = "Traceback") -> str:
    """Check ``name`` (holding ``data``) with a good letter; the one error line for ``name``.
    ``absent`` must not appear anywhere in the output."""
    write(tmp_path, {name: data, "goed.txt": GOOD})
    code, output = check(capsys, name, "goed.txt")
    assert "Traceback" not in output
    assert absent not in output
    assert code == 2, output
    errors = [line for line in output.splitlines() if ": fout: " in line]
    assert len(errors) == 1, output
    assert errors[0].startswith(f"{name}:"), output
    assert any(line.startswith(GOOD_FINDING) for line in output.splitlines()), output
    return errors[0]


def simple_docx(text: str = "Beste heer Jansen, wij verhogen de huur.") -> bytes:
    document = new_document()
    document.add_paragraph(text)
    return to_bytes(document)


# -- Word packages ----------------------------------------------------------------------------


def with_lying_entry(data: bytes, name: str, real_size: int, stated_size: int) -> bytes:
    """The package plus entry ``name`` of ``real_size`` zero bytes whose local header and
    central directory both state ``stated_size`` bytes, with the checksum of that many zeros:
    zipfile itself would stop after ``stated_size`` bytes and find nothing wrong."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr(name, bytes(real_size))
    out = bytearray(buffer.getvalue())
    crc = zlib.crc32(bytes(stated_size))
    info = zipfile.ZipFile(io.BytesIO(bytes(out))).getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 14, crc)
    struct.pack_into("<I", out, info.header_offset + 22, stated_size)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_length]) == name.encode():
            struct.pack_into("<I", out, central + 16, crc)
            struct.pack_into("<I", out, central + 24, stated_size)
            return bytes(out)
        central = out.find(b"PK\x01\x02", central + 46)
    raise KeyError(name)


def test_entry_lying_about_its_size_is_refused_by_the_bytes_inflated(tmp_path, capsys):
    size = 50 * 1024 * 1024 + 1  # one byte over the entry limit
    data = with_lying_entry(simple_docx(), "word/media/nullen.bin", size, 100)
    assert len(data) < 200_000
    header = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/media/nullen.bin")
    assert header.file_size == 100  # what the zip claims
    error = refused(capsys, tmp_path, "bom.docx", data)
    assert "zip-bom" in error
    assert "word/media/nullen.bin" in error
    assert "meer dan 52.428.800" in error


def test_entry_lying_about_its_size_below_the_limit_is_damaged(tmp_path, capsys):
    data = with_lying_entry(simple_docx(), "word/media/nullen.bin", 200_000, 100)
    error = refused(capsys, tmp_path, "kapot.docx", data)
    assert "beschadigd" in error
    assert "200.000 bytes" in error and "100 bytes" in error


def test_python_docx_never_inflates_the_original_package(tmp_path, capsys, monkeypatch):
    """python-docx gets the rebuilt, uncompressed copy, not the user's bytes."""
    import docx as python_docx

    data = simple_docx("Wij verzoeken u middels dit formulier uw gegevens te retourneren.")
    seen: list[bytes] = []
    original = python_docx.Document

    def spy(stream):
        seen.append(stream.getvalue())
        return original(stream)

    monkeypatch.setattr(python_docx, "Document", spy)
    write(tmp_path, {"brief.docx": data})
    code, output = check(capsys, "brief.docx")
    assert code == 1 and "LB101" in output
    assert len(seen) == 1 and seen[0] != data
    with zipfile.ZipFile(io.BytesIO(seen[0])) as package:
        assert {i.compress_type for i in package.infolist()} == {zipfile.ZIP_STORED}
        assert entries(seen[0]) == entries(data)


def with_content_type(data: bytes, element: str) -> bytes:
    types = entries(data)[CONTENT_TYPES].decode()
    return with_entry(data, CONTENT_TYPES, types.replace("</Types>", element + "</Types>").encode())


DOCTYPE_PART = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
)


@pytest.mark.parametrize(
    "declaration",
    [
        '<Override PartName="/word/extra.bin" ContentType="application/xml"/>',
        '<Default Extension="bin" ContentType="application/vnd.example.gegevens+xml"/>',
    ],
)
def test_doctype_in_a_part_declared_as_xml_by_content_type(tmp_path, capsys, declaration):
    data = with_entry(simple_docx(), "word/extra.bin", DOCTYPE_PART)
    data = with_content_type(data, declaration)
    error = refused(capsys, tmp_path, "xxe.docx", data)
    assert "word/extra.bin" in error
    assert "DOCTYPE" in error and "geweigerd" in error


def test_doctype_in_utf16_without_ascii_markup_is_refused(tmp_path, capsys):
    """UTF-16 big-endian XML with a BOM: the markup bytes are not ASCII in a row."""
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'
    part = codecs.BOM_UTF16_BE + xml.encode("utf-16-be")
    data = with_content_type(
        with_entry(simple_docx(), "word/extra.bin", part),
        '<Override PartName="/word/extra.bin" ContentType="application/xml"/>',
    )
    error = refused(capsys, tmp_path, "xxe16.docx", data)
    assert "DOCTYPE" in error and "word/extra.bin" in error


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def test_doctype_in_a_part_that_is_xml_only_by_its_relationship(tmp_path, capsys):
    """Footnotes in a part declared as binary: python-docx leaves it unparsed, the reader
    parses it, so it gets the same check."""
    document = new_document()
    document.add_paragraph("Beste heer Jansen, zie de voetnoot.")
    files = entries(to_bytes(document))
    body = files["word/document.xml"].decode()
    reference = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    files["word/document.xml"] = body.replace(
        "voetnoot.</w:t></w:r>", "voetnoot.</w:t></w:r>" + reference
    ).encode()
    files["word/noten.bin"] = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Noot &e;.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    relation = f'<Relationship Id="rId99" Type="{FOOTNOTES}" Target="noten.bin"/>'
    files["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", relation + "</Relationships>"
    ).encode()
    data = with_content_type(
        zip_bytes(files),
        '<Override PartName="/word/noten.bin" ContentType="application/octet-stream"/>',
    )
    error = refused(capsys, tmp_path, "noot.docx", data)
    assert "word/noten.bin" in error and "DOCTYPE" in error


MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
PLAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def macro_enabled() -> bytes:
    data = simple_docx()
    types = entries(data)[CONTENT_TYPES].decode()
    assert PLAIN_TYPE in types
    return with_entry(data, CONTENT_TYPES, types.replace(PLAIN_TYPE, MACRO_TYPE).encode())


@pytest.mark.parametrize("name", ["macro.docx", "macro.docm"])
def test_macro_enabled_word_file_is_named(tmp_path, capsys, name):
    error = refused(capsys, tmp_path, name, macro_enabled())
    assert "macro's (.docm)" in error and "sla de brief op als gewoon" in error.lower()
    assert "beschadigd" not in error


def test_docm_in_a_folder_is_skipped_like_other_files_that_are_no_letters(tmp_path, capsys):
    write(tmp_path, {"brieven/macro.docm": macro_enabled(), "brieven/goed.txt": GOOD})
    code, output = check(capsys, "brieven")
    assert code == 1
    assert "macro" not in output and "brieven/goed.txt:1:17: LB101" in output


def ole2(*stream_names: str) -> bytes:
    """The start of an OLE2 compound file with directory entries of the given streams."""
    head = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    directory = b"".join(n.encode("utf-16-le").ljust(128, b"\x00") for n in stream_names)
    return head + directory


@pytest.mark.parametrize(
    ("streams", "words"),
    [
        (("Root Entry", "EncryptionInfo", "EncryptedPackage"), "met een wachtwoord beveiligd"),
        (("Root Entry", "WordDocument", "1Table"), "oud Word-bestand (.doc)"),
        (("Root Entry", "Workbook"), "ouder Office-bestand"),
    ],
)
def test_ole2_file_named_docx(tmp_path, capsys, streams, words):
    error = refused(capsys, tmp_path, "brief.docx", ole2(*streams))
    assert words in error
    assert "beschadigd" not in error


def test_entry_packed_with_bzip2_is_not_inflated(tmp_path, capsys):
    buffer = io.BytesIO(simple_docx())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_BZIP2) as package:
        package.writestr("word/media/plaatje.bin", bytes(1000))
    error = refused(capsys, tmp_path, "bz.docx", buffer.getvalue())
    assert "word/media/plaatje.bin" in error and "methode" in error


def test_missing_part_message_is_dutch_not_python(tmp_path, capsys):
    document = new_document()
    document.add_paragraph("Tekst.")
    document.sections[0].header.paragraphs[0].text = "Kop"
    data = to_bytes(document)
    header = next(n for n in entries(data) if n.startswith("word/header"))
    files = entries(data)
    del files[header]
    error = refused(capsys, tmp_path, "zonder-kop.docx", zip_bytes(files))
    assert header in error and "ontbreekt" in error
    assert "KeyError" not in error and "There is no item" not in error


# -- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Beste heer Jansen,\n".encode("utf-16-le"), "UTF-16-tekst zonder BOM"),
        ("Beste heer Jansen,\n".encode("utf-16-be"), "UTF-16-tekst zonder BOM"),
        ("Beste heer Jansen,\n".encode("utf-16"), "UTF-16-tekst; sla het op als UTF-8"),
        ("Beste heer Jansen,\n".encode("utf-32-le"), "UTF-32-tekst zonder BOM"),
        (bytes(3000), "alleen nul-bytes"),
        (b"Beste heer,\nWij\x00komen.\n", "nul-bytes (0x00)"),
    ],
)
def test_text_that_is_not_utf8(tmp_path, capsys, data, message):
    error = refused(capsys, tmp_path, "brief.txt", data)
    assert message in error
    assert "beschadigd" not in error and "\\x" not in error


def test_nul_only_word_file(tmp_path, capsys):
    error = refused(capsys, tmp_path, "leeg.docx", bytes(5000))
    assert "alleen nul-bytes" in error and "beschadigd" not in error


def test_a_two_megabyte_line_is_refused_with_the_limit(tmp_path, capsys):
    error = refused(capsys, tmp_path, "lang.txt", "woord " * 350_000)
    assert "te lang" in error and f"grens {limits.number(limits.MAX_BLOCK_CHARS)}" in error
    assert "2.099.99" in error  # the length, without the trailing space


def test_a_paragraph_that_is_one_endless_sentence_is_checked(tmp_path, capsys):
    """Just under the block limit, without a full stop: readability's dependency lengths were
    quadratic in the sentence (74 s), and the segmenter in the block (is_sent_start)."""
    text = "woord " * 16_000
    assert len(text) < limits.MAX_BLOCK_CHARS
    write(tmp_path, {"zin.txt": text, "goed.txt": GOOD})
    code, output = check(capsys, "zin.txt", "goed.txt")
    assert code == 1 and ": fout: " not in output and GOOD_FINDING in output
    (doc,) = nlp.parse([text]).values()
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert len(list(doc.sents)) >= len(doc) // MAX_SENTENCE_TOKENS


def test_a_word_paragraph_full_of_unclosed_tags_is_refused(tmp_path, capsys):
    """A regular expression for Jinja tags took minutes here (quadratic in unclosed tags)."""
    error = refused(capsys, tmp_path, "haken.docx", simple_docx("{{ a" * 250_000))
    assert error.startswith("haken.docx:1: fout: Een alinea is te lang")


def test_a_long_paragraph_in_a_template_names_its_line(tmp_path, capsys):
    source = "<p>Beste heer,</p>\n<p>" + "woord " * 20_000 + "</p>\n"
    error = refused(capsys, tmp_path, "lang.html.j2", source)
    assert error.startswith("lang.html.j2:2: fout: Een alinea is te lang")


def test_too_much_text_in_one_file_is_refused_before_analysis(tmp_path, capsys):
    paragraphs = [f"Alinea {i}: wij komen binnenkort langs voor de reparatie." for i in range(9000)]
    text = "\n\n".join(paragraphs)
    assert len(text) > limits.MAX_FILE_TEXT_CHARS
    error = refused(capsys, tmp_path, "boek.txt", text)
    assert f"grens {limits.number(limits.MAX_FILE_TEXT_CHARS)}" in error


def test_too_many_paragraphs_in_one_file_are_refused_before_analysis(tmp_path, capsys):
    error = refused(capsys, tmp_path, "ja.txt", "Ja.\n\n" * (limits.MAX_CHECKED_BLOCKS + 1))
    assert f"te veel alinea's om te controleren: {limits.number(30_001)}" in error


def test_a_large_template_checks_fewer_variants_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(jinja_reader, "MAX_CHECKED_BLOCKS", 100)
    paragraphs = "".join(f"<p>Alinea {i} van de brief.</p>\n" for i in range(30))
    branches = "".join(f"{{% if a{i} %}}<p>Tak {i}.</p>{{% endif %}}\n" for i in range(6))
    write(tmp_path, {"groot.html.j2": paragraphs + branches, "goed.txt": GOOD})
    code, output = check(capsys, "groot.html.j2", "goed.txt")
    assert code == 1 and ": fout: " not in output and GOOD_FINDING in output
    notices = [line for line in output.splitlines() if ": let op: " in line]
    assert len(notices) == 1, output
    assert "kan 64 verschillende brieven opleveren; 2 daarvan zijn gecontroleerd" in notices[0]
    assert "niet elke tak" in notices[0] and "hoogstens 100 alinea's" in notices[0]


# -- templates --------------------------------------------------------------------------------


def fan_out(levels: int) -> str:
    """Macro m0 calls m1 twice, m1 calls m2 twice, …: 2**levels calls."""
    lines = [
        f"{{% macro m{i}() %}}{{{{ m{i + 1}() }}}} {{{{ m{i + 1}() }}}}{{% endmacro %}}"
        for i in range(levels)
    ]
    lines.append(f"{{% macro m{levels}() %}}ja{{% endmacro %}}")
    lines.append("<p>Beste heer, {{ m0() }}</p>")
    return "\n".join(lines) + "\n"


def test_macro_fan_out_hits_the_expansion_budget(tmp_path, capsys):
    error = refused(capsys, tmp_path, "waaier.html.j2", fan_out(18))
    assert f"meer dan {limits.number(limits.MAX_TEMPLATE_PIECES)}" in error
    assert "macro" in error


def test_macro_fan_out_thirty_levels_deep_hits_the_depth_limit(tmp_path, capsys):
    error = refused(capsys, tmp_path, "diep.html.j2", fan_out(30))
    assert "25 lagen" in error


def test_nesting_deeper_than_the_limit_names_the_limit(tmp_path, capsys):
    depth = limits.MAX_TEMPLATE_NESTING + 20
    source = "<p>Hallo.</p>\n" + "{% if a %}x\n" * depth + "{% endif %}" * depth
    error = refused(capsys, tmp_path, "genest.html.j2", source)
    assert f"meer dan {limits.MAX_TEMPLATE_NESTING} lagen" in error
    assert error.startswith("genest.html.j2:") and ":fout" not in error


def test_nesting_too_deep_for_jinja_itself_is_a_dutch_error(tmp_path, capsys):
    source = "{% if a %}x" * 400 + "{% endif %}" * 400
    error = refused(capsys, tmp_path, "heel-diep.html.j2", source)
    assert f"meer dan {limits.MAX_TEMPLATE_NESTING} lagen" in error
    assert "RecursionError" not in error


def test_include_cycle_is_one_error(tmp_path, capsys):
    write(tmp_path, {"b.html.j2": "<p>B.</p>{% include 'a.html.j2' %}"})
    error = refused(capsys, tmp_path, "a.html.j2", "<p>A.</p>{% include 'b.html.j2' %}")
    assert "kringverwijzing" in error


def test_six_hundred_placeholders_are_read_quickly(tmp_path, capsys):
    fields = " ".join(f"{{{{ veld{i} }}}} en" for i in range(600))
    write(tmp_path, {"velden.html.j2": f"<p>Beste heer,</p>\n<p>{fields} klaar.</p>\n"})
    write(tmp_path, {"goed.txt": GOOD})
    code, output = check(capsys, "velden.html.j2", "goed.txt")
    assert "Traceback" not in output and ": fout: " not in output
    assert code == 1 and GOOD_FINDING in output


def test_max_variants_has_a_hard_ceiling(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": "max-variants = 5000\n"})
    source = "<p>Beste heer,</p>\n" + "".join(
        f"{{% if a{i} %}}<p>Tak {i}.</p>{{% endif %}}\n" for i in range(10)
    )
    write(tmp_path, {"takken.html.j2": source, "goed.txt": GOOD})
    code, output = check(capsys, "takken.html.j2", "goed.txt")
    assert "Traceback" not in output and code == 1
    notices = [line for line in output.splitlines() if "let op" in line]
    assert len(notices) == 1, output
    assert "1.024 verschillende brieven" in notices[0]
    assert "1.000, de bovengrens voor max-variants; ingesteld is 5.000" in notices[0]


# -- includes through symbolic links ----------------------------------------------------------


def test_include_through_a_link_leaving_the_folder_is_refused(tmp_path, capsys):
    write(tmp_path, {"geheim/sleutels.html.j2": "<p>Het wachtwoord is hunter2.</p>"})
    (tmp_path / "brieven").mkdir()
    os.symlink(tmp_path / "geheim" / "sleutels.html.j2", tmp_path / "brieven" / "deel.html.j2")
    source = "<p>Beste heer,</p>\n{% include 'deel.html.j2' %}\n"
    error = refused(capsys, tmp_path, "brieven/b.html.j2", source, absent="hunter2")
    assert error.startswith("brieven/b.html.j2:2: fout: ")
    assert "verwijst via een symbolische koppeling naar een bestand buiten de map brieven" in error


def test_include_through_a_link_inside_the_folder_or_template_paths_is_read(tmp_path, capsys):
    write(
        tmp_path,
        {
            "brieven/delen/groet.html.j2": "<p>Wij vragen u middels dit formulier te bellen.</p>",
            "gedeeld/slot.html.j2": "<p>Met vriendelijke groet.</p>",
            "lint-brieven.toml": 'template-paths = ["gedeeld"]\n',
        },
    )
    os.symlink("delen/groet.html.j2", tmp_path / "brieven" / "groet.html.j2")
    os.symlink(tmp_path / "gedeeld" / "slot.html.j2", tmp_path / "brieven" / "slot.html.j2")
    write(
        tmp_path,
        {"brieven/b.html.j2": "{% include 'groet.html.j2' %}\n{% include 'slot.html.j2' %}\n"},
    )
    code, output = check(capsys, "brieven/b.html.j2")
    assert ": fout: " not in output and "Traceback" not in output
    assert code == 1 and "LB101" in output


def test_include_of_a_named_pipe_is_refused_without_opening_it(tmp_path, capsys):
    (tmp_path / "brieven").mkdir()
    os.mkfifo(tmp_path / "brieven" / "pijp.html.j2")
    source = "<p>Beste heer,</p>\n{% include 'pijp.html.j2' %}\n"
    error = refused(capsys, tmp_path, "brieven/b.html.j2", source)
    assert "geen gewoon bestand" in error


def test_included_template_without_read_permission(tmp_path, capsys, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(template_loader, "open", denied, raising=False)  # tests run as root
    write(tmp_path, {"deel.html.j2": "<p>Deel.</p>"})
    error = refused(capsys, tmp_path, "b.html.j2", "<p>Hallo.</p>\n{% include 'deel.html.j2' %}")
    assert error.startswith("b.html.j2:2: fout: ")
    assert error.endswith("Het sjabloon 'deel.html.j2' kan niet worden gelezen: geen leesrechten.")


def test_included_template_that_is_not_utf8_names_that_file(tmp_path, capsys):
    write(tmp_path, {"deel.html.j2": "Beste heer,\n".encode("utf-16")})
    error = refused(capsys, tmp_path, "b.html.j2", "<p>Hallo.</p>{% include 'deel.html.j2' %}")
    assert "UTF-16" in error and "deel.html.j2" in error
