"""Token vectors worked out once per window of words.

The pipeline's tok2vec (spaCy's ``MaxoutWindowEncoder``: ``depth`` layers that each look one
word either side) gives a word a vector that depends on nothing but the words at most
``depth`` places before and after it in its doc (four each side in our model), and on where
the doc starts and ends. The checks parse many texts that share most of those windows: a
sentence again on its own to test a rewrite, the same sentence with one word changed, the
same letterhead in every template. This module keeps each window's vector and, for a batch
of docs, works out only the windows it has not seen: the layers are run on exactly the rows
that those windows need, with the model's own layers. The output of each layer below the last
is kept too, by the words it reads (one place either side for the first layer, two for the
second, …), so a row seen before is not worked out again.

The vectors are the same, bit for bit, as the encoder's own (every layer treats each row on
its own: the embedding per word, the window per row, the maxout's matrix product per row, the
layer norm per row; tests/test_token_windows.py compares them on the corpus), so every parse
is the same. ``install`` uses it only for a tok2vec built the way it knows; any other model
runs as spaCy runs it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model

# rows kept per store (windows, words, and each layer below the last; in our model a row is
# 128 numbers, so at most 25 MB a store, taken as rows are written); when full, all are
# forgotten (that only costs work)
KEEP = 50_000


class TokenWindows:
    """``predict`` for a tok2vec component: its vectors, each window worked out once."""

    def __init__(self, embed: Model, layers: Sequence[Model], width: int, keep: int = KEEP):
        self.embed, self.layers, self.keep = embed, list(layers), keep
        self.depth = len(self.layers)
        # what is kept, one row each (memory is taken as rows are written): the vector of a
        # window, and the embedding of a word (its ORTH and NORM: all the embedding reads)
        self.windows = _Kept(keep, width)
        self.words = _Kept(keep, width)
        # the output of each layer below the last, by the words it reads
        self.inner = [_Kept(keep, width) for _ in self.layers[1:]]

    def forget(self) -> None:
        """Forget every window and word kept, as a fresh process starts."""
        for kept in (self.windows, self.words, *self.inner):
            kept.known.clear()

    def predict(self, docs: Sequence[Doc]) -> list[np.ndarray] | None:
        """The vectors of ``docs``' words, or None when the batch has more new windows or
        words than can be kept."""
        depth = self.depth
        ids = []
        for doc in docs:
            padded = np.zeros((len(doc) + 2 * depth, 2), dtype=np.uint64)
            if len(doc):
                padded[depth : depth + len(doc)] = doc.to_array([ORTH, NORM])
            ids.append(padded)
        keys = [_windows(padded, depth) for padded in ids]
        todo = self.windows.new(keys)
        if todo and not self.windows.room(len(todo)):
            todo = self.windows.new(keys)
            if not self.windows.room(len(todo)):
                return None
        if todo and not self._work_out(docs[0].vocab, ids, todo):
            return None
        return [self.windows.get(doc_keys) for doc_keys in keys]

    def _work_out(self, vocab, ids: list[np.ndarray], todo: dict[bytes, tuple[int, int]]) -> bool:
        """Run the layers on the rows the windows in ``todo`` need, and keep their vectors.
        A layer's output for a row is kept too, by the words it reads (``radius`` places
        either side, for the ``radius``-th layer): a row another text had is not worked out
        again, nor the rows below it that only it needed (a changed word: 24 rows instead of
        48)."""
        depth = self.depth
        which = sorted({d for d, _ in todo.values()})
        starts, total = {}, 0
        for d in which:
            starts[d] = total
            total += len(ids[d])
        flat = np.concatenate([ids[d] for d in which])
        word = np.zeros(total, dtype=bool)  # a word, not padding
        for d in which:
            word[starts[d] + depth : starts[d] + len(ids[d]) - depth] = True
        wanted = np.fromiter((starts[d] + depth + i for d, i in todo.values()), np.intp, len(todo))
        # top down: the rows each layer must work out, and those its store keeps
        plans: list[_Plan] = []
        rows = wanted
        for radius in range(depth - 1, 0, -1):
            rows = np.unique(np.concatenate([rows - 1, rows, rows + 1]))
            plan = _Plan.of(self.inner[radius - 1], flat, rows, radius)
            plans.append(plan)
            rows = plan.todo
        rows = np.unique(np.concatenate([rows - 1, rows, rows + 1]))
        rows = rows[word[rows]]
        embedded = self._embedded(vocab, [tuple(pair) for pair in flat[rows].tolist()])
        if embedded is None:
            return False
        width = self.windows.rows.shape[1]
        values = np.zeros((total, width), dtype=np.float32)
        values[rows] = embedded
        for layer, plan in zip(self.layers, [*reversed(plans), None], strict=True):
            rows = wanted if plan is None else plan.todo
            out = np.zeros((total, width), dtype=np.float32)
            if len(rows):
                window = np.concatenate([values[rows - 1], values[rows], values[rows + 1]], axis=1)
                out[rows] = values[rows] + layer.predict(window)
            if plan is not None:
                plan.finish(out)
            values = out
        self.windows.add(list(todo), values[wanted])
        return True

    def _embedded(self, vocab, pairs: list[tuple[int, int]]) -> np.ndarray | None:
        """The embedding of each word (ORTH, NORM); the words not kept yet embedded in one
        doc of their own (the embedding reads each word on its own)."""
        new = list(dict.fromkeys(p for p in pairs if p not in self.words.known))
        if new and not self.words.room(len(new)):
            new = list(dict.fromkeys(pairs))
            if not self.words.room(len(new)):
                return None
        if new:
            doc = Doc(vocab, words=[vocab.strings[orth] for orth, _ in new])
            doc.from_array([NORM], np.array([[norm] for _, norm in new], dtype=np.uint64))
            self.words.add(new, self.embed.predict([doc])[0])
        return self.words.get(pairs)


class _Kept:
    """Rows kept by key, up to ``keep``; when full, all are forgotten (that only costs work)."""

    def __init__(self, keep: int, width: int):
        self.rows = np.empty((keep, width), dtype=np.float32)
        self.known: dict = {}

    def new(self, keys: list[list[bytes]]) -> dict[bytes, tuple[int, int]]:
        """The keys not kept, each with the first (list, place) that has it."""
        known = self.known
        todo: dict[bytes, tuple[int, int]] = {}
        for d, doc_keys in enumerate(keys):
            for i, key in enumerate(doc_keys):
                if key not in known and key not in todo:
                    todo[key] = (d, i)
        return todo

    def room(self, count: int) -> bool:
        """Whether ``count`` more rows fit, after forgetting all if they would not."""
        if len(self.known) + count <= len(self.rows):
            return True
        self.known.clear()
        return False

    def add(self, keys: list, rows: np.ndarray) -> None:
        first = len(self.known)
        self.rows[first : first + len(keys)] = rows
        self.known.update(zip(keys, range(first, first + len(keys)), strict=True))

    def get(self, keys: list) -> np.ndarray:
        known = self.known
        return self.rows[np.fromiter((known[key] for key in keys), np.intp, len(keys))]


class _Plan:
    """A layer's rows for one batch: those to work out (``todo``, each with its key), those its
    store keeps (``have``, at ``at`` in the store), and those with the key of a row worked
    out before them (``twins``: (row, that row))."""

    def __init__(
        self,
        store: _Kept,
        first: dict[bytes, int],
        have: list[int],
        at: list[int],
        twins: list[tuple[int, int]],
    ) -> None:
        self.store, self.have, self.at, self.twins = store, have, at, twins
        self.keys = list(first)
        self.todo = np.fromiter(first.values(), np.intp, len(first))

    @classmethod
    def of(cls, store: _Kept, flat: np.ndarray, rows: np.ndarray, radius: int) -> _Plan:
        """``rows`` of ``flat`` (the batch's ids, padding included), each keyed by the ids
        ``radius`` places either side of it."""
        data = flat.tobytes()
        step = flat.itemsize * flat.shape[1]
        span = (2 * radius + 1) * step
        known = store.known
        first: dict[bytes, int] = {}  # key -> the row that works it out
        have, at, twins = [], [], []
        for row in rows.tolist():
            start = (row - radius) * step
            key = data[start : start + span]
            place = known.get(key)
            if place is not None:
                have.append(row)
                at.append(place)
            elif key in first:
                twins.append((row, first[key]))
            else:
                first[key] = row
        return cls(store, first, have, at, twins)

    def finish(self, out: np.ndarray) -> None:
        """Put the kept rows and the twins into ``out`` (the layer's output, its ``todo`` rows
        worked out) and keep the new rows; when they do not fit, the store forgets all it kept
        (and keeps none of this batch's)."""
        if self.have:
            out[self.have] = self.store.rows[self.at]
        if self.twins:
            rows, sources = zip(*self.twins, strict=True)
            out[list(rows)] = out[list(sources)]
        if self.keys and self.store.room(len(self.keys)):
            self.store.add(self.keys, out[self.todo])


def _windows(padded: np.ndarray, depth: int) -> list[bytes]:
    """Each word's window: the ids of the words ``depth`` places either side of it, zeros past
    the doc's ends (``padded``: the doc's ids with ``depth`` rows of zeros either side)."""
    row = padded.tobytes()
    step = padded.itemsize * padded.shape[1]
    span = (2 * depth + 1) * step
    return [row[i * step : i * step + span] for i in range(len(padded) - 2 * depth)]


def install(nlp: Language) -> bool:
    """Have the pipeline's tok2vec work out each window once (``TokenWindows``), when it is
    built as this module knows: ``chain(embed, with_array(residual(expand_window(1) >>
    block) * depth, pad=depth))``. Returns whether it did."""
    if "tok2vec" not in nlp.pipe_names:
        return False
    component = nlp.get_pipe("tok2vec")
    layers = _window_layers(component.model)
    if layers is None or not _reads_orth_and_norm(component.model.layers[0], nlp):
        return False
    embed = component.model.layers[0]
    windows = TokenWindows(embed, layers, component.model.get_dim("nO"))
    original = component.predict

    def predict(docs):
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return original(docs)
        found = windows.predict(docs)
        return original(docs) if found is None else found

    component.predict = predict
    component.token_windows = windows
    return True


# what a word's embedding may read: its NORM and what its ORTH alone decides
_WORD_ATTRS = {"NORM", "ORTH", "LOWER", "PREFIX", "SUFFIX", "SHAPE"}


def _reads_orth_and_norm(embed: Model, nlp: Language) -> bool:
    """Whether the embedding reads nothing of a word but its ORTH and NORM (the windows'
    keys): the hashed attributes, and the static vectors' key."""
    for node in embed.walk():
        if node.name == "extract_features" and not set(node.attrs["columns"]) <= _WORD_ATTRS:
            return False
        if node.name == "static_vectors" and getattr(nlp.vocab.vectors, "attr", ORTH) not in (
            ORTH,
            NORM,
        ):
            return False
    return True


def _window_layers(model: Model) -> list[Model] | None:
    """The blocks after each window of the encoder (maxout, layer norm, dropout), or None when
    the model is not built as ``install`` expects."""
    if len(model.layers) != 2 or not model.name.startswith("extract_features"):
        return None
    encode = model.layers[1]
    if not encode.name.startswith("with_array(") or len(encode.layers) != 1:
        return None
    residuals = encode.layers[0].layers
    if encode.attrs.get("pad") != len(residuals):
        return None
    blocks = []
    for residual in residuals:
        if residual.name != "residual(expand_window>>maxout>>layernorm>>dropout)":
            return None
        expand, block = residual.layers[0].layers
        if expand.name != "expand_window" or expand.attrs.get("window_size") != 1:
            return None
        blocks.append(block)
    return blocks
