"""Which tokens of a sentence are words a reader has to read and understand.

LB201 counts these words, LB203 averages the counts and LB402 names its hard words among them.
Left out, because they are not words of the language but names, numbers and codes:

- punctuation, symbols (``€``, ``%``, ``•``) and whitespace;
- template placeholders of every convention (``{{ naam }}``, ``[datum]``, ``«Naam»``…, as the
  reader marks them): stand-ins for a name or a date, not words;
- numbers, dates, times, amounts, house numbers and postcodes: every token with a digit and at
  most two letters after it (``12``, ``3-4-2024``, ``8.00``, ``12,50``, ``12a``, ``3512AB``), the
  month or unit beside a number (``3 maart``, ``maart 2024``, ``12,50 euro``, ``8.00 uur``)
  and the letters of a postcode (``3512 AB``);
- web addresses and e-mail addresses;
- proper names: a capitalised word inside a sentence (not at its start, nor after a colon or
  an opening quote), the lower-case particles between two parts of a name ("Petra de Vries"),
  a title before a name ("de heer de Boer", "mevrouw Jansen", "dhr. Maas"), a capitalised
  run at the start of a sentence ("Woonstad Rotterdam heeft…") and the words of the
  organisation's own name and address in the ``[organisatie]`` profile. "U" and "Uw" are the
  reader, not a name; an abbreviation in capitals ("ZAV") is a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from lint_brieven.checks.base import AnalysedLetter, per_doc
from lint_brieven.checks.doc_cache import doc_sentences, doc_tokens
from lint_brieven.letter import MappedText

_NUMBER = re.compile(r"^\W*\d[\d.,:/\-–]*[a-z]{0,2}\W*$", re.IGNORECASE)
_POSTCODE_LETTERS = re.compile(r"^[A-Z]{2}$")
_WEB = re.compile(r"\w\.(?:nl|com|org|net|eu|be|info|nu)\b|@|^(?:https?:|www\.)", re.I)
_MAY_BE_WEB = frozenset(".@:")  # a text ``_WEB`` finds something in holds one of these
_MONTHS = frozenset(
    {
        *("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"),
        *("september", "oktober", "november", "december"),
        *("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"),
    }
)
_UNITS = frozenset({"euro", "eur", "cent", "uur", "procent", "cm", "m", "m2", "m²", "m3", "km"})
_PARTICLES = frozenset({"de", "den", "der", "van", "ter", "ten", "het", "'t"})
_PHRASE_OPENERS = frozenset(":\"'“‘„«([•-–—")
_READER = frozenset({"u", "uw"})
# titles that belong to the name after them ("de heer de Boer", "mevrouw Jansen")
_TITLES = frozenset(
    {"heer", "mevrouw", "meneer", "dhr", "dhr.", "mevr", "mevr.", "mw", "mw.", "hr", "hr."}
)
# profile fields whose capitalised words are names (the organisation, its street and town)
NAME_FIELDS = ("naam", "balie")


def organisation_names(organisation: Mapping[str, str]) -> frozenset[str]:
    """The capitalised words of the organisation's name and address, lower-cased."""
    return _names(tuple(organisation.get(key, "") for key in NAME_FIELDS))


@lru_cache(maxsize=64)  # (asked by LB201, LB203 and LB402 of every letter)
def _names(fields: tuple[str, ...]) -> frozenset[str]:
    """``organisation_names`` of the profile's ``NAME_FIELDS`` (all it reads: the key)."""
    names: set[str] = set()
    for field in fields:
        for word in re.findall(r"\w[\w'’-]*", field):
            if word[:1].isupper() and word.lower() not in _READER:
                names.add(word.lower())
    return frozenset(names)


def words(sentence: Span, content: MappedText, names: frozenset[str] = frozenset()) -> list[Token]:
    """The tokens of ``sentence`` that count as words (see the module docstring)."""
    return _words(tokens_of(sentence), content, names)


def tokens_of(sentence: Span) -> tuple[Token, ...]:
    """``tuple(sentence)``, from the doc's tokens as ``doc_cache`` keeps them (iterating a
    span makes a new ``Token`` for every word, every time)."""
    return doc_tokens(sentence.doc)[sentence.start : sentence.end]


def _words(tokens: Sequence[Token], content: MappedText, names: frozenset[str]) -> list[Token]:
    """``words`` of a sentence given as its tokens."""
    kept = [(t, text) for t in tokens if (text := t.text).strip()]  # (``is_space`` implied)
    tokens, texts = [t for t, _ in kept], [text for _, text in kept]
    left_out = _not_words(tokens, texts, content, names)
    return [t for i, t in enumerate(tokens) if i not in left_out]


def of_block(
    letter: AnalysedLetter, index: int, names: frozenset[str] = frozenset()
) -> tuple[tuple[Span, tuple[Token, ...]], ...]:
    """Each sentence of block ``index`` with its words, worked out once per file for the
    block's doc (``per_doc``): the words depend on the doc, the organisation's ``names`` and
    where the block's placeholders are. Shared by LB201, LB203 and LB402; not to be changed.
    A variant finds it by its block (the variants of a template share their blocks)."""
    block = letter.letter.blocks[index]
    memo = letter.shared.get(("sentence-words:blocks", names))
    if memo is None:
        memo = letter.shared[("sentence-words:blocks", names)] = {}
    found = memo.get(id(block))
    if found is None:  # (the block is kept with its words: its id stays its own)
        found = memo[id(block)] = (block, _of_block(letter, index, names))
    return found[1]


def _of_block(
    letter: AnalysedLetter, index: int, names: frozenset[str]
) -> tuple[tuple[Span, tuple[Token, ...]], ...]:
    content = letter.letter.blocks[index].content
    marks = tuple((s.start, s.end) for s in content.segments if s.placeholder is not None)

    def compute(doc) -> tuple[tuple[Span, tuple[Token, ...]], ...]:
        tokens = doc_tokens(doc)  # (the doc's tokens, made once: not one per ``doc[i]``)
        return tuple(
            (s, tuple(_words(tokens[s.start : s.end], content, names))) for s in doc_sentences(doc)
        )

    return per_doc(letter, ("sentence-words", names, marks), letter.docs[index], compute)


def _not_words(
    tokens: list[Token], texts: list[str], content: MappedText, names: frozenset[str]
) -> set[int]:
    """The positions of ``tokens`` (``texts``: their texts) that are no words."""
    out: set[int] = set()
    numbers = {i for i, text in enumerate(texts) if _NUMBER.match(text)}
    marked = any(s.placeholder is not None for s in content.segments)
    for i, token in enumerate(tokens):
        text = texts[i]
        if (
            i in numbers
            or not (text.isalpha() or any(c.isalpha() for c in text))
            or token.is_punct
            or token.like_url
            or token.like_email
            or (not _MAY_BE_WEB.isdisjoint(text) and _WEB.search(text))
            or (marked and content.placeholders_in(token.idx, token.idx + len(text)))
        ):
            out.add(i)
            continue
        lower = text.lower()
        date = lower in _MONTHS and (i - 1 in numbers or i + 1 in numbers)
        unit = i - 1 in numbers and (lower in _UNITS or _POSTCODE_LETTERS.match(text))
        if date or unit or (text[:1].isupper() and _is_name(tokens, texts, i, names)):
            out.add(i)
    _name_particles(tokens, texts, out)
    _titles(tokens, texts, out)
    return out


def _capitalised(text: str) -> bool:
    """Written with a capital first letter, as a name is; an abbreviation in capitals
    ("ZAV", "WOZ") is a word the reader has to read (a placeholder in capitals, "ACHTERNAAM",
    is the reader's to mark). (A token's text: ``texts`` below are the tokens' texts.)"""
    abbreviation = len(text) > 1 and text.isupper()
    return text[:1].isupper() and not abbreviation and text.lower() not in _READER


def _starts_phrase(texts: list[str], i: int) -> bool:
    """The first word of the sentence, or the first after a colon, quote or bullet."""
    return not i or texts[i - 1] in _PHRASE_OPENERS  # (``tokens`` has no whitespace)


def _is_name(tokens: list[Token], texts: list[str], i: int, names: frozenset[str]) -> bool:
    token = tokens[i]
    if not _capitalised(texts[i]):
        return False
    if texts[i].lower() in names:
        return True
    if not _starts_phrase(texts, i):
        return True  # a capitalised word inside the sentence
    # at the start: a name only when the parser says so and the next word is capitalised too
    # ("Woonstad Rotterdam heeft…"; "Beste Jan" starts with an adjective)
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        token.pos_ == "PROPN"
        and following is not None
        and following.is_alpha
        and _capitalised(texts[i + 1])
    )


def _name_particles(tokens: list[Token], texts: list[str], out: set[int]) -> None:
    """Lower-case particles between two parts of a name ("de" in "Petra de Vries")."""
    i = 0
    while i < len(tokens):
        if texts[i].lower() in _PARTICLES and i - 1 in out and _is_name_part(tokens, texts, i - 1):
            j = i
            while j < len(tokens) and texts[j].lower() in _PARTICLES:
                j += 1
            if j < len(tokens) and j in out and _is_name_part(tokens, texts, j):
                out.update(range(i, j))
            i = j
        else:
            i += 1


def _is_name_part(tokens: list[Token], texts: list[str], i: int) -> bool:
    return tokens[i].is_alpha and _capitalised(texts[i])


def _titles(tokens: list[Token], texts: list[str], out: set[int]) -> None:
    """A title right before a name ("de heer de Boer", "mevrouw Jansen"), with the article
    before "heer", is part of the name."""
    for i, token in enumerate(tokens):
        if token.lower_ not in _TITLES or i + 1 >= len(tokens):
            continue
        j = i + 1
        while j < len(tokens) and texts[j].lower() in _PARTICLES and j not in out:
            j += 1
        if j < len(tokens) and j in out and _is_name_part(tokens, texts, j):
            out.update(range(i, j))
            if token.lower_ == "heer" and i and tokens[i - 1].lower_ == "de":
                out.add(i - 1)
