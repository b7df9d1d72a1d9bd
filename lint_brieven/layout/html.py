"""HTML letters: block-level tags become paragraphs, headings, list items and table cells.

Placeholders written in the text ("[naam]", "&lt;datum&gt;", "«Naam»", "UW NAAM") become
stand-ins (``layout/placeholders.py``), and so does a start tag that is no HTML element but a
placeholder's words ("<datum>", "<naam huurder>" typed into an HTML letter).
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

from lint_brieven.layout.placeholders import mark, stand_in_text, tag_placeholder
from lint_brieven.layout.whitespace import collapse
from lint_brieven.letter import Block, BlockKind, MappedText, Segment

_BREAKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl",
    "dt", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul",
}  # fmt: skip
_SKIP = {"script", "style", "head"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


class _Splitter(HTMLParser):
    def __init__(self, text: MappedText, memo: dict) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self._memo = memo  # the parts of a block -> its text (see ``layout_for``)
        self._line_starts = [0] + [i + 1 for i, c in enumerate(text.text) if c == "\n"]
        self.blocks: list[Block] = []
        self._parts: list[MappedText] = []
        self._kind = BlockKind.PARAGRAPH
        self._level = 0
        self._number: str | None = None
        self._skip_depth = 0
        self._lists: list[list[int | str]] = []  # stack of [tag, counter]

    # -- helpers -------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _flush(self) -> None:
        key = tuple(self._parts)
        content = self._memo.get(key)
        if content is None:
            content = self._memo[key] = mark(collapse(MappedText.join(self._parts)))
        if content.text:
            self.blocks.append(Block(content, self._kind, self._level, self._number))
        self._parts = []

    def _set(self, kind: BlockKind, level: int = 0, number: str | None = None) -> None:
        self._kind, self._level, self._number = kind, level, number

    # -- parser events -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
            return
        if tag not in _BREAKS:
            self._placeholder_tag()
            return
        self._flush()
        if tag in _HEADINGS:
            self._set(BlockKind.HEADING, _HEADINGS[tag])
        elif tag in ("ol", "ul"):
            self._lists.append([tag, 0])
        elif tag == "li":
            number = "•"
            if self._lists:
                self._lists[-1][1] = int(self._lists[-1][1]) + 1
                if self._lists[-1][0] == "ol":
                    number = f"{self._lists[-1][1]}."
            self._set(BlockKind.LIST_ITEM, max(len(self._lists) - 1, 0), number)
        elif tag in ("td", "th"):
            self._set(BlockKind.TABLE_CELL)
        elif tag != "br":
            self._set(BlockKind.PARAGRAPH)

    def _placeholder_tag(self) -> None:
        """A start tag like "<datum>": no element, a placeholder (``tag_placeholder``)."""
        tag_text = self.get_starttag_text() or ""
        found = tag_placeholder(tag_text) if not self._skip_depth else None
        if found is not None:
            start = self._offset()
            self._parts.append(stand_in_text(self.source, start, start + len(tag_text), *found))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag not in _BREAKS:
            return
        self._flush()
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        self._set(BlockKind.PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        start = self._offset()
        self._parts.append(self.source.slice(start, start + len(data)))

    def _entity(self) -> None:
        if self._skip_depth:
            return
        start = self._offset()
        match = _ENTITY.match(self.source.text, start)
        if match is None:
            return
        decoded = html_lib.unescape(match.group())
        piece = self.source.slice(start, match.end())
        if not piece.segments:
            return
        first, last = piece.segments[0], piece.segments[-1]
        segment = Segment(0, len(decoded), first.source, first.src_start, last.src_end, exact=False)
        self._parts.append(MappedText(decoded, (segment,)))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def blocks(text: MappedText, memo: dict | None = None) -> list[Block]:
    splitter = _Splitter(text, {} if memo is None else memo)
    splitter.feed(text.text)
    splitter.close()
    splitter._flush()
    return splitter.blocks
