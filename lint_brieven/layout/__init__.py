"""Layouts split a letter's mapped text into blocks: one module per markup language."""

from __future__ import annotations

from collections.abc import Callable

from lint_brieven.layout import html, markdown, plain
from lint_brieven.letter import Block, MappedText

Layout = Callable[[MappedText], list[Block]]

LAYOUTS: dict[str, Layout] = {
    "html": html.blocks,
    "markdown": markdown.blocks,
    "plain": plain.blocks,
}


def layout_for(markup: str) -> Layout:
    return LAYOUTS[markup]
