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
