"""Layouts split a letter's mapped text into blocks: one module per markup language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from lint_brieven.layout import html, markdown, plain
from lint_brieven.letter import Block, MappedText

Layout = Callable[[MappedText], list[Block]]

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
