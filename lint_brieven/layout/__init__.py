"""Layouts split a letter's mapped text into blocks: one module per markup language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from lint_brieven.layout import html, markdown, plain
from lint_brieven.letter import Block, MappedText

Layout = Callable[[MappedText], list[Block]]
PiecesLayout = Callable[[Sequence[MappedText]], list[Block]]

# each takes the text and a memo: what it made of each stretch of text it laid out before
LAYOUTS: dict[str, Callable[..., list[Block]]] = {
    "html": html.blocks,
    "markdown": markdown.blocks,
    "plain": plain.blocks,
}


def layout_for(markup: str) -> Layout:
    """The layout for ``markup``, with a memo of its own: the variants of one template share
    most of their text, and a paragraph made of the same template pieces is laid out once.
    Take a new layout for every file (the memo lives as long as the layout)."""
    return partial(LAYOUTS[markup], memo={})


def _joined(markup: str, pieces: Sequence[MappedText], memo: dict) -> list[Block]:
    return LAYOUTS[markup](MappedText.join(pieces), memo=memo)


def pieces_layout_for(markup: str) -> PiecesLayout:
    """Like ``layout_for``, for a text given as the pieces it is joined from (the template
    pieces of a variant): the blocks of the joined text. HTML keeps what it tokenised of the
    pieces every variant shares (``html.blocks_of``)."""
    if markup == "html":
        return partial(html.blocks_of, memo={})
    return partial(_joined, markup, memo={})
