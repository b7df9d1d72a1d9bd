"""The text, the sentences and the tokens of a parsed doc, worked out once per doc.

spaCy joins a doc's tokens anew for every ``Doc.text`` and ``Span.text``, makes the sentence
spans anew for every ``Doc.sents`` and walks the doc to find a token's sentence
(``Token.sent``); the checks of a letter ask each of these many times of the same doc. Here the
doc's text and its sentences are kept in its ``user_data`` (a doc's text and sentence bounds do
not change once it is parsed), a span's text is its slice of the doc's text and a token's
sentence is looked up among the doc's sentences. Each gives exactly what spaCy gives.

spaCy also makes a new ``Token`` object for every ``doc[i]`` and every step of ``for t in
doc``; the checks read the words of a doc many times over. ``doc_tokens`` keeps one tuple of
them per doc (a ``Token`` is a view of the doc's data by position, which never changes once
the doc is parsed, so the same object serves every reader).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from lint_brieven.nlp.reading import SOURCE

_TEXT = "lint_brieven.text"  # doc.user_data: the doc's text (``Doc.text``)
_SENTENCES = "lint_brieven.sentences"  # doc.user_data: (sentences, the index each starts at)
_TOKENS = "lint_brieven.tokens"  # doc.user_data: ``tuple(doc)``
_LOWER_IDS = "lint_brieven.lower_ids"  # doc.user_data: the string ids of its lower-case words
_LEMMA_IDS = "lint_brieven.lemma_ids"  # doc.user_data: the string ids of its words' lemmas
_BOUNDS = "lint_brieven.token_bounds"  # doc.user_data: (each token's start, each token's end)


def doc_text(doc: Doc) -> str:
    """``doc.text``."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def written_text(doc: Doc) -> str:
    """``nlp.source_text(doc)``, the text as written: the doc's text (kept, ``doc_text``)
    unless the parser read typographic quotes or line breaks in it as ASCII."""
    source = doc.user_data.get(SOURCE)
    return doc_text(doc) if source is None else source


def doc_tokens(doc: Doc) -> tuple[Token, ...]:
    """``tuple(doc)``: ``doc_tokens(doc)[i]`` is ``doc[i]``, made once."""
    tokens = doc.user_data.get(_TOKENS)
    if tokens is None:
        tokens = doc.user_data[_TOKENS] = tuple(doc)
    return tokens


def lower_ids(doc: Doc) -> frozenset[int]:
    """The string ids (``Token.lower``, ``spacy.strings.get_string_id``) of the lower-case
    forms of the doc's tokens: a check that needs one of some words passes a doc without any
    of them by with one set test (``not lower_ids(doc).isdisjoint(ids)``)."""
    found = doc.user_data.get(_LOWER_IDS)
    if found is None:
        # (reading the kept tokens' ids is quicker than ``Doc.to_array`` on small docs)
        found = doc.user_data[_LOWER_IDS] = frozenset([t.lower for t in doc_tokens(doc)])
    return found


def lemma_ids(doc: Doc) -> frozenset[int]:
    """The string ids of the lemmas of the doc's tokens (``Token.lemma``, the id of
    ``Token.lemma_``), kept once per doc as ``lower_ids`` is: a check that needs a word with
    one of some lemmas passes a doc without any of them by (``word_ids`` of the lemmas)."""
    found = doc.user_data.get(_LEMMA_IDS)
    if found is None:
        found = doc.user_data[_LEMMA_IDS] = frozenset([t.lemma for t in doc_tokens(doc)])
    return found


def word_ids(words: Iterable[str]) -> frozenset[int]:
    """The string ids of ``words`` (as ``lower_ids`` has them: give them in lower case)."""
    return frozenset(get_string_id(w) for w in words)


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """The character where each token starts (``t.idx``) and ends (``t.idx + len(t)``), in
    token order. Tokens are never empty and never overlap, so both lists rise strictly: the
    tokens around a place are found with ``bisect``."""
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        starts = [t.idx for t in doc_tokens(doc)]
        ends = [t.idx + len(t) for t in doc_tokens(doc)]
        bounds = doc.user_data[_BOUNDS] = (starts, ends)
    return bounds


def span_text(span: Span) -> str:
    """``span.text``: the span's characters of its doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def doc_sentences(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.sents)``."""
    return _sentences(doc)[0]


def sentence_of(part: Token | Span) -> Span:
    """``part.sent``: the sentence of a token, or of the first token of a span."""
    found, starts = _sentences(part.doc)
    at = part.i if isinstance(part, Token) else part.start
    return found[bisect.bisect_right(starts, at) - 1]


def _sentences(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    kept = doc.user_data.get(_SENTENCES)
    if kept is None:
        found = tuple(doc.sents)
        kept = doc.user_data[_SENTENCES] = (found, [s.start for s in found])
    return kept
