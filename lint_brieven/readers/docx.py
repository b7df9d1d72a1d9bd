"""Word letters (.docx), read with python-docx.

Paragraphs are numbered in reading order: the body (paragraphs, table cells row by row, text
boxes right after the paragraph that anchors them, content controls wherever they wrap
paragraphs, table rows, cells or runs), then each distinct header and footer, then the footnotes
and then the endnotes in the order of their references in the body (the separator notes left
out). Notes come last so that reading them changes no other paragraph's number. The
reader builds a stand-in source text with one line per paragraph, so a finding's line is the
paragraph number (shown as ``brief.docx:¶12:5``) and its column the character in the paragraph;
the run offsets of every paragraph are kept for a later step that comments on or edits runs.

Jinja tags in the text (``{{ huurder.naam }}``, ``{%p if … %}``, also when Word split a tag over
runs) are placeholders or markup, not prose. Of a Word field the reader reads the result Word
shows, not the instruction; a merge field's result («naam») and a content control's placeholder
text are placeholders too, and a paragraph that is only placeholder text is no block
(``readers/docx_fields.py``). The package is checked before python-docx sees it:
zip bombs (by the bytes actually inflated), a DOCTYPE or entities in any XML part and macro-
enabled files are refused, and python-docx reads a clean rebuilt copy (``readers/package.py``).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.exceptions import PythonDocxError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from lint_brieven.layout.placeholders import find as written_placeholders
from lint_brieven.layout.placeholders import outside
from lint_brieven.letter import (
    Block,
    BlockKind,
    Letter,
    MappedText,
    Placeholder,
    ReadResult,
    Segment,
    SourceText,
    Suppression,
)
from lint_brieven.readers.docx_fields import data_ranges, shown_runs
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.options import ReadOptions
from lint_brieven.readers.package import check_package, check_xml, unreadable
from lint_brieven.readers.placeholders import JINJA_TAG, from_expression_text
from lint_brieven.suppression import directive_codes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LINE_BREAK = "\x0b"  # stands for a soft line break inside a paragraph in the stand-in source


@dataclass
class _Para:
    text: str
    runs: list[tuple[int, int, int]]  # (run index, start, end) in the paragraph text
    kind: BlockKind
    level: int
    number: str | None
    comment_ids: list[str]
    paragraph: Paragraph | None = None
    # merge-field results and content-control placeholders: (start, end, placeholder, stand-in)
    data: tuple[tuple[int, int, Placeholder, str], ...] = ()
    placeholder_only: bool = False  # nothing but a content control's placeholder text


def read(path: str, data: bytes, options: ReadOptions) -> ReadResult:
    clean = check_package(data, options)  # verified, and rebuilt uncompressed
    try:
        document = docx.Document(io.BytesIO(clean))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise ReaderError(unreadable(exc)) from exc
    try:
        paragraphs = list(_reading_order(document))
    except (KeyError, ValueError, IndexError, PythonDocxError) as exc:
        # a header without its part, a list level that is no number, a broken merge …
        raise ReaderError(
            "Het Word-bestand is beschadigd en kan niet worden gelezen: een onderdeel of "
            "verwijzing in het document ontbreekt of is ongeldig."
        ) from exc
    if not any(p.text.strip() for p in paragraphs):
        raise ReaderError("Het Word-document bevat geen tekst.")
    source = SourceText(
        path, "\n".join(p.text.replace("\n", _LINE_BREAK) for p in paragraphs), paragraphs=True
    )
    line_starts = [0]
    for p in paragraphs[:-1]:
        line_starts.append(line_starts[-1] + len(p.text) + 1)
    blocks = []
    for para, start in zip(paragraphs, line_starts, strict=True):
        if para.placeholder_only:
            continue  # a content control not filled in: its placeholder is no prose
        content = _content(source, start, para.text, para.data)
        if content.text.strip():
            blocks.append(Block(content.strip(), para.kind, para.level, para.number))
    letter = Letter(path, "docx", tuple(blocks))
    result = ReadResult(path, [letter], sources=[source])
    result.suppressions = _comment_suppressions(document, paragraphs, path)
    result.runs = {i + 1: tuple(p.runs) for i, p in enumerate(paragraphs)}
    return result


_BRANCH = re.compile(r"\{%-?p?\s*(?:else|elif)\b")


def _content(
    source: SourceText,
    start: int,
    text: str,
    data: tuple[tuple[int, int, Placeholder, str], ...] = (),
) -> MappedText:
    """Paragraph text with Jinja tags made placeholders (``{{ }}``) or dropped (``{% %}``),
    merge-field results and content-control placeholders (``data``) made placeholders, and so
    placeholders written in the text ("[naam]", "«Naam»" typed, "UW NAAM", "……";
    ``layout/placeholders.py``)."""
    whole = MappedText.from_source(source, start, start + len(text))
    whole = MappedText(text, whole.segments)  # keep "\n" for soft breaks in the letter text
    cuts: list[tuple[int, int, Placeholder | None, str]] = list(data)
    for m in JINJA_TAG.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _, _ in data):
            continue  # a tag inside a merge field or placeholder: that is the placeholder
        if m.group().startswith("{{"):
            cuts.append((m.start(), m.end(), *from_expression_text(m.group())))
        elif _BRANCH.match(m.group()):
            # Inline alternatives ("{% if a %}x{% else %}y{% endif %}") are not variants in a
            # Word paragraph; a line break keeps "x" and "y" apart as sentences.
            cuts.append((m.start(), m.end(), None, "\n"))
        else:
            cuts.append((m.start(), m.end(), None, ""))
    # placeholders written in the text ("[naam]", "«Naam»" typed, "UW NAAM", "……")
    taken = [(s, e) for s, e, _, _ in cuts]
    for written in outside(written_placeholders(text), taken):
        cuts.append((written.start, written.end, written.placeholder, written.word))
    parts: list[MappedText] = []
    pos = 0
    for cut_start, cut_end, placeholder, word in sorted(cuts, key=lambda c: c[0]):
        parts.append(whole.slice(pos, cut_start))
        if placeholder is not None:
            seg = Segment(
                0,
                len(word),
                source,
                start + cut_start,
                start + cut_end,
                exact=False,
                placeholder=placeholder,
            )
            parts.append(MappedText(word, (seg,)))
        elif word:
            parts.append(MappedText(word, ()))
        pos = cut_end
    parts.append(whole.slice(pos, len(text)))
    return MappedText.join(parts)


# -- reading order --------------------------------------------------------------------------


def paragraphs_in_reading_order(document: Document) -> list[Paragraph]:
    """The paragraphs in the order the reader numbers them (finding line N is item N-1)."""
    return [p.paragraph for p in _reading_order(document) if p.paragraph is not None]


def paragraph_runs(paragraph: Paragraph) -> list[Run]:
    """The runs whose text makes up the paragraph text, in order (finding run indexes)."""
    return list(_runs(paragraph))


def _reading_order(document: Document):
    numbering = _Numbering(document)
    yield from _story(document, document.element.body, numbering, BlockKind.PARAGRAPH)
    seen: set[int] = set()
    for section in document.sections:
        for part, kind in (
            (section.first_page_header, BlockKind.HEADER),
            (section.header, BlockKind.HEADER),
            (section.even_page_header, BlockKind.HEADER),
            (section.first_page_footer, BlockKind.FOOTER),
            (section.footer, BlockKind.FOOTER),
            (section.even_page_footer, BlockKind.FOOTER),
        ):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            yield from _story(part, element, numbering, kind)
    for kind in (BlockKind.FOOTNOTE, BlockKind.ENDNOTE):
        for note in _notes(document, kind):
            yield from _story(document, note, numbering, kind)


# relationship type, note element, reference element per kind of note
_NOTE_PARTS = {
    BlockKind.FOOTNOTE: (RT.FOOTNOTES, qn("w:footnote"), qn("w:footnoteReference")),
    BlockKind.ENDNOTE: (RT.ENDNOTES, qn("w:endnote"), qn("w:endnoteReference")),
}
# the line above the notes and its continuation: Word's own, not text of the letter
_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


def note_ids(document: Document, kind: BlockKind) -> list[str]:
    """The ids of the footnotes (or endnotes) the body refers to, in the order of the
    references: Word numbers the notes in this order."""
    reference = _NOTE_PARTS[kind][2]
    ids = (r.get(qn("w:id")) for r in document.element.body.iter(reference))
    return list(dict.fromkeys(i for i in ids if i is not None))


def _notes(document: Document, kind: BlockKind) -> list[etree._Element]:
    """The notes of ``kind`` the body refers to, in reference order, separators left out."""
    reltype, tag, _ = _NOTE_PARTS[kind]
    rels = document.part.rels.values()
    part = next((r.target_part for r in rels if r.reltype == reltype and not r.is_external), None)
    if part is None:
        return []
    root = getattr(part, "element", None)
    if root is None:
        check_xml(str(part.partname).lstrip("/"), part.blob)  # XML only by its relationship
        try:
            root = parse_xml(part.blob)
        except etree.XMLSyntaxError as exc:
            raise ReaderError(
                f"Het Word-bestand is beschadigd: '{str(part.partname).lstrip('/')}' is geen "
                "geldige XML."
            ) from exc
    notes = {n.get(qn("w:id")): n for n in root.iterchildren(tag)}
    out = []
    for note_id in note_ids(document, kind):
        note = notes.get(note_id)
        if note is not None and note.get(qn("w:type")) not in _NOTE_SEPARATORS:
            out.append(note)
    return out


def _story(parent, element, numbering: _Numbering, kind: BlockKind):
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, parent)
            yield _paragraph(paragraph, numbering, kind)
            for box in child.iter(qn("w:txbxContent")):
                if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
                    continue  # the same text box again, for old Word versions
                yield from _story(parent, box, numbering, BlockKind.TEXT_BOX)
        elif child.tag == qn("w:tbl"):
            table = Table(child, parent)
            for row_no, tr in enumerate(_wrapped(child, qn("w:tr"))):
                # one w:tc per cell, however many columns it spans
                for tc in _wrapped(tr, qn("w:tc")):
                    if tc.vMerge == "continue" and row_no > 0:
                        continue  # merged with the cell above, which holds the text
                    yield from _story(_Cell(tc, table), tc, numbering, BlockKind.TABLE_CELL)
        elif child.tag in _WRAPPERS:
            yield from _story(parent, _wrapper_content(child), numbering, kind)


# Content controls and custom XML wrap paragraphs, tables, rows, cells and runs alike.
_WRAPPERS = (qn("w:sdt"), qn("w:customXml"))


def _wrapper_content(wrapper: etree._Element) -> etree._Element:
    if wrapper.tag == qn("w:sdt"):
        content = wrapper.find(qn("w:sdtContent"))
        return content if content is not None else etree.Element(qn("w:sdtContent"))
    return wrapper


def _wrapped(element: etree._Element, tag: str):
    """The children of ``element`` with ``tag``, also those inside content controls
    (``w:tbl/w:sdt/w:sdtContent/w:tr``) and custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _wrapped(_wrapper_content(child), tag)


def _paragraph(paragraph: Paragraph, numbering: _Numbering, default: BlockKind) -> _Para:
    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for index, run in enumerate(_runs(paragraph)):
        text = run.text
        runs.append((index, pos, pos + len(text)))
        text_parts.append(text)
        pos += len(text)
    text = "".join(text_parts)
    kind, level, number = default, 0, None
    style = numbering.styles.name(paragraph)
    lowered = style.lower()
    if lowered.startswith(("heading", "kop")) and default == BlockKind.PARAGRAPH:
        digits = "".join(ch for ch in style if ch.isdigit())
        kind, level = BlockKind.HEADING, int(digits or 1)
    elif lowered in ("title", "titel") and default == BlockKind.PARAGRAPH:
        kind = BlockKind.HEADING
    listed = numbering.number(paragraph)
    if listed is not None:
        kind, level, number = BlockKind.LIST_ITEM, listed[0], listed[1]
    comment_ids = [
        el.get(qn("w:id"))
        for el in paragraph._p.iter(qn("w:commentRangeStart"), qn("w:commentReference"))
    ]
    comments = [c for c in comment_ids if c is not None]
    data, controls = data_ranges(paragraph._p)
    outside = list(text)
    for start, end in controls:
        outside[start:end] = " " * (end - start)
    placeholder_only = bool(controls) and not "".join(outside).strip()
    return _Para(
        text, runs, kind, level, number, comments, paragraph, tuple(data), placeholder_only
    )


def _runs(paragraph: Paragraph):
    """The paragraph's own runs in order, also inside hyperlinks, content controls, tracked
    insertions and field results; not those of text boxes anchored in it (they have their own
    w:p), not a field's instruction, not an ``mc:Fallback`` copy."""
    for r in shown_runs(paragraph._p):
        yield Run(r, paragraph)


class _Styles:
    """Paragraph style names and inherited list properties, read once from styles.xml.

    (python-docx's ``paragraph.style`` searches all styles on every call.)
    """

    def __init__(self, document: Document) -> None:
        self._names: dict[str, str] = {}
        self._based_on: dict[str, str] = {}
        self._num_pr: dict[str, etree._Element] = {}
        self._default: str | None = None
        for style in document.styles.element.iter(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"), "")
            name = style.find(qn("w:name"))
            self._names[style_id] = name.get(qn("w:val"), "") if name is not None else ""
            based = style.find(qn("w:basedOn"))
            if based is not None:
                self._based_on[style_id] = based.get(qn("w:val"), "")
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                self._num_pr[style_id] = num_pr
            if style.get(qn("w:default")) in ("1", "true"):
                self._default = style_id

    def _id(self, paragraph: Paragraph) -> str | None:
        return paragraph._p.style or self._default

    def name(self, paragraph: Paragraph) -> str:
        return self._names.get(self._id(paragraph) or "", "")

    def num_prs(self, paragraph: Paragraph) -> list[etree._Element]:
        """numPr elements from the style and the styles it is based on, nearest first."""
        out, style_id, seen = [], self._id(paragraph), set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._num_pr:
                out.append(self._num_pr[style_id])
            style_id = self._based_on.get(style_id)
        return out


class _Numbering:
    """Works out list levels and the number Word shows ("1.", "•") for list paragraphs."""

    def __init__(self, document: Document) -> None:
        self._formats: dict[tuple[str, int], str] = {}
        self._counters: dict[tuple[str, int], int] = {}
        self.styles = _Styles(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None or ref.get(qn("w:val")) not in abstract:
                continue
            for lvl in abstract[ref.get(qn("w:val"))].iter(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                key = (num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"), "0")))
                self._formats[key] = fmt.get(qn("w:val")) if fmt is not None else "decimal"

    def number(self, paragraph: Paragraph) -> tuple[int, str] | None:
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return None
        num_id, level = num_pr
        if num_id == "0":
            return None
        fmt = self._formats.get((num_id, level), "bullet")
        if fmt in ("bullet", "none"):
            return level, "•"
        key = (num_id, level)
        self._counters[key] = self._counters.get(key, 0) + 1
        for deeper in [k for k in self._counters if k[0] == num_id and k[1] > level]:
            del self._counters[deeper]
        return level, f"{self._counters[key]}."

    def _num_pr(self, paragraph: Paragraph) -> tuple[str, int] | None:
        ppr = paragraph._p.pPr
        candidates = [ppr.find(qn("w:numPr")) if ppr is not None else None]
        candidates += self.styles.num_prs(paragraph)
        num_id, level = None, None
        for num_pr in candidates:
            if num_pr is None:
                continue
            id_el, lvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
            if num_id is None and id_el is not None:
                num_id = id_el.get(qn("w:val"))
            if level is None and lvl_el is not None:
                level = int(lvl_el.get(qn("w:val"), "0"))
        return (num_id, level or 0) if num_id is not None else None


def _comment_suppressions(document: Document, paragraphs: list[_Para], path: str):
    """Word comments whose text starts with ``lint-brieven: disable=…`` on a paragraph."""
    try:
        comments = {str(c.comment_id): c.text for c in document.comments}
    except (AttributeError, KeyError, etree.LxmlError):
        return []
    out: list[Suppression] = []
    for number, para in enumerate(paragraphs, start=1):
        for cid in dict.fromkeys(para.comment_ids):
            codes = directive_codes(comments.get(cid, ""))
            if codes is not None:
                comment = comments[cid].strip()
                out.append(Suppression(codes, path, number, number, number, 1, comment, True))
    return out
