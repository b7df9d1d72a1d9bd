"""The letter model every reader produces and every rule reads.

A reader turns a file into one or more :class:`Letter` objects (a Jinja2 template yields one
letter per variant a tenant can receive). A letter is a list of :class:`Block` objects
(paragraphs, headings, list items, table cells). Each block's text carries a source map: a list
of :class:`Segment` objects that tie a range of the block text back to a range of the source
file, so a finding on any words can be reported at the file's own line and column.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

_NEWLINE = re.compile("\n")


class PlaceholderKind(StrEnum):
    """What a template placeholder stands for, as far as its name or filter tells."""

    NAME = "naam"
    DATE = "datum"
    TIME = "tijd"
    AMOUNT = "bedrag"
    ADDRESS = "adres"
    PHONE = "telefoon"
    EMAIL = "e-mail"
    URL = "website"
    NUMBER = "getal"
    TEXT = "tekst"


class DocumentKind(StrEnum):
    """What kind of text a file is (``soort``): whole-letter checks (a phone number, an e-mail
    address, a contact person, the main message first) apply to a complete letter only."""

    LETTER = "brief"  # a complete letter from the organisation to the tenant
    FRAGMENT = "fragment"  # a piece of a letter (a paragraph, a template part)
    WEB_TEXT = "webtekst"  # a web page
    TENANT_LETTER = "huurder-aan-verhuurder"  # a (model) letter from a tenant to the landlord


@dataclass(frozen=True)
class Placeholder:
    """A ``{{ … }}`` expression: ``source`` is the tag as written, ``kind`` its guessed kind."""

    source: str
    kind: PlaceholderKind


@dataclass(frozen=True)
class SourceText:
    """The text of one source file as the reader saw it, with a line index.

    For DOCX files the reader builds a stand-in text with one line per paragraph in reading
    order, so that "line" means paragraph number and "column" the offset in the paragraph.
    """

    path: str
    text: str
    paragraphs: bool = False  # True for DOCX: lines are paragraphs
    _line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        object.__setattr__(self, "_line_starts", tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]


@dataclass(frozen=True)
class Segment:
    """Maps ``text[start:end]`` of a block to ``source.text[src_start:src_end]``.

    ``exact`` segments map character for character; others (a placeholder's stand-in word, a
    decoded HTML entity) map as a whole.
    """

    start: int
    end: int
    source: SourceText
    src_start: int
    src_end: int
    exact: bool = True
    placeholder: Placeholder | None = None

    def src_offset(self, offset: int, *, at_end: bool = False) -> int:
        if self.exact:
            return self.src_start + (offset - self.start)
        return self.src_end if at_end else self.src_start


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    HEADER = "header"
    FOOTER = "footer"
    TEXT_BOX = "text_box"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True)
class Span:
    """A resolved source range: file, 1-based start and end line/column."""

    source: SourceText
    line: int
    column: int
    end_line: int
    end_column: int
    src_start: int
    src_end: int


@dataclass(frozen=True)
class MappedText:
    """Text with a source map. Slicing and joining keep the map intact."""

    text: str
    segments: tuple[Segment, ...]

    @staticmethod
    def from_source(source: SourceText, start: int = 0, end: int | None = None) -> MappedText:
        end = len(source.text) if end is None else end
        text = source.text[start:end]
        return MappedText(text, (Segment(0, len(text), source, start, end),) if text else ())

    @staticmethod
    def join(parts: Iterable[MappedText]) -> MappedText:
        text: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for part in parts:
            text.append(part.text)
            if offset:
                segments.extend(_shift(seg, offset) for seg in part.segments)
            else:  # shifted by nothing: the same segments
                segments.extend(part.segments)
            offset += len(part.text)
        return MappedText("".join(text), tuple(segments))

    def __hash__(self) -> int:
        """The hash of the fields, as the dataclass would give it, worked out once: the
        variants of a template share their blocks, which are looked up by value."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = self.__dict__["_hash"] = hash((self.text, self.segments))
        return cached

    @cached_property
    def _ends(self) -> list[int]:
        return [seg.end for seg in self.segments]

    def _overlapping(self, start: int, end: int) -> Iterator[Segment]:
        """Segments that overlap ``start:end`` (segments are ordered and do not overlap)."""
        for index in range(bisect.bisect_right(self._ends, start), len(self.segments)):
            seg = self.segments[index]
            if seg.start >= end:
                return
            yield seg

    def slice(self, start: int, end: int) -> MappedText:
        """``select([(start, end)])``; a range inside one segment (most: the layouts slice
        the text of a tag or a line) without the loop over ranges and segments."""
        segments = self.segments
        if end > start:
            index = bisect.bisect_right(self._ends, start)
            if index < len(segments):
                seg = segments[index]
                following = segments[index + 1].start if index + 1 < len(segments) else end
                if seg.start <= start and end <= seg.end and following >= end:
                    return MappedText(self.text[start:end], (_part_of(seg, start, end, -start),))
        return self.select([(start, end)])

    def select(self, ranges: Sequence[tuple[int, int]]) -> MappedText:
        """The text of the given sorted, non-overlapping ranges, joined, with its map."""
        out: list[Segment] = []
        texts: list[str] = []
        offset = 0
        segments = self.segments
        count = len(segments)
        for start, end in ranges:
            if end <= start:
                continue
            for index in range(bisect.bisect_right(self._ends, start), count):
                seg = segments[index]
                if seg.start >= end:
                    break
                lo, hi = max(seg.start, start), min(seg.end, end)
                out.append(_part_of(seg, lo, hi, offset - start))
            texts.append(self.text[start:end])
            offset += end - start
        return MappedText("".join(texts), tuple(out))

    def strip(self) -> MappedText:
        """Drop leading and trailing whitespace, keeping the map."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self.slice(start, max(start, end))

    @cached_property
    def _has_placeholders(self) -> bool:
        return any(seg.placeholder is not None for seg in self.segments)

    def placeholders_in(self, start: int, end: int) -> list[Segment]:
        if not self._has_placeholders:  # most blocks: none to look for
            return []
        return [s for s in self._overlapping(start, end) if s.placeholder is not None]

    def span(self, start: int, end: int) -> Span | None:
        """The source range of ``text[start:end]`` (None for text with no source)."""
        segments = self.segments
        stop = max(end, start + 1)
        index = bisect.bisect_right(self._ends, start)
        if index == len(segments) or segments[index].start >= stop:
            return None  # no segment overlaps (``_overlapping``, without a list)
        first = segments[index]
        while index + 1 < len(segments) and segments[index + 1].start < stop:
            index += 1
        last = segments[index]
        src_start = first.src_offset(max(start, first.start))
        src_end = last.src_offset(min(end, last.end), at_end=True)
        if first.source is not last.source:
            src_end = first.src_end
        line, column = first.source.line_col(src_start)
        end_line, end_column = first.source.line_col(max(src_start, src_end))
        return Span(first.source, line, column, end_line, end_column, src_start, src_end)


def _part_of(seg: Segment, lo: int, hi: int, shift: int) -> Segment:
    """The segment for characters ``lo:hi`` of ``seg`` (inside it), moved by ``shift`` in
    the new text: ``seg`` itself where that is all of it in the same place."""
    new_start, new_end = lo + shift, hi + shift
    if seg.exact:
        src = seg.src_start - seg.start
        if seg.placeholder is None and (new_start, new_end, src + lo, src + hi) == (
            seg.start,
            seg.end,
            seg.src_start,
            seg.src_end,
        ):
            return seg  # kept whole where it was: the same segment
        return Segment(new_start, new_end, seg.source, src + lo, src + hi)
    if new_start == seg.start and new_end == seg.end:
        return seg
    return Segment(
        new_start,
        new_end,
        seg.source,
        seg.src_start,
        seg.src_end,
        exact=False,
        placeholder=seg.placeholder,
    )


def _shift(seg: Segment, offset: int) -> Segment:
    return Segment(
        seg.start + offset,
        seg.end + offset,
        seg.source,
        seg.src_start,
        seg.src_end,
        seg.exact,
        seg.placeholder,
    )


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a letter."""

    content: MappedText
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0  # heading level or list nesting level
    number: str | None = None  # list numbering as shown ("1.", "a)", "•")

    def __hash__(self) -> int:
        """The hash of the fields, as the dataclass would give it, worked out once."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = self.__dict__["_hash"] = hash(
                (self.content, self.kind, self.level, self.number)
            )
        return cached

    @property
    def text(self) -> str:
        return self.content.text

    @cached_property
    def facts(self) -> dict[str, object]:
        """What is worked out from the block alone, once per block (``dutch.letter_parts``:
        where a closing or a salutation line is in it): the variants of a template share
        their Block objects, a block never changes, and what is kept goes with the block."""
        return {}


@dataclass(frozen=True)
class Letter:
    """One letter a tenant can receive, as read from ``path``.

    ``variant`` describes which template branches were taken (None for plain files).
    """

    path: str
    format: str
    blocks: tuple[Block, ...]
    variant: str | None = None
    # declared in the file (front matter) or the configuration; None: decided from the text
    # (``dutch.letter_parts.document_kind``)
    kind: DocumentKind | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @cached_property
    def facts(self) -> dict[str, object]:
        """What is worked out from the blocks, once per letter (``dutch.letter_parts``: where
        the closing and the salutation are, the kind of text); a letter never changes."""
        return {}


@dataclass(frozen=True)
class Suppression:
    """An inline ``disable`` for some codes over lines ``first_line..last_line`` of a source.

    ``line``/``column`` locate the comment itself, to report it when it suppressed nothing.
    An empty ``codes`` set means every code.
    """

    codes: frozenset[str]
    path: str
    first_line: int
    last_line: int
    line: int
    column: int
    comment: str
    paragraphs: bool = False  # True for a Word comment: lines are paragraphs

    def covers(self, path: str, line: int, code: str) -> bool:
        return (
            path == self.path
            and self.first_line <= line <= self.last_line
            and (not self.codes or code in self.codes)
        )


@dataclass
class ReadResult:
    """All a reader learned from one file."""

    path: str
    letters: list[Letter] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # Dutch notes, e.g. capped variants
    sources: Sequence[SourceText] = ()
    # DOCX only: per paragraph number, (run index, start, end) of each run in the paragraph text
    runs: dict[int, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)

    def declare_kind(self, kind: DocumentKind | None) -> None:
        """The configuration's ``soort`` for letters whose file declares none itself."""
        if kind is not None:
            self.letters = [
                letter if letter.kind else replace(letter, kind=kind) for letter in self.letters
            ]
