"""Small helpers over a spaCy parse: clause extents, text of token lists, sentence roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]])")
_NO_SPACE_AFTER = re.compile(r"([(\[]) ")


def words(tokens: Iterable[Token]) -> str:
    """Tokens joined as running text ("de sleutels , graag" → "de sleutels, graag")."""
    text = " ".join(t.text for t in tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def subtree(token: Token, skip: Iterable[Token] = ()) -> list[Token]:
    """The token's subtree in text order, without punctuation at its edges."""
    skipped = {t.i for t in skip}
    out = [t for t in token.subtree if t.i not in skipped]
    while out and out[-1].is_punct:
        out.pop()
    while out and out[0].is_punct and out[0].text not in "(\"'":
        out.pop(0)
    return out


def clause_extent(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the clause headed by ``head``, trailing punctuation left out."""
    tokens = subtree(head)
    return tokens[0].i, tokens[-1].i + 1


def is_main_clause(head: Token) -> bool:
    return head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")


def sentence_span(sentence: Span) -> tuple[int, int, str]:
    """Characters (start, end) and text of a sentence, surrounding whitespace left out."""
    text = sentence.text.strip()
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    return start, start + len(text), text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(tokens: list[Token]) -> list[str]:
    """Token texts with a sentence-initial capital undone (not for names or "U")."""
    out = [t.text for t in tokens]
    first = tokens[0] if tokens else None
    if (
        first is not None
        and first.is_sent_start
        and first.pos_ != "PROPN"
        and not (first.is_upper and first.lower_ != "u")
    ):
        out[0] = out[0][:1].lower() + out[0][1:]
    return out
