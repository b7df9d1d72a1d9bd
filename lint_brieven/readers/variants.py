"""Enumerate the letters a template can produce: every combination of its branches, capped.

Below the cap every combination is produced. Above it, variant *i* takes branch *i mod n* at
every choice, so each branch still appears in at least one variant; the caller reports the cap.

A variant's texts are the template's pieces with each stretch of pieces that no choice splits
joined into one text, the same object in every variant that takes it: the layout works per
text and keeps what it made of each (``layout.pieces_layout_for``), so fewer, longer texts
are less work and the joined text is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from math import prod

from lint_brieven.letter import MappedText
from lint_brieven.readers.template_tree import Choice, Seq

Variant = tuple[list[MappedText], list[str]]


def count(seq: Seq, cap: int) -> int:
    """Number of variants, stopping early once past ``cap``."""
    total = 1
    for item in seq:
        if isinstance(item, Choice):
            total *= min(sum(count(branch, cap) for branch in item.branches), cap + 1)
            if total > cap:
                return cap + 1
    return total


def widest(seq: Seq) -> int:
    """The most branches any choice in the tree has."""
    return max(
        (
            max(len(i.branches), *(widest(b) for b in i.branches))
            for i in seq
            if isinstance(i, Choice)
        ),
        default=1,
    )


def joined(seq: Seq) -> Seq:
    """``seq`` with every stretch of texts between two choices joined into one text."""
    out: Seq = []
    stretch: list[MappedText] = []
    for item in seq:
        if isinstance(item, Choice):
            if stretch:
                out.append(stretch[0] if len(stretch) == 1 else MappedText.join(stretch))
                stretch = []
            out.append(Choice(item.label, [joined(branch) for branch in item.branches], item.names))
        else:
            stretch.append(item)
    if stretch:
        out.append(stretch[0] if len(stretch) == 1 else MappedText.join(stretch))
    return out


def every(seq: Seq) -> Iterator[Variant]:
    """Every combination, the first choice varying fastest. Iterative over the sequence, so
    that a template with thousands of pieces does not recurse thousands of levels deep."""
    columns: list[list[Variant]] = []  # per stretch of text or per choice: its alternatives
    stretch: list[MappedText] = []
    for item in seq:
        if isinstance(item, Choice):
            if stretch:
                columns.append([(stretch, [])])
                stretch = []
            columns.append(
                [
                    (texts, [f"{item.label} {name}", *labels])
                    for branch, name in zip(item.branches, item.names, strict=True)
                    for texts, labels in every(branch)
                ]
            )
        else:
            stretch.append(item)
    if stretch:
        columns.append([(stretch, [])])
    for combination in product(*reversed(columns)):
        texts: list[MappedText] = []
        labels: list[str] = []
        for part_texts, part_labels in reversed(combination):
            texts += part_texts
            labels += part_labels
        yield texts, labels


def covering(seq: Seq, index: int) -> Variant:
    texts: list[MappedText] = []
    labels: list[str] = []
    for item in seq:
        if isinstance(item, Choice):
            pick = index % len(item.branches)
            labels.append(f"{item.label} {item.names[pick]}")
            sub_texts, sub_labels = covering(item.branches[pick], index)
            texts += sub_texts
            labels += sub_labels
        else:
            texts.append(item)
    return texts, labels


def variants(seq: Seq, cap: int) -> tuple[list[Variant], int | None]:
    """The variants to check, and the full count when it was capped (else None)."""
    total = count(seq, cap)
    if total <= cap:
        return list(every(joined(seq))), None
    texts = joined(seq)
    return [covering(texts, i) for i in range(min(widest(seq), cap))], _full_count(seq)


def _full_count(seq: Seq) -> int:
    return prod(
        sum(_full_count(b) for b in item.branches) for item in seq if isinstance(item, Choice)
    )
