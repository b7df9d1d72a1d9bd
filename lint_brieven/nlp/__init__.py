"""The Dutch NLP pipeline, loaded once per process, lazily, behind this one module.

The pipeline is our own, trained on the UD Dutch treebanks and a gold set of letter sentences
(see training/ and MODEL_CARD.md), shipped inside the package in ``nlp/model``: no download,
ever. The letter segmenter runs before the parser so that sentences follow letter structure;
the finite-verb repair runs after it. ``parse`` is how the engine reads letter text: typographic
quotes and whitespace read as the model was trained, offsets unchanged (see ``reading``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from lint_brieven.nlp import finite_verbs, segmenter  # noqa: F401  (register components)
from lint_brieven.nlp.reading import parse_texts, source_text

__all__ = ["has_lemmas", "letter_pipeline", "model_path", "parse", "pipeline", "source_text"]


def model_path() -> Path:
    return Path(str(resources.files("lint_brieven.nlp") / "model"))


def letter_pipeline(model: Path) -> Language:
    """A trained model with our rule components: the letter segmenter before the parser and
    the finite-verb repair after it. Training's evaluation loads models the same way."""
    nlp = spacy.load(model)
    nlp.add_pipe("letter_segmenter", before="parser")
    nlp.add_pipe("finite_verbs", after="parser")
    return nlp


@lru_cache(maxsize=1)
def pipeline() -> Language:
    return letter_pipeline(model_path())


def has_lemmas() -> bool:
    """Whether the loaded pipeline assigns lemmas."""
    return any(name in pipeline().pipe_names for name in ("lemmatizer", "trainable_lemmatizer"))


def parse(texts: Iterable[str], widths: Mapping[str, int | None] | None = None) -> dict[str, Doc]:
    """Docs for the given texts, each parsed once. A doc's text is its text as the parser read
    it (ASCII quotes, spaces for line breaks), of the same length; ``source_text(doc)`` is the
    text as written. ``widths``: the longest source line of a text whose reader joined lines
    (hard-wrapped prose), for the segmenter."""
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, parse_texts(pipeline(), unique, widths), strict=True))
