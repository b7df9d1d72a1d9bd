"""Token vectors worked out once per window of words (``nlp.token_windows``) are the encoder's
own vectors, bit for bit, however the texts come in batches and whatever was kept or
forgotten before; so the parses and the findings are the same with and without it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from lint_brieven import nlp, readers
from lint_brieven.cli import main
from lint_brieven.config import config_in
from lint_brieven.nlp import token_windows
from lint_brieven.walk import display

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((REPO / "corpus" / "sjablonen").glob("[!g]*/[0-9]*.html.j2"))
DEV = REPO / "eval" / "dev"


def _block_texts(path: Path) -> list[str]:
    read = readers.read(display(path), path.read_bytes(), config_in(path.parent).read_options)
    return list(dict.fromkeys(b.text for letter in read.letters for b in letter.blocks))


@pytest.fixture(scope="module")
def batches() -> list[list[Doc]]:
    """Each file's blocks as one batch, then each block's sentences on their own and each
    sentence with one word left out (as the checks parse a sentence again to test a rewrite):
    texts that share most of their windows with texts parsed before."""
    pipeline = nlp.pipeline()
    out = []
    for path in [*TEMPLATES[::3], *sorted(DEV.glob("*.txt"))[:4], *sorted(DEV.glob("*.md"))[:4]]:
        texts = _block_texts(path)
        out.append([pipeline.make_doc(t) for t in texts])
        sentences = [s.text for doc in pipeline.pipe(texts) for s in doc.sents]
        changed = [" ".join(s.split()[:2] + s.split()[3:]) for s in sentences if len(s.split()) > 3]
        out.append([pipeline.make_doc(t) for t in [*sentences, *changed]])
    return out


def _encoder() -> tuple[object, token_windows.TokenWindows]:
    component = nlp.pipeline().get_pipe("tok2vec")
    layers = token_windows._window_layers(component.model)
    assert layers is not None
    model = component.model
    return model, token_windows.TokenWindows(model.layers[0], layers, model.get_dim("nO"))


def _assert_same(model, windows: token_windows.TokenWindows, batches) -> int:
    compared = 0
    for docs in batches:
        got = windows.predict(docs)
        want = model.predict(docs)
        assert got is not None
        for doc, a, b in zip(docs, got, want, strict=True):
            assert a.dtype == b.dtype and a.shape == b.shape == (len(doc), b.shape[1])
            assert np.array_equal(a, b), doc.text
            compared += len(doc)
    return compared


def test_the_vectors_are_the_encoders_own_bit_for_bit(batches):
    model, windows = _encoder()
    assert _assert_same(model, windows, batches) > 5000
    # most windows of the sentences parsed again were known from the blocks
    assert len(windows.windows.known) < 0.6 * sum(len(d) for docs in batches for d in docs)


def test_the_same_after_forgetting(batches):
    """With room for few windows and words, they are forgotten again and again; a batch with
    more new windows than there is room for is left to the encoder (None)."""
    model, windows = _encoder()
    windows.windows = token_windows._Kept(600, windows.windows.rows.shape[1])
    windows.words = token_windows._Kept(400, windows.words.rows.shape[1])
    windows.inner = [token_windows._Kept(500, kept.rows.shape[1]) for kept in windows.inner]
    small = [docs[i : i + 3] for docs in batches for i in range(0, len(docs), 3)]
    _assert_same(model, windows, small)
    big = max(batches, key=lambda docs: sum(map(len, docs)))
    assert sum(map(len, big)) > 600
    assert windows.predict(big) is None


class _Counted:
    """A layer that counts the rows it is given."""

    def __init__(self, layer, counts: list[int]) -> None:
        self.layer, self.counts = layer, counts

    def predict(self, rows):
        self.counts.append(len(rows))
        return self.layer.predict(rows)


def test_a_changed_word_works_out_only_the_rows_it_changes():
    """Each layer's rows are kept by the words they read: after a sentence, the same sentence
    with one word changed works out 3, 5, 7 and 9 rows in the four layers (the rows within one,
    two, three and four words of it), and gives the encoder's own vectors."""
    model, windows = _encoder()
    pipeline = nlp.pipeline()
    before = pipeline.make_doc("Wij hebben uw brief van 3 mei over de lekkage goed ontvangen.")
    after = pipeline.make_doc("Wij hebben uw brief van 3 juni over de lekkage goed ontvangen.")
    _assert_same(model, windows, [[before]])
    counts: list[int] = []
    windows.layers = [_Counted(layer, counts) for layer in windows.layers]
    _assert_same(model, windows, [[after]])
    assert counts == [3, 5, 7, 9]
    windows.forget()
    counts.clear()
    _assert_same(model, windows, [[after]])
    # all rows within four, three, two and one places of a word; in the first layer the four
    # that read padding only (two past either end) are one row worked out
    assert counts == [len(after) + 3, len(after) + 4, len(after) + 2, len(after)]


def test_a_window_twice_in_a_batch_and_empty_docs():
    model, windows = _encoder()
    pipeline = nlp.pipeline()
    texts = ["U kunt ons bellen.", "", "U kunt ons bellen.", "Bellen", "U kunt ons mailen."]
    _assert_same(model, windows, [[pipeline.make_doc(t) for t in texts]])


def test_the_pipeline_uses_it_and_parses_alike_with_the_encoders_own_vectors():
    pipeline = nlp.pipeline()
    component = pipeline.get_pipe("tok2vec")
    assert isinstance(component.token_windows, token_windows.TokenWindows)
    texts = _block_texts(TEMPLATES[0])
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START"]
    with_windows = [d.to_array(attrs).tolist() for d in pipeline.pipe(texts)]
    own = type(component).predict.__get__(component)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(component, "predict", own)
        without = [d.to_array(attrs).tolist() for d in pipeline.pipe(texts)]
    assert with_windows == without


def _check_json(capsys, paths: list[Path]) -> list[dict]:
    main(["check", *map(str, paths), "--select", "ALL", "--output-format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert not any(f["error"] for f in out["files"])
    return out["files"]


def test_a_check_finds_the_same_with_and_without_it(capsys):
    """Through the command line, on every reader: the same JSON with the windows kept and
    with the encoder's own vectors."""
    paths = [
        REPO / "corpus" / "sjablonen" / "voor" / "06-huurverhoging.html.j2",
        next((REPO / "corpus" / "docx" / "voor").glob("*.docx")),
        sorted(DEV.glob("*.txt"))[0],
        sorted(DEV.glob("*.md"))[0],
        sorted(DEV.glob("*.html"))[0],
    ]
    component = nlp.pipeline().get_pipe("tok2vec")
    component.token_windows.forget()
    with_windows = _check_json(capsys, paths)
    own = type(component).predict.__get__(component)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(component, "predict", own)
        without = _check_json(capsys, paths)
    assert with_windows == without
    assert sum(len(f["findings"]) for f in without) > 20


def _tiny_pipeline(window_size: int, attrs=("NORM", "PREFIX", "SUFFIX", "SHAPE")):
    config = {
        "model": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 32,
                "attrs": list(attrs),
                "rows": [500, 100, 100, 100][: len(attrs)],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 32,
                "depth": 2,
                "window_size": window_size,
                "maxout_pieces": 3,
            },
        }
    }
    pipeline = spacy.blank("nl")
    pipeline.add_pipe("tok2vec", config=config)
    pipeline.initialize()
    return pipeline


def test_another_encoder_of_the_same_build_gets_it_and_the_same_vectors():
    pipeline = _tiny_pipeline(window_size=1)
    component = pipeline.get_pipe("tok2vec")
    texts = ["Wij komen op dinsdag.", "Wij komen op woensdag.", "Bel ons."]
    docs = [pipeline.make_doc(t) for t in texts]
    want = component.model.predict(docs)
    assert token_windows.install(pipeline)
    got = component.predict(docs)
    assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))


def test_an_encoder_built_otherwise_runs_as_spacy_runs_it():
    pipeline = _tiny_pipeline(window_size=2)  # a window of two words either side
    assert not token_windows.install(pipeline)
    assert not token_windows.install(spacy.blank("nl"))  # no tok2vec at all
    # an embedding that reads a word's tag: more than its ORTH and NORM
    assert not token_windows.install(_tiny_pipeline(window_size=1, attrs=("NORM", "TAG")))
