"""A letter as the tenant reads it, as plain JSON: its blocks (headings, paragraphs, list items)
and, for a template, which blocks each variant shows. The audit keeps it in the letter's cache
entry (``cache_entry.Checked.layout``) so the letter page can be made again without reading
the letter.

    {"sources": [path, ...],
     "blocks": [{"kind": str, "level": int, "number": str | None,
                 "pieces": [[text, source, start, end, exact, placeholder kind | None,
                             placeholder tag | None], ...]}, ...],
     "variants": [{"name": str | None, "blocks": [block index, ...]}, ...]}

A piece is a run of a block's text and the range of a source file it comes from: ``source`` is
an index into ``sources`` (-1: text with no source), ``start``/``end`` offsets in that file's
text. A placeholder (``{{ … }}``) is one piece that is not ``exact``: the block holds a
stand-in word for it. Blocks the variants share are kept once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lint_brieven.letter import BlockKind, Letter, PlaceholderKind

_KINDS = {k.value for k in BlockKind}
_PLACEHOLDERS = {k.value for k in PlaceholderKind}


def layout_of(letters: Iterable[Letter]) -> dict:
    sources: dict[str, int] = {}
    blocks: dict[Any, int] = {}
    out_blocks: list[dict] = []
    variants = []
    for letter in letters:
        indices = []
        for block in letter.blocks:
            index = blocks.get(block)
            if index is None:
                index = blocks[block] = len(out_blocks)
                out_blocks.append(
                    {
                        "kind": block.kind.value,
                        "level": block.level,
                        "number": block.number,
                        "pieces": _pieces(block.content, sources),
                    }
                )
            indices.append(index)
        variants.append({"name": letter.variant, "blocks": indices})
    return {"sources": list(sources), "blocks": out_blocks, "variants": variants}


def _pieces(content, sources: dict[str, int]) -> list[list]:
    text = content.text
    out: list[list] = []
    pos = 0
    for seg in content.segments:
        if seg.start > pos:
            out.append([text[pos : seg.start], -1, 0, 0, True, None, None])
        source = sources.setdefault(seg.source.path, len(sources))
        holder = seg.placeholder
        out.append(
            [
                text[seg.start : seg.end],
                source,
                seg.src_start,
                seg.src_end,
                seg.exact,
                holder.kind.value if holder else None,
                holder.source if holder else None,
            ]
        )
        pos = seg.end
    if pos < len(text):
        out.append([text[pos:], -1, 0, 0, True, None, None])
    return out


def rebased(layout: dict | None, name: Callable[[str], str]) -> dict | None:
    """The layout with its file names passed through ``name``."""
    if layout is None:
        return None
    return {**layout, "sources": [name(p) for p in layout["sources"]]}


def checked(value: Any, text: Callable[[Any], str], path: Callable[[Any], str]) -> dict | None:
    """The layout when every field has its type; ``ValueError`` otherwise. ``text`` checks
    a string, ``path`` a file name (``cache_entry._text``: a name may hold the undecodable
    bytes of a name that is no UTF-8)."""
    if value is None:
        return None
    layout = _object(value, {"sources", "blocks", "variants"})
    sources = [path(p) for p in _list(layout["sources"])]
    blocks = _list(layout["blocks"])
    for block in blocks:
        b = _object(block, {"kind", "level", "number", "pieces"})
        if b["kind"] not in _KINDS or not _count(b["level"]) >= 0:
            raise ValueError("block")
        if b["number"] is not None:
            text(b["number"])
        for piece in _list(b["pieces"]):
            p = _list(piece)
            if len(p) != 7 or not isinstance(p[4], bool):
                raise ValueError("piece")
            text(p[0])
            if not -1 <= _int(p[1]) < len(sources) or _count(p[2]) > _count(p[3]):
                raise ValueError("piece")
            if p[5] is not None and p[5] not in _PLACEHOLDERS:
                raise ValueError("placeholder")
            if p[6] is not None:
                text(p[6])
    for variant in _list(layout["variants"]):
        v = _object(variant, {"name", "blocks"})
        if v["name"] is not None:
            text(v["name"])
        if any(not 0 <= _int(i) < len(blocks) for i in _list(v["blocks"])):
            raise ValueError("variant")
    return layout


def _object(value: Any, fields: set[str]) -> dict:
    if not isinstance(value, dict) or set(value) != fields:
        raise ValueError("object")
    return value


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise ValueError("list")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("int")
    return value


def _count(value: Any) -> int:
    if _int(value) < 0:
        raise ValueError("int")
    return value
