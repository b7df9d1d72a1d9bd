"""Markdown letters: headings, list items and paragraphs; inline markup is not prose.

Soft line breaks are spaces (as Markdown renders them); emphasis markers, link targets,
HTML comments and a YAML front matter (``---`` … ``---`` at the top) are dropped from the text
while the source map keeps every remaining character. Placeholders written in the text
("[naam]", "<datum>", "___") become stand-ins before the markup is dropped, so that their
brackets and underscores are not taken for a link or emphasis.
"""

from __future__ import annotations

import re

from lint_brieven.layout.placeholders import mark
from lint_brieven.layout.plain import LIST_MARKER, split_paragraphs
from lint_brieven.layout.whitespace import collapse, remove
from lint_brieven.letter import Block, BlockKind, MappedText

_HEADING = re.compile(r"(#{1,6})[ \t]+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# YAML front matter: "---" on the first line, "key: value" lines, "---" (or "...") on its own.
FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?=[\w-]+[ \t]*:)(?:.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
# Markup to drop: emphasis runs, the "](url)" tail of a link, its opening "[", code ticks.
_INLINE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|\]\([^)]*\)|(?<!\\)\[|`")
_INLINE_SIGNS = re.compile(r"[*_\]\[`]")  # every match of _INLINE holds one of these


def blocks(text: MappedText, memo: dict | None = None) -> list[Block]:
    front = FRONT_MATTER.match(text.text)
    dropped = [front.span()] if front else []
    dropped += [m.span() for m in _COMMENT.finditer(text.text, front.end() if front else 0)]
    text = remove(text, dropped)
    out: list[Block] = []
    memo = {} if memo is None else memo  # a paragraph -> its blocks (see ``layout_for``)
    for paragraph in split_paragraphs(text):
        if paragraph not in memo:
            memo[paragraph] = _paragraph_blocks(paragraph)
        out.extend(memo[paragraph])
    return out


def _paragraph_blocks(paragraph: MappedText) -> list[Block]:
    out: list[Block] = []
    kind, level, number = BlockKind.PARAGRAPH, 0, None
    current: list[MappedText] = []
    pos = 0
    for line in paragraph.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        heading = _HEADING.match(line)
        item = LIST_MARKER.match(line)
        line_end = min(end + 1, len(paragraph.text))  # keep the newline: it joins as a space
        if heading:
            _emit(out, current, kind, level, number)
            _emit(
                out,
                [paragraph.slice(start + heading.end(), end)],
                BlockKind.HEADING,
                len(heading.group(1)),
                None,
            )
            current, kind, level, number = [], BlockKind.PARAGRAPH, 0, None
        elif item:
            _emit(out, current, kind, level, number)
            indent = len(item.group()) - len(item.group().lstrip())
            kind, level, number = BlockKind.LIST_ITEM, indent // 2, item["marker"]
            current = [paragraph.slice(start + item.end(), line_end)]
        else:
            current.append(paragraph.slice(start, line_end))
    _emit(out, current, kind, level, number)
    return out


def _emit(
    out: list[Block], parts: list[MappedText], kind: BlockKind, level: int, number: str | None
) -> None:
    joined = mark(MappedText.join(parts))
    if _INLINE_SIGNS.search(joined.text):  # most paragraphs have no inline markup
        joined = remove(joined, [m.span() for m in _INLINE.finditer(joined.text)])
    else:
        joined = remove(joined, [])
    content = collapse(joined)
    if content.text:
        out.append(Block(content, kind, level, number))
