"""The Dutch NLP pipeline, loaded once per process, lazily, behind this one module.

The pipeline is our own, trained on the UD Dutch treebanks and a gold set of letter sentences
(see training/ and MODEL_CARD.md), shipped inside the package in ``nlp/model``: no download,
ever. The letter segmenter runs before the parser so that sentences follow letter structure;
the finite-verb repair runs after it. ``parse`` is how the engine reads letter text: typographic
quotes and whitespace read as the model was trained, offsets unchanged (see ``reading``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# finite_verbs and segmenter register their components
from lint_brieven.nlp import finite_verbs, segmenter, token_windows  # noqa: F401
from lint_brieven.nlp.lazy_exceptions import KeptCacheTokenizer, LazyExceptions
from lint_brieven.nlp.reading import parse_texts, source_text

T = TypeVar("T")

__all__ = [
    "Probe",
    "has_lemmas",
    "letter_pipeline",
    "model_path",
    "parse",
    "pipeline",
    "source_text",
]


def model_path() -> Path:
    return Path(str(resources.files("lint_brieven.nlp") / "model"))


DEFAULT_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
BLANK_TOKENIZER = {"@tokenizers": "lint_brieven.blank_tokenizer.v1"}


@spacy.registry.tokenizers("lint_brieven.blank_tokenizer.v1")
def blank_tokenizer():
    """A tokenizer with no exceptions, prefixes, suffixes or infixes yet, for a model whose saved
    tokenizer replaces them all when it loads. spaCy's default factory first adds the
    language's 4,670 exceptions (and compiles its affix patterns), which loading the saved
    tokenizer then throws away and adds again. Loading it adds each saved exception only when
    a text could need it (``lazy_exceptions``): the same tokens, without the cost at start."""

    def make(nlp: Language) -> LazyExceptions:
        return LazyExceptions(KeptCacheTokenizer(nlp.vocab))

    return make


def letter_pipeline(model: Path) -> Language:
    """A trained model with our rule components: the letter segmenter before the parser and
    the finite-verb repair after it. Training's evaluation loads models the same way."""
    nlp = _load(model)
    nlp.add_pipe("letter_segmenter", before="parser")
    nlp.add_pipe("finite_verbs", after="parser")
    return nlp


def _load(model: Path) -> Language:
    """``spacy.load``, with the saved tokenizer's exceptions added once instead of twice, and
    each only when a text could need it.

    Only for a model built with spaCy's default tokenizer and saved with it: loading the saved
    tokenizer resets every setting and reads each one from the file (spaCy's
    ``Tokenizer.from_bytes``), so the tokenizer is the same whatever it was built with. The
    config keeps naming the default tokenizer, so a pipeline saved from this one loads anywhere.
    """
    saved = spacy.util.load_config(model / "config.cfg", interpolate=False)
    if saved["nlp"].get("tokenizer") != DEFAULT_TOKENIZER or not (model / "tokenizer").is_file():
        return spacy.load(model)
    nlp = spacy.load(model, config={"nlp": {"tokenizer": BLANK_TOKENIZER}})
    config = nlp.config
    config["nlp"]["tokenizer"] = dict(DEFAULT_TOKENIZER)
    nlp.config = config
    return nlp


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The letter pipeline, loaded once. Its objects (and what the process loaded before it:
    modules, rule packs) live as long as the process, so they are frozen out of the garbage
    collector's way (``gc.freeze``): a full collection then goes through what a run makes,
    not through them again (two or more full collections of ~0.1 s each per template run
    before; one letter cold: ~0.25 s CPU less)."""
    nlp = letter_pipeline(model_path())
    token_windows.install(nlp)
    gc.freeze()
    return nlp


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


class Probe(Generic[T]):
    """An answer read off the pipeline's parse of a made-up sentence around a word ("Wij gaan
    {word}."), kept per word (``read`` gets the word and the doc). ``prime`` parses every word
    not yet known in one batch (``Language.pipe``): a caller that knows the words it will ask
    has them parsed together, much faster than one call each. A doc's parse does not depend on
    the batch it is in (spaCy's tok2vec, tagger and parser treat docs independently;
    tests/test_probe_batch.py shows the same tags, morphology, heads, dependencies and lemmas
    alone and in a batch), so the answers are the same either way."""

    def __init__(
        self,
        sentence: Callable[[str], str],
        read: Callable[[str, Doc], T],
        keep: int,
        upto: str | None = None,
    ) -> None:
        """``upto``: the last component ``read``'s answer depends on (the pipeline's
        components after it are not run)."""
        self.sentence, self.read, self.keep, self.upto = sentence, read, keep, upto
        self.known: dict[str, T] = {}

    def __call__(self, word: str) -> T:
        if word not in self.known:
            self.prime((word,))
        return self.known[word]

    def prime(self, words: Iterable[str]) -> None:
        new = [w for w in dict.fromkeys(words) if w not in self.known]
        if not new:
            return
        if len(self.known) + len(new) > self.keep:
            self.known.clear()  # (answers are fixed per word: forgetting only costs a parse)
        nlp = pipeline()
        names = nlp.pipe_names
        later = names[names.index(self.upto) + 1 :] if self.upto else []
        docs = nlp.pipe([self.sentence(w) for w in new], disable=later)
        for word, doc in zip(new, docs, strict=True):
            self.known[word] = self.read(word, doc)
