"""HTML letters: block-level tags become paragraphs, headings, list items and table cells.

Placeholders written in the text ("[naam]", "&lt;datum&gt;", "«Naam»", "UW NAAM") become
stand-ins (``layout/placeholders.py``), and so does a start tag that is no HTML element but a
placeholder's words ("<datum>", "<naam huurder>" typed into an HTML letter).

The text is tokenised by ``html.parser`` into events that do not depend on what came before
(a stretch of data, a tag that starts or ends a block, a placeholder tag); ``_Splitter``
then turns the events into blocks. A template variant is made of template pieces that every
variant shares: ``blocks_of`` tokenises each run of pieces that ``html.parser`` reads the
same way whatever follows it (``_tokens``) once per file, and only replays its events.
"""

from __future__ import annotations

import html as html_lib
import html.parser
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from lint_brieven.layout.placeholders import mark, stand_in_text, tag_placeholder
from lint_brieven.layout.whitespace import collapse_joined
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
# how html.parser finds where a start tag ends (None: a Python whose parser has no such
# pattern; then every variant is tokenised whole)
_START_TAG_END: re.Pattern[str] | None = getattr(html.parser, "locatestarttagend_tolerant", None)
# after a text, to see whether html.parser read a start tag up to the end of the text: it
# reads on past a ">" only inside a quoted value, and with no closing quote to the end
_PROBE = "'\""

# events: (what, argument)
_TEXT = 0  # a piece of block text (MappedText): data, a decoded entity, a placeholder tag
_OPEN = 1  # a start tag in _BREAKS (its name)
_CLOSE = 2  # an end tag in _BREAKS (its name)
_BREAK = 3  # a self-closing tag in _BREAKS ("<br/>")
_SKIP_IN = 4  # <script>, <style>, <head>: their text is no letter text
_SKIP_OUT = 5

# At most this many pieces are tokenised together in the hope that they end clean; past
# that the rest of the variant is tokenised as one text.
_MAX_JOINED = 12

_NO_TEXT = MappedText("", ())

Event = tuple[int, object]


class _Tokens(HTMLParser):
    """The events of one text. ``clean`` after ``feed``: the parser read the text to its end,
    outside any <script> or <style>, and no start tag can be read past it
    (``parse_starttag``), so the text is tokenised the same whether or not more follows."""

    def __init__(self, text: MappedText, final: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text.text))]
        self.events: list[Event] = []
        self.bounded = not final and _START_TAG_END is not None
        self._probe = text.text + _PROBE if self.bounded else ""

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    @property
    def clean(self) -> bool:
        return self.bounded and not self.rawdata and self.cdata_elem is None

    def parse_starttag(self, i: int) -> int:
        """A start tag is read the same whatever follows the text when the parser's pattern
        ends in the same place with quotes after the text: it never read to the end."""
        end = super().parse_starttag(i)
        if end >= 0 and self.bounded:
            assert _START_TAG_END is not None
            found = _START_TAG_END.match(self.rawdata, i)
            probed = _START_TAG_END.match(self._probe, i)
            if found is None or probed is None or found.end() != probed.end():
                self.bounded = False
        return end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.events.append((_SKIP_IN, None))
        elif tag in _BREAKS:
            self.events.append((_OPEN, tag))
        else:  # a start tag like "<datum>": no element, a placeholder (``tag_placeholder``)
            tag_text = self.get_starttag_text() or ""
            found = tag_placeholder(tag_text)
            if found is not None:
                start = self._offset()
                piece = stand_in_text(self.source, start, start + len(tag_text), *found)
                self.events.append((_TEXT, piece))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.events.append((_BREAK, tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.events.append((_SKIP_OUT, None))
        elif tag in _BREAKS:
            self.events.append((_CLOSE, tag))

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self.events.append((_TEXT, self.source.slice(start, start + len(data))))

    def _entity(self) -> None:
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
        self.events.append((_TEXT, MappedText(decoded, (segment,))))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def _tokens(text: MappedText, final: bool) -> tuple[list[Event], bool]:
    """The events of ``text`` and whether it is clean (``_Tokens``); ``final``: the text ends
    the letter (the parser is closed)."""
    tokens = _Tokens(text, final)
    tokens.feed(text.text)
    if final:
        tokens.close()
        return tokens.events, True
    return tokens.events, tokens.clean


class _Splitter:
    """Turns events into blocks: a block ends at every tag in _BREAKS."""

    def __init__(self, memo: dict, state: _State | None = None) -> None:
        self._memo = memo  # the parts of a block -> its text (see ``layout_for``)
        self.blocks: list[Block] = []
        self._parts: list[MappedText] = []
        self._kind = BlockKind.PARAGRAPH
        self._level = 0
        self._number: str | None = None
        self._skip_depth = 0
        self._lists: list[list[int | str]] = []  # stack of [tag, counter]
        if state is not None:
            self._parts = list(state.parts)
            self._kind, self._level, self._number = state.style
            self._skip_depth = state.skip_depth
            self._lists = [list(entry) for entry in state.lists]

    def state(self, states: dict) -> _State:
        """Where the splitter is between two blocks' events, as one object per file for
        each distinct place (``states``: the file's, by the identity of the parts read)."""
        lists = tuple(map(tuple, self._lists))
        style = (self._kind, self._level, self._number)
        key = (*map(id, self._parts), None, *style, self._skip_depth, lists)
        found = states.get(key)
        if found is None:
            found = states[key] = _State(tuple(self._parts), style, self._skip_depth, lists)
        return found

    def replay(self, events: list[Event]) -> None:
        for what, arg in events:
            if what == _TEXT:
                if not self._skip_depth:
                    self._parts.append(arg)  # type: ignore[arg-type]
            elif what == _OPEN:
                self._open(arg)  # type: ignore[arg-type]
            elif what == _CLOSE:
                self._close(arg)  # type: ignore[arg-type]
            elif what == _BREAK:
                self.flush()
            elif what == _SKIP_IN:
                self._skip_depth += 1
            else:
                self._skip_depth = max(0, self._skip_depth - 1)

    def flush(self) -> None:
        """End the block being read. Its text is worked out once per list of parts: by their
        identity (the parts every variant shares come from the same events); the parts are
        kept with it, so that their ids stay theirs. So is each block made of that text."""
        key = tuple(map(id, self._parts))
        known = self._memo.get(key)
        if known is None:
            if any(not part.text.isspace() for part in self._parts if part.text):
                content = mark(collapse_joined(self._parts))
            else:  # only whitespace between two tags (half the blocks ended): no block
                content = _NO_TEXT
            known = self._memo[key] = (tuple(self._parts), content, {})
        content, made = known[1], known[2]
        if content.text:
            style = (self._kind, self._level, self._number)
            block = made.get(style)
            if block is None:
                block = made[style] = Block(content, *style)
            self.blocks.append(block)
        self._parts = []

    def _set(self, kind: BlockKind, level: int = 0, number: str | None = None) -> None:
        self._kind, self._level, self._number = kind, level, number

    def _open(self, tag: str) -> None:
        self.flush()
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

    def _close(self, tag: str) -> None:
        self.flush()
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        self._set(BlockKind.PARAGRAPH)


def blocks(text: MappedText, memo: dict | None = None) -> list[Block]:
    splitter = _Splitter({} if memo is None else memo)
    splitter.replay(_tokens(text, final=True)[0])
    splitter.flush()
    return splitter.blocks


def blocks_of(pieces: Sequence[MappedText], memo: dict) -> list[Block]:
    """The blocks of ``MappedText.join(pieces)``, the same as ``blocks`` gives, with the
    events of each run of pieces that ends clean kept in ``memo`` (by the pieces' identity:
    the template pieces every variant of a file shares)."""
    if _START_TAG_END is None:
        return blocks(MappedText.join(pieces), memo)
    chunks: dict = memo.setdefault("html-pieces", {})
    # what replaying a run's events does from one place of the splitter: the blocks it ends
    # and the place it leaves the splitter in (variants share most runs, from the same place)
    steps: dict[tuple[_State, object], tuple[tuple[Block, ...], _State]] = memo.setdefault(
        "html-steps", {}
    )
    states: dict = memo.setdefault("html-states", {})
    state = _Splitter(memo).state(states)
    out: list[Block] = []
    start, count = 0, len(pieces)
    while start < count:
        end = start + 1
        while True:
            final = end == count or end - start >= _MAX_JOINED
            if final:
                end = count
            key = (*map(id, pieces[start:end]), final)
            known = chunks.get(key)
            if known is None:
                run = tuple(pieces[start:end])  # kept, so that their ids stay theirs
                known = chunks[key] = (run, *_tokens(MappedText.join(run), final))
            if known[2]:
                state = _step(state, key, known[1], steps, states, memo, out)
                start = end
                break
            end += 1
    _step(state, None, (), steps, states, memo, out)
    return out


@dataclass(frozen=True, eq=False)
class _State:
    """A place of the splitter between events: the parts of the block being read, its style,
    the depth inside <script>/<style>, the list stack. Compared by identity: one object per
    distinct place per file (``_Splitter.state``)."""

    parts: tuple[MappedText, ...]
    style: tuple[BlockKind, int, str | None]
    skip_depth: int
    lists: tuple[tuple[int | str, ...], ...]


def _step(
    state: _State,
    key: object,
    events: Sequence[Event],
    steps: dict,
    states: dict,
    memo: dict,
    out: list[Block],
) -> _State:
    """Replay ``events`` (those of the run ``key``; None: the end of the letter) from
    ``state``, once per file for each pair: the blocks go to ``out``; the place after."""
    found = steps.get((state, key))
    if found is None:
        splitter = _Splitter(memo, state)
        splitter.replay(events)
        if key is None:
            splitter.flush()
        found = steps[(state, key)] = (tuple(splitter.blocks), splitter.state(states))
    out += found[0]
    return found[1]
