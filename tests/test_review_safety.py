"""Word letters, odd and unlucky: ``review --out`` keeps folders apart and never overwrites a
newer reviewed copy without ``--force``; ``review`` writes nothing inside a field or a content
control's placeholder (accept-all and reject-all give them back exactly); text in content
controls, table rows inside them, footnotes and endnotes is read and checked."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx_factory import (
    add_block_control,
    add_complex_field,
    add_field_over_paragraphs,
    add_note_reference,
    add_run_control,
    add_simple_field,
    add_table_with_control_rows,
    nested_field,
    new_document,
    resolve_changes,
    to_bytes,
    with_notes,
)
from lxml import etree

from lint_brieven.cli import main
from lint_brieven.fix.docx_review import IN_FIELD, text_of
from lint_brieven.readers import ReadOptions, read
from lint_brieven.readers.docx import paragraphs_in_reading_order

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFUSED = "bestaat al en is nieuwer dan de brief; niet overschreven (gebruik --force)."


pytestmark = pytest.mark.usefixtures("in_tmp")


def _letter(path: Path, *texts: str) -> Path:
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    for text in texts:
        document.add_paragraph(text)
    document.add_paragraph("Met vriendelijke groet,")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(document))
    return path


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def _comments(path: Path) -> list[str]:
    root = etree.fromstring(_part(path.read_bytes(), "word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")]


# -- review --out and --force ---------------------------------------------------------------


def test_out_keeps_the_folders_so_two_letters_with_one_name_both_survive(tmp_path, capsys):
    a = _letter(tmp_path / "brieven" / "a" / "brief.docx", "Wij sturen u middels deze brief.")
    b = _letter(tmp_path / "brieven" / "b" / "brief.docx", "Indien u vragen heeft, bel ons.")
    out = tmp_path / "uit"
    assert main(["review", str(a), str(b), "--out", str(out)]) == 0
    copies = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert copies == ["a/brief.nagekeken.docx", "b/brief.nagekeken.docx"]
    assert any("'middels'" in c for c in _comments(out / "a" / "brief.nagekeken.docx"))
    assert any("'Indien'" in c for c in _comments(out / "b" / "brief.nagekeken.docx"))
    # a folder on the command line keeps the folders below it
    assert main(["review", str(tmp_path / "brieven"), "--out", str(tmp_path / "uit2")]) == 0
    copies = sorted(
        p.relative_to(tmp_path / "uit2").as_posix() for p in out.parent.glob("uit2/**/*.docx")
    )
    assert copies == ["a/brief.nagekeken.docx", "b/brief.nagekeken.docx"]
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    assert not (tmp_path / "brieven" / "a" / "brief.nagekeken.docx").exists()  # only in --out


def test_newer_copy_is_kept_without_force_and_the_other_letters_go_on(tmp_path, capsys):
    letter = _letter(tmp_path / "brief.docx", "Wij sturen u middels deze brief.")
    other = _letter(tmp_path / "ander.docx", "Indien u vragen heeft, bel ons.")
    assert main(["review", str(letter)]) == 0
    copy = tmp_path / "brief.nagekeken.docx"
    # the advisor works in the copy: it is now newer than the letter
    worked = docx.Document(str(copy))
    worked.add_paragraph("Nagekeken door Fatima.")
    worked.save(str(copy))
    later = letter.stat().st_mtime + 60
    os.utime(copy, (later, later))
    work = copy.read_bytes()
    capsys.readouterr()

    assert main(["review", str(tmp_path)]) == 2
    output = capsys.readouterr()
    refused = [line for line in output.out.splitlines() if "fout:" in line]
    assert refused == [f"brief.docx: fout: {copy} {REFUSED}"]
    assert copy.read_bytes() == work
    assert (tmp_path / "ander.nagekeken.docx").is_file()  # the other letter was reviewed
    assert other.stat().st_mtime <= (tmp_path / "ander.nagekeken.docx").stat().st_mtime
    assert "Traceback" not in output.out + output.err

    assert main(["review", str(letter), "--force"]) == 0
    assert copy.read_bytes() != work
    texts = [p.text for p in docx.Document(str(copy)).paragraphs]
    assert "Nagekeken door Fatima." not in texts
    assert any("'middels'" in c for c in _comments(copy))


def test_copy_older_than_the_letter_is_replaced_without_force(tmp_path, capsys):
    letter = _letter(tmp_path / "brief.docx", "Wij sturen u middels deze brief.")
    copy = tmp_path / "brief.nagekeken.docx"
    copy.write_bytes(b"oude kopie")
    earlier = letter.stat().st_mtime - 60
    os.utime(copy, (earlier, earlier))
    assert main(["review", str(letter)]) == 0
    assert copy.read_bytes() != b"oude kopie"
    assert "opmerking" in capsys.readouterr().out


# -- fields and placeholders ------------------------------------------------------------------


def _field_letter(path: Path) -> Path:
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    p = document.add_paragraph("Geachte ")  # ¶2: IF around a merge field, and a merge field
    add_complex_field(
        p, nested_field("IF", "MERGEFIELD Geslacht", '= "M" "heer" "mevrouw"'), "heer"
    )
    p.add_run(" ")
    add_complex_field(p, "MERGEFIELD Achternaam", "«Achternaam»")
    p.add_run(",")
    p = document.add_paragraph("Wij sturen u middels ")  # ¶3: a finding beside a merge field
    add_complex_field(p, "MERGEFIELD Brief", "middels")
    p.add_run(" toe.")
    p = document.add_paragraph("Wij sturen u ")  # ¶4: a finding in a complex REF field
    add_complex_field(p, "REF Kop1 \\h", "middels deze brief")
    p.add_run(" de nieuwe huurprijs.")
    p = document.add_paragraph("Bel ons ")  # ¶5: a finding in a simple REF field
    add_simple_field(p, " REF vraag ", "indien u vragen heeft")
    p.add_run(".")
    p = document.add_paragraph("Wij hebben uw brief van ")  # ¶6: a finding after a DATE field
    add_simple_field(p, ' DATE \\@ "d MMMM yyyy" ', "1 maart 2026")
    p.add_run(" reeds ontvangen.")
    p = document.add_paragraph("Wij komen ")  # ¶7: a content control showing its placeholder
    add_run_control(p, "middels een afspraak", placeholder=True, alias="Datum afspraak")
    p.add_run(" langs.")
    add_block_control(document, ["Klik hier indien u tekst wilt invoeren."], placeholder=True)
    document.add_paragraph("Met vriendelijke groet,")
    path.write_bytes(to_bytes(document))
    return path


def _fields(root: etree._Element) -> list[bytes]:
    """Every field and placeholder of the document, as XML: simple fields, content controls
    showing their placeholder, and each complex field from its begin run to its end run."""
    out = [
        etree.tostring(el, with_tail=False)
        for el in root.iter(f"{W}fldSimple", f"{W}sdt")
        if el.tag == f"{W}fldSimple" or el.find(f"{W}sdtPr/{W}showingPlcHdr") is not None
    ]
    for p in root.iter(f"{W}p"):
        depth, current = 0, []
        for child in p:
            chars = [c.get(f"{W}fldCharType") for c in child.iter(f"{W}fldChar")]
            if depth or "begin" in chars:
                current.append(etree.tostring(child, with_tail=False))
            depth += chars.count("begin") - chars.count("end")
            if current and depth == 0:
                out.append(b"".join(current))
                current = []
    return out


def _resolve(data: bytes, accept: bool) -> bytes:
    """Word's accept-all or reject-all, saved; the result must open again."""
    saved = to_bytes(resolve_changes(data, accept))
    docx.Document(io.BytesIO(saved))
    return saved


def _texts(data: bytes) -> list[str]:
    return [text_of(p) for p in paragraphs_in_reading_order(docx.Document(io.BytesIO(data)))]


def _marks_inside_fields(root: etree._Element) -> list[str]:
    """Tracked changes and comment marks inside a field or placeholder."""
    marks = (f"{W}ins", f"{W}del", f"{W}commentRangeStart", f"{W}commentRangeEnd")
    found = [
        m.tag
        for el in root.iter(f"{W}fldSimple", f"{W}sdt")
        if el.tag == f"{W}fldSimple" or el.find(f"{W}sdtPr/{W}showingPlcHdr") is not None
        for m in el.iter(*marks)
    ]
    for p in root.iter(f"{W}p"):
        depth = 0
        for child in p:
            chars = [c.get(f"{W}fldCharType") for c in child.iter(f"{W}fldChar")]
            if depth and not chars and (child.tag in marks or next(child.iter(*marks), None)):
                found.append(child.tag)
            depth += chars.count("begin") - chars.count("end")
    return found


def test_review_writes_nothing_inside_fields_and_placeholders(tmp_path, capsys):
    path = _field_letter(tmp_path / "brief.docx")
    original = path.read_bytes()
    assert main(["check", str(path), "--select", "LB101", "--output-format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["line"], f["column"], f["text"]) for f in found] == [
        (3, 14, "middels"),  # beside the merge field; its result is a placeholder
        (4, 14, "middels"),  # in the REF field's result
        (5, 9, "indien"),  # in the simple REF field
        (6, 38, "reeds"),  # after the DATE field
    ]  # the placeholders of ¶7 and ¶8 are no prose

    assert main(["review", str(path)]) == 0
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    made = (tmp_path / "brief.nagekeken.docx").read_bytes()
    root = etree.fromstring(_part(made, "word/document.xml"))
    before = _fields(etree.fromstring(_part(original, "word/document.xml")))
    assert len(before) == 8  # 4 complex (the IF holds a merge field), 2 simple, 2 controls
    assert _fields(root) == before
    assert _marks_inside_fields(root) == []
    # the words in a field get a comment on the whole paragraph, without a tracked change
    comments = _comments(tmp_path / "brief.nagekeken.docx")
    in_field = [c for c in comments if c.startswith(IN_FIELD)]
    assert len(in_field) == 2
    assert any("'middels'" in c for c in in_field) and any("'indien'" in c for c in in_field)
    paragraphs = list(root.iter(f"{W}p"))
    for number in (4, 5):  # the comment starts before the first run and ends after the last
        p = paragraphs[number - 1]
        assert [c.tag for c in p][:2] == [f"{W}commentRangeStart", f"{W}r"]
        assert [c.tag for c in p][-2:] == [f"{W}commentRangeEnd", f"{W}r"]
        assert p.find(f".//{W}ins") is None and p.find(f".//{W}del") is None
    # outside fields the safe replacements are still tracked changes
    assert [t.text for t in root.iter(f"{W}delText")] == ["middels", "reeds"]

    rejected, accepted = _resolve(made, accept=False), _resolve(made, accept=True)
    for resolved in (rejected, accepted):
        assert _fields(etree.fromstring(_part(resolved, "word/document.xml"))) == before
    assert _texts(rejected) == _texts(original)
    fixed = _texts(accepted)
    assert fixed[2] == "Wij sturen u met middels toe."
    assert fixed[3] == "Wij sturen u middels deze brief de nieuwe huurprijs."
    assert fixed[5] == "Wij hebben uw brief van 1 maart 2026 al ontvangen."


def test_field_over_two_paragraphs_gets_its_comments_on_the_first_paragraph(tmp_path, capsys):
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    add_field_over_paragraphs(
        document,
        "Wij sturen u ",
        'IF 1 = 1 "…" ""',
        "middels deze brief het contract.",
        "Indien u vragen heeft, bel ons.",
        " Wij helpen u reeds.",
    )
    document.add_paragraph("Met vriendelijke groet,")
    path = tmp_path / "brief.docx"
    path.write_bytes(to_bytes(document))
    original = path.read_bytes()
    assert main(["review", str(path)]) == 0
    made = (tmp_path / "brief.nagekeken.docx").read_bytes()
    comments = _comments(tmp_path / "brief.nagekeken.docx")
    assert any(c.startswith("In alinea 2, in een veld") and "'middels'" in c for c in comments)
    assert any(c.startswith("In alinea 3, in een veld") and "'Indien'" in c for c in comments)
    # both paragraphs of the field stay as they were: no change and no comment mark in them
    before = etree.fromstring(_part(original, "word/document.xml"))
    after = etree.fromstring(_part(made, "word/document.xml"))
    for number in (1, 2):
        assert etree.tostring(list(after.iter(f"{W}p"))[number]) == etree.tostring(
            list(before.iter(f"{W}p"))[number]
        )
    assert after.find(f".//{W}commentRangeStart") is not None  # on the first paragraph
    assert capsys.readouterr().err == ""


def test_merge_fields_and_placeholders_read_as_placeholders():
    document = new_document()
    p = document.add_paragraph("Geachte ")
    add_complex_field(
        p, nested_field("IF", "MERGEFIELD Geslacht", '= "M" "heer" "mevrouw"'), "heer"
    )
    p.add_run(" ")
    add_simple_field(p, " MERGEFIELD Achternaam ", "«Achternaam»")
    p.add_run(",")
    p = document.add_paragraph("Wij komen op ")
    add_run_control(p, "Klik of tik om een datum in te voeren.", placeholder=True, date=True)
    p.add_run(" langs.")
    add_block_control(document, ["Klik of tik om tekst in te voeren."], placeholder=True)
    p = document.add_paragraph("Uw huur is ")
    add_run_control(p, "€ 512", alias="Huurprijs")  # filled in: the tenant reads it
    result = read("brief.docx", to_bytes(document), ReadOptions())
    blocks = result.letters[0].blocks
    assert [b.text for b in blocks] == [
        "Geachte heer Jansen,",  # the IF's instruction («Geslacht») is not shown
        "Wij komen op 1 maart 2026 langs.",
        "Uw huur is € 512",
    ]
    kinds = [s.placeholder.kind.value for b in blocks for s in b.content.segments if s.placeholder]
    assert kinds == ["naam", "datum"]
    assert result.sources[0].text.split("\n")[2] == "Klik of tik om tekst in te voeren."


# -- content controls, table rows in them, footnotes, endnotes --------------------------------


def _odd_letter(path: Path) -> Path:
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")  # ¶1
    p = document.add_paragraph("Wij komen ")  # ¶2
    add_run_control(p, "indien u wilt", alias="Afspraak")
    p.add_run(" langs.")
    add_table_with_control_rows(  # ¶3 .. ¶6
        document, [["Huur", "indien betaald"], ["Servicekosten", "reeds betaald"]]
    )
    add_table_with_control_rows(document, [["Cel", "wederom"]], control_cells=True)  # ¶7, ¶8
    p = document.add_paragraph("Zie de noten.")  # ¶9
    add_note_reference(p, "endnote", 5)
    add_note_reference(p, "footnote", 3)
    document.sections[0].header.paragraphs[0].text = "Woonstichting De Linde"  # ¶10
    data = with_notes(to_bytes(document), "footnote", {3: "Wij betalen terug indien u dat wilt."})
    data = with_notes(data, "endnote", {5: "Dit is reeds betaald."})
    path.write_bytes(data)
    return path


def test_content_controls_table_rows_and_notes_are_checked_at_their_paragraph(tmp_path, capsys):
    path = _odd_letter(tmp_path / "brief.docx")
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(b"geen zip")
    assert main(["check", str(path), str(bad), "--select", "LB101", "--output-format", "json"]) == 2
    files = json.loads(capsys.readouterr().out)["files"]
    found = [(f["line"], f["column"], f["text"]) for f in files[0]["findings"]]
    footnote, endnote = " Wij betalen terug indien u dat wilt.", " Dit is reeds betaald."
    assert found == [
        (2, 11, "indien"),  # run-level content control
        (4, 1, "indien"),  # table row inside a content control
        (6, 1, "reeds"),
        (8, 1, "wederom"),  # a cell inside a content control
        (11, footnote.index("indien") + 1, "indien"),  # footnote, after the header
        (12, endnote.index("reeds") + 1, "reeds"),  # endnote last
    ]
    assert files[1]["error"]  # the broken file is an error, the letter was still checked
    assert main(["check", str(path), "--select", "LB101"]) == 1
    out = capsys.readouterr().out
    assert "brief.docx:¶11:20: LB101 'indien'" in out
    assert "Traceback" not in out


def test_review_comments_on_notes_in_the_body_and_leaves_the_notes_alone(tmp_path, capsys):
    path = _odd_letter(tmp_path / "brief.docx")
    assert main(["review", str(path)]) == 0
    made = (tmp_path / "brief.nagekeken.docx").read_bytes()
    comments = _comments(tmp_path / "brief.nagekeken.docx")
    assert any(c.startswith("In voetnoot 1: LB101: 'indien'") for c in comments)
    assert any(c.startswith("In eindnoot 1: LB101: 'reeds'") for c in comments)
    for part in ("word/footnotes.xml", "word/endnotes.xml"):
        assert _part(made, part) == _part(path.read_bytes(), part)
    root = etree.fromstring(_part(made, "word/document.xml"))
    first = next(root.iter(f"{W}p"))
    assert first.find(f"{W}commentRangeStart") is not None  # on the first body paragraph
    # the tracked changes in content controls and table rows inside them
    assert sorted(t.text for t in root.iter(f"{W}delText")) == [
        "indien",
        "indien",
        "reeds",
        "wederom",
    ]
    assert "Traceback" not in capsys.readouterr().out


def test_libreoffice_opens_the_reviewed_field_letter(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is niet geïnstalleerd")
    for make, name in ((_field_letter, "velden"), (_odd_letter, "noten")):
        path = make(tmp_path / f"{name}.docx")
        assert main(["review", str(path)]) == 0
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(tmp_path / "velden.nagekeken.docx"),
            str(tmp_path / "noten.nagekeken.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf")) == [
        "noten.nagekeken.pdf",
        "velden.nagekeken.pdf",
    ]
