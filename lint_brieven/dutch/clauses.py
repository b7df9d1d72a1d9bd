"""Small helpers over a spaCy parse: clause extents, text of token lists, sentence roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from lint_brieven.checks.doc_cache import doc_tokens, span_text

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
    written = span_text(sentence)
    text = written.strip()
    start = sentence.start_char + (len(written) - len(written.lstrip()))
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


_RELATIVE_ADVERB_STARTS = ("waar", "hetgeen", "hoe")


def clause_head(verb: Token) -> Token:
    """The word heading the clause of a finite verb: the verb itself, or the participle,
    infinitive or predicate an auxiliary or copula belongs to."""
    if verb.dep_ in ("aux", "aux:pass", "cop") and verb.head.i != verb.i:
        return verb.head
    return verb


def is_subordinate(verb: Token) -> bool:
    """Whether a finite verb is in a subordinate clause (verbs at the end: "dat u de sleutels
    inlevert", "die per e-mail worden ingediend"): a relative clause, a clause with a
    subordinating conjunction, or one coordinated with such a clause."""
    head = clause_head(verb)
    for _ in range(10):  # a chain of coordinated clauses, bounded
        if head.dep_ in ("acl:relcl", "acl"):
            return True
        for child in head.children:
            if child.i >= verb.i:
                continue
            if child.dep_ == "mark" and child.pos_ == "SCONJ":
                return True
            if head.dep_ != "ROOT" and (
                child.tag_.startswith("VNW|betr") or "Rel" in child.morph.get("PronType")
            ):
                return True  # a relative pronoun
            if (
                child.pos_ == "ADV"
                and child.lower_.startswith(_RELATIVE_ADVERB_STARTS)
                and head.dep_ not in ("ROOT", "parataxis")
            ):
                return True
        if head.dep_ != "conj" or head.head.i == head.i:
            return False
        head = head.head
    return False


def is_number_like(token: Token) -> bool:
    """A number, a date or amount part, or a code in capitals beside one ("NL91 ABNA")."""
    return token.like_num or any(c.isdigit() for c in token.text) or token.text in ("€", "%")


def is_name_like(token: Token) -> bool:
    """A proper name or a capitalised word inside a sentence ("Woonstichting De Linde")."""
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return True
    return token.text[:1].isupper() and not token.is_sent_start and token.lower_ != "u"


def words_between(first: Token, last: Token, light: bool = False) -> int:
    """The words strictly between two tokens: punctuation left out, and a run of numbers and
    codes ("NL91 ABNA 0417 1643 00", "1 maart 2026" counts two) or of name words
    ("Woonstichting De Linde") counted as one word. With ``light``, words the reader does not
    have to hold are left out too: adverbs ("nog steeds", "graag") and a personal pronoun
    right after ``first`` ("moet u …")."""
    count = 0
    previous = ""
    for token in doc_tokens(first.doc)[first.i + 1 : last.i]:
        if token.is_punct or token.is_space:
            continue
        if light and (
            token.pos_ == "ADV" or (token.i == first.i + 1 and token.tag_.startswith("VNW|pers"))
        ):
            continue
        if is_number_like(token) or (previous == "number" and token.is_upper and len(token) <= 5):
            kind = "number"
        elif is_name_like(token):
            kind = "name"
        else:
            kind = ""
        if not kind or kind != previous:
            count += 1
        previous = kind
    return count
