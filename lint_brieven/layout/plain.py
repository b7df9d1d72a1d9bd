"""Plain-text letters: blank lines separate paragraphs; list markers start list items.

A line break inside a paragraph is kept (the NLP step treats it as a sentence boundary) unless
the line reads on: it ends without punctuation and the next line starts in lower case, as in
hard-wrapped text. Then it becomes a space. Placeholders written in the text ("[naam]",
"UW NAAM", "……") become stand-ins (``layout/placeholders.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lint_brieven.layout.placeholders import mark
from lint_brieven.layout.whitespace import squeeze
from lint_brieven.letter import Block, BlockKind, MappedText

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
LIST_MARKER = re.compile(r"[ \t]*(?P<marker>[-*+•]|\d+[.)]|[a-z][.)])[ \t]+")
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?:;])[ \t]*\n[ \t]*(?=[a-z(])")


def blocks(text: MappedText, memo: dict | None = None) -> list[Block]:
    out: list[Block] = []
    memo = {} if memo is None else memo  # a paragraph -> its blocks (see ``layout_for``)
    for paragraph in split_paragraphs(text):
        if paragraph not in memo:
            memo[paragraph] = [replace(b, content=mark(b.content)) for b in _list_lines(paragraph)]
        out.extend(memo[paragraph])
    return out


def split_paragraphs(text: MappedText) -> list[MappedText]:
    parts: list[MappedText] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text.text):
        parts.append(text.slice(pos, m.start()))
        pos = m.end()
    parts.append(text.slice(pos, len(text.text)))
    return [p.strip() for p in parts if p.text.strip()]


def _list_lines(paragraph: MappedText) -> list[Block]:
    """Split a paragraph into list items where lines start with a list marker."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in paragraph.text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = [i for i, (a, b) in enumerate(lines) if LIST_MARKER.match(paragraph.text, a, b)]
    if not starts:
        return [Block(squeeze(paragraph, _SOFT_BREAK))]
    groups: list[tuple[int, int]] = []
    cut_points = ([0] if starts[0] != 0 else []) + starts + [len(lines)]
    for first, nxt in zip(cut_points, cut_points[1:], strict=False):
        groups.append((lines[first][0], lines[nxt - 1][1]))
    out: list[Block] = []
    for a, b in groups:
        m = LIST_MARKER.match(paragraph.text, a, b)
        if m:
            item = paragraph.slice(m.end(), b).strip()
            indent = len(m.group()) - len(m.group().lstrip())
            content = squeeze(item, _SOFT_BREAK)
            out.append(Block(content, BlockKind.LIST_ITEM, indent // 2, m["marker"]))
        else:
            out.append(Block(squeeze(paragraph.slice(a, b).strip(), _SOFT_BREAK)))
    return out
