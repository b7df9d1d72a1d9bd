"""A reviewed copy of a Word letter: every finding a Word comment on exactly its words, every
safe replacement a tracked change (``w:del`` + ``w:ins``) the advisor accepts or rejects.

Only the runs under a finding change: a run that holds more than the flagged words is split
into runs with the same formatting (its ``w:rPr`` copied), the flagged run is wrapped in
``w:del`` (its ``w:t`` becomes ``w:delText``) and the replacement follows in a ``w:ins`` run
with the same formatting. Paragraphs, tables, headers, footers, images and fields without a
finding are not touched. Word allows no comments in headers and footers, and this tool writes
none in footnotes and endnotes: a finding there becomes a comment on the first paragraph of the
body, saying where it is, without a tracked change. A run that holds more than text, tabs and
line breaks (a drawing) is never split: the comment then covers the whole run and no tracked
change is made there.

Nothing is ever written inside a field (``w:fldSimple``, or a complex field from its
``fldChar begin`` to its ``end``: MERGEFIELD, REF, DATE …) or inside a content control showing
its placeholder text: Word's "accept all" and "reject all" would not give back the field there,
and Word replaces a field's result when it updates it. A finding on such words becomes a comment
on the whole paragraph, without a tracked change; a paragraph inside a field that runs over
several paragraphs gets its comments on the first paragraph of the body, like a header.

Letter-level findings (no phone number, no contact person) become a comment on the paragraph
where the text should go: the closing ("Met vriendelijke groet"), else the last paragraph.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from lint_brieven.dutch.letter_parts import CLOSING
from lint_brieven.findings import Finding
from lint_brieven.fix.edits import Edit, replacement, resolve
from lint_brieven.letter import BlockKind
from lint_brieven.readers.docx import note_ids, paragraph_runs, paragraphs_in_reading_order
from lint_brieven.readers.docx_fields import Field, protected_ranges, scan

AUTHOR = "lint-brieven"
INITIALS = "LB"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Whole-letter findings about what is missing from the contact block go to the closing.
_CLOSING_CODES = ("LB301", "LB302", "LB303")
# Where a paragraph is, by the element its story starts at; the body is None.
_STORIES = {
    qn("w:hdr"): BlockKind.HEADER,
    qn("w:ftr"): BlockKind.FOOTER,
    qn("w:footnote"): BlockKind.FOOTNOTE,
    qn("w:endnote"): BlockKind.ENDNOTE,
}
_FIELD_ROOTS = (qn("w:body"), qn("w:txbxContent"), qn("w:tc"))
IN_FIELD = "In deze alinea, bij een veld of invulveld (daarom geen wijziging voorgesteld): "
IN_LONG_FIELD = "In alinea {n}, in een veld dat over meer alinea's loopt: "


@dataclass
class Review:
    data: bytes
    comments: int = 0
    changes: int = 0


def review(data: bytes, findings: Sequence[Finding], when: datetime | None = None) -> Review:
    """The reviewed copy of the Word document ``data`` for its ``findings``."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = paragraphs_in_reading_order(document)
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = _Ids(document)
    out = Review(b"")
    places = [_place(p) for p in paragraphs]
    in_long_field = _in_long_field(paragraphs, places)
    body = sorted(i for i, place in enumerate(places) if place is None and i not in in_long_field)
    in_body = set(body)
    by_paragraph: dict[int, list[Finding]] = {}
    elsewhere: list[tuple[int, Finding]] = []  # headers, footers, notes, fields over paragraphs
    for finding in findings:
        index = _target(finding, paragraphs, body)
        if index is None:
            continue
        if index in in_body:
            by_paragraph.setdefault(index, []).append(finding)
        else:
            elsewhere.append((index, finding))
    if elsewhere and body:
        first = paragraphs[body[0]]
        numbers = {kind: note_ids(document, kind) for kind in _NOTE_NAMES}
        for index, finding in elsewhere:
            where = _where(paragraphs[index], places[index], index, numbers)
            _comment_at_start(document, first, where + _comment(finding))
            out.comments += 1
    for index, found in sorted(by_paragraph.items()):
        paragraph = paragraphs[index]
        facts = scan(paragraph._p)
        regions = protected_ranges(facts)
        protected = {f.run for f in facts if f.protected}
        near_field = [f for f in found if _overlaps(f, regions)]
        edits = _edits([f for f in found if f not in near_field], text_of(paragraph))
        for finding in found:  # comments first: splitting runs keeps the text as it is
            runs = [] if finding in near_field else _anchor(paragraph, finding)
            if runs and runs[0]._r not in protected and runs[-1]._r not in protected:
                document.add_comment(runs, text=_comment(finding), author=AUTHOR, initials=INITIALS)
            else:
                prefix = IN_FIELD if finding in near_field else ""
                _comment_on_paragraph(document, paragraph, prefix + _comment(finding))
            out.comments += 1
        for edit in sorted(edits, reverse=True):  # right to left: offsets on the left stay
            runs = isolate(paragraph, edit.start, edit.end)
            if runs and "".join(r.text for r in runs) == text_of(paragraph)[edit.start : edit.end]:
                _track(runs, edit.text, ids, stamp)
                out.changes += 1
    buffer = io.BytesIO()
    document.save(buffer)
    out.data = buffer.getvalue()
    return out


# -- where a finding is -------------------------------------------------------------------------

_NOTE_NAMES = {BlockKind.FOOTNOTE: "voetnoot", BlockKind.ENDNOTE: "eindnoot"}
_PLACE_NAMES = {BlockKind.HEADER: "de koptekst", BlockKind.FOOTER: "de voettekst"}


def _place(paragraph: Paragraph) -> BlockKind | None:
    """None for a paragraph of the body; else the header, footer or note it is in."""
    for ancestor in paragraph._p.iterancestors():
        if ancestor.tag == qn("w:body"):
            return None
        if ancestor.tag in _STORIES:
            return _STORIES[ancestor.tag]
    return BlockKind.HEADER  # not in the body: never written in


def _where(
    paragraph: Paragraph, place: BlockKind | None, index: int, numbers: dict[BlockKind, list[str]]
) -> str:
    if place is None:
        return IN_LONG_FIELD.format(n=index + 1)
    if place in _NOTE_NAMES:
        note = next(a for a in paragraph._p.iterancestors() if a.tag in _STORIES)
        ids = numbers[place]
        number = note.get(qn("w:id"))
        if number in ids:
            return f"In {_NOTE_NAMES[place]} {ids.index(number) + 1}: "
        return f"In een {_NOTE_NAMES[place]}: "
    return f"In {_PLACE_NAMES.get(place, 'de kop- of voettekst')}: "


def _in_long_field(paragraphs: list[Paragraph], places: list[BlockKind | None]) -> set[int]:
    """Body paragraphs that start or end inside a complex field running over paragraphs (a
    paragraph-level comment there would sit inside the field)."""
    open_fields: dict[etree._Element, list[Field]] = {}
    out: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        if places[index] is not None:
            continue
        root = next(
            (a for a in paragraph._p.iterancestors() if a.tag in _FIELD_ROOTS), paragraph._p
        )
        stack = open_fields.setdefault(root, [])
        was_open = bool(stack)
        scan(paragraph._p, stack)
        if was_open or stack:
            out.add(index)
    return out


def _overlaps(finding: Finding, regions: list[tuple[int, int]]) -> bool:
    """Whether the finding's words fall in a field or placeholder, or one lies inside them."""
    if not finding.text or finding.line != finding.end_line:
        return False
    start, end = finding.column - 1, finding.end_column - 1
    return any((a < end and start < b) if a < b else start < a < end for a, b in regions)


def _comment_at_start(document, paragraph: Paragraph, text: str) -> None:
    """A comment on the first words of ``paragraph``, or on all of it when those are a field."""
    protected = {f.run for f in scan(paragraph._p) if f.protected}
    first = [r for r in paragraph_runs(paragraph) if r.text][:1]
    if first and first[0]._r not in protected:
        document.add_comment(first, text=text, author=AUTHOR, initials=INITIALS)
    else:
        _comment_on_paragraph(document, paragraph, text)


def _comment_on_paragraph(document, paragraph: Paragraph, text: str) -> None:
    """A comment on the whole paragraph: its range starts before the first run and ends after
    the last, so it holds every field of the paragraph whole."""
    comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
    cid = {qn("w:id"): str(comment.comment_id)}
    p = paragraph._p
    start = OxmlElement("w:commentRangeStart", attrs=cid)
    if p.pPr is not None:
        p.pPr.addnext(start)
    else:
        p.insert(0, start)
    p.append(OxmlElement("w:commentRangeEnd", attrs=cid))
    reference = OxmlElement("w:r")
    reference.get_or_add_rPr().style = "CommentReference"
    reference.append(OxmlElement("w:commentReference", attrs=cid))
    p.append(reference)


def _target(finding: Finding, paragraphs: list[Paragraph], body: list[int]) -> int | None:
    if finding.text:
        index = finding.line - 1
        return index if 0 <= index < len(paragraphs) else None
    if finding.code in _CLOSING_CODES:  # in the body: not in a footer or an endnote
        closing = [i for i in body if CLOSING.match(text_of(paragraphs[i]))]
        texts = [i for i in body if text_of(paragraphs[i]).strip()]
        return closing[0] if closing else (texts[-1] if texts else None)
    index = finding.line - 1
    return index if 0 <= index < len(paragraphs) else None


def _anchor(paragraph: Paragraph, finding: Finding) -> list[Run]:
    """The runs a comment covers: the flagged words, or the whole paragraph for a letter-level
    finding."""
    text = text_of(paragraph)
    if finding.text and finding.line == finding.end_line:
        # the source range: a placeholder's tag stands where the finding has its stand-in
        start, end = finding.column - 1, finding.end_column - 1
        if 0 <= start < end <= len(text):
            return isolate(paragraph, start, end) or _covering(paragraph, start, end)
    return [r for r in paragraph_runs(paragraph) if r.text]


def _edits(findings: list[Finding], text: str) -> list[Edit]:
    """Safe, non-overlapping replacements within one paragraph's text."""
    edits = []
    for finding in findings:
        suggestion = replacement(finding, unsafe=False)
        if suggestion is None or not finding.text or finding.line != finding.end_line:
            continue
        start, end = finding.column - 1, finding.end_column - 1
        if text[start:end] == finding.text and suggestion.text != finding.text:
            edits.append(Edit(start, end, suggestion.text, finding.code))
    return resolve(edits)


def text_of(paragraph: Paragraph) -> str:
    """The paragraph text as the reader sees it (finding columns count in it)."""
    return "".join(r.text for r in paragraph_runs(paragraph))


def _comment(finding: Finding) -> str:
    lines = [f"{finding.code}: {finding.message}"]
    for suggestion in finding.suggestions[:2]:
        label = "Suggestie" if suggestion.replaces else "Advies"
        lines.append(f"{label}: {suggestion.text}")
    return "\n".join(lines)


# -- runs ---------------------------------------------------------------------------------


_TEXTUAL = {qn("w:t"): None, qn("w:br"): 1, qn("w:cr"): 1, qn("w:tab"): 1}


def _simple(run: Run) -> bool:
    """A run of text only: properties, ``w:t`` and line breaks or tabs, nothing else."""
    return all(c.tag == qn("w:rPr") or c.tag in _TEXTUAL for c in run._r)


def _length(child: etree._Element) -> int:
    size = _TEXTUAL[child.tag]
    return len(child.text or "") if size is None else size


def _split(run: Run, at: int) -> tuple[Run, Run]:
    """Split a text run at character ``at`` into two runs with the same formatting."""
    left = run._r
    right = copy.deepcopy(left)
    left.addnext(right)
    pos = 0
    for mine, theirs in zip(list(left), list(right), strict=True):
        if mine.tag == qn("w:rPr"):
            continue
        size = _length(mine)
        if pos + size <= at:
            right.remove(theirs)  # wholly left of the split
        elif pos >= at:
            left.remove(mine)  # wholly right of the split
        else:  # a w:t the split falls in
            _set_text(mine, (mine.text or "")[: at - pos])
            _set_text(theirs, (theirs.text or "")[at - pos :])
        pos += size
    return run, Run(right, run._parent)


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def isolate(paragraph: Paragraph, start: int, end: int) -> list[Run] | None:
    """The runs covering exactly characters ``start:end`` of the paragraph text, splitting
    plain-text runs at the edges; None when an edge falls inside a run that is not plain."""
    pos = 0
    out: list[Run] = []
    for run in paragraph_runs(paragraph):
        text = run.text
        run_start, run_end = pos, pos + len(text)
        pos = run_end
        if not text or run_end <= start or run_start >= end:
            continue
        if run_start < start or run_end > end:
            if not _simple(run):
                return None
            if run_start < start:
                run = _split(run, start - run_start)[1]
                run_start = start
            if run_end > end:
                run = _split(run, end - run_start)[0]
        out.append(run)
    return out


def _covering(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    pos, out = 0, []
    for run in paragraph_runs(paragraph):
        text = run.text
        if text and pos < end and pos + len(text) > start:
            out.append(run)
        pos += len(text)
    return out


# -- tracked changes ------------------------------------------------------------------------


class _Ids:
    """Revision ids unique in the document (Word requires them unique per change)."""

    def __init__(self, document) -> None:
        used = [
            int(el.get(qn("w:id")))
            for el in document.element.iter(qn("w:ins"), qn("w:del"))
            if (el.get(qn("w:id")) or "").isdigit()
        ]
        self.next = max(used, default=0) + 1000

    def take(self) -> str:
        self.next += 1
        return str(self.next)


def _revision(tag: str, ids: _Ids, stamp: str) -> etree._Element:
    element = etree.Element(qn(tag))
    element.set(qn("w:id"), ids.take())
    element.set(qn("w:author"), AUTHOR)
    element.set(qn("w:date"), stamp)
    return element


def _track(runs: list[Run], text: str, ids: _Ids, stamp: str) -> None:
    """Wrap ``runs`` in deletions and put an insertion of ``text`` after the last one."""
    for run in runs:
        r = run._r
        deletion = _revision("w:del", ids, stamp)
        r.addprevious(deletion)
        deletion.append(r)
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
    last = runs[-1]._r
    inserted = copy.deepcopy(last)
    for child in list(inserted):
        if child.tag != qn("w:rPr"):
            inserted.remove(child)
    t = etree.SubElement(inserted, qn("w:t"))
    _set_text(t, text)
    insertion = _revision("w:ins", ids, stamp)
    insertion.append(inserted)
    last.getparent().addnext(insertion)
