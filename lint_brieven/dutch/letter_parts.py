"""The parts of a letter: salutation, body, closing and signature, found by their words; and
what kind of text it is (``soort``), which decides whether whole-letter checks apply."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TypeVar

from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.letter import Block, BlockKind, DocumentKind, Letter, PlaceholderKind

SALUTATION = re.compile(r"^\s*(?:beste|geachte|hallo|hoi|dag|lieve)\b", re.IGNORECASE)
CLOSING = re.compile(
    r"^\s*(?:met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|"
    r"met hartelijke groet(?:en)?|groet(?:en)?|hoogachtend|met de meeste hoogachting)\b",
    re.IGNORECASE,
)
_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)

# A salutation line: the greeting, a few words (no sentence end, no colon: "Dag en tijd: …" is
# no salutation) and a comma or the end of the line.
SALUTATION_LINE = re.compile(
    r"^[ \t]*(?:beste|geachte|hallo|hoi|dag|lieve|goedemorgen|goedemiddag|goedendag)\b"
    r"[^.!?:\n]{0,60}(?:,|$)",
    re.IGNORECASE | re.MULTILINE,
)
# A closing line: at the start of a line or right after a sentence.
CLOSING_LINE = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)[ \t]*(?:(?:met )?(?:vriendelijke|hartelijke|beste|warme) "
    r"groet(?:en)?|met groet(?:en)?|groet(?:en)?|hoogachtend|met de meeste hoogachting)\b"
    r"[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)
# A letter a tenant writes to the landlord (model letters of the Huurcommissie and tenant
# organisations): it addresses the landlord, or the writer says he rents, or it is signed
# with the tenant's name placeholder ("[naam huurder]").
_TO_LANDLORD = re.compile(
    r"^[ \t]*(?:geachte|beste)\s+(?:heer/mevrouw,?\s+)?(?:verhuurder|verhuurster|beheerder|"
    r"directie|woningcorporatie|corporatie|huurcommissie)\b",
    re.IGNORECASE | re.MULTILINE,
)
_TENANT_WRITES = re.compile(
    r"\b(?:ik huur|huur ik|wij huren|huren wij|ik ben (?:de )?(?:hoofd)?huurder|"
    r"wij zijn (?:de )?huurders|mijn verhuurder|onze verhuurder|ondergetekende)\b",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]+")
_BREAK = re.compile(r"\n")
_INDENT = re.compile(r"[ \t]*")
# Template variables for the salutation and the closing ("{{ aanhef }},", "{{ groet }}").
_SALUTATION_NAME = re.compile(r"aanhef|begroeting|salutation", re.IGNORECASE)
_CLOSING_NAME = re.compile(r"(?<!be)groet|afsluiting|closing", re.IGNORECASE)
_TENANT_NAME = re.compile(r"huurder|bewoner", re.IGNORECASE)
T = TypeVar("T")


def salutation_block(letter: AnalysedLetter) -> int | None:
    for index, block in enumerate(letter.letter.blocks):
        if _starts_salutation(block):
            return index
    return None


def closing_block(letter: AnalysedLetter) -> int | None:
    for index, block in enumerate(letter.letter.blocks):
        if _starts_closing(block):
            return index
    return None


def body_blocks(letter: AnalysedLetter) -> list[int]:
    """Paragraphs between the salutation and the closing (the whole letter if it has none)."""
    blocks = letter.letter.blocks
    start = salutation_block(letter)
    end = closing_block(letter)
    first = start + 1 if start is not None else 0
    last = end if end is not None and end > first else len(blocks)
    return [i for i in range(first, last) if blocks[i].kind in _TEXT_KINDS and _written(blocks[i])]


def _written(block: Block) -> bool:
    """Not empty or only white space (``text.strip()``, without copying the text)."""
    text = block.text
    return bool(text) and not text.isspace()


def _placeholder_line(block: Block, named: re.Pattern[str]) -> tuple[int, int] | None:
    """The first line of ``block`` that starts with a placeholder whose source matches
    ``named`` ("{{ groet }}", "{{ aanhef }},"): its start and end in the block text."""
    text = block.text
    breaks: list[int] | None = None
    for seg in block.content.segments:
        if seg.placeholder is None or not named.search(seg.placeholder.source):
            continue
        breaks = breaks if breaks is not None else [m.start() for m in _BREAK.finditer(text)]
        line = bisect.bisect_left(breaks, seg.start)
        start = breaks[line - 1] + 1 if line else 0
        if _INDENT.match(text, start).end() >= seg.start:
            return start, breaks[line] if line < len(breaks) else len(text)
    return None


def _once(letter: Letter, name: str, find: Callable[[Letter], T]) -> T:
    """``find(letter)``, worked out once per letter (``Letter.facts``)."""
    if name not in letter.facts:
        letter.facts[name] = find(letter)
    return letter.facts[name]  # type: ignore[return-value]


def closing_line(letter: Letter) -> tuple[int, int] | None:
    """Where the closing ("Met vriendelijke groet,", or a template's "{{ groet }}") ends:
    block index and offset in it."""
    return _once(letter, "closing", _closing_line)


def _closing_line(letter: Letter) -> tuple[int, int] | None:
    for index, block in enumerate(letter.blocks):
        end = _closing_in(block)
        if end is not None:
            return index, end
    return None


def _per_block(find: Callable[[Block], T]) -> Callable[[Block], T]:
    """``find(block)``, kept with the block (``Block.facts``) as long as it lives: ``find``
    reads the block alone, the variants of a template share their blocks, and a file's
    blocks go with the file."""
    name = f"letter_parts.{find.__name__}"

    @functools.wraps(find)
    def once(block: Block) -> T:
        facts = block.facts
        found = facts.get(name, _NOT_YET)
        if found is _NOT_YET:
            found = facts[name] = find(block)
        return found  # type: ignore[return-value]

    return once


_NOT_YET = object()


@_per_block
def _starts_salutation(block: Block) -> bool:
    return SALUTATION.match(block.text) is not None


@_per_block
def _starts_closing(block: Block) -> bool:
    return CLOSING.match(block.text) is not None


@_per_block
def _closing_in(block: Block) -> int | None:
    """Where the closing ends in ``block``: a closing line, or a line that starts with the
    closing's placeholder, whichever ends first."""
    by_name = _placeholder_line(block, _CLOSING_NAME)
    ends = [e for e in (_closing_end(block.text), by_name and by_name[1]) if e is not None]
    return min(ends) if ends else None


@_per_block
def _salutation_in_block(block: Block) -> tuple[int, int] | None:
    """The first salutation line of ``block`` (its words, or the salutation's placeholder)."""
    match = _salutation_in(block.text)
    found = [match] if match else []
    by_name = _placeholder_line(block, _SALUTATION_NAME)
    found += [by_name] if by_name else []
    return min(found) if found else None


def lines_after_closing(letter: Letter) -> Iterator[tuple[int, int, int]]:
    """The lines under the closing (the signature and what follows): block index, start and
    end of the line in the block text."""
    closing = closing_line(letter)
    if closing is None:
        return
    block_index, offset = closing
    for index in range(block_index, len(letter.blocks)):
        text = letter.blocks[index].text
        for line in _LINE.finditer(text, offset if index == block_index else 0):
            if line.group().strip():
                yield index, line.start(), line.end()


def salutation_span(letter: Letter) -> tuple[int, int, int] | None:
    """The salutation line before the closing: block index, start and end."""
    return _once(letter, "salutation", _salutation_span)


def _salutation_span(letter: Letter) -> tuple[int, int, int] | None:
    closing = closing_line(letter)
    last = closing[0] if closing else len(letter.blocks) - 1
    for index, block in enumerate(letter.blocks[: last + 1]):
        found = _salutation_in_block(block)
        if found is not None:
            return index, *found
    return None


# What one text says, kept for the texts of the last few files: the variants of a template
# share most of their texts, and the parts of each letter are looked for in every variant.
_TEXTS_KEPT = 4096


@lru_cache(maxsize=_TEXTS_KEPT)
def _closing_end(text: str) -> int | None:
    """Where the first closing line in ``text`` ends (:data:`CLOSING_LINE`)."""
    match = CLOSING_LINE.search(text)
    return None if match is None else match.end()


@lru_cache(maxsize=_TEXTS_KEPT)
def _salutation_in(text: str) -> tuple[int, int] | None:
    """Where the first salutation line in ``text`` starts and ends."""
    match = SALUTATION_LINE.search(text)
    return None if match is None else (match.start(), match.end())


@lru_cache(maxsize=_TEXTS_KEPT)
def _tenant_writes(text: str) -> bool:
    """Whether ``text`` addresses the landlord or says the writer rents."""
    return bool(_TO_LANDLORD.search(text) or _TENANT_WRITES.search(text))


def _signed_by_tenant(letter: Letter) -> bool:
    """Whether a line under the closing holds the tenant's name placeholder."""
    closing = closing_line(letter)
    if closing is None:
        return False
    first, offset = closing
    return any(
        _signed_from(letter.blocks[index], offset if index == first else 0)
        for index in range(first, len(letter.blocks))
    )


@_per_block
def _signed(block: Block) -> dict[int, bool]:
    """``_signed_from`` of the block by where it starts looking (filled as asked; the
    answers do not hold on to the block, so that it goes with its file)."""
    return {}


def _signed_from(block: Block, start: int) -> bool:
    """Whether a line of ``block`` from ``start`` on holds the tenant's name placeholder."""
    known = _signed(block)
    if start not in known:
        known[start] = _signs(block, start)
    return known[start]


def _signs(block: Block, start: int) -> bool:
    for line in _LINE.finditer(block.text, start):
        if not line.group().strip():
            continue
        for seg in block.content.placeholders_in(line.start(), line.end()):
            placeholder = seg.placeholder
            if (
                placeholder is not None
                and placeholder.kind is PlaceholderKind.NAME
                and _TENANT_NAME.search(placeholder.source)
            ):
                return True
    return False


def document_kind(letter: Letter) -> DocumentKind:
    """The kind of text: as the file or the configuration declares it (``letter.kind``), else
    from the text. A tenant's letter to the landlord addresses the landlord ("Geachte
    verhuurder"), says "ik huur", "mijn verhuurder" or "ondergetekende", or is signed with the
    tenant's name placeholder. A complete letter has a salutation ("Geachte …", "Beste …",
    "Dag …") and after it a closing ("Met vriendelijke groet", "Hoogachtend"). Anything else
    is a fragment."""
    if letter.kind is not None:
        return letter.kind
    return _once(letter, "kind", _found_kind)


@_per_block
def _tenant_writes_in(block: Block) -> bool:
    return _tenant_writes(block.text)


def _found_kind(letter: Letter) -> DocumentKind:
    if any(map(_tenant_writes_in, letter.blocks)) or _signed_by_tenant(letter):
        return DocumentKind.TENANT_LETTER
    closing = closing_line(letter)
    salutation = salutation_span(letter)
    if closing is None or salutation is None:
        return DocumentKind.FRAGMENT
    if salutation[0] == closing[0] and salutation[1] >= closing[1]:
        return DocumentKind.FRAGMENT
    return DocumentKind.LETTER


def is_complete_letter(letter: Letter) -> bool:
    """Whether whole-letter checks (phone, e-mail, contact person, main message first) apply."""
    return document_kind(letter) is DocumentKind.LETTER
