"""Build small Word files in memory for the DOCX reader tests.

python-docx makes the ordinary parts (paragraphs, runs, tables, headers, comments); raw XML
fills in what it has no API for (text boxes, ``mc:AlternateContent``, vertically merged
cells). The zip helpers make broken packages: corrupt, without ``word/document.xml``, with an
entry that unpacks far larger than it is stored, or with a DOCTYPE in the XML.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

_DECLS = (
    f'xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:v="{V_NS}" xmlns:wp="{WP_NS}" '
    f'xmlns:a="{A_NS}" xmlns:wps="{WPS_NS}"'
)


def new_document() -> Document:
    return docx.Document()


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def resolve_changes(data: bytes, accept: bool) -> Document:
    """The document with every tracked change accepted (drop ``w:del``, unwrap ``w:ins``) or
    rejected (drop ``w:ins``, ``w:delText`` back to ``w:t``, unwrap ``w:del``), as Word does."""
    document = docx.Document(io.BytesIO(data))
    drop, keep = (qn("w:del"), qn("w:ins")) if accept else (qn("w:ins"), qn("w:del"))
    for element in list(document.element.iter(drop)):
        element.getparent().remove(element)
    for element in list(document.element.iter(keep)):
        for t in element.iter(qn("w:delText")):
            t.tag = qn("w:t")
        parent = element.getparent()
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    return document


def add_runs(paragraph: Paragraph, parts: Iterable[str | tuple[str, dict[str, bool]]]) -> list[Run]:
    """Add one run per part; a part is text or (text, {"bold": True, "italic": False, …})."""
    runs = []
    for part in parts:
        text, formatting = (part, {}) if isinstance(part, str) else part
        run = paragraph.add_run(text)
        for name, value in formatting.items():
            setattr(run, name, value)
        runs.append(run)
    return runs


def _box_paragraphs(texts: Sequence[str]) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in texts)


def _vml_pict(texts: Sequence[str]) -> str:
    return (
        '<w:pict><v:shape style="width:200pt;height:50pt"><v:textbox><w:txbxContent>'
        f"{_box_paragraphs(texts)}"
        "</w:txbxContent></v:textbox></v:shape></w:pict>"
    )


def _dml_drawing(texts: Sequence[str]) -> str:
    return (
        '<w:drawing><wp:anchor><wp:extent cx="2540000" cy="635000"/>'
        '<wp:docPr id="1" name="Tekstvak 1"/>'
        "<a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:txbx><w:txbxContent>"
        f"{_box_paragraphs(texts)}"
        "</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def add_vml_text_box(paragraph: Paragraph, texts: Sequence[str]) -> None:
    """A run holding an old-style text box: ``w:pict/v:shape/v:textbox/w:txbxContent``."""
    paragraph._p.append(parse_xml(f"<w:r {_DECLS}>{_vml_pict(texts)}</w:r>"))


def add_alternate_text_box(paragraph: Paragraph, texts: Sequence[str]) -> None:
    """A text box as Word 2010+ writes it: a DrawingML box and a VML copy in mc:Fallback."""
    paragraph._p.append(
        parse_xml(
            f"<w:r {_DECLS}><mc:AlternateContent>"
            f'<mc:Choice Requires="wps">{_dml_drawing(texts)}</mc:Choice>'
            f"<mc:Fallback>{_vml_pict(texts)}</mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )


def merge_down(top: _Cell, below: _Cell) -> None:
    """Merge two vertically adjacent cells the way Word writes it (``w:vMerge``).

    python-docx's ``merge`` moves the text; this keeps the XML as Word stores a merge made
    before typing: the top cell restarts, the cell below continues and holds one empty
    paragraph.
    """
    for cell, value in ((top, "restart"), (below, None)):
        tc_pr = cell._tc.get_or_add_tcPr()
        vmerge = tc_pr.makeelement(qn("w:vMerge"), {})
        if value is not None:
            vmerge.set(qn("w:val"), value)
        tc_pr.append(vmerge)


# -- zip packages ---------------------------------------------------------------------------


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def with_entry(data: bytes, name: str, content: bytes) -> bytes:
    """The package ``data`` with entry ``name`` replaced (or added)."""
    files = entries(data)
    files[name] = content
    return zip_bytes(files)


def with_zero_entry(data: bytes, name: str, size: int) -> bytes:
    """The package ``data`` plus an entry of ``size`` zero bytes (it compresses to ~1/1000)."""
    buffer = io.BytesIO(data)
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package,
        package.open(name, "w", force_zip64=size > 0x7FFFFFFF) as out,
    ):
        left = size
        while left:
            out.write(chunk[: min(left, len(chunk))])
            left -= min(left, len(chunk))
    return buffer.getvalue()


def with_lying_size(data: bytes, name: str, declared: int) -> bytes:
    """The package with the central directory claiming ``declared`` bytes for ``name``.

    A zip bomb can state a small size and still inflate to gigabytes; the reader must not
    trust the stated size alone.
    """
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        entry_name = bytes(out[pos + 46 : pos + 46 + name_len]).decode()
        if entry_name == name:
            struct.pack_into("<I", out, pos + 24, declared)  # uncompressed size
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 46)
    raise KeyError(name)


# -- fields, content controls, notes --------------------------------------------------------

_W = f'xmlns:w="{W_NS}"'


def _text_runs(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""


def add_simple_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """A simple field: ``w:fldSimple`` around the run of its result."""
    paragraph._p.append(
        parse_xml(
            f"<w:fldSimple {_W} w:instr={quoteattr(instruction)}>{_text_runs(result)}</w:fldSimple>"
        )
    )


def complex_field_runs(instruction: str, result: str) -> str:
    """The runs of a complex field: begin, instruction, separate, result, end. An
    ``instruction`` may hold the runs of a nested field (see :func:`nested_field`)."""
    if not instruction.startswith("<"):
        instruction = (
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f"{instruction}"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_text_runs(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def nested_field(before: str, inner: str, after: str) -> str:
    """An instruction with a field inside: ``IF { MERGEFIELD x } = "M" …``."""
    return (
        f'<w:r><w:instrText xml:space="preserve"> {escape(before)} </w:instrText></w:r>'
        f"{complex_field_runs(inner, '«' + inner.split()[-1] + '»')}"
        f'<w:r><w:instrText xml:space="preserve"> {escape(after)} </w:instrText></w:r>'
    )


def add_complex_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """A complex field (``w:fldChar`` begin … separate … end) in the paragraph."""
    wrapper = parse_xml(f"<w:p {_W}>{complex_field_runs(instruction, result)}</w:p>")
    for run in list(wrapper):
        paragraph._p.append(run)


def _control_properties(placeholder: bool, alias: str | None, date: bool) -> str:
    parts = [f'<w:alias w:val="{alias}"/><w:tag w:val="{alias}"/>' if alias else ""]
    parts.append("<w:showingPlcHdr/>" if placeholder else "")
    parts.append('<w:date><w:dateFormat w:val="d MMMM yyyy"/></w:date>' if date else "")
    return f"<w:sdtPr>{''.join(parts)}</w:sdtPr>"


def add_run_control(
    paragraph: Paragraph,
    text: str,
    *,
    placeholder: bool = False,
    alias: str | None = None,
    date: bool = False,
) -> None:
    """A content control inside a paragraph (``w:p/w:sdt/w:sdtContent/w:r``); with
    ``placeholder`` it shows its placeholder text (``w:showingPlcHdr``)."""
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {_W}>{_control_properties(placeholder, alias, date)}"
            f"<w:sdtContent>{_text_runs(text)}</w:sdtContent></w:sdt>"
        )
    )


def add_block_control(document: Document, texts: Sequence[str], *, placeholder: bool) -> None:
    """A content control around whole paragraphs (``w:body/w:sdt/w:sdtContent/w:p``)."""
    paragraphs = "".join(f"<w:p>{_text_runs(t)}</w:p>" for t in texts)
    document.element.body.append(
        parse_xml(
            f"<w:sdt {_W}>{_control_properties(placeholder, None, False)}"
            f"<w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>"
        )
    )
    document.element.body.append(document.element.body.sectPr)  # keep sectPr last


def add_table_with_control_rows(
    document: Document, rows: Sequence[Sequence[str]], *, control_cells: bool = False
) -> None:
    """A table whose rows sit in a content control (``w:tbl/w:sdt/w:sdtContent/w:tr``, as a
    repeating section writes them); with ``control_cells`` each cell is in one too
    (``w:tr/w:sdt/w:sdtContent/w:tc``)."""

    def cell(text: str) -> str:
        tc = f"<w:tc><w:tcPr/><w:p>{_text_runs(text)}</w:p></w:tc>"
        return (
            f"<w:sdt><w:sdtPr/><w:sdtContent>{tc}</w:sdtContent></w:sdt>" if control_cells else tc
        )

    grid = "".join("<w:gridCol/>" for _ in rows[0])
    body = "".join(f"<w:tr>{''.join(cell(t) for t in row)}</w:tr>" for row in rows)
    table = parse_xml(
        f"<w:tbl {_W}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>"
        f"<w:sdt><w:sdtPr/><w:sdtContent>{body}</w:sdtContent></w:sdt></w:tbl>"
    )
    document.element.body.sectPr.addprevious(table)


_NOTE_TYPES = {
    "footnote": (
        "footnotes",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    ),
    "endnote": (
        "endnotes",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    ),
}


def add_note_reference(paragraph: Paragraph, kind: str, note_id: int) -> None:
    """A footnote or endnote mark in the paragraph (``kind`` "footnote" or "endnote")."""
    paragraph._p.append(parse_xml(f'<w:r {_W}><w:{kind}Reference w:id="{note_id}"/></w:r>'))


def with_notes(data: bytes, kind: str, notes: dict[int, str]) -> bytes:
    """The package with a footnotes (or endnotes) part holding Word's separator notes (ids -1
    and 0) and ``notes`` by id, its relationship and its content type."""
    part, content_type = _NOTE_TYPES[kind]
    body = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
    )
    for note_id, text in notes.items():
        body += (
            f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>'
            f"{_text_runs(' ' + text)}</w:p></w:{kind}>"
        )
    files = entries(data)
    files[f"word/{part}.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{part} {_W}>{body}</w:{part}>'
    ).encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    rel = (
        f'<Relationship Id="rIdNote{part}" Target="{part}.xml" Type="http://schemas.'
        f'openxmlformats.org/officeDocument/2006/relationships/{part}"/>'
    )
    files["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    types = files["[Content_Types].xml"].decode()
    override = f'<Override PartName="/word/{part}.xml" ContentType="{content_type}"/>'
    files["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return zip_bytes(files)


def add_field_over_paragraphs(
    document: Document, before: str, instruction: str, first: str, second: str, after: str
) -> None:
    """Two paragraphs with one complex field whose result runs from the first into the second
    (an IF field whose text holds a paragraph mark): ``before`` [``first`` ¶ ``second``]
    ``after``."""
    opening = parse_xml(
        f"<w:p {_W}>{_text_runs(before)}"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_text_runs(first)}</w:p>'
    )
    closing = parse_xml(
        f'<w:p {_W}>{_text_runs(second)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f"{_text_runs(after)}</w:p>"
    )
    document.element.body.sectPr.addprevious(opening)
    document.element.body.sectPr.addprevious(closing)
