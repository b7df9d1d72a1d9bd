"""Fields and content-control placeholders in a Word paragraph: what the reader reads of them
and what ``review`` must leave alone.

Word stores a field in one of two forms. A simple field wraps the runs of its result:
``w:fldSimple w:instr=" MERGEFIELD naam "``. A complex field is a run with ``w:fldChar
w:fldCharType="begin"``, runs with the instruction (``w:instrText``), a ``separate`` run, the runs
of the result (what Word shows) and an ``end`` run; complex fields nest, and a field in an
instruction (``IF { MERGEFIELD x } = …``) is part of that instruction. A content control
(``w:sdt``) whose properties hold ``w:showingPlcHdr`` shows its placeholder text ("Klik of tik om
tekst in te voeren."), not text of the letter.

The reader shows what Word shows: the result of a field, never its instruction. A merge field's
result («naam») and a content control's placeholder are data, not the writer's prose: the reader
gives them a stand-in, as it does for a ``{{ … }}`` tag. :func:`scan` tells, per run, whether
Word shows its text, whether it is part of a field or placeholder (``review`` writes no comment
or tracked change there) and which merge field or placeholder it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from lint_brieven.letter import Placeholder, PlaceholderKind
from lint_brieven.readers.placeholders import classify, stand_in

_R, _P = qn("w:r"), qn("w:p")
_FLD_CHAR, _INSTR = qn("w:fldChar"), qn("w:instrText")
_FLD_SIMPLE, _SDT, _SDT_PR = qn("w:fldSimple"), qn("w:sdt"), qn("w:sdtPr")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NAME = re.compile(r"[^\W\d]\w*")
_OFF = ("0", "false", "off")


@dataclass
class Field:
    """A complex field being read: its instruction so far, and whether its result has begun."""

    instruction: list[str] = field(default_factory=list)
    in_result: bool = False

    @property
    def merge_name(self) -> str | None:
        return _merge_name("".join(self.instruction))


@dataclass(frozen=True)
class RunFacts:
    """One run of a paragraph (its own runs, not those of a text box anchored in it)."""

    run: etree._Element
    shown: bool  # Word shows its text: not a field instruction
    protected: bool  # part of a field or of a content control's placeholder
    data: object | None  # the merge field or placeholder it stands in (for grouping runs)


def scan(p: etree._Element, open_fields: list[Field] | None = None) -> list[RunFacts]:
    """The facts of every run of paragraph ``p``, in order.

    ``open_fields`` carries complex fields that began in an earlier paragraph; it is updated in
    place. The reader passes none, so a paragraph always reads the same on its own.
    """
    stack = open_fields if open_fields is not None else []
    out: list[RunFacts] = []
    for r in _own_runs(p):
        before = list(stack)
        for child in r:
            if child.tag == _FLD_CHAR:
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    stack.append(Field())
                elif kind == "separate" and stack:
                    stack[-1].in_result = True
                elif kind == "end" and stack:
                    stack.pop()
            elif child.tag == _INSTR and stack and not stack[-1].in_result:
                stack[-1].instruction.append(child.text or "")
        fields = before or list(stack)
        has_char = r.find(_FLD_CHAR) is not None
        shown = not has_char and all(f.in_result for f in fields)
        simple, control = _containers(r)
        data: object | None = next((f for f in fields if f.merge_name), None)
        if data is None:
            data = next((s for s in simple if _merge_name(s.get(qn("w:instr"), ""))), None)
        if data is None:
            data = control
        protected = bool(fields or has_char or simple or control is not None)
        out.append(RunFacts(r, shown, protected, data))
    return out


def shown_runs(p: etree._Element) -> list[etree._Element]:
    """The runs whose text makes up the paragraph text, as Word shows it."""
    return [f.run for f in scan(p) if f.shown]


def data_ranges(
    p: etree._Element,
) -> tuple[list[tuple[int, int, Placeholder, str]], list[tuple[int, int]]]:
    """Merge-field results and placeholders in the paragraph text: ``(start, end, placeholder,
    stand-in)`` for each, and the ranges that are a content control's placeholder text."""
    groups: list[tuple[int, int, object]] = []
    texts: list[str] = []
    pos = 0
    for facts in scan(p):
        if not facts.shown:
            continue
        text = facts.run.text
        texts.append(text)
        if facts.data is not None and text:
            if groups and groups[-1][2] is facts.data and groups[-1][1] == pos:
                groups[-1] = (groups[-1][0], pos + len(text), facts.data)
            else:
                groups.append((pos, pos + len(text), facts.data))
        pos += len(text)
    full = "".join(texts)
    out, controls = [], []
    for start, end, key in groups:
        placeholder, word = _placeholder(key, full[start:end])
        out.append((start, end, placeholder, word))
        if not isinstance(key, Field) and key.tag == _SDT:
            controls.append((start, end))
    return out, controls


def protected_ranges(facts: Iterable[RunFacts]) -> list[tuple[int, int]]:
    """Text ranges of the shown runs that are part of a field or placeholder (an empty range
    where a field shows nothing), merged where they touch."""
    out: list[tuple[int, int]] = []
    pos = 0
    for f in facts:
        length = len(f.run.text) if f.shown else 0
        if f.protected:
            if out and out[-1][1] == pos:
                out[-1] = (out[-1][0], pos + length)
            else:
                out.append((pos, pos + length))
        pos += length
    return out


def is_placeholder_control(sdt: etree._Element) -> bool:
    pr = sdt.find(_SDT_PR)
    flag = pr.find(qn("w:showingPlcHdr")) if pr is not None else None
    return flag is not None and (flag.get(qn("w:val")) or "true").lower() not in _OFF


def _own_runs(p: etree._Element):
    """Runs whose nearest paragraph is ``p`` (not a text box's), without ``mc:Fallback``
    copies of what ``mc:Choice`` already holds."""
    for r in p.iter(_R):
        for ancestor in r.iterancestors():
            if ancestor.tag == _P:
                if ancestor is p:
                    yield r
                break
            if ancestor.tag == _MC_FALLBACK:
                break


def _containers(r: etree._Element) -> tuple[list[etree._Element], etree._Element | None]:
    """The simple fields around run ``r`` in its paragraph (outermost first) and the outermost
    content control showing its placeholder around it (also one around the paragraph)."""
    simple, control = [], None
    for ancestor in r.iterancestors():
        if ancestor.tag == _FLD_SIMPLE:
            simple.insert(0, ancestor)
        elif ancestor.tag == _SDT and is_placeholder_control(ancestor):
            control = ancestor
    return simple, control


def _merge_name(instruction: str) -> str | None:
    parts = instruction.split()
    if len(parts) >= 2 and parts[0].upper() == "MERGEFIELD":
        return parts[1].strip('"')
    return None


def _placeholder(key: object, text: str) -> tuple[Placeholder, str]:
    """What a merge field or a content control's placeholder stands for, and its stand-in."""
    if isinstance(key, Field):
        names, source, kind = [key.merge_name or ""], text, None
    elif key.tag == _FLD_SIMPLE:
        names, source, kind = [_merge_name(key.get(qn("w:instr"), "")) or ""], text, None
    else:
        pr = key.find(_SDT_PR)
        labels = [
            el.get(qn("w:val"), "")
            for el in (pr.find(qn("w:alias")), pr.find(qn("w:tag")))
            if el is not None
        ]
        names = [n for label in labels for n in _NAME.findall(label)]
        source = next((label for label in labels if label.strip()), text)
        kind = PlaceholderKind.DATE if pr.find(qn("w:date")) is not None else None
    kind = kind or classify(names, [])
    return Placeholder(source, kind), stand_in(kind, names)
