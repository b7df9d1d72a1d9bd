"""The Dutch NLP pipeline, loaded once per process, lazily, behind this one module.

Until the trained letter pipeline ships, this is spaCy's blank Dutch tokenizer with a rule
sentencizer and one letter-specific component: a line break inside a block starts a sentence
(address lines, list lines and closings carry no full stop).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("letter_line_breaks")
def letter_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after any whitespace token that holds a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("letter_line_breaks", after="sentencizer")
    return nlp


def has_lemmas() -> bool:
    """Whether the loaded pipeline assigns lemmas (the blank one does not)."""
    return any(name in pipeline().pipe_names for name in ("lemmatizer", "trainable_lemmatizer"))


def parse(texts: Iterable[str]) -> dict[str, Doc]:
    """Docs for the given texts, each parsed once."""
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, pipeline().pipe(unique), strict=True))
