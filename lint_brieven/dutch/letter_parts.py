"""The parts of a letter: salutation, body, closing and signature, found by their words."""

from __future__ import annotations

import re

from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.letter import BlockKind

SALUTATION = re.compile(r"^\s*(?:beste|geachte|hallo|dag|lieve)\b", re.IGNORECASE)
CLOSING = re.compile(
    r"^\s*(?:met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|"
    r"met hartelijke groet(?:en)?|groet(?:en)?|hoogachtend|met de meeste hoogachting)\b",
    re.IGNORECASE,
)
_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


def salutation_block(letter: AnalysedLetter) -> int | None:
    for index, block in enumerate(letter.letter.blocks):
        if SALUTATION.match(block.text):
            return index
    return None


def closing_block(letter: AnalysedLetter) -> int | None:
    for index, block in enumerate(letter.letter.blocks):
        if CLOSING.match(block.text):
            return index
    return None


def body_blocks(letter: AnalysedLetter) -> list[int]:
    """Paragraphs between the salutation and the closing (the whole letter if it has none)."""
    blocks = letter.letter.blocks
    start = salutation_block(letter)
    end = closing_block(letter)
    first = start + 1 if start is not None else 0
    last = end if end is not None and end > first else len(blocks)
    return [
        i for i in range(first, last) if blocks[i].kind in _TEXT_KINDS and blocks[i].text.strip()
    ]
